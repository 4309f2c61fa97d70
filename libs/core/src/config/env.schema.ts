import { z } from 'zod';

/**
 * Development defaults. They make `npm start` work on a fresh machine; production refuses every
 * one of the secrets below (see {@link PRODUCTION_SECRETS}) so a default can never reach a server.
 */
export const DEV_DEFAULTS = {
  HEQI_ADMIN_PASSWORD: 'heqi-admin-dev',
  // 32 bytes of 0x01, base64: a key everybody knows, acceptable only on a developer's machine.
  HEQI_PII_KEY: 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=',
  HEQI_JWT_SECRET: 'heqi-dev-jwt-secret-change-me-in-production',
  HEQI_HOTLINE_KEYS: 'dev-12345:dev-hotline-secret',
  HEQI_HOTLINE_OUT_KEY: 'heqi-dev:dev-heqi-out-secret',
} as const;

/** Secrets that must be set explicitly when NODE_ENV=production. */
export const PRODUCTION_SECRETS = Object.keys(DEV_DEFAULTS) as (keyof typeof DEV_DEFAULTS)[];

const keyPair = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]+:\S{16,}$/, '格式应为 keyId:secret，secret 至少 16 个字符');

const keyPairList = z
  .string()
  .trim()
  .transform((s) => s.split(',').map((p) => p.trim()))
  .pipe(z.array(keyPair).min(1))
  .refine(
    (pairs) => new Set(pairs.map((p) => p.split(':')[0])).size === pairs.length,
    'keyId 不能重复',
  );

const base64Key32 = z
  .string()
  .trim()
  .refine((s) => Buffer.from(s, 'base64').length === 32, '必须是 base64 编码的 32 字节密钥');

/** One office-hours period, e.g. `08:30-12:00` (`24:00` allowed as an end). */
const OFFICE_PERIOD = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/** Every environment variable heqi reads, validated once at boot. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .refine(
      (u) => /^\/?\d*$/.test(new URL(u).pathname),
      '数据库编号必须是整数，如 redis://host:6379/0',
    )
    .optional(),
  HOST: z.string().default('0.0.0.0'),
  PORT: int(3000, 1).refine((p) => p < 65536, '端口必须小于 65536'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEQI_ADMIN_PASSWORD: z.string().min(8, '至少 8 个字符').optional(),
  HEQI_PII_KEY: base64Key32.optional(),
  HEQI_PII_PREVIOUS_KEYS: z
    .string()
    .trim()
    .transform((s) => (s ? s.split(',').map((k) => k.trim()) : []))
    .pipe(z.array(base64Key32))
    .default([]),
  HEQI_JWT_SECRET: z.string().min(32, '至少 32 个字符').optional(),
  HEQI_HOTLINE_KEYS: keyPairList.optional(),
  HEQI_HOTLINE_OUT_KEY: keyPair.optional(),
  HOTLINE_CALLBACK_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://127.0.0.1:4010/12345/replies'),
  /** Prefix of every Redis key heqi writes: lets tests and several deployments share a Redis. */
  HEQI_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('heqi'),
  /** How often the outbox relay polls when no NOTIFY arrives (ms). */
  HEQI_OUTBOX_POLL_MS: int(1000, 50),
  /**
   * Orders against one employer received within this many days of each other are linked in one
   * cluster (a brewing collective dispute is seen early).
   */
  HEQI_CLUSTER_WINDOW_DAYS: int(7, 1).refine((d) => d <= 366, '不能超过 366 天'),
  /**
   * How long a mediator has to accept or decline an offer, in minutes (fractions allowed, for
   * tests). Counted in office hours on working days (official calendar) unless
   * HEQI_OFFER_TTL_CLOCK=elapsed; the default is the design's "2 working hours".
   */
  HEQI_OFFER_TTL_MINUTES: z.coerce
    .number()
    .positive('必须大于 0')
    .max(7 * 24 * 60, '不能超过 7 天')
    .default(120),
  /** `working`: the TTL runs in office hours on working days; `elapsed`: wall-clock time. */
  HEQI_OFFER_TTL_CLOCK: z.enum(['working', 'elapsed']).default('working'),
  /**
   * How often the assignment sweep runs (ms): it lapses overdue offers whose expiry job was lost
   * and retries queued cases without an offer (mediators back from leave, capacity freed).
   */
  HEQI_ASSIGNMENT_SWEEP_MS: int(60_000, 200).refine((ms) => ms <= 3_600_000, '不能超过 1 小时'),
  /**
   * Office hours of a working day for working-hour clocks (Asia/Shanghai), `HH:MM-HH:MM` periods
   * separated by commas, in order and not overlapping; `24:00` may end the last one.
   */
  HEQI_OFFICE_HOURS: z
    .string()
    .trim()
    .default('08:30-12:00,13:30-17:30')
    .transform((s) => s.split(',').map((p) => p.trim()))
    .pipe(z.array(z.string().regex(OFFICE_PERIOD, '格式应为 HH:MM-HH:MM，如 08:30-12:00')).min(1))
    .transform((periods) => periods.map((p) => ({ start: p.slice(0, 5), end: p.slice(6) })))
    .refine(
      (periods) =>
        periods.every((p, i) => p.start < p.end && (i === 0 || periods[i - 1]!.end <= p.start)),
      '各时段须按先后顺序排列、不重叠，且结束晚于开始',
    ),
  /**
   * How often the deadline sweep runs (ms): it re-derives due warnings and breaches from Postgres,
   * so a delayed job lost or fired early in Redis changes nothing.
   */
  HEQI_DEADLINE_SWEEP_MS: int(30_000, 200).refine((ms) => ms <= 3_600_000, '不能超过 1 小时'),
  /** Where `npm start` keeps an embedded Postgres and a local Redis when it has to start them. */
  HEQI_DATA_DIR: z.string().default('.data'),
  /** Directory of the local-disk attachment store (case files uploaded by mediators). */
  HEQI_ATTACHMENTS_DIR: z.string().trim().min(1).default('.data/attachments'),
  /** Largest attachment accepted, in MB (fractions allowed, for tests). */
  HEQI_ATTACHMENT_MAX_MB: z.coerce
    .number()
    .positive('必须大于 0')
    .max(1024, '不能超过 1024 MB')
    .default(20),
  /**
   * How often the payment-default sweep runs (ms): it raises the default of instalments past due
   * and unpaid whose delayed job was lost.
   */
  HEQI_PAYMENT_DEFAULT_SWEEP_MS: int(600_000, 200).refine(
    (ms) => ms <= 86_400_000,
    '不能超过 1 天',
  ),
});

export type RawEnv = z.infer<typeof envSchema>;
