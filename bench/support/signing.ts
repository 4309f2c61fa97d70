import { randomBytes } from 'node:crypto';
import { signHotlineBody } from '@heqi/hotline';

/** A hotline integration key the bench registers with the API (`HEQI_HOTLINE_KEYS`). */
export interface BenchKey {
  keyId: string;
  secret: string;
}

export function benchKey(keyId = 'bench-12345'): BenchKey {
  return { keyId, secret: randomBytes(24).toString('hex') };
}

/** The `HEQI_HOTLINE_KEYS` value for `key`. */
export const hotlineKeysEnv = (key: BenchKey): string => `${key.keyId}:${key.secret}`;

/** A signed 12345 push: the exact body bytes and the headers the signature guard checks. */
export function signedRequest(
  key: BenchKey,
  payload: unknown,
): { body: Buffer; headers: Record<string, string> } {
  const body = Buffer.from(JSON.stringify(payload));
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hotline-key': key.keyId,
      'x-hotline-timestamp': timestamp,
      'x-hotline-signature': signHotlineBody(key.secret, timestamp, body),
    },
  };
}
