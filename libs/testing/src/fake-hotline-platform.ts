import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type supertest from 'supertest';
import { checkHotlineSignature, signHotlineBody } from '@heqi/hotline';

/** A reply the fake platform accepted (or refused), as it arrived. */
export interface ReceivedReply {
  keyId: string | undefined;
  body: Record<string, unknown>;
  /** The status the fake answered with. */
  status: number;
  /** When it arrived. */
  at: string;
}

/**
 * A stand-in for the 12345 platform's reply endpoint, for tests and the demo: an HTTP server on
 * 127.0.0.1 that checks heqi's signature exactly as the platform would (same headers, same HMAC,
 * same 5-minute window), records every body, and can be told to fail the next N deliveries.
 *
 * - `POST <url>` (`/12345/replies`): a signed reply or return → 200, or 503 while failing,
 *   401 when the signature is wrong (not recorded).
 * - `GET /received`: every reply recorded so far, oldest first (`{ items: [...] }`).
 * - `POST /fail-next?n=2`: the next n correctly signed deliveries get 503 (the demo's switch).
 */
export class FakeHotlinePlatform {
  readonly replies: ReceivedReply[] = [];
  private failuresLeft = 0;
  private server?: Server;

  constructor(
    private readonly keyId: string,
    private readonly secret: string,
  ) {}

  /** Where heqi should POST (`HOTLINE_CALLBACK_URL`); valid after {@link start}. */
  url = '';

  /** Starts listening; `port` 0 (the default) picks a free one. */
  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    this.url = `http://${host}:${address.port}/12345/replies`;
    return this;
  }

  /** Answers the next `n` correctly signed deliveries with 503. */
  failNext(n: number): void {
    this.failuresLeft = n;
  }

  /** The accepted (2xx) replies. */
  get accepted(): ReceivedReply[] {
    return this.replies.filter((r) => r.status < 300);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: object }> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method === 'GET' && path === '/received') {
      return { status: 200, body: { items: this.replies } };
    }
    if (req.method === 'POST' && path === '/fail-next') {
      const n = Number(new URL(req.url ?? '/', 'http://fake').searchParams.get('n') ?? '1');
      if (!Number.isInteger(n) || n < 0) return { status: 400, body: { error: 'n' } };
      this.failNext(n);
      return { status: 200, body: { failuresLeft: n } };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const keyId = header('x-hotline-key');
    const problem =
      keyId === this.keyId
        ? checkHotlineSignature({
            secret: this.secret,
            timestamp: header('x-hotline-timestamp'),
            signature: header('x-hotline-signature'),
            rawBody: raw,
          })
        : 'mismatch';
    if (problem || req.method !== 'POST') return { status: 401, body: { error: problem } };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { error: 'not JSON' } };
    }
    const status = this.failuresLeft > 0 ? 503 : 200;
    if (this.failuresLeft > 0) this.failuresLeft--;
    this.replies.push({ keyId, body, status, at: new Date().toISOString() });
    return { status, body: { ok: status === 200 } };
  }
}

/** Signing as the 12345 platform does, for pushing orders into the API under test. */
export interface HotlineKey {
  keyId: string;
  secret: string;
}

/**
 * Headers for a signed push of `body` (serialised exactly as sent). `at` shifts the timestamp
 * (seconds) to test the window.
 */
export function signedHeaders(
  key: HotlineKey,
  raw: string | Buffer,
  at = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const timestamp = String(at);
  return {
    'content-type': 'application/json',
    'x-hotline-key': key.keyId,
    'x-hotline-timestamp': timestamp,
    'x-hotline-signature': signHotlineBody(key.secret, timestamp, raw),
  };
}

/** POSTs `body` (an object, or raw bytes to send as they are) signed with `key`. */
export function signedPost(
  http: ReturnType<typeof supertest>,
  path: string,
  key: HotlineKey,
  body: unknown,
  at?: number,
): supertest.Test {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  // superagent would serialise a Buffer as JSON: the bytes must go out exactly as signed.
  return http
    .post(path)
    .set(signedHeaders(key, raw, at))
    .serialize((data: unknown) => data as string)
    .send(raw as unknown as string);
}
