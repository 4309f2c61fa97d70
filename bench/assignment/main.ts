import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DisputeCategory, creditCodeCheckChar } from '@heqi/core';
import type { DemoNetwork } from '@heqi/network';
import { freePort } from '../../apps/launcher/src/free-port.js';
import { createBenchDatabase, loadNetwork, postgresVersion } from '../support/database.js';
import { mb, memoryOf, ms, splitFlags, startApp, waitForHealth } from '../support/processes.js';
import { dropRedisPrefix } from '../support/redis.js';
import { appendResults, machineLine } from '../support/results.js';
import { benchKey, hotlineKeysEnv, signedRequest } from '../support/signing.js';
import { quantile } from '../support/http-load.js';
import { type CpuShares, cpuShares, cpuSnapshot, describeCpu } from '../support/cpu.js';
import { type PacedCall, type PacedSample, runPaced } from './paced-load.js';
import { type DrainFigures, engineDrain } from './engine-drain.js';
import { type RawQueueFigures, rawQueueFigures } from './raw-queue.js';

/**
 * `npm run bench:assignment` (issue 5): a network of `towns` × `villages` × `mediators`, the
 * built API and `workers` built worker processes (dist/, as production runs them) on a fresh
 * database; signed 12345 pushes through the real intake endpoint at `rate` per second for
 * `seconds` (open loop), each order naming a registered enterprise so it is placed in a village
 * and queued; then intake→offered latency per order (request sent → lead offer written),
 * assignments per second, and — in the same run, on the same Redis — BullMQ's own add→process
 * latency and throughput with no-op jobs; and the peak RSS of every process.
 */
const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    workers: { type: 'string', default: '2' },
    towns: { type: 'string', default: '50' },
    villages: { type: 'string', default: '10' },
    mediators: { type: 'string', default: '5' },
    capacity: { type: 'string', default: '10' },
    'max-in-flight': { type: 'string', default: '256' },
    'raw-burst': { type: 'string', default: '20000' },
    drain: { type: 'string', default: '5000' },
    /** Extra node flags for the API process, space-separated. */
    'api-flags': { type: 'string', default: '--max-old-space-size=192 --max-semi-space-size=16' },
    /** Extra node flags for each worker process, space-separated (e.g. `--cpu-prof`). */
    'worker-flags': { type: 'string', default: '' },
    /** Print only: leave bench/RESULTS.md alone (trial runs). */
    'no-write': { type: 'boolean', default: false },
  },
});

const KEY = benchKey();
/** The assignment processor's concurrency (apps/worker/src/processors/assignment.processor.ts). */
const WORKER_CONCURRENCY = 100;

const num = (name: keyof typeof args) => Number(args[name]);

interface Enterprise {
  name: string;
  creditCode: string;
}

/** The synthetic network: one district, towns, villages, one registered enterprise per village. */
function syntheticNetwork(): { network: DemoNetwork; enterprises: Enterprise[] } {
  const network: DemoNetwork = {
    units: [{ ref: 'D', name: '基准区', level: 'district' }],
    mediators: [],
  };
  const enterprises: Enterprise[] = [];
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (let t = 1; t <= num('towns'); t++) {
    network.units.push({ ref: `T${t}`, name: `基准${t}镇`, level: 'town', parent: 'D' });
    for (let v = 1; v <= num('villages'); v++) {
      const village = `T${t}V${v}`;
      network.units.push({
        ref: village,
        name: `基准${t}镇${v}村`,
        level: 'village',
        parent: `T${t}`,
      });
      const serial = String(t * 1000 + v).padStart(11, '0');
      const body = `913210${[...serial].map((d) => alphabet[Number(d)]).join('')}`;
      const enterprise = {
        name: `扬州基准${t}镇${v}村制造有限公司`,
        creditCode: body + creditCodeCheckChar(body),
      };
      enterprises.push(enterprise);
      network.units.push({
        ref: `${village}E`,
        name: enterprise.name,
        level: 'enterprise',
        parent: village,
        creditCode: enterprise.creditCode,
      });
      for (let m = 1; m <= num('mediators'); m++) {
        network.mediators.push({
          ref: `${village}M${m}`,
          name: `${t}镇${v}村调解员${m}`,
          kind: 'village_mediator',
          unit: village,
          skills: Object.values(DisputeCategory),
          capacity: num('capacity'),
        });
      }
    }
  }
  return { network, enterprises };
}

function order(enterprise: Enterprise): PacedCall {
  const orderNo = `BENCH-A-${randomUUID()}`;
  const { body, headers } = signedRequest(KEY, {
    orderNo,
    title: '拖欠工资',
    content: `来电人反映${enterprise.name}拖欠其工资3000元，要求尽快支付。`,
    category: '劳动保障-拖欠工资',
    employerName: enterprise.name,
    employerCreditCode: enterprise.creditCode,
    dispatchedAt: new Date().toISOString(),
  });
  return { key: orderNo, path: '/api/v1/hotline/orders', body, headers };
}

