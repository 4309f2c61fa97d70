import { describe, expect, it } from 'vitest';
import {
  AppConfig,
  ConfigValidationError,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  loadConfig,
} from './app-config.js';
import { DEV_DEFAULTS, PRODUCTION_SECRETS } from './env.schema.js';

type Env = Record<string, string | undefined>;

const PII_KEY = Buffer.alloc(32, 7).toString('base64');

/** A complete production environment; each test removes or breaks one thing. */
const PRODUCTION: Env = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://heqi:pw@db.internal:5432/heqi',
  REDIS_URL: 'redis://cache.internal:6379',
  HEQI_ADMIN_PASSWORD: 'a-long-admin-password',
  HEQI_PII_KEY: PII_KEY,
  HEQI_JWT_SECRET: 'j'.repeat(40),
  HEQI_HOTLINE_KEYS: 'js12345:0123456789abcdef0123',
  HEQI_HOTLINE_OUT_KEY: 'heqi:fedcba9876543210fedc',
  HOTLINE_CALLBACK_URL: 'https://12345.example.gov.cn/replies',
};

const REQUIRED_IN_PRODUCTION = [
  ...PRODUCTION_SECRETS,
  'DATABASE_URL',
  'REDIS_URL',
  'HOTLINE_CALLBACK_URL',
].sort();

/** The problems `loadConfig` reports for `env`; fails the test when it does not throw. */
function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigValidationError);
    return (err as ConfigValidationError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** The variable each problem names (`PORT: …`, `HEQI_HOTLINE_KEYS.0: …`). */
const variablesIn = (problems: string[]) =>
  [...new Set(problems.map((p) => p.split(/[.:]/, 1)[0]))].sort();

describe('loadConfig in development', () => {
  it('works with an empty environment, on the development defaults', () => {
    const config = loadConfig({});

    expect(config).toBeInstanceOf(AppConfig);
    expect(config).toMatchObject({
      nodeEnv: 'development',
      isProduction: false,
      host: '0.0.0.0',
      port: 3000,
      logLevel: 'info',
      databaseUrl: DEFAULT_DATABASE_URL,
      redisUrl: DEFAULT_REDIS_URL,
      redisPrefix: 'heqi',
      explicit: { databaseUrl: false, redisUrl: false },
      adminPassword: DEV_DEFAULTS.HEQI_ADMIN_PASSWORD,
      jwtSecret: DEV_DEFAULTS.HEQI_JWT_SECRET,
      hotline: {
        inboundKeys: [{ keyId: 'dev-12345', secret: 'dev-hotline-secret' }],
        outKey: { keyId: 'heqi-dev', secret: 'dev-heqi-out-secret' },
        callbackUrl: 'http://127.0.0.1:4010/12345/replies',
      },
      outboxPollMs: 1000,
      dataDir: '.data',
      intake: { clusterWindowDays: 7 },
      assignment: { offerTtlMinutes: 120, offerTtlClock: 'working', sweepMs: 60_000 },
    });
    expect(config.pii.currentKey).toEqual(Buffer.from(DEV_DEFAULTS.HEQI_PII_KEY, 'base64'));
    expect(config.pii.currentKey).toHaveLength(32);
    expect(config.pii.previousKeys).toEqual([]);
  });

  it('works with an empty environment under NODE_ENV=test too', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({
      nodeEnv: 'test',
      isProduction: false,
    });
  });

  it('coerces numbers', () => {
    expect(
      loadConfig({ PORT: '8080', HEQI_OUTBOX_POLL_MS: '250', HEQI_CLUSTER_WINDOW_DAYS: '14' }),
    ).toMatchObject({
      port: 8080,
      outboxPollMs: 250,
      intake: { clusterWindowDays: 14 },
    });
  });

  it('keeps previous PII keys, in order, for decrypting rows written before a rotation', () => {
    const older = Buffer.alloc(32, 1);
    const old = Buffer.alloc(32, 2);
    const config = loadConfig({
      HEQI_PII_PREVIOUS_KEYS: `${old.toString('base64')}, ${older.toString('base64')}`,
    });
    expect(config.pii.previousKeys).toEqual([old, older]);
  });
});

