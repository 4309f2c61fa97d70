import { Agent } from 'node:http';
import { type PreparedPost, quantile, sendPost } from '../support/http-load.js';

/** What a fixed-count run at a fixed concurrency measured. */
export interface LoadResult {
  requests: number;
  /** Orders carried (a batch request carries many). */
  orders: number;
  seconds: number;
  ordersPerSecond: number;
  /** Milliseconds per request. */
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<number, number>;
}

export interface HttpCall extends PreparedPost {
  /** Orders in this call (1 for a single push). */
  orders: number;
}

/**
 * Sends `calls` with at most `concurrency` in flight over keep-alive connections, and measures
 * each request's latency. Fixed count rather than fixed time, so every run does the same work.
 */
export async function runLoad(
  baseUrl: string,
  calls: readonly HttpCall[],
  concurrency: number,
): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < calls.length; i = next++) {
      const call = calls[i]!;
      const t0 = performance.now();
      const status = await sendPost(agent, url, call);
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const at = (q: number) => quantile(latencies, q);
  const orders = calls.reduce((n, c) => n + c.orders, 0);
  return {
    requests: calls.length,
    orders,
    seconds,
    ordersPerSecond: orders / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    statuses,
  };
}
