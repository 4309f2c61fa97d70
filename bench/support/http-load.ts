import { type Agent, request } from 'node:http';

/** A prepared POST: path, headers (signature included) and the raw body. */
export interface PreparedPost {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Sends one prepared POST through `agent` (keep-alive sockets) and answers its status. */
export function sendPost(agent: Agent, url: URL, call: PreparedPost): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: call.path,
        headers: { ...call.headers, 'content-length': String(call.body.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

/** The q-quantile of `values` (sorted here), nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
