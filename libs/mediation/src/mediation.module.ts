import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, OutboxModule } from '@heqi/core';
import { CasesModule } from '@heqi/cases';
import { DeadlineClocksModule } from '@heqi/deadlines';
import { AgreementsService } from './agreements/agreements.service.js';
import { AttachmentStore, LocalDiskAttachmentStore } from './attachments/attachment-store.js';
import { AttachmentsService } from './attachments/attachments.service.js';
import { ClosingService } from './closing/closing.service.js';
import { AgreementInstalment } from './entities/agreement-instalment.entity.js';
import { CaseAgreement } from './entities/case-agreement.entity.js';
import { CaseAttachment } from './entities/case-attachment.entity.js';
import { CaseNote } from './entities/case-note.entity.js';
import { CasePayment } from './entities/case-payment.entity.js';
import { CaseSession } from './entities/case-session.entity.js';
import { PaymentDefaultsService } from './payments/payment-defaults.service.js';
import { PaymentsService } from './payments/payments.service.js';
import { CaseWorkService } from './work/case-work.service.js';

/** Entities of the mediation context, for the migration model (`apps/migrate`). */
export const MEDIATION_ENTITIES = [
  CaseSession,
  CaseNote,
  CaseAttachment,
  CaseAgreement,
  AgreementInstalment,
  CasePayment,
];

const SERVICES = [
  CaseWorkService,
  AttachmentsService,
  ClosingService,
  AgreementsService,
  PaymentsService,
  PaymentDefaultsService,
];

/**
 * The mediator's work and the outcome: first contact, sessions, notes, attachments, closing,
 * the agreement (JSON and PDF), the payment ledger and payment defaults. Works in the API and
 * the worker alike. Uses the deadlines context's clock engine (imported) and its notifications
 * (from the app's global DeadlinesModule).
 */
@Module({
  imports: [
    AuditModule,
    OutboxModule,
    CasesModule,
    DeadlineClocksModule,
    TypeOrmModule.forFeature(MEDIATION_ENTITIES),
  ],
  providers: [...SERVICES, { provide: AttachmentStore, useClass: LocalDiskAttachmentStore }],
  exports: [...SERVICES, AttachmentStore],
})
export class MediationModule {}
