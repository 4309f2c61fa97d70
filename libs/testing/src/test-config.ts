import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type AppConfig } from '@heqi/core';
import { TEST_REDIS_URL } from './postgres-admin.js';

/**
 * A config for one test: its own database, a Redis key prefix of its own under the run's prefix,
 * silent logs and a fast outbox poll. `env` overrides any variable.
 */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    HEQI_REDIS_PREFIX: `${inject('heqiRunPrefix')}-${randomBytes(3).toString('hex')}`,
    LOG_LEVEL: 'silent',
    HEQI_OUTBOX_POLL_MS: '100',
    ...env,
  });
}
