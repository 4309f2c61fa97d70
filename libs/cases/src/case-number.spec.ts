import { describe, expect, it } from 'vitest';
import { districtShortName, formatCaseNo, shanghaiYear } from './case-number.js';

describe('districtShortName', () => {
  it.each([
    ['南湖区', '南湖'],
    ['宝应县', '宝应'],
    ['仪征市', '仪征'],
    ['达拉特旗', '达拉特'],
    [' 江都 区 ', '江都'],
    ['郊区', '郊区'],
    ['城区', '城区'],
    ['南湖', '南湖'],
    ['浦东新区', '浦东新'],
  ])('%j → %j', (name, short) => {
    expect(districtShortName(name)).toBe(short);
  });

  it('drops only one suffix', () => {
    expect(districtShortName('市辖区')).toBe('市辖');
  });
});

describe('shanghaiYear', () => {
  it.each([
    ['2026-12-31T15:59:59.999Z', 2026],
    ['2026-12-31T16:00:00.000Z', 2027],
    ['2027-01-01T00:30:00+08:00', 2027],
    ['2026-12-31T23:30:00+08:00', 2026],
    ['2026-06-01T00:00:00Z', 2026],
  ])('%s → %i', (iso, year) => {
    expect(shanghaiYear(new Date(iso))).toBe(year);
  });
});

describe('formatCaseNo', () => {
  it('pads the sequence to six digits', () => {
    expect(formatCaseNo('南湖区', 2026, 123)).toBe('南湖-2026-000123');
    expect(formatCaseNo('南湖区', 2026, 1)).toBe('南湖-2026-000001');
  });

  it('grows a digit past 999,999 instead of wrapping', () => {
    expect(formatCaseNo('宝应县', 2026, 999_999)).toBe('宝应-2026-999999');
    expect(formatCaseNo('宝应县', 2026, 1_000_000)).toBe('宝应-2026-1000000');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the sequence %s', (seq) => {
    expect(() => formatCaseNo('南湖区', 2026, seq)).toThrow(RangeError);
  });
});
