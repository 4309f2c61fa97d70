import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeHotlinePlatform, signedHeaders } from './fake-hotline-platform.js';

const KEY = { keyId: 'heqi-spec', secret: 'spec-out-secret-0123456789' };

describe('FakeHotlinePlatform', () => {
  let platform: FakeHotlinePlatform;
  const origin = () => new URL(platform.url).origin;
  const deliver = (body: object, key = KEY, at?: number) => {
    const raw = JSON.stringify(body);
    return fetch(platform.url, { method: 'POST', headers: signedHeaders(key, raw, at), body: raw });
  };

  beforeAll(async () => {
    platform = await new FakeHotlinePlatform(KEY.keyId, KEY.secret).start();
  });
  afterAll(() => platform.stop());

  it('takes a correctly signed reply and lists it at GET /received', async () => {
    const res = await deliver({ orderNo: 'A-1', kind: 'reply' });
    expect(res.status).toBe(200);
    const received = (await (await fetch(`${origin()}/received`)).json()) as {
      items: { keyId: string; body: object; status: number; at: string }[];
    };
    expect(received.items).toEqual([
      {
        keyId: KEY.keyId,
        body: { orderNo: 'A-1', kind: 'reply' },
        status: 200,
        at: expect.any(String),
      },
    ]);
  });

  it('refuses a wrong secret, an unknown key and a stale timestamp with 401, recording nothing', async () => {
    const before = platform.replies.length;
    const stale = Math.floor(Date.now() / 1000) - 600;
    for (const res of [
      await deliver({ orderNo: 'A-2' }, { ...KEY, secret: 'wrong' }),
      await deliver({ orderNo: 'A-2' }, { keyId: 'other', secret: KEY.secret }),
      await deliver({ orderNo: 'A-2' }, KEY, stale),
    ]) {
      expect(res.status).toBe(401);
    }
    expect(platform.replies).toHaveLength(before);
  });

  it('fails the next N deliveries when told to (in code or by POST /fail-next)', async () => {
    platform.failNext(1);
    expect((await deliver({ orderNo: 'A-3' })).status).toBe(503);
    expect((await deliver({ orderNo: 'A-3' })).status).toBe(200);
    const told = await fetch(`${origin()}/fail-next?n=2`, { method: 'POST' });
    expect(await told.json()).toEqual({ failuresLeft: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await deliver({ orderNo: 'A-4' })).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(platform.accepted.map((r) => r.body.orderNo)).toEqual(['A-1', 'A-3', 'A-4']);
  });
});