describe('loadConfig reads the assignment settings', () => {
  it('takes an offer TTL in minutes (fractions for tests), its clock and the sweep interval', () => {
    expect(
      loadConfig({
        HEQI_OFFER_TTL_MINUTES: '0.05',
        HEQI_OFFER_TTL_CLOCK: 'elapsed',
        HEQI_ASSIGNMENT_SWEEP_MS: '500',
      }).assignment,
    ).toEqual({ offerTtlMinutes: 0.05, offerTtlClock: 'elapsed', sweepMs: 500 });
  });
});

describe('loadConfig in production', () => {
  it('names every missing secret and both URLs in one error', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });

    expect(variablesIn(problems)).toEqual(REQUIRED_IN_PRODUCTION);
    expect(problems).toHaveLength(REQUIRED_IN_PRODUCTION.length);
  });

  it('says so in the error message as well, for the operator reading the log', () => {
    const message = (() => {
      try {
        loadConfig({ NODE_ENV: 'production' });
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    for (const name of REQUIRED_IN_PRODUCTION) expect(message).toContain(name);
  });

  it.each(REQUIRED_IN_PRODUCTION)('refuses to start without %s alone', (name) => {
    expect(variablesIn(problemsOf({ ...PRODUCTION, [name]: undefined }))).toEqual([name]);
  });

  it('works with everything set, and uses the given values rather than the defaults', () => {
    const config = loadConfig(PRODUCTION);

    expect(config).toMatchObject({
      nodeEnv: 'production',
      isProduction: true,
      databaseUrl: PRODUCTION.DATABASE_URL,
      redisUrl: PRODUCTION.REDIS_URL,
      explicit: { databaseUrl: true, redisUrl: true },
      adminPassword: PRODUCTION.HEQI_ADMIN_PASSWORD,
      jwtSecret: PRODUCTION.HEQI_JWT_SECRET,
      hotline: {
        inboundKeys: [{ keyId: 'js12345', secret: '0123456789abcdef0123' }],
        outKey: { keyId: 'heqi', secret: 'fedcba9876543210fedc' },
        callbackUrl: PRODUCTION.HOTLINE_CALLBACK_URL,
      },
    });
    expect(config.pii.currentKey).toEqual(Buffer.alloc(32, 7));
  });

  it('reports invalid values and missing secrets together, so one restart fixes all', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc' });
    expect(variablesIn(problems)).toEqual([...REQUIRED_IN_PRODUCTION, 'PORT'].sort());
  });

  it('refuses the public development defaults in production', () => {
    const problems = problemsOf({ ...PRODUCTION, HEQI_PII_KEY: DEV_DEFAULTS.HEQI_PII_KEY });
    expect(variablesIn(problems)).toEqual(['HEQI_PII_KEY']);
  });

  it('treats blank secrets as missing', () => {
    const blank = Object.fromEntries(REQUIRED_IN_PRODUCTION.map((name) => [name, '']));
    expect(variablesIn(problemsOf({ NODE_ENV: 'production', ...blank }))).toEqual(
      REQUIRED_IN_PRODUCTION,
    );
  });
});

