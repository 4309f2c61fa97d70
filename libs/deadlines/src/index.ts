// The deadlines context's public door: the working-day calendar, the clock engine other contexts
// call inside their transactions (DeadlineClocksModule: DeadlinesService), and the rest of the
// context for the apps (DeadlinesModule.forRoot).
export * from './calendar/index.js';
export * from './calendar-admin/calendar-admin.service.js';
export * from './case-gateway.js';
export * from './clocks/budget-unit.enum.js';
export * from './clocks/case-clocks.service.js';
export {
  type FireResult,
  ClockFiring,
  SWEEP_BATCH,
  SWEEP_LANES,
} from './clocks/clock-firing.service.js';
export * from './clocks/clock-kind.enum.js';
export * from './clocks/clock-state.enum.js';
export { DeadlineSettings } from './clocks/deadline-settings.service.js';
export {
  type CaseDeadlineView,
  type StartClockInput,
  type StartedClock,
  type StopReason,
  DeadlinesService,
  FIRE_JOB_HORIZON_MS,
  atRiskCaseCondition,
  overdueCaseCondition,
} from './clocks/deadlines.service.js';
export * from './deadline-clocks.module.js';
export * from './deadlines.errors.js';
export * from './deadlines.module.js';
export * from './entities/index.js';
export * from './extensions/extensions.service.js';
export * from './notifications/notifications.service.js';
export * from './notifications/sms-provider.js';
export * from './policies/clock-policies.service.js';
export type { CaseTraits } from './policies/clock-policy-rule.js';
export * from './reports/deadline-reports.service.js';
export * from './supervision/supervision-orders.service.js';
