/**
 * Instant ⇄ Asia/Shanghai local day arithmetic. China has observed no daylight-saving time since
 * 1991, so local time is always UTC+08:00: a fixed offset is exact for every date we handle and
 * avoids the cost of Intl time-zone formatting in hot loops. Days are counted as integers since
 * 1970-01-01 (local), which makes "next day" a `+ 1` and lets calendars key Sets by number.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const SHANGHAI_OFFSET_MS = 8 * MS_PER_HOUR;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local day number (days since 1970-01-01 in Asia/Shanghai) of an epoch-ms instant. */
export function localDay(instant: number): number {
  return Math.floor((instant + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** Milliseconds since local midnight of an epoch-ms instant. */
export function localMsOfDay(instant: number): number {
  return instant + SHANGHAI_OFFSET_MS - localDay(instant) * MS_PER_DAY;
}

/** Epoch-ms instant of a local day number plus milliseconds since its midnight. */
export function instantOf(day: number, msOfDay: number): number {
  return day * MS_PER_DAY + msOfDay - SHANGHAI_OFFSET_MS;
}

/** Day of the week of a local day number: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday; the double modulo keeps pre-1970 days non-negative.
  return (((day + 4) % 7) + 7) % 7;
}

/** True for Saturday and Sunday. */
export function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

/** Gregorian year of a local day number. */
export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Local day number of a strict `YYYY-MM-DD` date; throws on malformed or impossible dates. */
export function dayOfIsoDate(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(Date.UTC(year, month - 1, dayOfMonth));
    // Date.UTC rolls 2025-02-30 over to March; reading the parts back rejects it.
    if (utc.getUTCMonth() === month - 1 && utc.getUTCDate() === dayOfMonth) {
      return utc.getTime() / MS_PER_DAY;
    }
  }
  throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
}

/** Epoch ms of a valid Date; throws on an Invalid Date rather than computing with NaN. */
export function instantOfDate(date: Date): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError('Invalid Date');
  return instant;
}

/**
 * The local day `months` months after `day`, on the same day of the month, or on the last day of
 * the target month when it is shorter (31 Jan + 1 month → 28/29 Feb).
 */
export function addMonthsToDay(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  const monthIndex = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfMonth)) / MS_PER_DAY;
}

/** `YYYY-MM-DD HH:MM` in Asia/Shanghai, for messages people read. */
export function formatLocalMinute(date: Date): string {
  return new Date(instantOfDate(date) + SHANGHAI_OFFSET_MS)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}

/** `YYYY-MM-DD` of the Asia/Shanghai day of an instant. */
export function localIsoDate(date: Date): string {
  return new Date(localDay(instantOfDate(date)) * MS_PER_DAY).toISOString().slice(0, 10);
}
