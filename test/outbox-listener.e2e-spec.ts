import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_CHANNEL, OutboxListener } from '../libs/core/src/outbox/outbox-listener.js';
import { createTestDatabase, type TestDatabase, waitFor } from '@heqi/testing';

/**
 * One relay listens for outbox commits at a time (the others poll): each worker waking on every
 * commit made the relays race for the same rows. When the listening one goes away, another
 * takes over by itself.
 */
describe('outbox listener: one listening relay', () => {
  let db: TestDatabase;
  let sql: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  it('wakes only the listening relay, and hands over when it stops', async () => {
    const heard = [0, 0];
    const listeners = heard.map((_, i) => new OutboxListener(db.url, () => heard[i]!++));
    listeners[0]!.start();
    await waitFor('the first listener listening', async () => heard[0]! > 0 || undefined);
    listeners[1]!.start();
    // The second connects, finds the lock taken, and neither listens nor is poked.
    await waitFor('the second connected', async () => {
      const { rows } = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      return rows[0]!.n >= 2 || undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    const before = [...heard];
    expect(before[1]).toBe(0);

    await sql.query(`NOTIFY ${OUTBOX_CHANNEL}`);
    await waitFor('the commit heard', async () => heard[0]! > before[0]! || undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard[1]).toBe(0);

    // The listening relay goes away: the other takes over (its retry is every 2 s) and hears.
    await listeners[0]!.stop();
    await waitFor('the second listening', async () => heard[1]! > 0 || undefined, 6_000);
    const taken = heard[1]!;
    await sql.query(`NOTIFY ${OUTBOX_CHANNEL}`);
    await waitFor('the commit heard by the second', async () => heard[1]! > taken || undefined);
    await listeners[1]!.stop();
  }, 15_000);
});
