/** An instalment as allocation sees it: amounts in fen. */
export interface OwedInstalment {
  no: number;
  fen: number;
  paidFen: number;
}

export interface Allocation {
  no: number;
  fen: number;
  /** This payment completes the instalment. */
  completes: boolean;
}

/**
 * Allocates a payment to the earliest instalments still owed (by number, i.e. due date),
 * filling each before the next. Returns the allocations and what could not be allocated (more
 * than is owed: the caller refuses such a payment).
 */
export function allocatePayment(
  instalments: readonly OwedInstalment[],
  paymentFen: number,
): { allocations: Allocation[]; unallocatedFen: number } {
  let rest = paymentFen;
  const allocations: Allocation[] = [];
  for (const i of [...instalments].sort((a, b) => a.no - b.no)) {
    if (rest === 0) break;
    const owed = i.fen - i.paidFen;
    if (owed <= 0) continue;
    const fen = Math.min(owed, rest);
    allocations.push({ no: i.no, fen, completes: fen === owed });
    rest -= fen;
  }
  return { allocations, unallocatedFen: rest };
}
