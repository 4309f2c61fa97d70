import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, OutboxModule, PiiModule } from '@heqi/core';
import { DeadlineClocksModule } from '@heqi/deadlines';
import { CaseDeadlinesGateway } from './case-deadlines.gateway.js';
import { CaseEvent } from './case-event.entity.js';
import { CaseNumberCounter } from './case-number-counter.entity.js';
import { CaseQueriesService } from './case-queries.service.js';
import { CaseRevealService } from './case-reveal.service.js';
import { CaseTimeline } from './case-timeline.service.js';
import { CaseTriageService } from './case-triage.service.js';
import { CasesService } from './cases.service.js';
import { Claimant } from './claimant.entity.js';
import { EmployerCluster } from './employer-cluster.entity.js';
import { HotlineOrder } from './hotline-order.entity.js';
import { MediationCase } from './mediation-case.entity.js';

/** Entities of the cases context, for the migration model (`apps/migrate`). */
export const CASE_ENTITIES = [
  MediationCase,
  Claimant,
  CaseEvent,
  HotlineOrder,
  CaseNumberCounter,
  EmployerCluster,
];

/**
 * The case aggregate: creation (for intake), reading, reveal, routing and return. Imports the
 * audit, PII and outbox modules it writes through, so it works in the API and the worker alike,
 * and the deadlines' clock engine, which it drives as cases are created, routed and returned
 * (and serves the deadlines context through {@link CaseDeadlinesGateway}).
 */
@Module({
  imports: [
    AuditModule,
    PiiModule,
    OutboxModule,
    DeadlineClocksModule,
    TypeOrmModule.forFeature(CASE_ENTITIES),
  ],
  providers: [
    CasesService,
    CaseQueriesService,
    CaseRevealService,
    CaseTriageService,
    CaseTimeline,
    CaseDeadlinesGateway,
  ],
  exports: [
    CasesService,
    CaseQueriesService,
    CaseRevealService,
    CaseTriageService,
    CaseTimeline,
    CaseDeadlinesGateway,
  ],
})
export class CasesModule {}
