import { describe, expect, it } from 'vitest';
import { hashRefreshToken, newRefreshToken } from './refresh-token.js';

describe('refresh tokens', () => {
  it('are 256 random bits, URL-safe, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 100 }, newRefreshToken));
    expect(tokens.size).toBe(100);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('are stored as their sha256 in hex (the form the migration CHECK accepts)', () => {
    expect(hashRefreshToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashRefreshToken(newRefreshToken())).toMatch(/^[0-9a-f]{64}$/);
  });
});
