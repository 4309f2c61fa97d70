/** A report period: whole days in Asia/Shanghai, both ends included (`YYYY-MM-DD`). */
export interface Period {
  from: string;
  to: string;
}

/**
 * Where a period's figures are read: whole months from the monthly rows, the ragged ends from
 * the daily rows. Null bounds mean "no such part".
 */
export interface PeriodSegments {
  months: [string, string] | null;
  headDays: [string, string] | null;
  tailDays: [string, string] | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (isoDay: string, n: number) =>
  iso(new Date(toDate(isoDay).getTime() + n * 86_400_000));
const monthStart = (isoDay: string) => `${isoDay.slice(0, 7)}-01`;
/** First day of the month after the one of `isoDay`. */
function nextMonthStart(isoDay: string): string {
  const d = toDate(monthStart(isoDay));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return iso(d);
}
const monthEnd = (isoDay: string) => addDays(nextMonthStart(isoDay), -1);

/** Today in Asia/Shanghai (UTC+8 all year). */
export const shanghaiToday = (now = new Date()): string =>
  iso(new Date(now.getTime() + 8 * 3_600_000));

/** Splits a period into whole months and the days before and after them. */
export function segmentsOf({ from, to }: Period): PeriodSegments {
  const firstFull = from === monthStart(from) ? from : nextMonthStart(from);
  const lastFullEnd = to === monthEnd(to) ? to : addDays(monthStart(to), -1);
  if (firstFull > lastFullEnd) {
    return { months: null, headDays: [from, to], tailDays: null };
  }
  return {
    months: [firstFull, monthStart(lastFullEnd)],
    headDays: from < firstFull ? [from, addDays(firstFull, -1)] : null,
    tailDays: to > lastFullEnd ? [addDays(lastFullEnd, 1), to] : null,
  };
}

/** Every month (`YYYY-MM`) the period touches, in order. */
export function monthsOf({ from, to }: Period): string[] {
  const out: string[] = [];
  for (let m = monthStart(from); m <= to; m = nextMonthStart(m)) out.push(m.slice(0, 7));
  return out;
}

/** The period covering the last `months` months up to today (the first of them whole). */
export function lastMonths(months: number, today: string): Period {
  const d = toDate(monthStart(today));
  d.setUTCMonth(d.getUTCMonth() - (months - 1));
  return { from: iso(d), to: today };
}

/** Days in a period (both ends included). */
export const daysIn = ({ from, to }: Period): number =>
  Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000) + 1;
