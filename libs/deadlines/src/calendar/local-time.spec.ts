import { describe, expect, it } from 'vitest';
import {
  MS_PER_DAY,
  dayOfIsoDate,
  instantOf,
  instantOfDate,
  isWeekend,
  localDay,
  localMsOfDay,
  weekdayOf,
  yearOfDay,
} from './local-time.js';

describe('local-time', () => {
  it('puts an instant on its Shanghai day, not its UTC day', () => {
    // 23:30 local on 3 Nov is still 3 Nov UTC; 00:30 local on 3 Nov is 2 Nov UTC.
    const late = Date.parse('2025-11-03T23:30:00+08:00');
    const early = Date.parse('2025-11-03T00:30:00+08:00');
    expect(localDay(late)).toBe(dayOfIsoDate('2025-11-03'));
    expect(localDay(early)).toBe(dayOfIsoDate('2025-11-03'));
    expect(localMsOfDay(early)).toBe(30 * 60_000);
  });

  it('round-trips day and time of day back to the instant', () => {
    const instant = Date.parse('2026-02-14T13:45:12.345+08:00');
    expect(instantOf(localDay(instant), localMsOfDay(instant))).toBe(instant);
  });

  it('knows weekdays, weekends and years, also before 1970', () => {
    expect(weekdayOf(dayOfIsoDate('2025-10-11'))).toBe(6);
    expect(isWeekend(dayOfIsoDate('2025-09-28'))).toBe(true);
    expect(isWeekend(dayOfIsoDate('2025-10-08'))).toBe(false);
    expect(weekdayOf(dayOfIsoDate('1969-12-31'))).toBe(3);
    expect(yearOfDay(dayOfIsoDate('2026-12-31'))).toBe(2026);
    expect(yearOfDay(dayOfIsoDate('2026-12-31') + 1)).toBe(2027);
    expect(dayOfIsoDate('1970-01-02')).toBe(1);
    expect(MS_PER_DAY).toBe(86_400_000);
  });

  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '2025-1-01', '20250101', '']) {
      expect(() => dayOfIsoDate(bad)).toThrow(RangeError);
    }
    expect(() => instantOfDate(new Date('nope'))).toThrow(RangeError);
  });
});
