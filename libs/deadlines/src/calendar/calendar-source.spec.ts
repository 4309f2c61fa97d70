import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { loadOfficialCalendar, officialPublishedYears } from './calendar-source.js';
import { dayOfIsoDate, isWeekend, MS_PER_DAY } from './local-time.js';

describe('officialPublishedYears', () => {
  it('lists every year chinese-days 1.5.7 covers, 2004 through 2026', () => {
    const years = officialPublishedYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBeGreaterThanOrEqual(2026);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
  });
});

describe('loadOfficialCalendar', () => {
  const days = loadOfficialCalendar();
  const kindOf = (date: string) => days.find((day) => day.date === date)?.kind;

  it('has National Day / Mid-Autumn 2025: 1–8 Oct off, Sun 28 Sep and Sat 11 Oct worked', () => {
    for (const date of ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-08']) {
      expect(kindOf(date)).toBe('holiday');
    }
    expect(kindOf('2025-09-28')).toBe('workday');
    expect(kindOf('2025-10-11')).toBe('workday');
    expect(days.find((day) => day.date === '2025-10-06')?.name).toBe('中秋');
  });

  it('has Spring Festival 2026: 15–23 Feb off, Sat 14 and Sat 28 Feb worked', () => {
    const weekdaysOff = ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'];
    for (const date of [...weekdaysOff, '2026-02-23']) expect(kindOf(date)).toBe('holiday');
    expect(kindOf('2026-02-14')).toBe('workday');
    expect(kindOf('2026-02-28')).toBe('workday');
    expect(days.find((day) => day.date === '2026-02-17')?.name).toBe('春节');
  });

  it('keeps holidays on weekdays and make-up workdays on weekends, sorted', () => {
    for (const { date, kind } of days) {
      expect(isWeekend(dayOfIsoDate(date)), date).toBe(kind === 'workday');
    }
    expect(days.map(({ date }) => date)).toEqual(days.map(({ date }) => date).sort());
  });

  it('agrees with the package’s own isWorkday on every published day', () => {
    // Also proves the CommonJS package loads through a default import under vitest.
    const holidays = new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date));
    const workdays = new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date));
    const years = officialPublishedYears();
    const first = dayOfIsoDate(`${years[0]}-01-01`);
    const last = dayOfIsoDate(`${years.at(-1)}-12-31`);
    for (let day = first; day <= last; day++) {
      const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      const ours = workdays.has(date) || (!holidays.has(date) && !isWeekend(day));
      expect(ours, date).toBe(chineseDays.isWorkday(date));
    }
  });
});
