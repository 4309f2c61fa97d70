import { createHash, randomBytes } from 'node:crypto';

/** A new opaque refresh token: 256 random bits, URL-safe. Shown to the client once. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of a refresh token: its sha256, hex. The token carries 256 random
 * bits, so a fast hash is enough (nothing to brute-force) and lookups stay one index probe.
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
