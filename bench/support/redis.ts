import { Redis } from 'ioredis';

/**
 * Deletes every key under `prefix` (a bench run's queues and jobs), so runs do not pile up in
 * the shared Redis: one assignment run leaves ~60k BullMQ keys behind otherwise.
 */
export async function dropRedisPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let dropped = 0;
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 })) {
      if ((keys as string[]).length) dropped += await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
  return dropped;
}
