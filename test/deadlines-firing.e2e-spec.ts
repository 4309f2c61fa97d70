import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DisputeCategory, JobName, QueueName, redisOptions } from '@heqi/core';
import { CaseChannel } from '@heqi/cases';
import { ClockKind, FIRE_JOB_HORIZON_MS, LogSmsProvider, SmsProvider } from '@heqi/deadlines';
import { completedJob, waitFor } from '@heqi/testing';
import {
  type DeadlinesWorld,
  deadlinesOf,
  startDeadlinesWorld,
} from './support/deadlines-world.js';
import { startWorker } from './support/test-apps.js';

/**
 * Clocks firing through the real worker: a warning at `warn_at` and a breach at `due_at`,
 * delivered by the delayed job of each transition and, when that job is lost in Redis, by the
 * sweep; each transition once, however often jobs and sweeps run. Escalation: notifications to
 * the holder (or intake staff) and the nearest supervisors, a 督办, timeline events, SMS through
 * the local provider. The sweep's own scheduler runs every 60 s here, so the tests trigger sweeps
 * themselves and know which path fired.
 */
describe('deadlines firing', () => {
  let world: DeadlinesWorld;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    world = await startDeadlinesWorld({ HEQI_DEADLINE_SWEEP_MS: '60000' });
    worker = await startWorker(world.config);
    queue = new Queue(QueueName.Deadlines, {
      connection: redisOptions(world.config.redisUrl, 'client'),
      prefix: world.config.redisPrefix,
    });
  });

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await world?.close();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    (await world.sql.query(sql, params)).rows[0].n as number;

  const eventsOf = async (
    caseId: string,
  ): Promise<{ type: string; data: Record<string, unknown> }[]> =>
    (
      await world.sql.query(
        `SELECT type, data FROM case_event WHERE case_id = $1 AND type LIKE 'deadline.%' ORDER BY id`,
        [caseId],
      )
    ).rows;

  const notificationsOf = async (clockId: string) =>
    (
      await world.sql.query(
        `SELECT user_id, kind, title, body, sms_state FROM notification WHERE clock_id = $1
          ORDER BY kind, user_id`,
        [clockId],
      )
    ).rows as { user_id: string; kind: string; title: string; body: string; sms_state: string }[];

  /** Runs a job on the worker and waits for its return value. */
  async function run<T>(name: JobName, data: object): Promise<T> {
    const job = await queue.add(name, data);
    return (await completedJob(queue, job.id!)).returnvalue as T;
  }

  const sweep = () =>
    run<{ warned: number; breached: number; batches: number }>(JobName.DeadlineSweep, {});

  it('registers the periodic sweep with the configured interval', async () => {
    const schedulers = await waitFor('sweep scheduler', async () => {
      const found = await queue.getJobSchedulers();
      return found.some((s) => s.key === JobName.DeadlineSweep) ? found : undefined;
    });
    expect(schedulers.find((s) => s.key === JobName.DeadlineSweep)).toMatchObject({
      every: 60_000,
    });
  });

  it('warns and breaches through the delayed jobs, exactly once each, and escalates', async () => {
    // A policy of 6 wall-clock seconds for first contact on walk-in welfare cases, warning
    // half-way: the most specific policy wins over the 1-working-day default.
    const policy = await world.post('admin', '/clock-policies', {
      kind: 'first_contact',
      channel: 'walk_in',
      category: 'welfare',
      budgetValue: 0.1,
      budgetUnit: 'minutes',
      warnShare: 0.5,
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);

    const created = await world.createCase({
      category: DisputeCategory.Welfare,
      orgUnitId: world.net.units.T1V2!,
    });
    await world.holdBy(created.id, 'M-T1a');
    // As the assignment engine does on acceptance, inside its transaction.
    const started = await world.dataSource.transaction((m) =>
      deadlinesOf(world).startClock(m, {
        caseId: created.id,
        kind: ClockKind.FirstContact,
        startAt: new Date(),
      }),
    );
    expect(started).not.toBeNull();
    const clock = started!;
    expect(clock.dueAt.getTime() - clock.warnAt.getTime()).toBe(3_000);

    const final = await waitFor(
      'the clock breached',
      async () => {
        const row = (await world.clocks(created.id))[ClockKind.FirstContact]!;
        return row.state === 'breached' ? row : undefined;
      },
      20_000,
    );
    expect(final.warned_at!.getTime()).toBeGreaterThanOrEqual(clock.warnAt.getTime());
    expect(final.warned_at!.getTime()).toBeLessThan(clock.dueAt.getTime());
    expect(final.breached_at!.getTime()).toBeGreaterThanOrEqual(clock.dueAt.getTime());

    // Both transitions came from the clock's own delayed jobs (the sweep did not run).
    const jobs = await waitFor('both FireClock jobs completed', async () => {
      const done = (await queue.getJobs(['completed'])).filter(
        (j) => j.name === JobName.FireClock && j.data.clockId === clock.id,
      );
      return done.length >= 2 ? done : undefined;
    });
    expect(jobs.map((j) => j.returnvalue).sort((a, b) => a.breached - b.breached)).toEqual([
      { warned: 1, breached: 0 },
      { warned: 0, breached: 1 },
    ]);

    const expectOnce = async () => {
      expect((await eventsOf(created.id)).map((e) => e.type)).toEqual([
        'deadline.warned',
        'deadline.breached',
        'deadline.supervision_opened',
      ]);
      expect(
        await count(`SELECT count(*)::int AS n FROM supervision_order WHERE clock_id = $1`, [
          clock.id,
        ]),
      ).toBe(1);
      const notes = await notificationsOf(clock.id);
      // Warning: the holder. Breach: the holder and T1's supervisors (the nearest unit above
      // the village that has any), not the district's.
      expect(notes.map((n) => [n.kind, n.user_id]).sort()).toEqual(
        [
          ['deadline.breached', world.users.medT1a.id],
          ['deadline.breached', world.users.supT1.id],
          ['deadline.warned', world.users.medT1a.id],
        ].sort(),
      );
    };
    await expectOnce();
    const [breach] = await eventsOf(created.id).then((e) =>
      e.filter((x) => x.type === 'deadline.breached'),
    );
    expect(breach!.data).toEqual({
      clockId: clock.id,
      kind: 'first_contact',
      dueAt: clock.dueAt.toISOString(),
    });

    // The same job delivered again, and a sweep: nothing more happens.
    expect(await run(JobName.FireClock, { clockId: clock.id })).toEqual({ warned: 0, breached: 0 });
    expect(await run(JobName.FireClock, { clockId: clock.id })).toEqual({ warned: 0, breached: 0 });
    await sweep();
    await expectOnce();

    // SMS: to the mediator (the demo network gave M-T1a a phone), none for a supervisor, who
    // has the in-app inbox only. Each notification once.
    const notes = await waitFor('notifications delivered', async () => {
      const rows = await notificationsOf(clock.id);
      return rows.every((n) => n.sms_state !== 'pending') ? rows : undefined;
    });
    expect(notes.map((n) => [n.user_id, n.sms_state]).sort()).toEqual(
      [
        [world.users.medT1a.id, 'sent'],
        [world.users.medT1a.id, 'sent'],
        [world.users.supT1.id, 'no_phone'],
      ].sort(),
    );
    const sms = worker.get(SmsProvider) as LogSmsProvider;
    const caseNo = created.caseNo;
    const mine = sms.sent.filter((m) => m.text.includes(caseNo));
    expect(mine).toHaveLength(2);
    expect(mine.every((m) => /^1\d{2}\*{4}\d{4}$/.test(m.toMasked))).toBe(true);
    expect(mine.map((m) => m.text).join()).toContain('期限预警');
  }, 40_000);

  it('leaves a transition days away to the sweep (no delayed job), and an early job does nothing', async () => {
    // A triage hotline case: nobody holds it, so the district's intake staff hear of it.
    const created = await world.createHotlineCase();
    const { [ClockKind.MediationLimit]: limit } = await world.clocks(created.id);
    const fireJobsOf = async (clockId: string) =>
      (
        await world.sql.query(
          `SELECT run_at FROM outbox_message
            WHERE job_name = $1 AND payload->>'clockId' = $2`,
          [JobName.FireClock, clockId],
        )
      ).rows;

    // The warning is 12 days away: no delayed job holds it, in the outbox or in Redis.
    expect(limit!.warn_at.getTime() - Date.now()).toBeGreaterThan(FIRE_JOB_HORIZON_MS);
    expect(await fireJobsOf(limit!.id)).toEqual([]);
    expect(
      (await queue.getJobs(['delayed', 'waiting'])).filter((j) => j.data.clockId === limit!.id),
    ).toEqual([]);

    // An early job: the clock is not due, nothing happens.
    expect(await run(JobName.FireClock, { clockId: limit!.id })).toEqual({
      warned: 0,
      breached: 0,
    });
    expect((await world.clocks(created.id))[ClockKind.MediationLimit]!.state).toBe('running');

    // Time reaches the warning: with no job left, the sweep fires it.
    await world.sql.query(
      `UPDATE case_clock SET warn_at = now() - interval '1 second' WHERE id = $1`,
      [limit!.id],
    );
    const first = await sweep();
    expect(first.warned).toBeGreaterThanOrEqual(1);
    expect((await world.clocks(created.id))[ClockKind.MediationLimit]!.state).toBe('warned');
    // Warned, not yet breached: the supervisors' at-risk list has it, the overdue list not yet.
    const ids = async (query: string) =>
      (await world.get('supD', `/cases?${query}&pageSize=200`)).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await ids('atRisk=true')).toContain(created.id);
    expect(await ids('atRisk=false')).not.toContain(created.id);
    expect(await ids('overdue=true')).not.toContain(created.id);

    // The warning wrote no job for the breach either (days away); time reaches the due instant.
    expect(await fireJobsOf(limit!.id)).toEqual([]);
    await world.sql.query(
      `UPDATE case_clock SET due_at = now() - interval '1 second', warn_at = now() - interval '2 seconds'
        WHERE id = $1`,
      [limit!.id],
    );
    await sweep();
    await sweep();
    expect(await run(JobName.FireClock, { clockId: limit!.id })).toEqual({
      warned: 0,
      breached: 0,
    });

    const row = (await world.clocks(created.id))[ClockKind.MediationLimit]!;
    expect(row.state).toBe('breached');
    expect(
      (await eventsOf(created.id)).filter((e) => e.data.clockId === limit!.id).map((e) => e.type),
    ).toEqual(['deadline.warned', 'deadline.breached', 'deadline.supervision_opened']);
    const notes = await notificationsOf(limit!.id);
    // The case waits in the district's triage queue: the district's intake staff are warned; the
    // breach goes to them and the district's supervisors.
    expect(notes.map((n) => [n.kind, n.user_id]).sort()).toEqual(
      [
        ['deadline.breached', world.users.intakeD.id],
        ['deadline.breached', world.users.supD.id],
        ['deadline.warned', world.users.intakeD.id],
      ].sort(),
    );
    expect(notes.find((n) => n.user_id === world.users.supD.id)!.body).toContain('督办');

    // The supervisor sees the 督办 and the case in the overdue list.
    const orders = await world.get('supD', '/supervision-orders?state=open');
    expect(orders.status).toBe(200);
    expect(orders.body.items.map((o: { clockId: string }) => o.clockId)).toContain(limit!.id);
    const overdue = await world.get('supD', '/cases?overdue=true');
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toContain(created.id);
  }, 40_000);

  it('stops a sign-for clock when intake routes the order, so it never fires', async () => {
    const created = await world.createHotlineCase();
    const before = (await world.clocks(created.id))[ClockKind.HotlineSignFor]!;
    expect(before.state).toBe('running');
    const routed = await world.post('intakeD', `/cases/${created.id}/route`, {
      orgUnitId: world.net.units.T2,
    });
    expect(routed.status, JSON.stringify(routed.body)).toBe(200);
    const after = (await world.clocks(created.id))[ClockKind.HotlineSignFor]!;
    expect(after).toMatchObject({ state: 'met', stop_reason: 'routed' });
    await world.sql.query(`UPDATE case_clock SET due_at = now(), warn_at = now() WHERE id = $1`, [
      before.id,
    ]);
    expect(await run(JobName.FireClock, { clockId: before.id })).toEqual({
      warned: 0,
      breached: 0,
    });
    expect((await world.clocks(created.id))[ClockKind.HotlineSignFor]!.state).toBe('met');
  });

  it('alerts admins once that clocks reach into the unpublished 2027', async () => {
    // Every case's one-year limitation ends in 2027, whose schedule chinese-days does not have.
    for (let i = 0; i < 3; i++) {
      await world.createCase({ channel: CaseChannel.Online });
    }
    const alerted = await waitFor('2027 alerted', async () => {
      const { rows } = await world.sql.query(
        `SELECT unverified_alerted_at FROM calendar_year WHERE year = 2027`,
      );
      return rows[0]?.unverified_alerted_at ? rows[0] : undefined;
    });
    expect(alerted.unverified_alerted_at).toBeInstanceOf(Date);
    await world.createCase({ channel: CaseChannel.Online });
    await run(JobName.CalendarUnverifiedAlert, { year: 2027 });
    const { rows } = await world.sql.query(
      `SELECT user_id, title FROM notification WHERE kind = 'calendar.unverified'`,
    );
    expect(rows).toEqual([{ user_id: world.users.admin.id, title: '2027 年节假日安排尚未发布' }]);
    const inbox = await world.get('admin', '/me/notifications?unread=true');
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('calendar.unverified');
  });

  it('records an SMS the gateway keeps refusing as failed after the last attempt, not pending for ever', async () => {
    const { rows } = await world.sql.query(
      `INSERT INTO notification (user_id, kind, title, body) VALUES ($1, 'test', '短信网关测试', '测试')
       RETURNING id`,
      [world.users.medT1a.id],
    );
    const id = rows[0].id as string;
    const sms = worker.get(SmsProvider);
    const send = vi.spyOn(sms, 'send').mockRejectedValue(new Error('gateway 503'));
    const notifications = new Queue(QueueName.Notifications, {
      connection: redisOptions(world.config.redisUrl, 'client'),
      prefix: world.config.redisPrefix,
    });
    try {
      const job = await notifications.add(
        JobName.DeliverNotifications,
        { notificationIds: [id] },
        { attempts: 2, backoff: { type: 'fixed', delay: 50 } },
      );
      const result = (await completedJob(notifications, job.id!)).returnvalue;
      // The first attempt threw (and was retried); the second, the last, gave up on the SMS.
      expect(result).toEqual({ [id]: 'failed' });
      expect(send).toHaveBeenCalledTimes(2);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM notification WHERE id = $1 AND sms_state = 'failed'`,
          [id],
        ),
      ).toBe(1);
    } finally {
      send.mockRestore();
      await notifications.close();
    }
  });

  it("records a missed instalment's breach without a 督办 or a notification: the payment default alerts", async () => {
    const created = await world.createHotlineCase();
    await world.holdBy(created.id, 'M-T1a');
    const clock = (await world.dataSource.transaction((m) =>
      deadlinesOf(world).startClock(m, {
        caseId: created.id,
        kind: ClockKind.AgreementPerformance,
        startAt: new Date(Date.now() - 60_000),
        dueAt: new Date(Date.now() - 1_000),
        ref: 'instalment-1',
      }),
    ))!;
    await sweep();
    const row = await waitFor('the instalment clock breached', async () => {
      const { rows } = await world.sql.query(`SELECT state FROM case_clock WHERE id = $1`, [
        clock.id,
      ]);
      return rows[0]?.state === 'breached' ? rows[0] : undefined;
    });
    expect(row.state).toBe('breached');
    expect((await eventsOf(created.id)).map((e) => e.type)).toContain('deadline.breached');
    expect(await notificationsOf(clock.id)).toEqual([]);
    expect(
      await count(`SELECT count(*)::int AS n FROM supervision_order WHERE clock_id = $1`, [
        clock.id,
      ]),
    ).toBe(0);
  });
});
