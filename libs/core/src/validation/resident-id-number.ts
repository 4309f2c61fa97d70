/** GB 11643-1999 weights for the first 17 digits (2^(17-i) mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Check character indexed by the weighted sum mod 11 (ISO 7064 MOD 11-2). */
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes of GB/T 2260 (incl. 71 台湾), plus 81 香港, 82 澳门 and 83 台湾 as issued
 * on 港澳台居民居住证 (2018), and 91 国外 still found in legacy records.
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
]);

const ID_18 = /^\d{17}[\dXx]$/;
const ID_15 = /^\d{15}$/;

/** Birth dates before this are data-entry errors for anyone alive, let alone employed. */
const EARLIEST_BIRTH = '19000101';

/** China Standard Time, UTC+8 all year: birth dates on ID cards are Beijing dates. */
const CST_OFFSET_MS = 8 * 3600_000;

/**
 * The GB 11643-1999 check character ('0'–'9' or 'X') for the first 17 digits of a resident
 * identity number (居民身份证号码); handy for generating demo and test data.
 * @throws RangeError when `first17` is not 17 digits.
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`not 17 digits: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * True for a resident identity number per GB 11643-1999: a known province code, a real birth
 * date from 1900 up to today (Beijing time) and the right check character (`x` accepted).
 * Legacy 15-digit numbers (GB 11643-1989, no check digit, born 19YY) pass on province and date.
 * @param now the current time, for tests
 */
export function isResidentIdNumber(value: unknown, now: Date = new Date()): boolean {
  if (typeof value !== 'string') return false;
  let birth: string;
  if (ID_18.test(value)) {
    if (residentIdCheckChar(value.slice(0, 17)) !== value[17].toUpperCase()) return false;
    birth = value.slice(6, 14);
  } else if (ID_15.test(value)) {
    birth = `19${value.slice(6, 12)}`;
  } else {
    return false;
  }
  return PROVINCES.has(Number(value.slice(0, 2))) && isBirthDate(birth, now);
}

/** A real calendar date `YYYYMMDD` between 1900-01-01 and today in China. */
function isBirthDate(yyyymmdd: string, now: Date): boolean {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)];
  // Date.UTC rolls Feb 30 over to Mar 1, so a date is real only if it survives the round trip.
  const iso = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).toISOString();
  const today = new Date(now.getTime() + CST_OFFSET_MS).toISOString();
  return (
    iso.slice(0, 10) === `${y}-${m}-${d}` &&
    yyyymmdd >= EARLIEST_BIRTH &&
    yyyymmdd <= today.slice(0, 10).replaceAll('-', '')
  );
}
