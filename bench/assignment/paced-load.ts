import { Agent } from 'node:http';
import { type PreparedPost, sendPost } from '../support/http-load.js';

/** One request of an open-loop run, as sent and answered. */
export interface PacedSample {
  /** The call's key (e.g. the order number), to match the answer with later effects. */
  key: string;
  /** Epoch ms when the request was sent (the clock the database's timestamps share). */
  sentAt: number;
  /** Milliseconds until the answer. */
  latency: number;
  /** The HTTP status, or 0 when no answer came (see `error`). */
  status: number;
  /** Why no answer came (the socket error's code, e.g. ECONNRESET). */
  error?: string;
  /** Milliseconds the request went out after its slot (the generator or the socket pool lagged). */
  lag: number;
}

export interface PacedCall extends PreparedPost {
  key: string;
}

/**
 * Sends `total` requests at a fixed rate whatever the answers take (open loop: a slow server
 * does not slow the arrivals down, as with a real burst of orders), with at most `maxInFlight`
 * outstanding. `make(i)` builds request i at its send time (so signatures are fresh).
 */
export async function runPaced(
  baseUrl: string,
  total: number,
  perSecond: number,
  maxInFlight: number,
  make: (i: number) => PacedCall,
): Promise<{ samples: PacedSample[]; seconds: number }> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const samples: PacedSample[] = [];
  const interval = 1000 / perSecond;
  const started = performance.now();
  let inFlight = 0;
  let freed: (() => void) | null = null;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const slot = started + i * interval;
    const wait = slot - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    while (inFlight >= maxInFlight) await new Promise<void>((r) => (freed = r));
    const call = make(i);
    const sentAt = Date.now();
    const t0 = performance.now();
    const lag = t0 - slot;
    inFlight++;
    pending.push(
      sendPost(agent, url, call)
        .then(
          (status) => ({ status, error: undefined }),
          (err: NodeJS.ErrnoException) => ({ status: 0, error: err.code ?? err.message }),
        )
        .then(({ status, error }) => {
          const latency = performance.now() - t0;
          samples[i] = { key: call.key, sentAt, latency, status, lag, ...(error && { error }) };
          inFlight--;
          freed?.();
          freed = null;
        }),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { samples, seconds };
}
