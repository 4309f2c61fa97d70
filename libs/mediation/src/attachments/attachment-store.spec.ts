import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '@heqi/core';
import { LocalDiskAttachmentStore } from './attachment-store.js';

describe('LocalDiskAttachmentStore', () => {
  let dir: string;
  let store: LocalDiskAttachmentStore;
  const key = () => `${randomUUID()}/${randomUUID()}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heqi-store-'));
    store = new LocalDiskAttachmentStore({
      mediation: { attachmentsDir: dir },
    } as unknown as AppConfig);
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('puts, gets and deletes bytes by key', async () => {
    const k = key();
    await store.put(k, Readable.from([Buffer.from('调解笔录')]));
    expect(await text((await store.get(k))!)).toBe('调解笔录');
    await store.delete(k);
    expect(await store.get(k)).toBeNull();
    await store.delete(k); // missing: not an error
  });

  it('never overwrites a key', async () => {
    const k = key();
    await store.put(k, Readable.from(['first']));
    await expect(store.put(k, Readable.from(['second']))).rejects.toThrow();
    expect(await text((await store.get(k))!)).toBe('first');
  });

  it('refuses keys that are not <uuid>/<uuid> (no paths from outside)', async () => {
    await expect(store.put('../../etc/passwd', Readable.from(['x']))).rejects.toThrow(RangeError);
    await expect(store.get('a/b')).rejects.toThrow(RangeError);
    expect((await readdir(dir)).every((d) => /^[0-9a-f-]{36}$/.test(d))).toBe(true);
  });
});
