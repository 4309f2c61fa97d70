import { describe, expect, it } from 'vitest';
import { combine, figuresOf, fromCents, isZero, rawFromList, toCents, zeroRaw } from './figures.js';
import { FIGURES } from '../rollups/rollup-sql.js';
import { percent } from '../export/summary-export.js';

describe('report figures', () => {
  it('sums amounts exactly in cents', () => {
    expect(toCents('12000.5')).toBe(1_200_050n);
    expect(toCents('0.07')).toBe(7n);
    expect(toCents('-3.1')).toBe(-310n);
    expect(toCents(null)).toBe(0n);
    expect(fromCents(13_500_050n)).toBe('135000.50');
    expect(fromCents(-7n)).toBe('-0.07');
    // 0.1 + 0.2 in floating point is not 0.3; in cents it is.
    expect(fromCents(toCents('0.10') + toCents('0.20'))).toBe('0.30');
  });

  it('reads the sums in the order the rollups keep their figures', () => {
    const raw = rawFromList(FIGURES.map((_, i) => (i + 1) * 100).join(','));
    const camel = (f: string) => f.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    FIGURES.forEach((f, i) => {
      const value = raw[camel(f) as keyof typeof raw];
      expect(value, f).toBe(typeof value === 'bigint' ? BigInt((i + 1) * 10_000) : (i + 1) * 100);
    });
    expect(rawFromList('3,0,2,1,1,0,0,0,12000.50,0,0.07,0,0,0,0,86400').amountClaimed).toBe(
      1_200_050n,
    );
    expect(rawFromList(null)).toEqual(zeroRaw());
  });

  it('gives null rates on zero denominators and rounds to 4 decimals', () => {
    const f = figuresOf({ ...zeroRaw(), settled: 1, failed: 1, referred: 1, withdrawn: 5 });
    expect(f.settlementRate).toBe(0.3333);
    expect(f.onTimeRate).toBeNull();
    expect(f.satisfactionRate).toBeNull();
    expect(f.avgDaysToClose).toBeNull();
    expect(figuresOf(zeroRaw()).settlementRate).toBeNull();
  });

  it('averages calendar days to close with one decimal', () => {
    const f = figuresOf({ ...zeroRaw(), closed: 4, closeSeconds: 50.5 * 86_400 });
    expect(f.avgDaysToClose).toBe(12.6);
  });

  it('subtracts the children from a unit to find what it handles itself', () => {
    const unit = { ...zeroRaw(), received: 7, amountClaimed: 10_000_050n };
    const child = { ...zeroRaw(), received: 5, amountClaimed: 9_200_050n };
    const own = combine(unit, child, -1);
    expect(own.received).toBe(2);
    expect(fromCents(own.amountClaimed)).toBe('8000.00');
    expect(isZero(combine(unit, unit, -1))).toBe(true);
  });

  it('writes rates as percentages', () => {
    expect(percent(0.6667)).toBe('66.67%');
    expect(percent(1)).toBe('100.00%');
    expect(percent(null)).toBe('');
  });
});
