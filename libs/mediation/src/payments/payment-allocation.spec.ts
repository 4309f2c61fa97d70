import { describe, expect, it } from 'vitest';
import { allocatePayment } from './payment-allocation.js';

const plan = [
  { no: 2, fen: 1_250_000, paidFen: 0 },
  { no: 1, fen: 2_000_000, paidFen: 500_000 },
  { no: 3, fen: 100, paidFen: 0 },
];

describe('allocatePayment', () => {
  it('fills the earliest instalment first', () => {
    expect(allocatePayment(plan, 1_000_000)).toEqual({
      allocations: [{ no: 1, fen: 1_000_000, completes: false }],
      unallocatedFen: 0,
    });
  });

  it('spills over into the next ones', () => {
    expect(allocatePayment(plan, 1_500_050)).toEqual({
      allocations: [
        { no: 1, fen: 1_500_000, completes: true },
        { no: 2, fen: 50, completes: false },
      ],
      unallocatedFen: 0,
    });
  });

  it('skips paid instalments and reports what is left over', () => {
    const paid = [{ no: 1, fen: 100, paidFen: 100 }, ...plan.slice(2)];
    expect(allocatePayment(paid, 150)).toEqual({
      allocations: [{ no: 3, fen: 100, completes: true }],
      unallocatedFen: 50,
    });
  });

  it('pays everything exactly', () => {
    const { allocations, unallocatedFen } = allocatePayment(plan, 2_750_100);
    expect(unallocatedFen).toBe(0);
    expect(allocations.every((a) => a.completes)).toBe(true);
  });
});
