import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './business-calendar.js';
import type { CalendarDay, OfficeHours } from './calendar-types.js';
import { DEFAULT_OFFICE_HOURS } from './office-hours.js';
import { officialBusinessCalendar } from './official-calendar.js';

/** A Shanghai wall-clock time, e.g. at('2025-10-09 09:30'). */
const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}+08:00`);
/** End of a Shanghai day, as statutory terms are due. */
const endOf = (date: string): Date => at(`${date} 23:59:59.999`);

const calendar = officialBusinessCalendar();
/** Office minutes in a default working day (3.5 h + 4 h). */
const DAY_MINUTES = 450;

const build = (days: CalendarDay[], officeHours: OfficeHours = DEFAULT_OFFICE_HOURS) =>
  new BusinessCalendar({ days, publishedYears: [2025], officeHours, timeZone: 'Asia/Shanghai' });

describe('BusinessCalendar.isWorkingDay', () => {
  it.each([
    ['2025-09-27 10:00', false, 'ordinary Saturday'],
    ['2025-09-28 10:00', true, 'make-up Sunday before National Day'],
    ['2025-10-01 10:00', false, 'National Day'],
    ['2025-10-06 10:00', false, 'Mid-Autumn inside the break'],
    ['2025-10-08 10:00', false, 'last day of the break, a Wednesday'],
    ['2025-10-09 10:00', true, 'first day back'],
    ['2025-10-11 10:00', true, 'make-up Saturday'],
    ['2025-10-12 10:00', false, 'ordinary Sunday'],
    ['2026-02-14 10:00', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-23 10:00', false, 'Spring Festival Monday'],
    ['2026-02-28 10:00', true, 'make-up Saturday after Spring Festival'],
  ])('%s → %s (%s)', (local, expected) => {
    expect(calendar.isWorkingDay(at(local))).toBe(expected);
  });

  it('uses the Shanghai day: 00:30 Thursday 9 Oct local is still 8 Oct in UTC', () => {
    expect(calendar.isWorkingDay(at('2025-10-09 00:30'))).toBe(true);
    expect(calendar.isWorkingDay(at('2025-10-08 23:59'))).toBe(false);
  });
});

describe('BusinessCalendar.addWorkingDays', () => {
  it.each([
    ['2025-11-07 10:00', 5, '2025-11-14 10:00', 'ordinary week: Fri → next Fri'],
    ['2025-09-26 10:00', 5, '2025-10-10 10:00', 'over National Day, counting Sun 28 Sep'],
    ['2025-09-30 16:00', 1, '2025-10-09 16:00', 'last day before the break'],
    ['2025-10-10 10:00', 1, '2025-10-11 10:00', 'onto the make-up Saturday'],
    ['2025-10-11 10:00', 1, '2025-10-13 10:00', 'start on the make-up Saturday'],
    ['2026-02-13 10:00', 1, '2026-02-14 10:00', 'onto the Spring Festival make-up Saturday'],
    ['2026-02-13 10:00', 2, '2026-02-24 10:00', 'over Spring Festival'],
    ['2026-02-13 10:00', 6, '2026-02-28 10:00', 'to the second make-up Saturday'],
    ['2025-11-08 15:00', 1, '2025-11-11 08:30', 'received Saturday: counting starts Monday 08:30'],
    ['2025-11-08 15:00', 0, '2025-11-10 08:30', 'zero days: the next office instant'],
    ['2025-10-03 11:00', 1, '2025-10-10 08:30', 'received during the holiday'],
    ['2025-11-10 12:30', 1, '2025-11-11 13:30', 'received in the lunch break'],
    ['2025-11-10 18:00', 1, '2025-11-12 08:30', 'received after 17:30'],
    ['2025-11-10 17:30', 1, '2025-11-12 08:30', 'received at closing time exactly'],
    ['2025-11-10 07:00', 1, '2025-11-11 08:30', 'received before opening'],
  ])('%s + %i → %s (%s)', (start, days, due) => {
    expect(calendar.addWorkingDays(at(start), days)).toEqual({
      dueAt: at(due),
      unpublishedYears: [],
    });
  });

  it('keeps seconds and milliseconds of the start', () => {
    expect(calendar.addWorkingDays(at('2025-11-07 10:00:42.123'), 5).dueAt).toEqual(
      at('2025-11-14 10:00:42.123'),
    );
  });

  it('spans a year of working days and always adds exactly that much office time', () => {
    const start = at('2025-01-02 09:15');
    const { dueAt, unpublishedYears } = calendar.addWorkingDays(start, 250);
    expect(unpublishedYears).toEqual([]);
    expect(dueAt.getTime()).toBeGreaterThan(at('2025-12-31 00:00').getTime());
    expect(calendar.workingMinutesBetween(start, dueAt)).toBe(250 * DAY_MINUTES);
  });

  it('rejects negative or fractional days', () => {
    expect(() => calendar.addWorkingDays(at('2025-11-07 10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(at('2025-11-07 10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('BusinessCalendar.addWorkingHours', () => {
  it.each([
    ['2025-11-07 16:30', 2, '2025-11-10 09:30', 'Fri afternoon → Mon morning'],
    ['2025-09-26 16:30', 2, '2025-09-28 09:30', 'Fri → the make-up Sunday'],
    ['2025-09-30 16:30', 2, '2025-10-09 09:30', 'across the National Day break'],
    ['2026-02-13 17:00', 1, '2026-02-14 09:00', 'onto the Spring Festival make-up Saturday'],
    ['2026-02-14 16:30', 2, '2026-02-24 09:30', 'across Spring Festival'],
    ['2025-11-10 12:15', 1, '2025-11-10 14:30', 'start in the lunch break'],
    ['2025-11-10 11:30', 1, '2025-11-10 14:00', 'over the lunch break'],
    ['2025-11-10 11:45', 0.5, '2025-11-10 13:45', 'fractional hours'],
    ['2025-11-10 18:00', 1, '2025-11-11 09:30', 'start after 17:30'],
    ['2025-11-08 10:00', 1, '2025-11-10 09:30', 'start on an ordinary Saturday'],
    ['2025-10-11 17:00', 1, '2025-10-13 09:00', 'start on the make-up Saturday'],
    ['2025-11-10 15:30', 2, '2025-11-10 17:30', 'budget ends at closing: due at closing'],
    ['2025-11-10 08:30', 7.5, '2025-11-10 17:30', 'exactly one working day'],
    ['2025-11-10 08:30', 37.5, '2025-11-14 17:30', 'exactly five working days'],
    ['2025-11-10 00:00', 15, '2025-11-11 17:30', 'whole days from midnight'],
    ['2025-11-10 19:00', 0, '2025-11-11 08:30', 'zero hours: the next office instant'],
  ])('%s + %sh → %s (%s)', (start, hours, due) => {
    expect(calendar.addWorkingHours(at(start), hours)).toEqual({
      dueAt: at(due),
      unpublishedYears: [],
    });
  });

  it('honours custom office hours', () => {
    const nineToFive = build([], [{ start: '09:00', end: '17:00' }]);
    expect(nineToFive.addWorkingHours(at('2025-11-07 16:00'), 2).dueAt).toEqual(
      at('2025-11-10 10:00'),
    );
  });

  it('rejects negative or non-finite hours', () => {
    for (const hours of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => calendar.addWorkingHours(at('2025-11-07 10:00'), hours)).toThrow(RangeError);
    }
  });

  it('adds exactly the office time it was asked for, from any start', () => {
    // Starts every 37 minutes through two busy months, including nights, lunch and holidays.
    for (
      let t = at('2025-09-20 00:00').getTime();
      t < at('2025-11-20 00:00').getTime();
      t += 37 * 60_000
    ) {
      for (const hours of [0.25, 1, 2, 9, 40]) {
        const { dueAt } = calendar.addWorkingHours(new Date(t), hours);
        expect(calendar.workingMinutesBetween(new Date(t), dueAt)).toBeCloseTo(hours * 60, 6);
      }
    }
  });

  it('completes 100,000 calls (no per-minute loops)', () => {
    const base = at('2025-01-01 00:00').getTime();
    let last = 0;
    for (let i = 0; i < 100_000; i++) {
      const start = new Date(base + ((i * 7_919_000) % (700 * 86_400_000)));
      last = calendar.addWorkingHours(start, 1 + (i % 24)).dueAt.getTime();
    }
    expect(last).toBeGreaterThan(base);
  });
});

describe('BusinessCalendar.addCalendarDays', () => {
  it('ends at the end of the last day, not counting the start day', () => {
    expect(calendar.addCalendarDays(at('2025-11-03 14:00'), 15)).toEqual({
      dueAt: endOf('2025-11-18'),
      unpublishedYears: [],
    });
  });

  it('counts on the Shanghai day of a late-evening start', () => {
    expect(calendar.addCalendarDays(at('2025-11-03 23:30'), 15).dueAt).toEqual(endOf('2025-11-18'));
    expect(calendar.addCalendarDays(at('2025-11-03 00:30'), 15).dueAt).toEqual(endOf('2025-11-18'));
  });

  it.each([
    ['2025-09-16 10:00', 15, '2025-10-09', 'last day National Day → first day back'],
    ['2025-11-07 10:00', 1, '2025-11-10', 'last day an ordinary Saturday → Monday'],
    ['2025-10-10 10:00', 1, '2025-10-11', 'last day a make-up Saturday: no extension'],
    ['2025-12-18 10:00', 15, '2026-01-04', 'last day New Year 2026 → the make-up Sunday'],
    ['2026-02-01 10:00', 15, '2026-02-24', 'last day in Spring Festival → Tuesday after'],
    ['2025-03-10 10:00', 365, '2026-03-10', 'one-year limitation'],
  ])('%s + %i days → end of %s (%s)', (start, days, due) => {
    expect(calendar.addCalendarDays(at(start), days).dueAt).toEqual(endOf(due));
  });

  it('does not extend when extendOverHoliday is false', () => {
    expect(
      calendar.addCalendarDays(at('2025-09-16 10:00'), 15, { extendOverHoliday: false }).dueAt,
    ).toEqual(endOf('2025-10-01'));
  });
});

describe('BusinessCalendar unpublished years', () => {
  it('computes 2031 as Monday–Friday and says so', () => {
    expect(calendar.addWorkingDays(at('2031-03-07 10:00'), 5)).toEqual({
      dueAt: at('2031-03-14 10:00'),
      unpublishedYears: [2031],
    });
    expect(calendar.addWorkingHours(at('2031-03-07 16:30'), 2).unpublishedYears).toEqual([2031]);
  });

  it('flags a clock that runs from a published into an unpublished year', () => {
    // Without the 2027 schedule, 1 Jan 2027 (a Friday) is counted as a working day.
    expect(calendar.addWorkingDays(at('2026-12-30 10:00'), 2)).toEqual({
      dueAt: at('2027-01-01 10:00'),
      unpublishedYears: [2027],
    });
    expect(calendar.addWorkingDays(at('2026-12-30 10:00'), 1).unpublishedYears).toEqual([]);
  });

  it('flags a statutory term only when its extension depends on the calendar', () => {
    const start = at('2026-12-20 10:00');
    expect(calendar.addCalendarDays(start, 15)).toEqual({
      dueAt: endOf('2027-01-04'),
      unpublishedYears: [2027],
    });
    expect(calendar.addCalendarDays(start, 15, { extendOverHoliday: false })).toEqual({
      dueAt: endOf('2027-01-04'),
      unpublishedYears: [],
    });
  });

  it('lists every unpublished year a span covers, in either order', () => {
    const [a, b] = [at('2026-06-01 10:00'), at('2029-06-01 10:00')];
    expect(calendar.unpublishedYearsBetween(a, b)).toEqual([2027, 2028, 2029]);
    expect(calendar.unpublishedYearsBetween(b, a)).toEqual([2027, 2028, 2029]);
  });
});

describe('BusinessCalendar.workingMinutesBetween', () => {
  it.each([
    ['2025-11-10 09:00', '2025-11-10 10:00', 60, 'same morning'],
    ['2025-11-10 11:00', '2025-11-10 14:00', 90, 'across lunch'],
    ['2025-11-10 12:10', '2025-11-10 13:20', 0, 'inside lunch'],
    ['2025-11-07 16:30', '2025-11-10 09:30', 120, 'over a weekend'],
    ['2025-09-30 16:30', '2025-10-09 09:30', 120, 'over National Day'],
    ['2025-09-26 17:00', '2025-09-29 09:00', DAY_MINUTES + 60, 'counting the make-up Sunday'],
    ['2025-11-08 09:00', '2025-11-09 17:00', 0, 'a whole weekend'],
    ['2025-11-10 08:30', '2025-11-17 08:30', 5 * DAY_MINUTES, 'a whole week'],
    ['2025-11-10 09:00:00', '2025-11-10 09:00:30', 0.5, 'half a minute'],
  ])('%s → %s = %s min (%s)', (from, to, minutes) => {
    expect(calendar.workingMinutesBetween(at(from), at(to))).toBe(minutes);
    expect(calendar.workingMinutesBetween(at(to), at(from))).toBe(minutes === 0 ? 0 : -minutes);
  });

  it('returns +0 for equal instants and empty spans', () => {
    const noon = at('2025-11-10 12:30');
    expect(Object.is(calendar.workingMinutesBetween(noon, noon), 0)).toBe(true);
    expect(Object.is(calendar.workingMinutesBetween(noon, at('2025-11-10 12:00')), 0)).toBe(true);
  });

  it('matches addWorkingDays for starts outside office hours', () => {
    for (const start of ['2025-11-08 15:00', '2025-11-10 12:30', '2025-11-10 18:00']) {
      const { dueAt } = calendar.addWorkingDays(at(start), 3);
      expect(calendar.workingMinutesBetween(at(start), dueAt)).toBe(3 * DAY_MINUTES);
    }
  });
});

describe('BusinessCalendar construction', () => {
  it('rejects a date that is both a holiday and a workday, and malformed dates', () => {
    expect(() =>
      build([
        { date: '2025-10-11', kind: 'workday' },
        { date: '2025-10-11', kind: 'holiday' },
      ]),
    ).toThrow(RangeError);
    expect(() => build([{ date: '2025-10-32', kind: 'holiday' }])).toThrow(RangeError);
  });

  it('works from data the caller supplies', () => {
    const custom = build([{ date: '2025-11-10', kind: 'holiday', name: '测试' }]);
    expect(custom.isWorkingDay(at('2025-11-10 10:00'))).toBe(false);
    expect(custom.addWorkingDays(at('2025-11-07 10:00'), 1).dueAt).toEqual(at('2025-11-11 10:00'));
    expect(custom.timeZone).toBe('Asia/Shanghai');
  });
});

describe('BusinessCalendar.addCalendarMonths', () => {
  it.each([
    ['2025-03-10 10:00', 12, '2026-03-10', 'a year, same day'],
    ['2025-01-31 10:00', 1, '2025-02-28', 'no 31 Feb: the month’s last day, a Friday'],
    ['2025-05-31 10:00', 1, '2025-06-30', 'no 31 Jun: 30 Jun, a Monday'],
    ['2025-08-30 10:00', 1, '2025-09-30', '30 Sep 2025, the day before National Day'],
    ['2025-08-31 10:00', 1, '2025-09-30', 'no 31 Sep: 30 Sep, a Tuesday'],
    ['2025-10-01 10:00', 12, '2026-10-08', 'last day National Day 2026 → first day back'],
    ['2026-01-04 10:00', 1, '2026-02-04', 'from the make-up Sunday'],
  ])('%s + %i months → end of %s (%s)', (start, months, due) => {
    expect(calendar.addCalendarMonths(at(start), months).dueAt).toEqual(endOf(due));
  });

  it('ends on the last day of a shorter month (民法典 art. 202)', () => {
    const term = build([]);
    // 31 Jan 2025 + 1 month: no 31 Feb → 28 Feb 2025 (a Friday, worked).
    expect(term.addCalendarMonths(at('2025-01-31 10:00'), 1, { extendOverHoliday: false })).toEqual(
      { dueAt: endOf('2025-02-28'), unpublishedYears: [] },
    );
    // 29 Feb 2028 + 12 months: no 29 Feb 2029 → 28 Feb 2029.
    expect(
      term.addCalendarMonths(at('2028-02-29 10:00'), 12, { extendOverHoliday: false }).dueAt,
    ).toEqual(endOf('2029-02-28'));
  });

  it('rejects negative or fractional months', () => {
    expect(() => calendar.addCalendarMonths(at('2025-11-07 10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addCalendarMonths(at('2025-11-07 10:00'), 0.5)).toThrow(RangeError);
  });
});

describe('BusinessCalendar.workingHoursPerDay', () => {
  it('sums the office-hours periods', () => {
    expect(calendar.workingHoursPerDay).toBe(7.5);
    expect(build([], [{ start: '09:00', end: '17:00' }]).workingHoursPerDay).toBe(8);
  });
});
