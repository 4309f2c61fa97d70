import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import {
  AuditModule,
  ConfigModule,
  DatabaseModule,
  PiiModule,
  loadConfig,
  runMigrations,
} from '@heqi/core';
import { CaseDeadlinesGateway, CasesModule } from '@heqi/cases';
import { ClockFiring, DeadlinesModule, SWEEP_BATCH, SWEEP_LANES } from '@heqi/deadlines';
import { type DemoNetwork, NetworkDemoService, NetworkModule } from '@heqi/network';
import { writeResultsSection } from '../results-section.js';

/**
 * `npm run bench:deadlines`: a fresh database holding the fixture network, its staff, 250,000
 * cases and 1,000,000 open clocks, of which 10,000 are due (half to warn, half to breach) and
 * spread over every kind and unit; after a warm-up pass over 100 others, one sweep pass —
 * `ClockFiring.sweep()`, the worker's periodic job, in this process — timed end to end with
 * everything it writes (transitions, timeline events, notifications and their delivery jobs,
 * 督办). Prints the time, rows/s and the
 * process's peak RSS, then an idle pass (nothing due), and writes bench/RESULTS.md.
 */

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    clocks: { type: 'string', default: '1000000' },
    due: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
  },
});

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLOCKS = Number(args.clocks);
const DUE = Number(args.due);
/** Four clocks a case, as a 12345 order starts with. */
const KINDS = ['hotline_sign_for', 'hotline_reply', 'mediation_limit', 'limitation'];

