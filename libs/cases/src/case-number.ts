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
  return `${districtShortName(districtName)}-${year}-${String(seq).padStart(6, '0')}`;
}
