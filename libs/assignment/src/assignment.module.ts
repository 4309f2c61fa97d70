import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, OutboxModule } from '@heqi/core';
import { CasesModule } from '@heqi/cases';
import { DeadlineClocksModule } from '@heqi/deadlines';
import { AssignmentAlert } from './assignment-alert.entity.js';
import { AssignmentEngine } from './assignment-engine.service.js';
import { AssignmentSweepService } from './assignment-sweep.service.js';
import { AssignmentViewsService } from './assignment-views.service.js';
import { CaseCandidatesService } from './case-candidates.service.js';
import { CoMediationService } from './co-mediation.service.js';
import { CaseAssignment } from './case-assignment.entity.js';
import { CaseCoMediator } from './case-co-mediator.entity.js';
import { CaseOffer } from './case-offer.entity.js';
import { LawFirmEngagementRecord } from './law-firm-engagement.entity.js';
import { LawFirmEngagementsService } from './law-firm-engagements.service.js';
import { OfferClock } from './offer-clock.js';
import { OfferLedger } from './offer-ledger.service.js';
import { OffersService } from './offers.service.js';
import { ReassignmentService } from './reassignment.service.js';

/** Entities of the assignment context, for the migration model (`apps/migrate`). */
export const ASSIGNMENT_ENTITIES = [
  CaseOffer,
  CaseCoMediator,
  CaseAssignment,
  AssignmentAlert,
  LawFirmEngagementRecord,
];

/**
 * Queued assignment: the engine (worker), offers and reassignment (API), supervisors' views and
 * law-firm conflict records. Works in the API and the worker alike.
 */
@Module({
  imports: [
    AuditModule,
    OutboxModule,
    CasesModule,
    DeadlineClocksModule,
    TypeOrmModule.forFeature(ASSIGNMENT_ENTITIES),
  ],
  providers: [
    OfferClock,
    OfferLedger,
    AssignmentEngine,
    OffersService,
    ReassignmentService,
    CoMediationService,
    CaseCandidatesService,
    AssignmentViewsService,
    LawFirmEngagementsService,
    AssignmentSweepService,
  ],
  exports: [
    AssignmentEngine,
    OffersService,
    ReassignmentService,
    CoMediationService,
    CaseCandidatesService,
    AssignmentViewsService,
    LawFirmEngagementsService,
    AssignmentSweepService,
  ],
})
export class AssignmentModule {}
