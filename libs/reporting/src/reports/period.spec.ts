import { describe, expect, it } from 'vitest';
import { daysIn, isIsoDate, lastMonths, monthsOf, segmentsOf, shanghaiToday } from './period.js';

describe('report periods', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });

  it('reads whole months from the monthly rows and the ends from the daily rows', () => {
    expect(segmentsOf({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      months: ['2026-01-01', '2026-12-01'],
      headDays: null,
      tailDays: null,
    });
    expect(segmentsOf({ from: '2026-03-15', to: '2026-05-10' })).toEqual({
      months: ['2026-04-01', '2026-04-01'],
      headDays: ['2026-03-15', '2026-03-31'],
      tailDays: ['2026-05-01', '2026-05-10'],
    });
    expect(segmentsOf({ from: '2026-03-02', to: '2026-03-30' })).toEqual({
      months: null,
      headDays: ['2026-03-02', '2026-03-30'],
      tailDays: null,
    });
    expect(segmentsOf({ from: '2026-03-31', to: '2026-04-01' })).toEqual({
      months: null,
      headDays: ['2026-03-31', '2026-04-01'],
      tailDays: null,
    });
    expect(segmentsOf({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      months: ['2024-02-01', '2024-02-01'],
      headDays: null,
      tailDays: null,
    });
  });

  it('lists the months a period touches and counts its days', () => {
    expect(monthsOf({ from: '2025-11-20', to: '2026-02-01' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(daysIn({ from: '2026-01-01', to: '2026-12-31' })).toBe(365);
    expect(lastMonths(12, '2026-11-23')).toEqual({ from: '2025-12-01', to: '2026-11-23' });
  });

  it('takes today in Shanghai', () => {
    expect(shanghaiToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(shanghaiToday(new Date('2026-12-31T15:30:00Z'))).toBe('2026-12-31');
  });
});
