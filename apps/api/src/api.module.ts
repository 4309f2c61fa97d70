import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import {
  AppConfig,
  AuditModule,
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  OutboxModule,
  PiiModule,
  ProbeModule,
} from '@heqi/core';
import { AssignmentModule } from '@heqi/assignment';
import { CaseDeadlinesGateway, CasesModule } from '@heqi/cases';
import { DeadlinesModule } from '@heqi/deadlines';
import { HotlineModule } from '@heqi/hotline';
import { HotlineFeedbackModule } from '@heqi/hotline';
import { IdentityModule } from '@heqi/identity';
import { IntakeModule } from '@heqi/intake';
import { MediationModule } from '@heqi/mediation';
import { NetworkModule } from '@heqi/network';
import { ReportingModule } from '@heqi/reporting';
import { AssignmentController } from './assignment/assignment.controller.js';
import { CaseAssignmentController } from './assignment/case-assignment.controller.js';
import { LawFirmEngagementsController } from './assignment/law-firm-engagements.controller.js';
import { MyOffersController } from './assignment/my-offers.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CasesController } from './cases/cases.controller.js';
import { MeController } from './auth/me.controller.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { BearerAuthGuard } from './common/auth/bearer-auth.guard.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { CaseClocksController } from './deadlines/case-clocks.controller.js';
import { ClockPoliciesController } from './deadlines/clock-policies.controller.js';
import { DeadlineReportsController } from './deadlines/deadline-reports.controller.js';
import { ExtensionsController } from './deadlines/extensions.controller.js';
import { SupervisionOrdersController } from './deadlines/supervision-orders.controller.js';
import { HealthController } from './health/health.controller.js';
import { HotlineOrdersController } from './hotline/hotline-orders.controller.js';
import { HotlineFeedbackController } from './hotline/hotline-feedback.controller.js';
import { CaseReplyDraftController } from './hotline/case-reply-draft.controller.js';
import { HotlineKeysController } from './hotline-keys/hotline-keys.controller.js';
import { IntakeController } from './intake/intake.controller.js';
import { CaseAttachmentsController } from './mediation/case-attachments.controller.js';
import { CaseOutcomeController } from './mediation/case-outcome.controller.js';
import { CaseWorkController } from './mediation/case-work.controller.js';
import { MediatorsController } from './mediators/mediators.controller.js';
import { NetworkImportController } from './network-import/network-import.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { OrgUnitsController } from './org-units/org-units.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { UsersController } from './users/users.controller.js';

/** The HTTP API. Controllers are thin: one call into a lib per route. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        HealthModule,
        OutboxModule,
        ProbeModule,
        IdentityModule,
        PiiModule,
        NetworkModule,
        AuditModule,
        HotlineModule,
        CasesModule,
        IntakeModule,
        AssignmentModule,
        MediationModule,
        ReportingModule,
        DeadlinesModule.forRoot({ imports: [CasesModule], caseGateway: CaseDeadlinesGateway }),
        HotlineFeedbackModule,
      ],
      controllers: [
        HealthController,
        AuthController,
        MeController,
        UsersController,
        OrgUnitsController,
        MediatorsController,
        NetworkImportController,
        AuditController,
        HotlineKeysController,
        CasesController,
        IntakeController,
        HotlineOrdersController,
        MyOffersController,
        CaseAssignmentController,
        AssignmentController,
        LawFirmEngagementsController,
        CaseClocksController,
        ExtensionsController,
        SupervisionOrdersController,
        DeadlineReportsController,
        ReportsController,
        ClockPoliciesController,
        CalendarController,
        NotificationsController,
        CaseWorkController,
        CaseAttachmentsController,
        CaseOutcomeController,
        HotlineFeedbackController,
        CaseReplyDraftController,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        // Every route needs a bearer token unless marked @Public().
        { provide: APP_GUARD, useClass: BearerAuthGuard },
      ],
    };
  }
}
