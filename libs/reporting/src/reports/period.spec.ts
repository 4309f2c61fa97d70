import { describe, expect, it } from 'vitest';
import { daysIn, isIsoDate, lastMonths, monthsOf, segmentsOf, shanghaiToday } from './period.js';

describe('report periods', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });

  it('reads whole years from the yearly rows, whole months from the monthly, the ends from the daily', () => {
    const d = (from: string, to: string) => ({ grain: 'd', from, to });
    const m = (from: string, to: string) => ({ grain: 'm', from, to });
    const y = (from: string, to: string) => ({ grain: 'y', from, to });
    expect(segmentsOf({ from: '2026-01-01', to: '2026-12-31' })).toEqual([
      y('2026-01-01', '2026-01-01'),
    ]);
    expect(segmentsOf({ from: '2025-01-01', to: '2026-12-31' })).toEqual([
      y('2025-01-01', '2026-01-01'),
    ]);
    expect(segmentsOf({ from: '2026-03-01', to: '2026-03-31' })).toEqual([
      m('2026-03-01', '2026-03-01'),
    ]);
    expect(segmentsOf({ from: '2026-03-15', to: '2026-05-10' })).toEqual([
      d('2026-03-15', '2026-03-31'),
      m('2026-04-01', '2026-04-01'),
      d('2026-05-01', '2026-05-10'),
    ]);
    expect(segmentsOf({ from: '2024-11-20', to: '2027-02-10' })).toEqual([
      d('2024-11-20', '2024-11-30'),
      m('2024-12-01', '2024-12-01'),
      y('2025-01-01', '2026-01-01'),
      m('2027-01-01', '2027-01-01'),
      d('2027-02-01', '2027-02-10'),
    ]);
    expect(segmentsOf({ from: '2026-03-02', to: '2026-03-30' })).toEqual([
      d('2026-03-02', '2026-03-30'),
    ]);
    expect(segmentsOf({ from: '2026-03-31', to: '2026-04-01' })).toEqual([
      d('2026-03-31', '2026-04-01'),
    ]);
    expect(segmentsOf({ from: '2024-02-01', to: '2024-02-29' })).toEqual([
      m('2024-02-01', '2024-02-01'),
    ]);
    expect(segmentsOf({ from: '2025-12-31', to: '2026-01-01' })).toEqual([
      d('2025-12-31', '2026-01-01'),
    ]);
  });

  it('reads a year from its months when the report is by month', () => {
    expect(segmentsOf({ from: '2026-01-01', to: '2026-12-31' }, { years: false })).toEqual([
      { grain: 'm', from: '2026-01-01', to: '2026-12-01' },
    ]);
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
