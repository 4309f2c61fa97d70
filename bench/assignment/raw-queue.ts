import { Queue, Worker } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, redisOptions } from '@heqi/core';
import { quantile } from '../support/http-load.js';

/** BullMQ on its own: no-op jobs, the same Redis, the same worker count and concurrency. */
export interface RawQueueFigures {
  paced: { perSecond: number; jobs: number; p50: number; p95: number; p99: number };
  burst: { jobs: number; seconds: number; perSecond: number };
}

/**
 * The baseline the engine is compared with: how fast BullMQ itself moves jobs from `add` to a
 * processor here. Paced at `perSecond` for `seconds` (add→process latency, from BullMQ's own
 * timestamps), then a burst of `burst` jobs added at once (processed per second).
 */
export async function rawQueueFigures(
  redisUrl: string,
  prefix: string,
  workers: number,
  concurrency: number,
  perSecond: number,
  seconds: number,
  burst: number,
): Promise<RawQueueFigures> {
  const connection = redisOptions(redisUrl, 'worker');
  const queue = new Queue('bench-raw', {
    connection: redisOptions(redisUrl, 'client'),
    prefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  let processed = 0;
  let allDone: (() => void) | null = null;
  let target = Infinity;
  const latencies: number[] = [];
  const pool = Array.from(
    { length: workers },
    () =>
      new Worker(
        'bench-raw',
        async (job) => {
          if (job.data.paced) latencies.push(Date.now() - job.timestamp);
        },
        { connection, prefix, concurrency },
      ),
  );
  for (const w of pool) {
    w.on('completed', () => {
      processed++;
      if (processed >= target) allDone?.();
    });
  }
  try {
    const pacedJobs = Math.round(perSecond * seconds);
    const started = performance.now();
    for (let i = 0; i < pacedJobs; i++) {
      const wait = started + (i * 1000) / perSecond - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      void queue.add('raw', { paced: true, i });
    }
    await waitUntil(() => processed >= pacedJobs);

    processed = 0;
    target = burst;
    const finished = new Promise<void>((resolve) => (allDone = resolve));
    const t0 = performance.now();
    for (let i = 0; i < burst; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, burst - i) }, (_, j) => ({
          name: 'raw',
          data: { paced: false, i: i + j },
        })),
      );
    }
    await finished;
    const burstSeconds = (performance.now() - t0) / 1000;
    return {
      paced: {
        perSecond,
        jobs: pacedJobs,
        p50: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        p99: quantile(latencies, 0.99),
      },
      burst: { jobs: burst, seconds: burstSeconds, perSecond: burst / burstSeconds },
    };
  } finally {
    await Promise.all(pool.map((w) => w.close()));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
}
