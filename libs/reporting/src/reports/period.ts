/** A report period: whole days in Asia/Shanghai, both ends included (`YYYY-MM-DD`). */
export interface Period {
  from: string;
  to: string;
}

/** A rollup grain: day, month (period = its first day) or year (period = 1 January). */
export type Grain = 'd' | 'm' | 'y';

/**
 * A stretch of a period read from the rollup rows of one grain: those whose period lies in
 * `from`..`to` (for months and years, the first days of the first and last of them).
 */
export interface Segment {
  grain: Grain;
  from: string;
  to: string;
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

const yearStart = (isoDay: string) => `${isoDay.slice(0, 4)}-01-01`;
const nextYearStart = (isoDay: string) =>
  `${String(Number(isoDay.slice(0, 4)) + 1).padStart(4, '0')}-01-01`;
const yearEnd = (isoDay: string) => `${isoDay.slice(0, 4)}-12-31`;

const CALENDAR = {
  y: { start: yearStart, next: nextYearStart, end: yearEnd },
  m: { start: monthStart, next: nextMonthStart, end: monthEnd },
};

/**
 * Where a period's figures are read, coarsest first: whole years from the yearly rows (unless
 * `years` is false: a report by month needs the months), whole months before and after them from
 * the monthly rows, the ragged ends from the daily rows. At most five segments, in date order.
 */
export function segmentsOf(period: Period, { years = true }: { years?: boolean } = {}): Segment[] {
  const out: Segment[] = [];
  const cover = (from: string, to: string, grains: Grain[]): void => {
    const [grain, ...finer] = grains;
    if (grain === undefined || grain === 'd') {
      out.push({ grain: 'd', from, to });
      return;
    }
    const cal = CALENDAR[grain];
    const first = from === cal.start(from) ? from : cal.next(from);
    const lastEnd = to === cal.end(to) ? to : addDays(cal.start(to), -1);
    if (first > lastEnd) {
      cover(from, to, finer);
      return;
    }
    if (from < first) cover(from, addDays(first, -1), finer);
    out.push({ grain, from: first, to: cal.start(lastEnd) });
    if (to > lastEnd) cover(addDays(lastEnd, 1), to, finer);
  };
  cover(period.from, period.to, years ? ['y', 'm', 'd'] : ['m', 'd']);
  return out;
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
