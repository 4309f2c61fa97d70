import type { BusinessCalendar, Deadline } from '../calendar/index.js';
import { BudgetUnit, WORKING_UNITS } from './budget-unit.enum.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** A policy's budget as a clock copies it at its start. */
export interface Budget {
  value: number;
  unit: BudgetUnit;
}

/** Everything a clock's due and warning instants follow from. */
export interface ClockTerms {
  startedAt: Date;
  /**
   * The policy's budget; it also decides how pauses and extensions are counted (office time for
   * working-time clocks). Null for clocks that only ever have a given due instant.
   */
  budget: Budget | null;
  /**
   * A due instant given by the caller, used instead of the budget: an instalment's due date, or
   * the reply deadline the 12345 platform set on its order.
   */
  givenDueAt?: Date | null;
  /** Share of the budget after which the clock warns, in (0, 1). */
  warnShare: number;
  /** Days added by approved extensions (working days for working-time clocks). */
  extensionDays: number;
  /** Time credited for past pauses, in the clock's own measure (see {@link pauseCreditMs}). */
  pausedTotalMs: number;
}

/** When a clock warns and falls due, and which unpublished years the computation assumed. */
export interface ClockSchedule {
  dueAt: Date;
  warnAt: Date;
  /** Years computed as plain Monday–Friday because their schedule is not published. */
  unverifiedYears: number[];
}

const isWorking = (unit: BudgetUnit | null): boolean => unit !== null && WORKING_UNITS.has(unit);

const mergeYears = (...lists: number[][]): number[] =>
  [...new Set(lists.flat())].sort((a, b) => a - b);

/** The due instant of a budget counted from `start`. */
export function dueForBudget(cal: BusinessCalendar, start: Date, budget: Budget): Deadline {
  switch (budget.unit) {
    case BudgetUnit.Minutes:
      return {
        dueAt: new Date(start.getTime() + Math.round(budget.value * MS_PER_MINUTE)),
        unpublishedYears: [],
      };
    case BudgetUnit.WorkingHours:
      return cal.addWorkingHours(start, budget.value);
    case BudgetUnit.WorkingDays:
      return cal.addWorkingDays(start, Math.round(budget.value));
    case BudgetUnit.CalendarDays:
      return cal.addCalendarDays(start, Math.round(budget.value));
    case BudgetUnit.CalendarMonths:
      return cal.addCalendarMonths(start, Math.round(budget.value));
  }
}

/**
 * The instant after which `share` of the time from `start` to `due` has run: office time for
 * working-time clocks (so an 80% warning of a 2-working-hour clock comes 96 office minutes in,
 * never at night), elapsed time otherwise. Never after `due`.
 */
export function warnInstant(
  cal: BusinessCalendar,
  unit: BudgetUnit | null,
  start: Date,
  due: Date,
  share: number,
): Date {
  if (due.getTime() <= start.getTime()) return due;
  const warn = isWorking(unit)
    ? cal.addWorkingHours(start, (share * cal.workingMinutesBetween(start, due)) / 60).dueAt
    : new Date(start.getTime() + Math.round(share * (due.getTime() - start.getTime())));
  return warn.getTime() > due.getTime() ? due : warn;
}

/**
 * `days` more for a due instant (an approved extension): working days of office time for
 * working-time clocks, statutory calendar days (extended over days off) for calendar clocks,
 * whole 24-hour days otherwise.
 */
export function extendDue(
  cal: BusinessCalendar,
  unit: BudgetUnit | null,
  due: Date,
  days: number,
): Deadline {
  if (days === 0) return { dueAt: due, unpublishedYears: [] };
  if (isWorking(unit)) return cal.addWorkingHours(due, days * cal.workingHoursPerDay);
  if (unit === BudgetUnit.CalendarDays || unit === BudgetUnit.CalendarMonths) {
    return cal.addCalendarDays(due, days);
  }
  return { dueAt: new Date(due.getTime() + days * MS_PER_DAY), unpublishedYears: [] };
}

/**
 * What a pause from `pausedAt` to `resumedAt` credits the clock: the office time that passed
 * (working-time clocks do not run outside office hours anyway), or the elapsed time.
 */
export function pauseCreditMs(
  cal: BusinessCalendar,
  unit: BudgetUnit | null,
  pausedAt: Date,
  resumedAt: Date,
): number {
  if (resumedAt.getTime() <= pausedAt.getTime()) return 0;
  return isWorking(unit)
    ? Math.round(cal.workingMinutesBetween(pausedAt, resumedAt) * MS_PER_MINUTE)
    : resumedAt.getTime() - pausedAt.getTime();
}

/** `instant` moved later by `creditMs` of the clock's measure (see {@link pauseCreditMs}). */
export function shiftBy(
  cal: BusinessCalendar,
  unit: BudgetUnit | null,
  instant: Date,
  creditMs: number,
): Deadline {
  if (creditMs <= 0) return { dueAt: instant, unpublishedYears: [] };
  return isWorking(unit)
    ? cal.addWorkingHours(instant, creditMs / MS_PER_HOUR)
    : { dueAt: new Date(instant.getTime() + creditMs), unpublishedYears: [] };
}

/**
 * A clock's due and warning instants from its terms: the given due, or else the budget from the
 * start, plus approved extensions, with the warning at `warnShare` of that span, both moved
 * later by the credited pause time. Pure: recomputing with a corrected calendar gives the
 * clock's new schedule.
 */
export function scheduleClock(cal: BusinessCalendar, terms: ClockTerms): ClockSchedule {
  const unit = terms.budget?.unit ?? null;
  let base: Deadline;
  if (terms.givenDueAt) base = { dueAt: terms.givenDueAt, unpublishedYears: [] };
  else if (terms.budget) base = dueForBudget(cal, terms.startedAt, terms.budget);
  else throw new RangeError('A clock needs a budget or a given due instant');
  const extended = extendDue(cal, unit, base.dueAt, terms.extensionDays);
  const warnAt = warnInstant(cal, unit, terms.startedAt, extended.dueAt, terms.warnShare);
  const due = shiftBy(cal, unit, extended.dueAt, terms.pausedTotalMs);
  const warn = shiftBy(cal, unit, warnAt, terms.pausedTotalMs);
  return {
    dueAt: due.dueAt,
    warnAt: warn.dueAt.getTime() > due.dueAt.getTime() ? due.dueAt : warn.dueAt,
    unverifiedYears: mergeYears(
      base.unpublishedYears,
      extended.unpublishedYears,
      due.unpublishedYears,
      warn.unpublishedYears,
    ),
  };
}
