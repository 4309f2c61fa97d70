/** How a policy's budget is counted. */
export enum BudgetUnit {
  /** Wall-clock minutes (short operational clocks; also what tests use for tiny budgets). */
  Minutes = 'minutes',
  /** Office hours on working days (official calendar, HEQI_OFFICE_HOURS). */
  WorkingHours = 'working_hours',
  /** Working days, due at the same office time of day as the (office-time) start. */
  WorkingDays = 'working_days',
  /** Statutory calendar days: the start day is not counted, a last day off is extended. */
  CalendarDays = 'calendar_days',
  /** Statutory months (a year = 12): the corresponding day, extended like calendar days. */
  CalendarMonths = 'calendar_months',
}

/** Units whose time runs only in office hours: pauses are credited in office time for them. */
export const WORKING_UNITS: ReadonlySet<BudgetUnit> = new Set([
  BudgetUnit.WorkingHours,
  BudgetUnit.WorkingDays,
]);
