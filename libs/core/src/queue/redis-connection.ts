import type { RedisOptions } from 'ioredis';

/** ioredis options that BullMQ also accepts (its typing wants a retry strategy function). */
export type HeqiRedisOptions = RedisOptions & { retryStrategy: (times: number) => number };

/**
 * ioredis options from a `redis://` URL. `forWorker` follows BullMQ's rule that blocking worker
 * connections retry forever (`maxRetriesPerRequest: null`); other connections fail fast when
 * Redis is down (`enableOfflineQueue: false`) so callers fall back to the outbox instead of
 * hanging.
 */
export function redisOptions(url: string, role: 'worker' | 'client'): HeqiRedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  const base: HeqiRedisOptions = {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'), // IPv6 literals come bracketed in URLs
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Reconnect for ever, backing off to 2 s: Redis going away delays work, it does not end it.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    connectTimeout: 2_000,
  };
  return role === 'worker'
    ? { ...base, maxRetriesPerRequest: null }
    : { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: false };
}
