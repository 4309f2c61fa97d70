import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AuditLog,
  CoreError,
  CoreErrorCode,
  isDeploymentWide,
  type Actor,
  type SystemActor,
} from '@heqi/core';
import { AUTH_POLICY } from './auth-policy.js';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';
import type { AccessClaims, Authenticated, ClientOrigin, Me, TokenPair } from './identity.types.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { hashRefreshToken, newRefreshToken } from './refresh-token.js';
import { USER_COLUMNS, toActor, toUserView, type UserRow } from './user-row.js';
import { normalizeUsername } from './username.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SessionUser = Pick<
  UserRow,
  'id' | 'username' | 'display_name' | 'roles' | 'org_unit_id' | 'org_path' | 'mediator_id'
>;

/** Login, token refresh with rotation, logout, and authenticating each request's bearer token. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Checks a username and password and opens a session. Unknown user, wrong password and
   * disabled user get the same error after the same work (a password check against a dummy
   * hash when there is no user). Failures count towards the username and IP throttles.
   */
  async login(username: string, password: string, origin: ClientOrigin): Promise<TokenPair> {
    const name = normalizeUsername(username);
    const attempt = await this.throttle.begin(name, origin.ip);
    const [user] = (await this.dataSource.query(
      `SELECT ${USER_COLUMNS}, u.password_hash
         FROM app_user u LEFT JOIN org_unit o ON o.id = u.org_unit_id
        WHERE u.username = $1`,
      [name],
    )) as (UserRow & { password_hash: string })[];
    const matches = user
      ? await this.hasher.verify(user.password_hash, password)
      : await this.hasher.verifyNothing(password);

    if (!user || !matches || !user.active) {
      await this.throttle.failed(attempt);
      if (user) {
        // Attempts on unknown usernames are not logged: what was typed may be a password.
        await this.audit.record(this.dataSource.manager, anonymous(origin), {
          action: 'auth.login_failed',
          objectType: 'user',
          objectId: user.id,
          orgPath: user.org_path,
          data: { reason: matches ? 'inactive' : 'wrong_password' },
        });
      }
      throw IdentityError.invalidCredentials();
    }
    await this.throttle.succeeded(attempt);

    return this.dataSource.transaction(async (manager) => {
      const [session] = (await manager.query(
        `INSERT INTO auth_session (user_id, expires_at, ip, user_agent)
         VALUES ($1, now() + make_interval(secs => $2), $3, $4)
         RETURNING id`,
        [user.id, AUTH_POLICY.refreshTokenTtlSeconds, origin.ip ?? null, origin.userAgent ?? null],
      )) as { id: string }[];
      const refreshToken = await this.issueRefreshToken(manager, session!.id);
      await this.audit.record(manager, toActor(user, origin), {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        orgPath: user.org_path,
        data: { sessionId: session!.id },
      });
      return this.tokenPair(user, session!.id, refreshToken);
    });
  }

  /**
   * Exchanges a refresh token for a new pair. Each token works once: presenting a spent one
   * means it was copied, so the whole session is revoked (and its access tokens stop working)
   * and the call fails with {@link IdentityErrorCode.RefreshTokenReused}.
   */
  async refresh(refreshToken: string, origin: ClientOrigin): Promise<TokenPair> {
    const tokenHash = hashRefreshToken(refreshToken);
    const outcome = await this.dataSource.transaction(async (manager) => {
      // Spending the token is one atomic UPDATE: of two concurrent uses exactly one wins, the
      // other finds it spent (it waits for the row lock, then re-checks `used_at`).
      const spent = (await manager.query(
        `UPDATE refresh_token SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL
          RETURNING session_id`,
        [tokenHash],
      )) as [{ session_id: string }[], number];
      const sessionId = spent[0][0]?.session_id;
      if (!sessionId) return this.revokeIfReused(manager, tokenHash, origin);

      const [user] = (await manager.query(
        `SELECT ${USER_COLUMNS}
           FROM auth_session s
           JOIN app_user u ON u.id = s.user_id
           LEFT JOIN org_unit o ON o.id = u.org_unit_id
          WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
        [sessionId],
      )) as SessionUser[];
      if (!user) return 'invalid' as const;
      await manager.query(
        `UPDATE auth_session
            SET last_used_at = now(), expires_at = now() + make_interval(secs => $2)
          WHERE id = $1`,
        [sessionId, AUTH_POLICY.refreshTokenTtlSeconds],
      );
      const next = await this.issueRefreshToken(manager, sessionId);
      return this.tokenPair(user, sessionId, next);
    });
    if (outcome === 'invalid') {
      throw new IdentityError(IdentityErrorCode.InvalidRefreshToken, '登录已失效，请重新登录');
    }
    if (outcome === 'reused') {
      throw new IdentityError(
        IdentityErrorCode.RefreshTokenReused,
        '刷新令牌已被使用过，为安全起见本次登录已注销，请重新登录',
      );
    }
    return outcome;
  }

  /** Ends the caller's session: its refresh token and every access token of it stop working. */
  async logout(actor: Actor, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE auth_session SET revoked_at = now(), revoked_reason = 'logout'
          WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
        [sessionId, actor.userId],
      );
      await this.audit.record(manager, actor, {
        action: 'auth.logout',
        objectType: 'user',
        objectId: actor.userId,
        orgPath: actor.orgPath,
        data: { sessionId },
      });
    });
  }

  /**
   * Turns a bearer token into the caller: verifies the JWT, then one query reads the user
   * (active), its session (live) and the current path of its unit, so a disabled user, a
   * revoked session, a role change or a moved unit takes effect on the next request.
   */
  async authenticate(token: string, origin: ClientOrigin): Promise<Authenticated> {
    const claims = await this.verifyAccessToken(token);
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.username, u.roles, u.org_unit_id, u.mediator_id, o.path AS org_path
         FROM auth_session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN org_unit o ON o.id = u.org_unit_id
        WHERE s.id = $1 AND s.user_id = $2
          AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [claims.sid, claims.sub],
    )) as SessionUser[];
    if (!row) throw sessionEnded();
    return { actor: toActor(row, origin), sessionId: claims.sid };
  }

  /** The caller's own account and reach. */
  async me(actor: Actor): Promise<Me> {
    const [row] = (await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM app_user u LEFT JOIN org_unit o ON o.id = u.org_unit_id
        WHERE u.id = $1`,
      [actor.userId],
    )) as UserRow[];
    if (!row) throw sessionEnded();
    return {
      user: toUserView(row),
      scope: {
        orgUnitId: actor.orgUnitId,
        orgPath: actor.orgPath,
        deploymentWide: isDeploymentWide(actor),
        mediatorId: actor.mediatorId,
      },
    };
  }

  private async verifyAccessToken(token: string): Promise<AccessClaims> {
    let claims: Partial<AccessClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<AccessClaims>>(token);
    } catch {
      throw sessionEnded();
    }
    // Checked before reaching SQL: a malformed id would be a database error, not a 401.
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) throw sessionEnded();
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid)) throw sessionEnded();
    return claims as AccessClaims;
  }

  /** A token that matched nothing live: a spent one of a live session revokes that session. */
  private async revokeIfReused(
    manager: EntityManager,
    tokenHash: string,
    origin: ClientOrigin,
  ): Promise<'invalid' | 'reused'> {
    const revoked = (await manager.query(
      `UPDATE auth_session s SET revoked_at = now(), revoked_reason = 'refresh_reuse'
         FROM refresh_token t, app_user u
        WHERE t.token_hash = $1 AND t.session_id = s.id AND u.id = s.user_id
          AND s.revoked_at IS NULL
        RETURNING s.id, s.user_id, u.username`,
      [tokenHash],
    )) as [{ id: string; user_id: string; username: string }[], number];
    const session = revoked[0][0];
    if (!session) return 'invalid';
    await this.audit.record(manager, anonymous(origin), {
      action: 'auth.refresh_reuse',
      objectType: 'user',
      objectId: session.user_id,
      data: { sessionId: session.id, username: session.username },
    });
    return 'reused';
  }

  private async issueRefreshToken(manager: EntityManager, sessionId: string): Promise<string> {
    const token = newRefreshToken();
    await manager.query(`INSERT INTO refresh_token (session_id, token_hash) VALUES ($1, $2)`, [
      sessionId,
      hashRefreshToken(token),
    ]);
    return token;
  }

  private async tokenPair(
    user: SessionUser,
    sessionId: string,
    refreshToken: string,
  ): Promise<TokenPair> {
    const claims: AccessClaims = { sub: user.id, sid: sessionId, roles: user.roles };
    return {
      accessToken: await this.jwt.signAsync(claims),
      refreshToken,
      expiresIn: AUTH_POLICY.accessTokenTtlSeconds,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        roles: user.roles,
        orgUnitId: user.org_unit_id,
      },
    };
  }
}

/** The one 401 for a missing, invalid, expired or revoked access token. */
function sessionEnded(): CoreError {
  return new CoreError(CoreErrorCode.Unauthenticated, '登录已失效，请重新登录');
}

/** Who acts before anyone is signed in (a login attempt, a refresh). */
function anonymous(origin: ClientOrigin): SystemActor {
  return { system: 'anonymous', ip: origin.ip, requestId: origin.requestId };
}
