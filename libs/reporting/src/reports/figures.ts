/** Raw sums read from the rollups: counts as numbers, amounts in cents. */
export interface RawFigures {
  received: number;
  reopened: number;
  closed: number;
  settled: number;
  failed: number;
  referred: number;
  withdrawn: number;
  rejected: number;
  amountClaimed: bigint;
  amountAgreed: bigint;
  amountPaid: bigint;
  feedback: number;
  satisfied: number;
  clocksDue: number;
  clocksMet: number;
  closeSeconds: number;
}

/** The figures of one row (contract: "Reports"), plus the counts behind each rate. */
export interface SummaryFigures {
  /** Cases received in the period (by `receivedAt`). */
  received: number;
  /** Cases closed in the period (by `closedAt`), whatever the outcome. */
  closed: number;
  settled: number;
  failed: number;
  /** Referred to arbitration, litigation or labour inspection. */
  referred: number;
  withdrawn: number;
  /** Not accepted (不予受理). */
  rejected: number;
  /** settled / (settled + failed + referred); null when that is 0. Rounded to 4 decimals. */
  settlementRate: number | null;
  /** clocksMet / clocksDue; null when no clock was due. Rounded to 4 decimals. */
  onTimeRate: number | null;
  /** Of the cases closed in the period, yuan with 2 decimals. */
  amountClaimed: string;
  amountAgreed: string;
  amountPaid: string;
  /** (满意 + 基本满意) / feedback received; null without feedback. Rounded to 4 decimals. */
  satisfactionRate: number | null;
  /** Mean calendar days from received to closed, 1 decimal; null when none closed. */
  avgDaysToClose: number | null;
  /** Cases received in the period that were reopened (重办) at least once. */
  reopened: number;
  /** Feedback (回访) received on the cases closed in the period. */
  feedback: number;
  /** Of which 满意 or 基本满意. */
  satisfied: number;
  /** Service clocks decided on the cases closed in the period (met + breached). */
  clocksDue: number;
  clocksMet: number;
}

export const zeroRaw = (): RawFigures => ({
  received: 0,
  reopened: 0,
  closed: 0,
  settled: 0,
  failed: 0,
  referred: 0,
  withdrawn: 0,
  rejected: 0,
  amountClaimed: 0n,
  amountAgreed: 0n,
  amountPaid: 0n,
  feedback: 0,
  satisfied: 0,
  clocksDue: 0,
  clocksMet: 0,
  closeSeconds: 0,
});

/** '1234.5' / '1234.50' / '-3.07' → cents. */
export function toCents(text: string | null | undefined): bigint {
  if (!text) return 0n;
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  const frac = dot < 0 ? '' : text.slice(dot + 1);
  // One BigInt from the digits with the point moved two places: a summary reads thousands.
  return BigInt(`${whole}${(frac + '00').slice(0, 2)}`);
}

/** Cents → '1234.50'. */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return negative ? `-${text}` : text;
}

/**
 * The rollups' sums as the summary statement returns them: one text, comma-separated, in the
 * order of the rollup figures (`received,reopened,…,close_seconds`, amounts with their cents) —
 * one field per row instead of sixteen, which a 1,751-row report feels. Null (no rollup row):
 * all zero.
 */
export function rawFromList(list: string | null): RawFigures {
  if (list === null) return zeroRaw();
  const v = list.split(',');
  const n = (i: number) => Number(v[i]);
  return {
    received: n(0),
    reopened: n(1),
    closed: n(2),
    settled: n(3),
    failed: n(4),
    referred: n(5),
    withdrawn: n(6),
    rejected: n(7),
    amountClaimed: toCents(v[8]),
    amountAgreed: toCents(v[9]),
    amountPaid: toCents(v[10]),
    feedback: n(11),
    satisfied: n(12),
    clocksDue: n(13),
    clocksMet: n(14),
    closeSeconds: n(15),
  };
}

/** a + sign·b, figure by figure. */
export function combine(a: RawFigures, b: RawFigures, sign: 1 | -1 = 1): RawFigures {
  const out = zeroRaw();
  for (const key of Object.keys(out) as (keyof RawFigures)[]) {
    const x = a[key];
    const y = b[key];
    (out as unknown as Record<string, number | bigint>)[key] =
      typeof x === 'bigint' ? x + BigInt(sign) * (y as bigint) : x + sign * (y as number);
  }
  return out;
}

export const isZero = (r: RawFigures): boolean =>
  Object.values(r).every((v) => v === 0 || v === 0n);

const ratio = (num: number, den: number): number | null =>
  den === 0 ? null : Math.round((num / den) * 10_000) / 10_000;

/** The contract's figures from raw sums. */
export function figuresOf(r: RawFigures): SummaryFigures {
  return {
    received: r.received,
    closed: r.closed,
    settled: r.settled,
    failed: r.failed,
    referred: r.referred,
    withdrawn: r.withdrawn,
    rejected: r.rejected,
    settlementRate: ratio(r.settled, r.settled + r.failed + r.referred),
    onTimeRate: ratio(r.clocksMet, r.clocksDue),
    amountClaimed: fromCents(r.amountClaimed),
    amountAgreed: fromCents(r.amountAgreed),
    amountPaid: fromCents(r.amountPaid),
    satisfactionRate: ratio(r.satisfied, r.feedback),
    avgDaysToClose:
      r.closed === 0 ? null : Math.round((r.closeSeconds / r.closed / 86_400) * 10) / 10,
    reopened: r.reopened,
    feedback: r.feedback,
    satisfied: r.satisfied,
    clocksDue: r.clocksDue,
    clocksMet: r.clocksMet,
  };
}