async function main(): Promise<void> {
  const prefix = `heqi-bench-assign-${process.pid}`;
  const db = await createBenchDatabase(args.postgres, 'assign');
  const dbUrl = db.url;
  const children: ChildProcess[] = [];
  const sql = new pg.Pool({ connectionString: dbUrl, max: 2 });
  try {
    const { network, enterprises } = syntheticNetwork();
    console.log(
      `database ${db.name}: loading ${network.units.length} units and ` +
        `${network.mediators.length} mediators…`,
    );
    await loadNetwork(dbUrl, network);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: dbUrl,
      REDIS_URL: args.redis,
      HEQI_REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      HEQI_HOTLINE_KEYS: hotlineKeysEnv(KEY),
    };
    const api = startApp('api', {
      nodeFlags: splitFlags(args['api-flags']),
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    });
    children.push(api);
    const workers = Array.from({ length: num('workers') }, () =>
      startApp('worker', { env, nodeFlags: splitFlags(args['worker-flags']) }),
    );
    children.push(...workers);
    await waitForHealth(baseUrl);
    console.log(`API pid ${api.pid}; workers ${workers.map((w) => w.pid).join(', ')}`);

    // Warm-up (not measured): JIT, pools, caches, the engine's first plans, the tables' statistics.
    const warm = await runPaced(baseUrl, 200, 50, 32, (i) =>
      order(enterprises[i % enterprises.length]!),
    );
    await settled(sql, warm.samples.length, 60_000);
    // A database in service has its statistics. A fresh one whose tables just went from empty to
    // a few hundred rows has every table over autovacuum's thresholds at once: left alone, that
    // first vacuum-and-analyse of ~25 tables lands in the burst's first seconds (seen with
    // log_autovacuum_min_duration = 0, 2026-11-23: the first 5-s window's p95 went to 3.8 s).
    await sql.query('VACUUM ANALYZE');

    const total = num('rate') * num('seconds');
    console.log(`pushing ${total} orders at ${args.rate}/s for ${args.seconds} s…`);
    const casesBefore = await caseCount(sql);
    const cpuBefore = cpuSnapshot(children);
    const load = await runPaced(baseUrl, total, num('rate'), num('max-in-flight'), (i) =>
      order(enterprises[(i * 7919) % enterprises.length]!),
    );
    const cpu = cpuShares(cpuBefore, cpuSnapshot(children));
    const accepted = load.samples.filter((s) => s.status === 201).length;
    const http = load.samples.map((s) => s.latency);
    console.log(
      `pushed in ${load.seconds.toFixed(1)} s: ${(total / load.seconds).toFixed(0)} orders/s sent, ` +
        `statuses ${JSON.stringify(countBy(load.samples.map((s) => s.status)))}; HTTP p50 ` +
        `${ms(quantile(http, 0.5))} p95 ${ms(quantile(http, 0.95))} p99 ${ms(quantile(http, 0.99))} ms`,
    );
    const errors = load.samples.flatMap((s) => (s.error ? [s.error] : []));
    if (errors.length) console.log(`no answer: ${JSON.stringify(countBy(errors))}`);
    console.log(`CPU during the pushes: ${describeCpu(cpu)}`);
    const drainedIn = await settled(sql, casesBefore + accepted, 300_000);
    const engine = await offerFigures(sql, load.samples);
    console.log(
      `case written→offered p50 ${ms(engine.written.p50)} p95 ${ms(engine.written.p95)} ` +
        `p99 ${ms(engine.written.p99)} ms`,
    );
    console.log(
      `intake→offered p50 ${ms(engine.p50)} p95 ${ms(engine.p95)} p99 ${ms(engine.p99)} ms over ` +
        `${engine.offered} offers (${engine.notOffered} not offered); ` +
        `${engine.perSecond.toFixed(0)} assignments/s; settled ${(drainedIn / 1000).toFixed(1)} s after the last push`,
    );
    console.log(`intake→offered p95 by ${WINDOW_MS / 1000} s window: ${describeWindows(engine)}`);

    let drain: DrainFigures | undefined;
    if (num('drain') > 0) {
      console.log(`engine alone: ${args.drain} queued cases written at once…`);
      drain = await engineDrain(dbUrl, sql, num('drain'));
      console.log(
        `drained ${drain.cases} in ${drain.seconds.toFixed(1)} s: ${drain.perSecond.toFixed(0)} ` +
          `assignments/s (commit→offered p50 ${ms(drain.p50)} p95 ${ms(drain.p95)} ms)`,
      );
    }
    const rss = children.map((c) => memoryOf(c.pid!));
    console.log('measuring raw BullMQ on the same Redis…');
    const raw = await rawQueueFigures(
      args.redis,
      `${prefix}-raw`,
      num('workers'),
      WORKER_CONCURRENCY,
      num('rate'),
      10,
      num('raw-burst'),
    );
    console.log(
      `raw BullMQ: add→process p50 ${ms(raw.paced.p50)} p95 ${ms(raw.paced.p95)} p99 ${ms(raw.paced.p99)} ms ` +
        `at ${raw.paced.perSecond}/s; burst ${raw.burst.perSecond.toFixed(0)} jobs/s`,
    );
    console.log(
      `peak RSS: API ${mb(rss[0]!.peak)} MB, workers ${rss
        .slice(1)
        .map((r) => mb(r.peak))
        .join(' / ')} MB`,
    );
    if (!args['no-write'])
      writeResults({
        drain,
        load,
        total,
        engine,
        raw,
        rss,
        drainedIn,
        cpu,
        network,
        pgVersion: await postgresVersion(db.admin),
      });
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1_000));
    await sql.end();
    await db.drop();
    await dropRedisPrefix(args.redis, prefix);
  }
}

