/**
 * Case numbers: `<district short name>-<year>-<6-digit sequence>`, e.g. `南湖-2026-000123`.
 *
 * Chinese rather than ASCII: the number is read aloud on the phone, printed on the 调解协议书 and
 * quoted in the reply to the 12345 platform, where staff and callers know the district by its
 * name; the district's administrative code (321012) is optional in the network and means nothing
 * to a caller. Case numbers never appear in URLs (ids do) and Postgres stores them as UTF-8
 * text, so nothing downstream needs ASCII.
 */

/** China has kept UTC+8 all year since 1991: no DST, so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** Administrative suffixes dropped from a district name (区/县/市, and 旗 in Inner Mongolia). */
const DISTRICT_SUFFIX = /(?:区|县|市|旗)$/u;

/**
 * The district's name without its administrative suffix: 南湖区 → 南湖, 宝应县 → 宝应,
 * 仪征市 → 仪征. A name that would shrink to one character keeps its suffix (郊区 stays 郊区),
 * and whitespace is dropped so the number stays one token.
 */
export function districtShortName(name: string): string {
  const compact = name.replace(/\s+/gu, '');
  const short = compact.replace(DISTRICT_SUFFIX, '');
  return [...short].length >= 2 ? short : compact;
}

/** The calendar year of `at` in Asia/Shanghai: a case received at 23:30 on 31 Dec belongs to it. */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** Formats a case number; sequences past 999,999 simply grow a digit. */
export function formatCaseNo(districtName: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`case sequence must be ≥ 1: ${seq}`);
  return `${caseNoPrefix(districtName, year)}${String(seq).padStart(6, '0')}`;
}

/** What precedes the sequence in a case number: `南湖-2026-`. */
export function caseNoPrefix(districtName: string, year: number): string {
  return `${districtShortName(districtName)}-${year}-`;
}

/**
 * SQL for the sequence part of a case number, as {@link formatCaseNo} writes it: six digits,
 * zero-padded, and more digits past 999,999 (`lpad` alone would cut them). `seq` is a SQL
 * expression of an integer ≥ 1; the case creation appends it to {@link caseNoPrefix} in the
 * statement that takes the number from the counter.
 */
export function CASE_SEQ_SQL(seq: string): string {
  return `(CASE WHEN (${seq}) < 1000000 THEN lpad((${seq})::text, 6, '0') ELSE (${seq})::text END)`;
}