async function main(): Promise<void> {
  // The warm-up's clocks (1 in clocks / 100) must not be among the measured ones (1 in clocks / due).
  if (CLOCKS % 400 !== 0 || DUE % 100 !== 0 || CLOCKS % DUE !== 0 || DUE > CLOCKS / 2) {
    throw new Error(
      '--clocks must be a multiple of 400 and of --due, a multiple of 100 ≤ clocks / 2',
    );
  }
  const dbName = `heqi_bench_deadlines_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: args.postgres });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = Object.assign(new URL(args.postgres), { pathname: `/${dbName}` }).toString();
  const sql = new pg.Client({ connectionString: dbUrl });
  try {
    console.log(`database ${dbName}: migrating, loading the network, ${CLOCKS} clocks…`);
    await runMigrations(dbUrl, { quiet: true });
    const app = await startContext(dbUrl);
    await sql.connect();
    const network = JSON.parse(
      readFileSync(join(ROOT, 'test/fixtures/network.json'), 'utf8'),
    ) as DemoNetwork;
    await app.get(NetworkDemoService).loadDemoNetwork(network);
    const loadStart = performance.now();
    const staff = await loadStaff(sql);
    await loadCasesAndClocks(sql);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    console.log(
      `loaded in ${loadSeconds.toFixed(1)} s: ${staff} staff users, ${CLOCKS / KINDS.length} cases, ` +
        `${CLOCKS} open clocks`,
    );

    // Warm-up: a pass over 100 due clocks, as a running worker's pool connections and code
    // paths are warm after its first sweep; then the measured set becomes due.
    const firing = app.get(ClockFiring);
    await makeDue(sql, CLOCKS / 100, 1);
    const warmUp = await firing.sweep();
    console.log(`warm-up pass: ${warmUp.warned + warmUp.breached} transitions`);
    const rssBefore = rss();
    // Worst case: the due clocks spread evenly over every case, unit and kind.
    await makeDue(sql, CLOCKS / DUE, 0);
    const spread = await timedPass(sql, firing);
    // The usual case: clocks started together fall due together (one kind of consecutive cases).
    await makeDueTogether(sql, DUE);
    const together = await timedPass(sql, firing);
    const t1 = performance.now();
    const idle = await firing.sweep();
    const idleMs = performance.now() - t1;
    const figures: Figures = {
      passes: [
        { name: 'due clocks spread over all cases (worst case)', ...spread },
        { name: 'due clocks started together (consecutive cases)', ...together },
      ],
      idle: { ...idle, ms: idleMs },
      rssBefore,
      rssAfter: rss(),
      loadSeconds,
      pgVersion: (await sql.query(`SELECT current_setting('server_version') AS v`)).rows[0].v,
      plan: await sweepPlan(sql),
    };
    print(figures);
    writeResults(figures);
    await app.close();
  } finally {
    await sql.end().catch(() => undefined);
    if (args.keep) console.log(`kept database ${dbName}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

/** One timed sweep pass. */
interface Pass {
  seconds: number;
  pass: { warned: number; breached: number; batches: number };
  /** Rows the pass wrote, by table or job. */
  written: Record<string, number>;
  /** The machine's 1-minute load average as the pass started (other work shares the CPUs). */
  load: number;
  /** WAL the pass wrote (nothing else writes to this database). */
  walBytes: number;
}

interface Figures {
  passes: (Pass & { name: string })[];
  idle: { warned: number; breached: number; ms: number };
  rssBefore: { now: number; peak: number };
  rssAfter: { now: number; peak: number };
  loadSeconds: number;
  pgVersion: string;
  plan: string;
}

/** Times one sweep pass over whatever is due, with the rows and WAL it wrote. */
async function timedPass(sql: pg.Client, firing: ClockFiring): Promise<Pass> {
  const due = await countDue(sql);
  const writtenBefore = await countWritten(sql);
  const load = loadavg()[0]!;
  const wal = (await sql.query(`SELECT pg_current_wal_lsn() AS lsn`)).rows[0].lsn as string;
  const t0 = performance.now();
  const pass = await firing.sweep();
  const seconds = (performance.now() - t0) / 1000;
  const walBytes = Number(
    (await sql.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS bytes`, [wal])).rows[0]
      .bytes,
  );
  const writtenAfter = await countWritten(sql);
  const written = Object.fromEntries(
    Object.entries(writtenAfter).map(([k, v]) => [k, v - (writtenBefore[k] ?? 0)]),
  );
  console.log(
    `due ${due.warn} to warn, ${due.breach} to breach → ${pass.warned + pass.breached} ` +
      `transitions in ${seconds.toFixed(2)} s (load average ${load.toFixed(1)})`,
  );
  return { seconds, pass, written, load, walBytes };
}

/** The deadlines context as the worker wires it, without BullMQ (the sweep writes the outbox). */
async function startContext(databaseUrl: string) {
  @Module({
    imports: [
      ConfigModule.forRoot(loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' })),
      DatabaseModule,
      AuditModule,
      PiiModule,
      NetworkModule,
      CasesModule,
      DeadlinesModule.forRoot({ imports: [CasesModule], caseGateway: CaseDeadlinesGateway }),
    ],
  })
  class BenchModule {}
  return NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
}

/**
 * Staff to escalate to: a supervisor and an intake user at the district and at every town, and a
 * user for every mediator (whose cases they hold).
 */
async function loadStaff(sql: pg.Client): Promise<number> {
  const { rowCount: units } = await sql.query(`
    INSERT INTO app_user (username, password_hash, display_name, roles, org_unit_id)
    SELECT 'bench.' || r.role || '.' || u.id, 'x', u.name || r.role, ARRAY[r.role], u.id
      FROM org_unit u CROSS JOIN (VALUES ('supervisor'), ('intake')) r(role)
     WHERE u.level IN ('district', 'town')`);
  const { rowCount: mediators } = await sql.query(`
    INSERT INTO app_user (username, password_hash, display_name, roles, org_unit_id, mediator_id)
    SELECT 'bench.mediator.' || m.id, 'x', m.name, ARRAY['mediator'], m.org_unit_id, m.id
      FROM mediator m`);
  return (units ?? 0) + (mediators ?? 0);
}

/**
 * Cases spread over every town and village, a third of them held by a mediator of their town;
 * four clocks each, none due yet (warnings in 5 days or more, due dates in 10 days or more).
 */
async function loadCasesAndClocks(sql: pg.Client): Promise<void> {
  await sql.query(
    `WITH units AS (
       SELECT array_agg(u.id ORDER BY u.path) AS ids, array_agg(d.id ORDER BY u.path) AS districts,
              count(*)::int AS n
         FROM org_unit u JOIN org_unit d ON d.id = split_part(u.path, '/', 2)::uuid
        WHERE u.level IN ('town', 'village')),
     meds AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM mediator)
     INSERT INTO mediation_case (id, case_no, channel, status, category, description, org_unit_id,
                                 district_id, mediator_id, received_at)
     SELECT gen_random_uuid(), 'BENCH-' || i, 'hotline',
            CASE WHEN i % 3 = 0 THEN 'in_mediation' ELSE 'queued' END, 'wages',
            '来电人反映用人单位拖欠工资。', units.ids[1 + i % units.n], units.districts[1 + i % units.n],
            CASE WHEN i % 3 = 0 THEN meds.ids[1 + i % meds.n] END, now() - interval '1 day'
       FROM generate_series(0, $1::int - 1) i, units, meds`,
    [CLOCKS / KINDS.length],
  );
  await sql.query(
    `INSERT INTO case_clock (case_id, kind, budget_value, budget_unit, warn_share, started_at,
                             due_at, warn_at)
     SELECT c.id, k.kind, 5, 'working_days', 0.8, now() - interval '1 day',
            now() + interval '10 days' + (c.n % 1000) * interval '7 hours',
            now() + interval '5 days' + (c.n % 1000) * interval '5 hours'
       FROM (SELECT id, row_number() OVER (ORDER BY case_no) AS n FROM mediation_case) c
       CROSS JOIN unnest($1::text[]) AS k(kind)`,
    [KINDS],
  );
  await vacuum(sql);
}

/**
 * Makes one clock in every `every` (in random id order, so over all kinds, units and cases) due
 * now, starting at `offset`: alternately its breach and (due later) its warning. Time passing does
 * not write rows; this UPDATE only stands in for it, before the timed pass.
 */
async function makeDue(sql: pg.Client, every: number, offset: number): Promise<void> {
  await sql.query(
    `WITH pick AS (
       SELECT id, row_number() OVER (ORDER BY id) AS r FROM case_clock)
     UPDATE case_clock k
        SET warn_at = now() - interval '2 minutes',
            due_at = CASE WHEN (p.r / $1) % 2 = 0 THEN now() - interval '1 minute' ELSE k.due_at END
       FROM pick p
      WHERE p.id = k.id AND p.r % $1 = $2`,
    [every, offset],
  );
  await vacuum(sql);
}

/**
 * Makes the reply clocks of `count` consecutive cases (received one after another, so stored
 * together) due now, alternately their breach and their warning, as a day's orders reach their
 * deadline together. Cases already fired by an earlier pass are skipped.
 */
async function makeDueTogether(sql: pg.Client, count: number): Promise<void> {
  await sql.query(
    `WITH pick AS (
       SELECT k.id, row_number() OVER (ORDER BY c.n) AS r
         FROM (SELECT id, substring(case_no FROM 7)::int AS n FROM mediation_case) c
         JOIN case_clock k ON k.case_id = c.id AND k.kind = 'hotline_reply'
        WHERE c.n >= $2 AND k.state = 'running' AND k.warned_at IS NULL
        ORDER BY c.n LIMIT $1)
     UPDATE case_clock k
        SET warn_at = now() - interval '2 minutes',
            due_at = CASE WHEN p.r % 2 = 0 THEN now() - interval '1 minute' ELSE k.due_at END
       FROM pick p
      WHERE p.id = k.id`,
    [count, Math.floor(CLOCKS / KINDS.length / 2)],
  );
  await vacuum(sql);
}

async function vacuum(sql: pg.Client): Promise<void> {
  for (const table of ['mediation_case', 'case_clock', 'app_user']) {
    await sql.query(`VACUUM ANALYZE ${table}`);
  }
}

async function countDue(sql: pg.Client): Promise<{ warn: number; breach: number }> {
  const { rows } = await sql.query(
    `SELECT count(*) FILTER (WHERE due_at > now())::int AS warn,
            count(*) FILTER (WHERE due_at <= now())::int AS breach
       FROM case_clock WHERE next_fire_at <= now()`,
  );
  return rows[0];
}

async function countWritten(sql: pg.Client): Promise<Record<string, number>> {
  const { rows } = await sql.query(`
    SELECT (SELECT count(*) FROM case_clock WHERE state = 'warned')::int AS warned,
           (SELECT count(*) FROM case_clock WHERE state = 'breached')::int AS breached,
           (SELECT count(*) FROM case_event WHERE type LIKE 'deadline.%')::int AS events,
           (SELECT count(*) FROM notification)::int AS notifications,
           (SELECT count(*) FROM supervision_order)::int AS supervision_orders,
           (SELECT count(*) FROM outbox_message WHERE job_name = 'deadlines.fire-clock')::int
             AS breach_jobs,
           (SELECT count(*) FROM outbox_message WHERE job_name = 'notifications.deliver')::int
             AS delivery_jobs`);
  return rows[0];
}

/** How Postgres finds the due clocks now (after the pass: none), for the record. */
async function sweepPlan(sql: pg.Client): Promise<string> {
  const { rows } = await sql.query(
    `EXPLAIN SELECT id FROM case_clock
      WHERE next_fire_at <= now() AND due_at <= now() AND state IN ('running', 'warned')
      ORDER BY next_fire_at LIMIT ${SWEEP_BATCH}`,
  );
  return rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
}

function rss(): { now: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { now: kb('VmRSS'), peak: kb('VmHWM') };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

function print(f: Figures): void {
  for (const p of f.passes) {
    const transitions = p.pass.warned + p.pass.breached;
    console.log(
      `${p.name}: ${transitions} transitions (${p.pass.warned} warned, ${p.pass.breached} ` +
        `breached) in ${p.seconds.toFixed(2)} s = ${(transitions / p.seconds).toFixed(0)} clocks/s, ` +
        `WAL ${mb(p.walBytes)} MB; goal < 2 s: ${p.seconds < 2 ? 'met' : 'NOT met'}`,
    );
  }
  console.log(`written by the first: ${JSON.stringify(f.passes[0]!.written)}`);
  console.log(`idle pass (nothing due): ${f.idle.ms.toFixed(1)} ms`);
  console.log(
    `RSS: ${mb(f.rssBefore.now)} MB before the passes, ${mb(f.rssAfter.now)} MB after; ` +
      `peak (VmHWM) ${mb(f.rssAfter.peak)} MB`,
  );
}

function writeResults(f: Figures): void {
  const row = (p: Pass & { name: string }) => {
    const transitions = p.pass.warned + p.pass.breached;
    return (
      `| ${p.name} | ${p.pass.warned} + ${p.pass.breached} | ${p.seconds.toFixed(2)} | ` +
      `${(transitions / p.seconds).toFixed(0)} | ${p.pass.batches} | ${mb(p.walBytes)} | ` +
      `${p.load.toFixed(1)} |`
    );
  };
  const body = [
    `## bench/deadlines — ${new Date().toISOString()}`,
    '',
    `Machine: ${cpus().length} CPUs (\`nproc\`), ${(totalmem() / 2 ** 30).toFixed(1)} GB memory, ` +
      `${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}; PostgreSQL ${f.pgVersion} ` +
      '(shared_buffers 128 MB) on the same machine, which other sessions share (load average ' +
      'below). The sweep runs in the bench process (the worker’s `ClockFiring` with its Nest ' +
      'wiring), against a fresh database.',
    '',
    `Data: the fixture network with a supervisor and an intake user per district and town and a ` +
      `user per mediator; ${CLOCKS / KINDS.length} cases (a third held by a mediator) with ` +
      `${KINDS.length} open clocks each = ${CLOCKS} open clocks, loaded in ` +
      `${f.loadSeconds.toFixed(0)} s. Before the measured passes, a warm-up pass over 100 other ` +
      'due clocks (a running worker’s connections are warm after its first sweep). Each pass ' +
      `fires ${DUE} due clocks, half warnings, half breaches.`,
    '',
    `| pass | warned + breached | seconds (goal < 2) | clocks/s | batches (${SWEEP_LANES} at a time) | WAL MB | load avg |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...f.passes.map(row),
    `| idle (nothing due) | 0 | ${(f.idle.ms / 1000).toFixed(3)} | | 1 | | |`,
    '',
    `Written by each pass: ${Object.entries(f.passes[0]!.written)
      .map(([k, v]) => `${v} ${k.replace(/_/g, ' ')}`)
      .join(', ')}.`,
    '',
    `Process RSS ${mb(f.rssBefore.now)} MB before the passes, ${mb(f.rssAfter.now)} MB after; ` +
      `peak (VmHWM) ${mb(f.rssAfter.peak)} MB.`,
    '',
    `Goal < 2 s per pass: ${f.passes
      .map(
        (p) =>
          `${p.seconds < 2 ? 'met' : 'NOT met'} ${p.name.split(' (')[0]} (${p.seconds.toFixed(2)} s)`,
      )
      .join('; ')}.`,
    '',
    'How the due clocks are found (`next_fire_at` partial index):',
    '',
    '```',
    f.plan,
    '```',
  ].join('\n');
  const path = join(ROOT, 'bench/RESULTS.md');
  writeResultsSection(path, '<!-- bench:deadlines -->', '<!-- /bench:deadlines -->', body);
  console.log(`written ${path}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
