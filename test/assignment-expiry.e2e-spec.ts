import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppConfig, JobName, QueueName, redisOptions } from '@heqi/core';
import type { DemoNetworkResult } from '@heqi/network';
import { createTestDatabase, testConfig, type TestDatabase, waitFor } from '@heqi/testing';
import {
  buildNetwork,
  caseRow,
  createCase,
  dataSourceOf,
  eventsOf,
  exclusionsOf,
  waitForEvent,
  waitForOffer,
} from './support/assignment-world.js';
import { bearer, createUser, loginAsAdmin } from './support/auth.js';
import { startApi, startWorker, type TestApi } from './support/test-apps.js';

/**
 * Offers that nobody answers lapse and the case moves on, exactly once, by whichever comes
 * first: the offer's delayed ExpireOffer job (relayed through the outbox), or the periodic
 * sweep that finds open offers past their expiry in Postgres (for when the job is lost). Short
 * wall-clock TTLs stand in for the production "2 working hours".
 */
describe('assignment: offers that lapse', () => {
  let db: TestDatabase;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let net: DemoNetworkResult;
  let queue: Queue;

  /** ~2.4 s to answer; `sweepMs` chooses whether the sweep takes part. */
  const configWith = (sweepMs: number, ttlMinutes = '0.04'): AppConfig =>
    testConfig(db.url, {
      HEQI_OFFER_TTL_CLOCK: 'elapsed',
      HEQI_OFFER_TTL_MINUTES: ttlMinutes,
      HEQI_ASSIGNMENT_SWEEP_MS: String(sweepMs),
      HEQI_REDIS_PREFIX: prefix,
    });
  let prefix: string;

  async function restartWorker(config: AppConfig): Promise<void> {
    await worker?.close();
    worker = await startWorker(config);
  }

  const expiredEvents = async (caseId: string) =>
    (await eventsOf(api, caseId, 'assignment.expired')) as { offerId: string }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const base = testConfig(db.url);
    prefix = base.redisPrefix;
    api = await startApi(configWith(3_600_000));
    queue = new Queue(QueueName.Assignment, {
      connection: redisOptions(base.redisUrl, 'client'),
      prefix,
    });
    net = await buildNetwork(
      api,
      [
        { ref: 'D', name: '时区', level: 'district' },
        { ref: 'T', name: '时镇', level: 'town', parent: 'D' },
      ],
      [
        { ref: 'first', unit: 'T' },
        { ref: 'second', unit: 'T' },
      ],
    );
  });

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it('moves an unanswered offer to the next candidate by its delayed job alone', async () => {
    await restartWorker(configWith(3_600_000)); // the sweep does not run within this test
    const id = await createCase(api, { orgUnitId: net.units.T! });
    const first = await waitForOffer(api, id);
    const before = Date.now();
    await waitForEvent(api, id, 'assignment.expired', 1, 15_000);
    const second = await waitForOffer(api, id);
    expect(Date.now() - before).toBeGreaterThan(500); // not before its time
    expect(second.mediator_id).not.toBe(first.mediator_id);
    const [expired] = await expiredEvents(id);
    expect(expired).toMatchObject({
      offerId: first.id,
      mediatorId: first.mediator_id,
      role: 'lead',
    });
    const [row] = await dataSourceOf(api).query(
      `SELECT state, answered_at FROM case_offer WHERE id = $1`,
      [first.id],
    );
    expect(row.state).toBe('expired');
    expect(new Date(row.answered_at).getTime()).toBeGreaterThanOrEqual(
      new Date(first.expires_at).getTime(),
    );
    // It was the offer's own ExpireOffer job that lapsed it.
    const job = await waitFor('expiry job completed', async () =>
      (await queue.getCompleted()).find(
        (j) => j.name === JobName.ExpireOffer && j.data.offerId === first.id,
      ),
    );
    expect(job.returnvalue).toEqual({ expired: true });

    // The second lapses too: both let it lapse before, so nobody fits; the case waits, alerted.
    const noCandidate = await waitForEvent(api, id, 'assignment.no_candidate', 1, 15_000);
    expect(noCandidate.reasons).toEqual({ expired_before: 2 });
    expect(await caseRow(api, id)).toEqual({ status: 'queued', mediator_id: null });
    expect((await expiredEvents(id)).map((e) => e.offerId)).toEqual([first.id, second.id]);
  });

  it('lapses an offer whose delayed job was lost, through the sweep', async () => {
    await restartWorker(configWith(300, '0.05'));
    const id = await createCase(api, { orgUnitId: net.units.T! });
    const offer = await waitForOffer(api, id);
    // Lose the job: remove the delayed ExpireOffer from Redis before it is due.
    const delayed = await waitFor('delayed expiry job', async () =>
      (await queue.getDelayed()).find(
        (j) => j.name === JobName.ExpireOffer && j.data.offerId === offer.id,
      ),
    );
    await delayed.remove();
    await waitForEvent(api, id, 'assignment.expired', 1, 15_000);
    expect((await expiredEvents(id)).map((e) => e.offerId)).toEqual([offer.id]);
    const next = await waitForOffer(api, id);
    expect(next.mediator_id).not.toBe(offer.mediator_id);
  });

  it('lapses each offer exactly once when the job and the sweep race', async () => {
    await restartWorker(configWith(200, '0.03'));
    const ids = await Promise.all(
      Array.from({ length: 6 }, () => createCase(api, { orgUnitId: net.units.T! })),
    );
    // Every case goes through both mediators and ends queued (both let it lapse).
    for (const id of ids) await waitForEvent(api, id, 'assignment.no_candidate', 1, 20_000);
    for (const id of ids) {
      const expired = await expiredEvents(id);
      expect(expired).toHaveLength(2);
      expect(new Set(expired.map((e) => e.offerId)).size).toBe(2);
      const offers = await dataSourceOf(api).query(
        `SELECT state FROM case_offer WHERE case_id = $1`,
        [id],
      );
      expect(offers).toEqual([{ state: 'expired' }, { state: 'expired' }]);
    }
  });

  it('refuses an accept after the expiry (409) and moves the case on, even before the job runs', async () => {
    await restartWorker(configWith(3_600_000, '0.02'));
    const id = await createCase(api, { orgUnitId: net.units.T! });
    const offer = await waitForOffer(api, id);
    // No worker now: neither the delayed job nor the sweep can lapse the offer.
    await worker!.close();
    worker = undefined;
    const admin = (await loginAsAdmin(api)).accessToken;
    const mediator = await createUser(api, admin, {
      username: `late.${id.slice(0, 6)}`,
      roles: ['mediator'],
      orgUnitId: net.units.T!,
      mediatorId: offer.mediator_id,
    });
    await waitFor('expiry', async () => Date.now() > new Date(offer.expires_at).getTime() + 50);
    const late = await api.http
      .post(`/api/v1/cases/${id}/accept`)
      .set('authorization', bearer(mediator.token));
    expect([late.status, late.body.error]).toEqual([409, 'OFFER_NOT_YOURS']);
    expect(await caseRow(api, id)).toEqual({ status: 'queued', mediator_id: null });
    expect((await expiredEvents(id)).map((e) => e.offerId)).toEqual([offer.id]);

    // A worker again: the next candidate gets it; the old expiry job finds nothing to do.
    await restartWorker(configWith(3_600_000, '5'));
    const next = await waitForOffer(api, id);
    expect(next.mediator_id).not.toBe(offer.mediator_id);
    const [event] = (await eventsOf(api, id, 'assignment.offered')).slice(-1);
    expect(exclusionsOf(event!)[offer.mediator_id]).toBe('expired_before');
    await new Promise((r) => setTimeout(r, 300));
    expect(await expiredEvents(id)).toHaveLength(1);
  });
});
