/**
 * Money as integer fen (分). Amounts arrive and leave as decimal strings in yuan ("30000.00",
 * numeric(14,2) in Postgres); arithmetic happens on integers only, never on floats. 12 integer
 * digits of yuan is 10^14 fen, well inside Number.MAX_SAFE_INTEGER.
 */
const MONEY = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** "30000.5" → 3000050. Throws on anything that is not yuan with at most two decimals. */
export function toFen(yuan: string): number {
  const m = MONEY.exec(yuan.trim());
  if (!m) throw new RangeError(`not an amount of money: ${yuan}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 3000050 → "30000.50". */
export function fromFen(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  return `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}
