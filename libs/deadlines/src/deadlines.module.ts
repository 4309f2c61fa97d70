import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { JobReceiptsModule, OutboxModule } from '@heqi/core';
import { CalendarAdminService } from './calendar-admin/calendar-admin.service.js';
import { CaseGateway } from './case-gateway.js';
import { CaseClocksService } from './clocks/case-clocks.service.js';
import { ClockFiring } from './clocks/clock-firing.service.js';
import { DeadlineClocksModule } from './deadline-clocks.module.js';
import { ExtensionsService } from './extensions/extensions.service.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { LogSmsProvider, SmsProvider } from './notifications/sms-provider.js';
import { ClockPoliciesService } from './policies/clock-policies.service.js';
import { DeadlineReportsService } from './reports/deadline-reports.service.js';
import { SupervisionOrdersService } from './supervision/supervision-orders.service.js';

/** How an app wires the deadlines context to the case aggregate and an SMS gateway. */
export interface DeadlinesModuleOptions {
  /** Modules that provide (and export) the {@link CaseGateway} implementation. */
  imports: NonNullable<ModuleMetadata['imports']>;
  /** The class implementing {@link CaseGateway} (the cases context's). */
  caseGateway: Type<CaseGateway>;
  /** The SMS channel; the local {@link LogSmsProvider} unless a real gateway is given. */
  smsProvider?: Type<SmsProvider>;
}

const SERVICES = [
  NotificationsService,
  ClockFiring,
  CaseClocksService,
  ExtensionsService,
  SupervisionOrdersService,
  DeadlineReportsService,
  ClockPoliciesService,
  CalendarAdminService,
];

/**
 * The deadlines context in full: firing and escalation, extensions, pauses, 督办, reports,
 * calendar and policy administration, notifications. Needs the app's global config, audit and
 * PII modules; the case aggregate comes in through {@link CaseGateway}.
 *
 * Global: an app configures it once (`forRoot`), and other contexts inject its services (the
 * mediation context sends notifications) without importing it again — a second `forRoot` would
 * be a second instance, with its own SMS channel.
 */
@Module({})
export class DeadlinesModule {
  static forRoot(options: DeadlinesModuleOptions): DynamicModule {
    return {
      module: DeadlinesModule,
      global: true,
      imports: [DeadlineClocksModule, OutboxModule, JobReceiptsModule, ...options.imports],
      providers: [
        { provide: CaseGateway, useExisting: options.caseGateway },
        { provide: SmsProvider, useClass: options.smsProvider ?? LogSmsProvider },
        ...SERVICES,
      ],
      exports: [DeadlineClocksModule, SmsProvider, ...SERVICES],
    };
  }
}
