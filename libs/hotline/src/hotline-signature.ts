import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from our clock (contract: more than 5 minutes is 401). */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** hex(HMAC-SHA256(secret, timestamp + "." + rawBody)), as the contract defines it. */
export function signHotlineBody(
  secret: string,
  timestamp: string,
  rawBody: Buffer | string,
): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export type SignatureProblem = 'missing' | 'stale' | 'mismatch';

/**
 * Checks a signed request. Compares in constant time, and checks the timestamp window so a
 * captured request cannot be replayed later.
 */
export function checkHotlineSignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | undefined;
  now?: Date;
}): SignatureProblem | null {
  const { secret, timestamp, signature, rawBody } = input;
  if (!timestamp || !signature || !rawBody || !/^\d{1,12}$/.test(timestamp)) return 'missing';
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return 'stale';
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return 'mismatch';
  const expected = Buffer.from(signHotlineBody(secret, timestamp, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? null : 'mismatch';
}
