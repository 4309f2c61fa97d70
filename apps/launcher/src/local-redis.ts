import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

export interface ResolvedRedis {
  url: string;
  source: 'environment' | 'local' | 'spawned';
  stop(): Promise<void>;
}

/** Thrown when no Redis can be found or started: the message tells the user what to do. */
export class NoRedisError extends Error {
  constructor() {
    super(
      'heqi 需要 Redis：请设置 REDIS_URL，或在 127.0.0.1:6379 运行 Redis，或安装 redis-server ' +
        '(apt-get install redis-server) / heqi needs Redis: set REDIS_URL, run one on ' +
        '127.0.0.1:6379, or install redis-server.',
    );
  }
}

/**
 * REDIS_URL if set; else a Redis on 127.0.0.1:6379; else a `redis-server` from the PATH, started
 * with its data (append-only file) under `<dataDir>/redis` so queued jobs survive a restart.
 */
export async function resolveRedis(options: {
  explicitUrl?: string;
  localUrl: string;
  dataDir: string;
}): Promise<ResolvedRedis> {
  const none = async () => undefined;
  if (options.explicitUrl) return { url: options.explicitUrl, source: 'environment', stop: none };
  if (await answers(options.localUrl))
    return { url: options.localUrl, source: 'local', stop: none };
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new NoRedisError();

  const dir = resolve(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await answers(url)); i++) await sleep(100);
  return {
    url,
    source: 'spawned',
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