async function caseCount(sql: pg.Pool): Promise<number> {
  return (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM mediation_case`)).rows[0]!
    .n;
}

/**
 * Waits until `expected` cases exist and every one is offered (or beyond) or queued with the
 * engine's recorded reason, and nothing waits in the outbox; returns how long that took.
 */
async function settled(sql: pg.Pool, expected: number, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const { rows } = await sql.query<{ done: number; pending: number }>(
      `SELECT (SELECT count(*)::int FROM mediation_case c
                 LEFT JOIN case_assignment ca ON ca.case_id = c.id
                WHERE c.status NOT IN ('queued', 'triage')
                   OR ca.no_candidate IS NOT NULL) AS done,
              (SELECT count(*)::int FROM outbox_message WHERE relayed_at IS NULL) AS pending`,
    );
    if (rows[0]!.done >= expected && rows[0]!.pending === 0) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) {
      console.warn(`not settled after ${timeoutMs} ms: ${JSON.stringify(rows[0])} of ${expected}`);
      return Date.now() - t0;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface EngineFigures {
  offered: number;
  notOffered: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Lead offers written per second, from the first to the last offer of the run. */
  perSecond: number;
  statuses: Record<string, number>;
  /**
   * The assignment pipeline alone: the case's `case.queued` event (written in the intake
   * transaction) → its lead offer (outbox, relay, BullMQ, engine).
   */
  written: { p50: number; p95: number; p99: number; max: number };
  /** p95 of intake→offered by the 5-second window the order was sent in: a stall shows here. */
  byWindow: number[];
}

const WINDOW_MS = 5_000;

/** Intake→offered latency per accepted order: request sent → its case's first lead offer. */
async function offerFigures(sql: pg.Pool, samples: PacedSample[]): Promise<EngineFigures> {
  const sent = new Map(samples.filter((s) => s.status === 201).map((s) => [s.key, s.sentAt]));
  const { rows } = await sql.query<{
    order_no: string;
    offered_ms: string | null;
    queued_ms: string;
    status: string;
  }>(
    `SELECT o.order_no, extract(epoch FROM min(f.offered_at)) * 1000 AS offered_ms,
            extract(epoch FROM (SELECT max(e.at) FROM case_event e
                                 WHERE e.case_id = c.id AND e.type = 'case.queued')) * 1000 AS queued_ms,
            c.status
       FROM hotline_order o JOIN mediation_case c ON c.id = o.case_id
       LEFT JOIN case_offer f ON f.case_id = c.id AND f.role = 'lead'
      WHERE o.order_no = ANY ($1::text[])
      GROUP BY o.order_no, c.id, c.status`,
    [[...sent.keys()]],
  );
  const latencies: number[] = [];
  const afterWrite: number[] = [];
  const offeredAt: number[] = [];
  const firstSent = Math.min(...sent.values());
  const windows: number[][] = [];
  for (const r of rows) {
    if (r.offered_ms === null) continue;
    const sentAt = sent.get(r.order_no)!;
    latencies.push(Number(r.offered_ms) - sentAt);
    (windows[Math.floor((sentAt - firstSent) / WINDOW_MS)] ??= []).push(latencies.at(-1)!);
    afterWrite.push(Number(r.offered_ms) - Number(r.queued_ms));
    offeredAt.push(Number(r.offered_ms));
  }
  const span = (Math.max(...offeredAt) - Math.min(...offeredAt)) / 1000;
  return {
    offered: latencies.length,
    notOffered: rows.length - latencies.length,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
    perSecond: span > 0 ? latencies.length / span : Number.NaN,
    statuses: countBy(rows.map((r) => r.status)),
    byWindow: Array.from(windows, (w) => quantile(w ?? [], 0.95)),
    written: {
      p50: quantile(afterWrite, 0.5),
      p95: quantile(afterWrite, 0.95),
      p99: quantile(afterWrite, 0.99),
      max: quantile(afterWrite, 1),
    },
  };
}

const describeWindows = (engine: EngineFigures): string =>
  engine.byWindow.map((p) => p.toFixed(0)).join(' · ');

function countBy<T extends string | number>(values: readonly T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  return counts;
}

/** Appends this run's dated section to bench/RESULTS.md (earlier runs stay). */
function writeResults(run: {
  drain: DrainFigures | undefined;
  load: { samples: PacedSample[]; seconds: number };
  total: number;
  engine: EngineFigures;
  raw: RawQueueFigures;
  rss: { now: number; peak: number }[];
  drainedIn: number;
  cpu: CpuShares;
  network: DemoNetwork;
  pgVersion: string;
}): void {
  const http = run.load.samples.map((s) => s.latency);
  const lags = run.load.samples.map((s) => s.lag);
  const sentRate = run.total / run.load.seconds;
  const goal = run.engine.p95 < 500;
  const section = [
    `## bench/assignment at ${args.rate}/s — ${new Date().toISOString()}`,
    '',
    machineLine(run.pgVersion),
    `The API, ${run.rss.length - 1} worker processes (built dist/, as production runs them) and ` +
      'the load generator share it.',
    '',
    `Network: ${args.towns} towns × ${args.villages} villages × ${args.mediators} mediators ` +
      `(${run.network.mediators.length} mediators, capacity ${args.capacity} each; one registered ` +
      'enterprise per village, which every order names by credit code).',
    '',
    `### Signed 12345 pushes at ${args.rate}/s for ${args.seconds} s (open loop, \`POST /api/v1/hotline/orders\`)`,
    '',
    '| orders | sent/s | statuses | HTTP p50 ms | HTTP p95 ms | HTTP p99 ms | send lag p95 ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${run.total} | ${sentRate.toFixed(0)} | ${JSON.stringify(countBy(run.load.samples.map((s) => s.status)))} | ` +
      `${ms(quantile(http, 0.5))} | ${ms(quantile(http, 0.95))} | ${ms(quantile(http, 0.99))} | ${ms(quantile(lags, 0.95))} |`,
    '',
    '### Intake → offered (request sent → lead offer written), next to raw BullMQ',
    '',
    '| | p50 ms | p95 ms (goal < 500) | p99 ms | max ms | per second |',
    '| --- | --- | --- | --- | --- | --- |',
    `| assignment engine (${run.engine.offered} offers) | ${ms(run.engine.p50)} | ${ms(run.engine.p95)} | ` +
      `${ms(run.engine.p99)} | ${ms(run.engine.max)} | ${run.engine.perSecond.toFixed(0)} assignments/s |`,
    `| of which case written → offered (outbox, relay, BullMQ, engine) | ${ms(run.engine.written.p50)} | ` +
      `${ms(run.engine.written.p95)} | ${ms(run.engine.written.p99)} | ${ms(run.engine.written.max)} | |`,
    ...(run.drain
      ? [
          `| engine alone: backlog of ${run.drain.cases} queued cases committed at once → offered | ` +
            `${ms(run.drain.p50)} | ${ms(run.drain.p95)} | | ${ms(run.drain.max)} | ` +
            `${run.drain.perSecond.toFixed(0)} assignments/s |`,
        ]
      : []),
    `| raw BullMQ add→process, no-op jobs at ${run.raw.paced.perSecond}/s | ${ms(run.raw.paced.p50)} | ` +
      `${ms(run.raw.paced.p95)} | ${ms(run.raw.paced.p99)} | | ${run.raw.burst.perSecond.toFixed(0)} jobs/s ` +
      `(burst of ${run.raw.burst.jobs}) |`,
    '',
    `Case statuses after the run: ${JSON.stringify(run.engine.statuses)}; every case offered or ` +
      `queued with a reason ${(run.drainedIn / 1000).toFixed(1)} s after the last push.`,
    '',
    `Intake → offered p95 by ${WINDOW_MS / 1000}-second window of sending (ms): ` +
      `${describeWindows(run.engine)}.`,
    '',
    `CPU during the pushes: ${describeCpu(run.cpu)}.`,
    '',
    `Peak RSS (VmHWM): API ${mb(run.rss[0]!.peak)} MB; workers ` +
      `${run.rss
        .slice(1)
        .map((r) => `${mb(r.peak)} MB`)
        .join(', ')}.`,
    '',
    `Goal p95 < 500 ms: ${goal ? 'met' : 'NOT met'} (${ms(run.engine.p95)} ms).`,
  ].join('\n');
  console.log(`written ${appendResults(`assignment rate=${args.rate}`, section)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
