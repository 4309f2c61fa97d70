import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AppConfig, JobName, QueueName, redisOptions } from '@heqi/core';
import { type AssignCaseResult, AssignmentEngine } from '@heqi/assignment';
import type { DemoNetworkResult } from '@heqi/network';
import {
  completedJob,
  createTestDatabase,
  testConfig,
  type TestDatabase,
  waitFor,
} from '@heqi/testing';
import {
  type WorldMediator,
  buildNetwork,
  createCase,
  createCases,
  eventsOf,
} from './support/assignment-world.js';
import { type ChildWorker, buildApps, spawnWorker } from './support/compiled-worker.js';
import { startApi, type TestApi } from './support/test-apps.js';

/**
 * Assignment under real concurrency: worker processes of the compiled app (as production runs
 * them) routing the same cases at once, with every AssignCase job delivered twice; a worker
 * killed with SIGKILL in the middle of an assignment; and the engine's batches (concurrent runs
 * in a process share a transaction): loads counted across a batch, each job answering for its
 * own case, a case that fails leaving the others offered, a case whose mediators are locked
 * elsewhere waiting for them while the others go ahead.
 */
describe('assignment across worker processes', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: TestApi;
  let apps: { dir: string; remove(): Promise<void> };
  let sql: pg.Pool;
  let queue: Queue;
  let net: DemoNetworkResult;
  const workers: ChildWorker[] = [];
  /** The sweep stays out of the way: what is proven here is the engine and BullMQ's recovery. */
  const NO_SWEEP = { HEQI_ASSIGNMENT_SWEEP_MS: '3600000' };

  const TOWNS = ['T1', 'T2', 'T3'];
  const VILLAGES = TOWNS.flatMap((t) => [`${t}V1`, `${t}V2`]);

  beforeAll(async () => {
    apps = await buildApps();
    db = await createTestDatabase();
    config = testConfig(db.url);
    api = await startApi(config);
    sql = new pg.Pool({ connectionString: db.url, max: 4 });
    queue = new Queue(QueueName.Assignment, {
      connection: redisOptions(config.redisUrl, 'client'),
      prefix: config.redisPrefix,
    });
    // 3 towns × 2 villages; 2 village mediators (10 each) per village, 1 town mediator (20) per
    // town, 2 district lawyers (10 each): 200 places in all, for 500 cases.
    const mediators: WorldMediator[] = [
      ...VILLAGES.flatMap((v) => [
        { ref: `${v}-a`, unit: v, kind: 'village_mediator' as const, capacity: 10 },
        { ref: `${v}-b`, unit: v, kind: 'village_mediator' as const, capacity: 10 },
      ]),
      ...TOWNS.map((t) => ({ ref: `${t}-m`, unit: t, capacity: 20 })),
      { ref: 'L1', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '一律师事务所', capacity: 10 },
      { ref: 'L2', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '二律师事务所', capacity: 10 },
    ];
    net = await buildNetwork(
      api,
      [
        { ref: 'D', name: '并发区', level: 'district' },
        ...TOWNS.map((t) => ({ ref: t, name: `并发${t}镇`, level: 'town' as const, parent: 'D' })),
        ...VILLAGES.map((v) => ({
          ref: v,
          name: `并发${v}村`,
          level: 'village' as const,
          parent: v.slice(0, 2),
        })),
      ],
      mediators,
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await queue?.close();
    await sql?.end();
    await api?.close();
    await db?.drop();
    await apps?.remove();
  });

  /** Waits until `n` worker processes listen on the assignment queue. */
  const workersListening = (n: number) =>
    waitFor(`${n} workers on the queue`, async () => (await queue.getWorkersCount()) >= n, 30_000);

  /** Settled: every case offered, or queued with a recorded reason, and nothing left to run. */
  const waitUntilSettled = (ids: readonly string[]) =>
    waitFor(
      'every case settled',
      async () => {
        const [{ settled }] = (
          await sql.query(
            `SELECT count(*)::int AS settled FROM mediation_case c
               LEFT JOIN case_assignment ca ON ca.case_id = c.id
              WHERE c.id = ANY($1::uuid[])
                AND (c.status = 'offered' OR (c.status = 'queued' AND ca.no_candidate IS NOT NULL))`,
            [ids],
          )
        ).rows;
        const [{ pending }] = (
          await sql.query(
            `SELECT count(*)::int AS pending FROM outbox_message WHERE relayed_at IS NULL`,
          )
        ).rows;
        // Delayed jobs are the offers' expiries, due hours from now.
        const busy = await queue.getJobCountByTypes('waiting', 'active', 'prioritized');
        return settled === ids.length && pending === 0 && busy === 0;
      },
      120_000,
    );

  /** Every mediator's (or those of `ids`) load, after checking none is over capacity. */
  async function loadsWithinCapacity(ids: readonly string[] | null = null) {
    const { rows: loads } = await sql.query(
      `SELECT m.id, m.capacity, heqi_mediator_load(m.id) AS load,
              (SELECT count(*)::int FROM case_offer o WHERE o.mediator_id = m.id AND o.state = 'open') AS open
         FROM mediator m WHERE $1::uuid[] IS NULL OR m.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const m of loads) {
      expect(m.load, `mediator ${m.id}`).toBeLessThanOrEqual(m.capacity);
      expect(m.open).toBe(m.load);
    }
    return loads as { id: string; load: number }[];
  }

  it('routes 500 cases with 3 worker processes: none over capacity, none with two holders, none lost', async () => {
    for (let i = 0; i < 3; i++) workers.push(spawnWorker(apps.dir, config, NO_SWEEP));
    await workersListening(3);

    // 500 cases spread over the villages, created in 10 transactions of 50 as intake writes them.
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const created = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          createCase(api, { orgUnitId: net.units[VILLAGES[(batch * 50 + i) % VILLAGES.length]!]! }),
        ),
      );
      ids.push(...created);
    }
    // Every job delivered twice: a second AssignCase per case through the outbox.
    await sql.query(
      `INSERT INTO outbox_message (queue_name, job_name, payload)
       SELECT $1, $2, jsonb_build_object('caseId', id) FROM unnest($3::uuid[]) AS id`,
      [QueueName.Assignment, JobName.AssignCase, ids],
    );

    await waitUntilSettled(ids);

    // No mediator over capacity; together they hold exactly the 200 places.
    const loads = await loadsWithinCapacity();
    expect(loads.reduce((sum, m) => sum + m.load, 0)).toBe(200);

    // One holder at most per case: offered ⇔ exactly one open lead offer, no second offer.
    const { rows: perCase } = await sql.query(
      `SELECT c.id, c.status, c.mediator_id,
              (SELECT count(*)::int FROM case_offer o WHERE o.case_id = c.id) AS offers,
              (SELECT count(*)::int FROM case_offer o WHERE o.case_id = c.id AND o.state = 'open') AS open,
              (SELECT count(*)::int FROM case_event e
                WHERE e.case_id = c.id AND e.type = 'assignment.offered') AS offered_events,
              (SELECT count(*)::int FROM case_event e
                WHERE e.case_id = c.id AND e.type = 'assignment.no_candidate') AS alerts_events,
              ca.no_candidate,
              (SELECT count(*)::int FROM assignment_alert a
                WHERE a.case_id = c.id AND a.resolved_at IS NULL) AS open_alerts
         FROM mediation_case c LEFT JOIN case_assignment ca ON ca.case_id = c.id
        WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(perCase).toHaveLength(500);
    const offered = perCase.filter((c) => c.status === 'offered');
    const queued = perCase.filter((c) => c.status === 'queued');
    expect([offered.length, queued.length]).toEqual([200, 300]);
    for (const c of offered) {
      expect(c, c.id).toMatchObject({
        mediator_id: null,
        offers: 1,
        open: 1,
        offered_events: 1,
        open_alerts: 0,
      });
    }
    // None lost: every waiting case carries why, one alert and one timeline entry for it.
    for (const c of queued) {
      expect(c, c.id).toMatchObject({ offers: 0, open: 0, alerts_events: 1, open_alerts: 1 });
      expect(c.no_candidate.reasons).toMatchObject({ at_capacity: expect.any(Number) });
    }
    expect(await queue.getFailedCount()).toBe(0);
    const completed = await queue.getCompleted(0, 5_000);
    expect(completed.filter((j) => j.name === JobName.AssignCase)).toHaveLength(1_000);
  }, 180_000);

  it('loses nothing when a worker is killed mid-assignment: the job is retried and the case offered', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await workersListening(0);
    // Room for one more case.
    const mediator = net.mediators['T1V1-a']!;
    await sql.query(`UPDATE mediator SET capacity = capacity + 1 WHERE id = $1`, [mediator]);
    const caseId = await createCase(api, { orgUnitId: net.units.T1V1! });

    // Hold the case's row lock, so the worker's assignment stops inside its transaction.
    const holder = await sql.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT id FROM mediation_case WHERE id = $1 FOR UPDATE`, [caseId]);
    const doomed = spawnWorker(apps.dir, config, NO_SWEEP);
    await waitFor(
      'the worker blocked inside the assignment',
      async () => {
        const { rows } = await sql.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE 'SELECT id FROM mediation_case WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE%'`,
        );
        return rows[0].n === 1;
      },
      30_000,
    );
    const [active] = await queue.getActive();
    expect(active?.name).toBe(JobName.AssignCase);
    expect(active?.data).toEqual({ caseId });

    doomed.process.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');
    await holder.query('ROLLBACK');
    holder.release();
    // Nothing happened: the killed transaction was rolled back with its connection.
    const before = await sql.query(`SELECT status FROM mediation_case WHERE id = $1`, [caseId]);
    expect(before.rows[0].status).toBe('queued');
    expect((await queue.getActive()).map((j) => j.id)).toEqual([active!.id]);

    // Another worker finds the stalled job (its lock ran out) and runs it to the end.
    const survivor = spawnWorker(apps.dir, config, NO_SWEEP);
    workers.push(survivor);
    const offer = await waitFor(
      'the case offered after the retry',
      async () =>
        (
          await sql.query(
            `SELECT mediator_id FROM case_offer WHERE case_id = $1 AND state = 'open'`,
            [caseId],
          )
        ).rows[0] as { mediator_id: string } | undefined,
      60_000,
    );
    expect(offer.mediator_id).toBe(mediator);
    const job = await completedJob(queue, active!.id!);
    expect(job.returnvalue).toMatchObject({ caseId, outcome: 'offered' });
    expect(job.stalledCounter).toBe(1);
    const { rows } = await sql.query(
      `SELECT (SELECT count(*)::int FROM case_offer WHERE case_id = $1) AS offers,
              (SELECT count(*)::int FROM case_event WHERE case_id = $1
                 AND type = 'assignment.offered') AS events`,
      [caseId],
    );
    expect(rows[0]).toEqual({ offers: 1, events: 1 });
  }, 120_000);

  it('offers a burst of 200 cases taken in batches by 3 worker processes: each once, by the job that asked, loads counted across batches', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    const villages = ['V1', 'V2', 'V3', 'V4'];
    // 2 × 5 places per village, 20 per town, 150 in the district pool: 230 places for 200
    // cases, and the nearest ones fill up while the burst is being taken.
    const burst = await buildNetwork(
      api,
      [
        { ref: 'D', name: '批量区', level: 'district' },
        ...['T1', 'T2'].map((t) => ({
          ref: t,
          name: `批量${t}镇`,
          level: 'town' as const,
          parent: 'D',
        })),
        ...villages.map((v, i) => ({
          ref: v,
          name: `批量${v}村`,
          level: 'village' as const,
          parent: i < 2 ? 'T1' : 'T2',
        })),
      ],
      [
        ...villages.flatMap((v) =>
          ['a', 'b'].map((x) => ({
            ref: `${v}-${x}`,
            unit: v,
            kind: 'village_mediator' as const,
            capacity: 5,
          })),
        ),
        ...['T1', 'T2'].map((t) => ({ ref: `${t}-m`, unit: t, capacity: 20 })),
        ...['x', 'y', 'z'].map((d) => ({ ref: `D-${d}`, unit: 'D', capacity: 50 })),
      ],
    );
    for (let i = 0; i < 3; i++) workers.push(spawnWorker(apps.dir, config, NO_SWEEP));
    await workersListening(3);

    const ids = await createCases(
      api,
      upTo(200).map((i) => ({ orgUnitId: burst.units[villages[i % villages.length]!]! })),
    );
    // Every job delivered twice.
    await sql.query(
      `INSERT INTO outbox_message (queue_name, job_name, payload)
       SELECT $1, $2, jsonb_build_object('caseId', id) FROM unnest($3::uuid[]) AS id`,
      [QueueName.Assignment, JobName.AssignCase, ids],
    );
    await waitUntilSettled(ids);

    // Each case offered exactly once, in one run (the duplicate found the offer made).
    for (const c of await offersPerCase(ids)) {
      expect(c, c.id).toMatchObject({
        status: 'offered',
        offers: 1,
        open: 1,
        offered_events: 1,
        attempts: 1,
      });
    }
    const loads = await loadsWithinCapacity(Object.values(burst.mediators));
    expect(loads.reduce((sum, m) => sum + m.load, 0)).toBe(200);
    // Each offer counted every earlier one of its mediator, in its own batch or another: a
    // mediator given n offers was offered them at loads 0, 1, …, n − 1.
    for (const [mediator, at] of await loadsOfferedAt(ids))
      expect(at, mediator).toEqual(upTo(at.length));
    // Batches: the offers of one transaction share its instant.
    const { rows: instants } = await sql.query(
      `SELECT count(DISTINCT offered_at)::int AS n FROM case_offer WHERE case_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(instants[0].n).toBeLessThan(100);

    // Each job answered for its own case: one offered it (to the mediator holding the offer),
    // its duplicate found nothing to do.
    const { rows: offers } = await sql.query(
      `SELECT case_id, mediator_id FROM case_offer WHERE case_id = ANY($1::uuid[])`,
      [ids],
    );
    const offeredTo = new Map(offers.map((o) => [o.case_id as string, o.mediator_id as string]));
    const results = new Map<string, AssignCaseResult[]>(ids.map((id) => [id, []]));
    for (const job of await queue.getCompleted(0, 5_000)) {
      if (job.name !== JobName.AssignCase || !results.has(job.data.caseId)) continue;
      results.get(job.data.caseId)!.push(job.returnvalue as AssignCaseResult);
    }
    for (const id of ids) {
      expect(
        results.get(id)!.sort((a, b) => a.outcome.localeCompare(b.outcome)),
        id,
      ).toEqual([
        { caseId: id, outcome: 'not_queued' },
        { caseId: id, outcome: 'offered', mediatorId: offeredTo.get(id) },
      ]);
    }
    expect(await queue.getFailedCount()).toBe(0);
  }, 180_000);

  describe('concurrent runs in one process (no worker running)', () => {
    let engine: AssignmentEngine;
    let net: DemoNetworkResult;

    beforeAll(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await workersListening(0);
      engine = api.app.get(AssignmentEngine);
      net = await buildNetwork(
        api,
        [
          { ref: 'D', name: '并行区', level: 'district' },
          { ref: 'T', name: '并行镇', level: 'town', parent: 'D' },
          { ref: 'V', name: '并行村', level: 'village', parent: 'T' },
          { ref: 'W', name: '并行二村', level: 'village', parent: 'T' },
        ],
        [
          { ref: 'village', unit: 'V', kind: 'village_mediator', capacity: 30 },
          { ref: 'other', unit: 'W', kind: 'village_mediator', capacity: 30 },
          { ref: 'town', unit: 'T', capacity: 30 },
          { ref: 'lawyer', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '并行律师事务所' },
        ],
      );
    });

    it('takes them into one transaction, counting the loads chosen before each case, a collective dispute’s co-mediator too', async () => {
      const plain = await createCases(
        api,
        upTo(9).map(() => ({ orgUnitId: net.units.V! })),
      );
      const collective = await createCase(api, {
        orgUnitId: net.units.V!,
        collective: true,
        townLevel: true,
        workerCount: 30,
      });

      const results = await Promise.all([...plain, collective].map((id) => engine.assign(id)));

      const { village, town, lawyer } = net.mediators;
      expect(results).toEqual([
        ...plain.map((caseId) => ({ caseId, outcome: 'offered', mediatorId: village })),
        { caseId: collective, outcome: 'offered', mediatorId: town, coMediator: 'offered' },
      ]);
      const { rows } = await sql.query(
        `SELECT count(DISTINCT offered_at)::int AS n FROM case_offer
          WHERE case_id = ANY($1::uuid[]) AND role = 'lead'`,
        [[...plain, collective]],
      );
      expect(rows[0].n).toBe(1);
      expect((await loadsOfferedAt(plain)).get(village!)).toEqual(upTo(9));
      const [coOffered] = await eventsOf(api, collective, 'assignment.co_offered');
      expect(coOffered).toMatchObject({ chosen: { mediatorId: lawyer } });
    });

    it('offers the others when one case of the transaction fails, and fails that one alone', async () => {
      const ids = await createCases(
        api,
        upTo(8).map(() => ({ orgUnitId: net.units.W! })),
      );
      const poisoned = ids[3]!;
      await sql.query(`
        CREATE FUNCTION test_poisoned_offer() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.case_id = '${poisoned}' THEN RAISE EXCEPTION 'poisoned case'; END IF;
          RETURN NEW;
        END $$`);
      await sql.query(`
        CREATE TRIGGER test_poisoned_offer BEFORE INSERT ON case_offer
        FOR EACH ROW EXECUTE FUNCTION test_poisoned_offer()`);
      const warn = vi.spyOn(Logger.prototype, 'warn');
      try {
        const settled = await Promise.allSettled(ids.map((id) => engine.assign(id)));

        // Tried together first, then one by one.
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('assignment of 8 cases failed'));
        settled.forEach((outcome, i) =>
          expect(outcome).toMatchObject(
            ids[i] === poisoned
              ? {
                  status: 'rejected',
                  reason: { message: expect.stringContaining('poisoned case') },
                }
              : {
                  status: 'fulfilled',
                  value: { caseId: ids[i], outcome: 'offered', mediatorId: net.mediators.other },
                },
          ),
        );
        for (const c of await offersPerCase(ids)) {
          expect(c).toMatchObject(
            c.id === poisoned
              ? { status: 'queued', offers: 0, attempts: null }
              : { status: 'offered', offers: 1, offered_events: 1, attempts: 1 },
          );
        }
      } finally {
        warn.mockRestore();
        await sql.query(`DROP TRIGGER test_poisoned_offer ON case_offer`);
        await sql.query(`DROP FUNCTION test_poisoned_offer()`);
      }
      // Nothing wrong with the case itself: it is offered once the fault is gone.
      expect(await engine.assign(poisoned)).toMatchObject({ caseId: poisoned, outcome: 'offered' });
    });

    it('lets a case whose mediators are all locked elsewhere wait for them, while the others go ahead', async () => {
      const busy = await buildNetwork(
        api,
        [
          { ref: 'D', name: '忙区', level: 'district' },
          { ref: 'T', name: '忙镇', level: 'town', parent: 'D' },
          { ref: 'V', name: '忙村', level: 'village', parent: 'T' },
          { ref: 'W', name: '闲村', level: 'village', parent: 'T' },
        ],
        [
          { ref: 'held', unit: 'V', kind: 'village_mediator' },
          { ref: 'free', unit: 'W', kind: 'village_mediator' },
        ],
      );
      const waiting = await createCase(api, { orgUnitId: busy.units.V! });
      const going = await createCase(api, { orgUnitId: busy.units.W! });

      // Another transaction holds the only mediator who fits `waiting`.
      const other = await sql.connect();
      await other.query('BEGIN');
      await other.query(`SELECT id FROM mediator WHERE id = $1 FOR NO KEY UPDATE`, [
        busy.mediators.held,
      ]);
      let released = false;
      try {
        const first = engine.assign(waiting).then((result) => ({ result, released }));
        expect(await engine.assign(going)).toEqual({
          caseId: going,
          outcome: 'offered',
          mediatorId: busy.mediators.free,
        });
        // Still waiting, and not mistaken for "nobody fits".
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await offersPerCase([waiting])).toMatchObject([
          { status: 'queued', offers: 0, attempts: null },
        ]);
        released = true;
        await other.query('ROLLBACK');
        expect(await first).toEqual({
          result: { caseId: waiting, outcome: 'offered', mediatorId: busy.mediators.held },
          released: true,
        });
      } finally {
        if (!released) await other.query('ROLLBACK');
        other.release();
      }
    });
  });

  /** Per case: its offers, open ones, `assignment.offered` events and engine runs recorded. */
  async function offersPerCase(ids: readonly string[]) {
    const { rows } = await sql.query(
      `SELECT c.id, c.status,
              (SELECT count(*)::int FROM case_offer o WHERE o.case_id = c.id) AS offers,
              (SELECT count(*)::int FROM case_offer o
                WHERE o.case_id = c.id AND o.state = 'open') AS open,
              (SELECT count(*)::int FROM case_event e
                WHERE e.case_id = c.id AND e.type = 'assignment.offered') AS offered_events,
              ca.attempts
         FROM mediation_case c LEFT JOIN case_assignment ca ON ca.case_id = c.id
        WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows as { id: string; status: string; attempts: number | null }[];
  }

  /** Per mediator, the loads its offers of these cases were made at (`chosen.load`), sorted. */
  async function loadsOfferedAt(ids: readonly string[]): Promise<Map<string, number[]>> {
    const { rows } = await sql.query(
      `SELECT e.data -> 'chosen' ->> 'mediatorId' AS mediator_id,
              (e.data -> 'chosen' ->> 'load')::int AS load
         FROM case_event e
        WHERE e.case_id = ANY($1::uuid[]) AND e.type = 'assignment.offered'`,
      [ids],
    );
    const loads = new Map<string, number[]>();
    for (const r of rows as { mediator_id: string; load: number }[]) {
      loads.set(r.mediator_id, [...(loads.get(r.mediator_id) ?? []), r.load]);
    }
    for (const list of loads.values()) list.sort((a, b) => a - b);
    return loads;
  }
});

const upTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
