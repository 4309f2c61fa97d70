import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { AUTH_POLICY } from './auth-policy.js';
import { TooManyLoginAttemptsError } from './identity.errors.js';

/** The table the Identity migration creates in rate-limiter-flexible's layout. */
const TABLE = 'login_throttle';

/** A login attempt in progress: it holds one point of each counter until it ends. */
export interface LoginAttempt {
  usernameKey: string;
  ipKey: string | null;
  /** Failures on the username counted so far, this attempt included. */
  usernameFailures: number;
}

/**
 * Throttles password guessing, per username and per IP address, in Postgres (rate-limiter-
 * flexible's Postgres store), so every API process shares the counters and Redis going away
 * changes nothing.
 *
 * An attempt takes its point *before* the password is checked: the counters are updated
 * atomically in one upsert, so a burst of parallel guesses cannot all slip past a check-then-count
 * race. A success gives the points back (the username counter is cleared: only consecutive
 * failures count).
 */
@Injectable()
export class LoginThrottle {
  private readonly byUsername: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const store = { storeClient: dataSource, storeType: 'typeorm', tableName: TABLE };
    this.byUsername = new RateLimiterPostgres({
      ...store,
      tableCreated: true,
      keyPrefix: 'user',
      points: AUTH_POLICY.maxFailuresPerUsername,
      duration: AUTH_POLICY.usernameFailureMemorySeconds,
    });
    this.byIp = new RateLimiterPostgres({
      ...store,
      tableCreated: true,
      keyPrefix: 'ip',
      points: AUTH_POLICY.maxFailuresPerIp,
      duration: AUTH_POLICY.ipWindowSeconds,
      // Once over the limit, the address waits a full window from that moment.
      blockDuration: AUTH_POLICY.ipWindowSeconds,
    });
  }

  /**
   * Starts an attempt for `username` from `ip`, or throws {@link TooManyLoginAttemptsError}
   * when either is locked.
   */
  async begin(username: string, ip: string | undefined): Promise<LoginAttempt> {
    const ipKey = ip ?? null;
    if (ipKey !== null) await this.take(this.byIp, ipKey, AUTH_POLICY.ipWindowSeconds);
    const res = await this.take(this.byUsername, username, AUTH_POLICY.usernameLockSeconds);
    return { usernameKey: username, ipKey, usernameFailures: res.consumedPoints };
  }

  /** The attempt failed: its points stay; the last allowed failure locks the username. */
  async failed(attempt: LoginAttempt): Promise<void> {
    if (attempt.usernameFailures >= AUTH_POLICY.maxFailuresPerUsername) {
      // The lock runs from this failure, not from whenever the next attempt comes.
      await this.byUsername.block(attempt.usernameKey, AUTH_POLICY.usernameLockSeconds);
    }
  }

  /** The attempt succeeded: the username starts afresh and the address gets its point back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([
      this.byUsername.delete(attempt.usernameKey),
      attempt.ipKey !== null ? this.byIp.reward(attempt.ipKey, 1) : undefined,
    ]);
  }

  private async take(
    limiter: RateLimiterPostgres,
    key: string,
    maxWaitSeconds: number,
  ): Promise<RateLimiterRes> {
    try {
      return await limiter.consume(key, 1);
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected;
      // Over the limit without a lock yet (parallel attempts racing past the last allowed one):
      // the counter's window may be a day long, but the lock about to follow is not.
      const seconds = Math.min(Math.ceil(rejected.msBeforeNext / 1000), maxWaitSeconds);
      throw new TooManyLoginAttemptsError(Math.max(seconds, 1));
    }
  }
}