describe('loadConfig rejects invalid values, naming the variable', () => {
  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0'],
    ['PORT', '80.5'],
    ['HEQI_PII_KEY', Buffer.alloc(16, 1).toString('base64')],
    ['HEQI_PII_KEY', 'not base64 at all'],
    ['HEQI_PII_PREVIOUS_KEYS', `${PII_KEY},short`],
    ['HEQI_HOTLINE_KEYS', 'nocolon'],
    ['HEQI_HOTLINE_KEYS', 'a:tooshort'],
    ['HEQI_HOTLINE_KEYS', 'a:0123456789abcdef,nocolon'],
    ['HEQI_HOTLINE_OUT_KEY', 'nocolon'],
    ['HEQI_HOTLINE_OUT_KEY', 'bad key:0123456789abcdef'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://cache:6379'],
    ['HOTLINE_CALLBACK_URL', 'ftp://12345.example.gov.cn/replies'],
    ['HEQI_JWT_SECRET', 'too-short'],
    ['HEQI_ADMIN_PASSWORD', 'short'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['HEQI_REDIS_PREFIX', 'has:colon'],
    ['HEQI_OUTBOX_POLL_MS', '10'],
    ['HEQI_CLUSTER_WINDOW_DAYS', '0'],
    ['HEQI_CLUSTER_WINDOW_DAYS', '400'],
    ['HEQI_CLUSTER_WINDOW_DAYS', '2.5'],
    ['HEQI_OFFER_TTL_MINUTES', '0'],
    ['HEQI_OFFER_TTL_MINUTES', '-5'],
    ['HEQI_OFFER_TTL_MINUTES', '20000'],
    ['HEQI_OFFER_TTL_MINUTES', 'two hours'],
    ['HEQI_OFFER_TTL_CLOCK', 'lunar'],
    ['HEQI_ASSIGNMENT_SWEEP_MS', '50'],
    ['HEQI_ASSIGNMENT_SWEEP_MS', '7200000'],
  ])('%s=%j', (name, value) => {
    expect(variablesIn(problemsOf({ [name]: value }))).toEqual([name]);
  });

  it('reports every invalid value at once', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x', HEQI_PII_KEY: 'x' });
    expect(variablesIn(problems)).toEqual(['DATABASE_URL', 'HEQI_PII_KEY', 'PORT']);
  });

  it('rejects invalid values in production too, where they are not merely missing', () => {
    expect(variablesIn(problemsOf({ ...PRODUCTION, PORT: '70000' }))).toEqual(['PORT']);
  });
});

describe('loadConfig parses key pairs', () => {
  it('reads a comma-separated list of hotline keys', () => {
    const config = loadConfig({ HEQI_HOTLINE_KEYS: 'a:0123456789abcdef,b:fedcba9876543210' });
    expect(config.hotline.inboundKeys).toEqual([
      { keyId: 'a', secret: '0123456789abcdef' },
      { keyId: 'b', secret: 'fedcba9876543210' },
    ]);
  });

  it('ignores spaces around the list and its items', () => {
    const config = loadConfig({ HEQI_HOTLINE_KEYS: ' a:0123456789abcdef , b:fedcba9876543210 ' });
    expect(config.hotline.inboundKeys.map((k) => k.keyId)).toEqual(['a', 'b']);
  });

  it('splits at the first colon only, so a secret may contain colons', () => {
    const config = loadConfig({ HEQI_HOTLINE_OUT_KEY: 'heqi:abc:def:0123456789' });
    expect(config.hotline.outKey).toEqual({ keyId: 'heqi', secret: 'abc:def:0123456789' });
  });
});

describe('loadConfig treats blank strings as unset', () => {
  it('falls back to the defaults', () => {
    const config = loadConfig({
      DATABASE_URL: '',
      REDIS_URL: '',
      PORT: '',
      HEQI_PII_KEY: '',
      HEQI_HOTLINE_KEYS: '',
      HEQI_PII_PREVIOUS_KEYS: '',
    });
    expect(config).toMatchObject({
      databaseUrl: DEFAULT_DATABASE_URL,
      redisUrl: DEFAULT_REDIS_URL,
      port: 3000,
      explicit: { databaseUrl: false, redisUrl: false },
      hotline: { inboundKeys: [{ keyId: 'dev-12345', secret: 'dev-hotline-secret' }] },
    });
    expect(config.pii.currentKey).toEqual(Buffer.from(DEV_DEFAULTS.HEQI_PII_KEY, 'base64'));
    expect(config.pii.previousKeys).toEqual([]);
  });
});

// The launcher starts its own Postgres or Redis only for a URL that was not given.
describe('loadConfig explicit flags', () => {
  it.each([
    [{}, { databaseUrl: false, redisUrl: false }],
    [{ DATABASE_URL: 'postgresql://u@h/db' }, { databaseUrl: true, redisUrl: false }],
    [{ REDIS_URL: 'rediss://h:6380' }, { databaseUrl: false, redisUrl: true }],
    [
      { DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h' },
      { databaseUrl: true, redisUrl: true },
    ],
  ])('%j → %j', (env: Env, explicit) => {
    const config = loadConfig(env);
    expect(config.explicit).toEqual(explicit);
    expect(config.databaseUrl).toBe(env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
    expect(config.redisUrl).toBe(env.REDIS_URL ?? DEFAULT_REDIS_URL);
  });
});
