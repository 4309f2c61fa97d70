import { DEV_DEFAULTS, PRODUCTION_SECRETS, envSchema, type RawEnv } from './env.schema.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/heqi';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface KeyPair {
  keyId: string;
  secret: string;
}

/** The typed configuration every module receives (inject {@link AppConfig}). */
export class AppConfig {
  readonly nodeEnv!: RawEnv['NODE_ENV'];
  readonly isProduction!: boolean;
  readonly host!: string;
  readonly port!: number;
  readonly logLevel!: RawEnv['LOG_LEVEL'];
  readonly databaseUrl!: string;
  readonly redisUrl!: string;
  readonly redisPrefix!: string;
  /** Whether DATABASE_URL / REDIS_URL were given, so the launcher knows what it may start itself. */
  readonly explicit!: { databaseUrl: boolean; redisUrl: boolean };
  readonly adminPassword!: string;
  readonly pii!: { currentKey: Buffer; previousKeys: Buffer[] };
  readonly jwtSecret!: string;
  readonly hotline!: { inboundKeys: KeyPair[]; outKey: KeyPair; callbackUrl: string };
  readonly outboxPollMs!: number;
  readonly dataDir!: string;
  /** Intake: how many days apart orders against one employer may be and still be linked. */
  readonly intake!: { clusterWindowDays: number };
  /** Deadlines: office hours of working-hour clocks, and how often the sweep runs. */
  readonly deadlines!: {
    officeHours: { start: string; end: string }[];
    sweepMs: number;
  };
  /** Mediation: where attachments are kept, how large they may be, the payment-default sweep. */
  readonly mediation!: {
    attachmentsDir: string;
    attachmentMaxBytes: number;
    defaultSweepMs: number;
  };
  /** Assignment: offer expiry and the periodic sweep. */
  readonly assignment!: {
    offerTtlMinutes: number;
    offerTtlClock: 'working' | 'elapsed';
    sweepMs: number;
  };
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`heqi 配置无效 / invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

const toKeyPair = (s: string): KeyPair => {
  const i = s.indexOf(':');
  return { keyId: s.slice(0, i), secret: s.slice(i + 1) };
};

/**
 * Validates the environment and returns the typed config. In production every secret must be set
 * explicitly: the error names each missing one so an operator fixes them all in one go.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const given = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v?.trim() ? v : undefined]),
  );
  const parsed = envSchema.safeParse(given);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  if (given.NODE_ENV === 'production') problems.push(...productionProblems(given));
  if (!parsed.success || problems.length) throw new ConfigValidationError(problems);
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  const secret = <K extends keyof typeof DEV_DEFAULTS>(name: K) => raw[name] ?? DEV_DEFAULTS[name];
  const hotlineKeys = raw.HEQI_HOTLINE_KEYS ?? [DEV_DEFAULTS.HEQI_HOTLINE_KEYS];

  return Object.assign(new AppConfig(), {
    nodeEnv: raw.NODE_ENV,
    isProduction,
    host: raw.HOST,
    port: raw.PORT,
    logLevel: raw.LOG_LEVEL,
    databaseUrl: raw.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    redisUrl: raw.REDIS_URL ?? DEFAULT_REDIS_URL,
    redisPrefix: raw.HEQI_REDIS_PREFIX,
    explicit: { databaseUrl: !!raw.DATABASE_URL, redisUrl: !!raw.REDIS_URL },
    adminPassword: secret('HEQI_ADMIN_PASSWORD'),
    pii: {
      currentKey: Buffer.from(secret('HEQI_PII_KEY'), 'base64'),
      previousKeys: raw.HEQI_PII_PREVIOUS_KEYS.map((k) => Buffer.from(k, 'base64')),
    },
    jwtSecret: secret('HEQI_JWT_SECRET'),
    hotline: {
      inboundKeys: hotlineKeys.map(toKeyPair),
      outKey: toKeyPair(secret('HEQI_HOTLINE_OUT_KEY')),
      callbackUrl: raw.HOTLINE_CALLBACK_URL,
    },
    outboxPollMs: raw.HEQI_OUTBOX_POLL_MS,
    dataDir: raw.HEQI_DATA_DIR,
    intake: { clusterWindowDays: raw.HEQI_CLUSTER_WINDOW_DAYS },
    deadlines: { officeHours: raw.HEQI_OFFICE_HOURS, sweepMs: raw.HEQI_DEADLINE_SWEEP_MS },
    mediation: {
      attachmentsDir: raw.HEQI_ATTACHMENTS_DIR,
      attachmentMaxBytes: Math.round(raw.HEQI_ATTACHMENT_MAX_MB * 1024 * 1024),
      defaultSweepMs: raw.HEQI_PAYMENT_DEFAULT_SWEEP_MS,
    },
    assignment: {
      offerTtlMinutes: raw.HEQI_OFFER_TTL_MINUTES,
      offerTtlClock: raw.HEQI_OFFER_TTL_CLOCK,
      sweepMs: raw.HEQI_ASSIGNMENT_SWEEP_MS,
    },
  } satisfies AppConfig);
}

/**
 * What production must have on top of a valid schema: every secret and URL set explicitly, and
 * no secret equal to its public development default.
 */
function productionProblems(env: Record<string, string | undefined>): string[] {
  const required = [...PRODUCTION_SECRETS, 'DATABASE_URL', 'REDIS_URL', 'HOTLINE_CALLBACK_URL'];
  const problems = required
    .filter((name) => env[name] === undefined)
    .map((name) => `${name}: 生产环境必须设置 (required in production)`);
  for (const name of PRODUCTION_SECRETS) {
    if (env[name]?.trim() === DEV_DEFAULTS[name]) {
      problems.push(`${name}: 生产环境不能使用开发默认值 (the development default is public)`);
    }
  }
  return problems;
}

/** Reads the process environment: the one place in heqi that does. */
export function loadConfigFromProcess(
  overrides: Record<string, string | undefined> = {},
): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}
