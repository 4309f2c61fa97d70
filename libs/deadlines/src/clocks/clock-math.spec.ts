import { describe, expect, it } from 'vitest';
import { officialBusinessCalendar } from '../calendar/index.js';
import { BudgetUnit } from './budget-unit.enum.js';
import {
  type ClockTerms,
  extendDue,
  pauseCreditMs,
  scheduleClock,
  shiftBy,
  warnInstant,
} from './clock-math.js';

/**
 * The clocks of the design's default policies on the 2026 calendar. Expected instants are worked
 * out by hand from the State Council's notice for 2026 (国办发明电〔2025〕7号), office hours
 * 08:30–12:00 and 13:30–17:30 (7.5 h a day):
 * - Spring Festival: 15 Feb (Sun) – 23 Feb (Mon) off; Sat 14 Feb and Sat 28 Feb worked.
 * - Mid-Autumn: 25–27 Sep (Fri–Sun) off. National Day: 1–7 Oct (Thu–Wed) off; Sun 20 Sep and
 *   Sat 10 Oct worked.
 */

/** A Shanghai wall-clock time, e.g. at('2026-02-13 10:00'). */
const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}+08:00`);
const endOf = (date: string): Date => at(`${date} 23:59:59.999`);

const calendar = officialBusinessCalendar();

const terms = (
  startedAt: string,
  value: number,
  unit: BudgetUnit,
  more: Partial<ClockTerms> = {},
): ClockTerms => ({
  startedAt: at(startedAt),
  budget: { value, unit },
  warnShare: 0.8,
  extensionDays: 0,
  pausedTotalMs: 0,
  ...more,
});

describe('working-hour clocks (12345 sign-for: 2 working hours, 1 for collective wage arrears)', () => {
  it.each([
    // start, hours, due, warning at 80%, why
    ['2026-02-13 09:00', 2, '2026-02-13 11:00', '2026-02-13 10:36', 'an ordinary morning'],
    ['2026-02-13 16:30', 2, '2026-02-14 09:30', '2026-02-14 09:06', 'onto make-up Sat 14 Feb'],
    ['2026-02-13 18:00', 2, '2026-02-14 10:30', '2026-02-14 10:06', 'after hours on the Friday'],
    ['2026-02-14 16:30', 2, '2026-02-24 09:30', '2026-02-24 09:06', 'across the 9-day break'],
    ['2026-02-18 15:00', 2, '2026-02-24 10:30', '2026-02-24 10:06', 'starts on 初二, a holiday'],
    ['2026-02-21 10:00', 1, '2026-02-24 09:30', '2026-02-24 09:18', 'starts on a break Saturday'],
    ['2026-02-28 17:00', 1, '2026-03-02 09:00', '2026-03-02 08:48', 'make-up Sat 28 Feb, late'],
    ['2026-02-23 23:00', 1, '2026-02-24 09:30', '2026-02-24 09:18', 'night of the last day off'],
    ['2026-09-18 17:00', 2, '2026-09-20 10:00', '2026-09-20 09:36', 'onto make-up Sun 20 Sep'],
    ['2026-09-24 16:00', 2, '2026-09-28 09:00', '2026-09-28 08:36', 'over Mid-Autumn'],
    ['2026-09-30 16:30', 2, '2026-10-08 09:30', '2026-10-08 09:06', 'over National Day'],
    ['2026-10-03 11:00', 2, '2026-10-08 10:30', '2026-10-08 10:06', 'starts on National Day'],
    ['2026-10-09 17:10', 2, '2026-10-10 10:10', '2026-10-10 09:46', 'onto make-up Sat 10 Oct'],
    ['2026-10-10 12:15', 1, '2026-10-10 14:30', '2026-10-10 14:18', 'lunch on make-up Saturday'],
  ])('%s + %ih → due %s, warns %s (%s)', (start, hours, due, warn) => {
    expect(scheduleClock(calendar, terms(start, hours, BudgetUnit.WorkingHours))).toEqual({
      dueAt: at(due),
      warnAt: at(warn),
      unverifiedYears: [],
    });
  });
});

describe('working-day clocks (first contact: 1 working day; 12345 reply: 5)', () => {
  it.each([
    // 80% of a working day is 6 office hours: from 10:00 that is the rest of the start day.
    ['2026-02-12 10:00', 1, '2026-02-13 10:00', '2026-02-12 17:30', 'an ordinary day'],
    ['2026-02-13 10:00', 1, '2026-02-14 10:00', '2026-02-13 17:30', 'make-up Saturday counts'],
    ['2026-02-13 10:00', 5, '2026-02-27 10:00', '2026-02-26 10:00', 'reply over Spring Festival'],
    ['2026-02-14 15:00', 1, '2026-02-24 15:00', '2026-02-24 12:00', 'last day before the break'],
    ['2026-02-17 09:00', 1, '2026-02-25 08:30', '2026-02-24 16:00', 'accepted during the break'],
    ['2026-02-27 18:30', 1, '2026-03-02 08:30', '2026-02-28 16:00', 'after hours, make-up Sat'],
    ['2026-09-24 09:00', 5, '2026-10-09 09:00', '2026-10-08 09:00', 'reply over both breaks'],
    ['2026-09-30 16:00', 1, '2026-10-08 16:00', '2026-10-08 14:30', 'first contact over 国庆'],
    // Four days of office time from the lunch break run out at 12:00, not after lunch.
    ['2026-10-10 12:30', 5, '2026-10-16 13:30', '2026-10-15 12:00', 'lunch on make-up Sat'],
    ['2026-10-05 20:00', 1, '2026-10-09 08:30', '2026-10-08 16:00', 'a holiday evening'],
  ])('%s + %i working days → due %s, warns %s (%s)', (start, days, due, warn) => {
    expect(scheduleClock(calendar, terms(start, days, BudgetUnit.WorkingDays))).toEqual({
      dueAt: at(due),
      warnAt: at(warn),
      unverifiedYears: [],
    });
  });
});

describe('calendar clocks (statutory 15 days, 30-day confirmation window, 1-year limitation)', () => {
  it.each([
    ['2026-02-01 10:00', 15, BudgetUnit.CalendarDays, '2026-02-24', 'last day 16 Feb → 24 Feb'],
    ['2026-02-16 10:00', 15, BudgetUnit.CalendarDays, '2026-03-03', 'received during the break'],
    ['2026-02-13 10:00', 15, BudgetUnit.CalendarDays, '2026-02-28', 'last day make-up Sat 28 Feb'],
    ['2026-09-22 10:00', 15, BudgetUnit.CalendarDays, '2026-10-08', 'last day 7 Oct → 8 Oct'],
    ['2026-09-05 10:00', 15, BudgetUnit.CalendarDays, '2026-09-20', 'last day make-up Sun 20 Sep'],
    ['2026-09-10 10:00', 30, BudgetUnit.CalendarDays, '2026-10-10', 'last day make-up Sat 10 Oct'],
    ['2025-10-01 09:00', 12, BudgetUnit.CalendarMonths, '2026-10-08', 'a year to 1 Oct 2026'],
    ['2025-02-17 09:00', 12, BudgetUnit.CalendarMonths, '2026-02-24', 'a year into the break'],
  ])('%s + %i %s → end of %s (%s)', (start, value, unit, due) => {
    const schedule = scheduleClock(calendar, terms(start, value, unit));
    expect(schedule.dueAt).toEqual(endOf(due));
    expect(schedule.unverifiedYears).toEqual([]);
    // The warning is at 80% of the elapsed span from the start to the extended last day.
    const span = endOf(due).getTime() - at(start).getTime();
    expect(schedule.warnAt.getTime()).toBe(at(start).getTime() + Math.round(0.8 * span));
  });

  it('extends over an ordinary weekend but not over a make-up working Saturday', () => {
    // 13 Feb + 14 days = Fri 27 Feb; + 15 = Sat 28 Feb (worked); + 16 = Sun 1 Mar → Mon 2 Mar.
    const due = (days: number) =>
      scheduleClock(calendar, terms('2026-02-13 10:00', days, BudgetUnit.CalendarDays)).dueAt;
    expect([14, 15, 16].map(due)).toEqual([
      endOf('2026-02-27'),
      endOf('2026-02-28'),
      endOf('2026-03-02'),
    ]);
  });

  it('flags a limitation running into the unpublished 2027 and computes it Monday–Friday', () => {
    // 28 Feb 2027 is a Sunday: without the 2027 schedule the term ends Monday 1 March.
    expect(
      scheduleClock(calendar, terms('2026-02-28 09:00', 12, BudgetUnit.CalendarMonths)),
    ).toEqual(expect.objectContaining({ dueAt: endOf('2027-03-01'), unverifiedYears: [2027] }));
  });

  it('flags a 5-working-day reply received in the last days of 2026', () => {
    const schedule = scheduleClock(calendar, terms('2026-12-28 10:00', 5, BudgetUnit.WorkingDays));
    expect(schedule.dueAt).toEqual(at('2027-01-04 10:00'));
    expect(schedule.unverifiedYears).toEqual([2027]);
  });
});

describe('given due instants (agreement instalments) and minutes', () => {
  it('uses the given due and warns at 80% of the time to it', () => {
    const schedule = scheduleClock(calendar, {
      startedAt: at('2026-03-01 10:00'),
      budget: null,
      givenDueAt: endOf('2026-03-31'),
      warnShare: 0.8,
      extensionDays: 0,
      pausedTotalMs: 0,
    });
    expect(schedule.dueAt).toEqual(endOf('2026-03-31'));
    const span = endOf('2026-03-31').getTime() - at('2026-03-01 10:00').getTime();
    expect(schedule.warnAt.getTime()).toBe(
      at('2026-03-01 10:00').getTime() + Math.round(0.8 * span),
    );
  });

  it('counts minutes on the wall clock, holidays included', () => {
    expect(scheduleClock(calendar, terms('2026-02-17 03:00', 0.05, BudgetUnit.Minutes))).toEqual({
      dueAt: at('2026-02-17 03:00:03'),
      warnAt: at('2026-02-17 03:00:02.400'),
      unverifiedYears: [],
    });
  });

  it('refuses a clock with neither a budget nor a given due', () => {
    expect(() =>
      scheduleClock(calendar, {
        ...terms('2026-03-01 10:00', 1, BudgetUnit.Minutes),
        budget: null,
      }),
    ).toThrow(RangeError);
  });
});

describe('pauses', () => {
  it('credits only the office time a working clock was paused', () => {
    // Paused Fri 13 Feb 16:00, resumed Tue 24 Feb 09:00: 1.5 h on the 13th, 7.5 h on make-up
    // Sat 14 Feb, nothing in the break, 0.5 h on the 24th = 9.5 office hours.
    const credit = pauseCreditMs(
      calendar,
      BudgetUnit.WorkingDays,
      at('2026-02-13 16:00'),
      at('2026-02-24 09:00'),
    );
    expect(credit).toBe(9.5 * 3_600_000);
    // A reply due Fri 27 Feb 10:00 moves by 9.5 office hours: 6 h to closing on Friday, then
    // 3.5 h on make-up Sat 28 Feb, which run out at 12:00.
    expect(shiftBy(calendar, BudgetUnit.WorkingDays, at('2026-02-27 10:00'), credit).dueAt).toEqual(
      at('2026-02-28 12:00'),
    );
  });

  it('credits the elapsed time of a calendar clock', () => {
    const credit = pauseCreditMs(
      calendar,
      BudgetUnit.CalendarDays,
      at('2026-10-01 10:00'),
      at('2026-10-03 16:00'),
    );
    expect(credit).toBe(54 * 3_600_000);
    expect(shiftBy(calendar, BudgetUnit.CalendarDays, endOf('2026-10-08'), credit).dueAt).toEqual(
      at('2026-10-11 05:59:59.999'),
    );
  });

  it('keeps a due at closing time where it is when nothing is credited', () => {
    const closing = at('2026-02-13 17:30');
    expect(shiftBy(calendar, BudgetUnit.WorkingHours, closing, 0).dueAt).toEqual(closing);
    expect(pauseCreditMs(calendar, BudgetUnit.WorkingHours, closing, closing)).toBe(0);
  });

  it('schedules a clock with its credited pauses moving both instants', () => {
    const paused = scheduleClock(
      calendar,
      terms('2026-02-13 10:00', 5, BudgetUnit.WorkingDays, { pausedTotalMs: 9.5 * 3_600_000 }),
    );
    expect(paused.dueAt).toEqual(at('2026-02-28 12:00'));
    // The warning, Thu 26 Feb 10:00, moves as much: 6 h to Thursday's closing, 3.5 h on Friday.
    expect(paused.warnAt).toEqual(at('2026-02-27 12:00'));
  });
});

describe('extensions', () => {
  it('adds working days of office time to a working clock', () => {
    // Reply due Fri 27 Feb 10:00 + 10 working days: Sat 28 Feb (make-up), 2–6 Mar, 9–12 Mar.
    expect(extendDue(calendar, BudgetUnit.WorkingDays, at('2026-02-27 10:00'), 10).dueAt).toEqual(
      at('2026-03-12 10:00'),
    );
    // A due at closing time stays at closing time, on the later day.
    expect(extendDue(calendar, BudgetUnit.WorkingHours, at('2026-09-30 17:30'), 1).dueAt).toEqual(
      at('2026-10-08 17:30'),
    );
  });

  it('adds statutory days to a calendar clock, extended over days off', () => {
    expect(extendDue(calendar, BudgetUnit.CalendarDays, endOf('2026-09-28'), 5).dueAt).toEqual(
      endOf('2026-10-08'),
    );
  });

  it('schedules the warning at 80% of the extended span', () => {
    const extended = scheduleClock(
      calendar,
      terms('2026-02-13 10:00', 5, BudgetUnit.WorkingDays, { extensionDays: 10 }),
    );
    expect(extended.dueAt).toEqual(at('2026-03-12 10:00'));
    // 15 working days × 0.8 = 12 working days after Fri 13 Feb 10:00: Sat 14, 24–27 Feb, Sat 28
    // (6), 2–6 Mar (11), Mon 9 Mar (12) → 10:00.
    expect(extended.warnAt).toEqual(at('2026-03-09 10:00'));
  });

  it('never warns after the due instant', () => {
    const due = at('2026-02-13 10:00');
    expect(warnInstant(calendar, BudgetUnit.WorkingHours, at('2026-02-13 11:00'), due, 0.8)).toBe(
      due,
    );
  });
});
