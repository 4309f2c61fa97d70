import { normalizePii } from './pii-cipher.js';

/**
 * Masks a phone number for display: `139****5678`. Numbers of 11+ characters (mobiles,
 * landlines with area code) keep the first 3 and last 4; shorter ones keep at most the last
 * third, so a masked 8-digit landline does not give 7 of its 8 digits away.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null) return null;
  const value = normalizePii(phone);
  return value.length >= 11 ? keepEnds(value, 3, 4) : keepTail(value);
}

/**
 * Masks a resident ID number for display, as the case API shows it: `3201**********1234`
 * (18 digits) or `3201*******1234` (legacy 15). Other documents keep at most their last third.
 */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  if (idNumber == null) return null;
  const value = normalizePii(idNumber);
  return value.length === 18 || value.length === 15 ? keepEnds(value, 4, 4) : keepTail(value);
}

function keepEnds(value: string, head: number, tail: number): string {
  return (
    value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(value.length - tail)
  );
}

/** Unknown shapes: reveal no more than a third, and never more than 4 characters. */
function keepTail(value: string): string {
  return keepEnds(value, 0, Math.min(4, Math.floor(value.length / 3)));
}
