import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '@heqi/core';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import {
  bearer,
  createUser,
  login,
  loginAsAdmin,
  newPassword,
  type LoginResult,
} from './support/auth.js';
import { startApi, type TestApi } from './support/test-apps.js';

/**
 * Identity through HTTP: login and its throttles, tokens (expiry, refresh rotation, reuse,
 * logout), users and roles with jurisdiction, bad input, and the first admin.
 *
 * Login throttles count per client address: each test that fails logins sends its own
 * `X-Forwarded-For` (the API trusts loopback proxies), from the TEST-NET ranges, so tests do
 * not share counters.
 */
describe('identity', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: TestApi;
  let sql: pg.Pool;
  let admin: LoginResult;
  /** district D → towns A, B; village AV under A. */
  let units: Record<'D' | 'A' | 'B' | 'AV', { id: string; path: string }>;

  let ipSeq = 0;
  const nextIp = () => `203.0.113.${++ipSeq}`;

  const INVALID = { statusCode: 401, error: 'INVALID_CREDENTIALS', message: '用户名或密码错误' };

  const tryLogin = (username: string, password: string, ip = nextIp()) =>
    api.http.post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ username, password });
  const me = (token: string) => api.http.get('/api/v1/me').set('authorization', bearer(token));
  const refresh = (refreshToken: string) =>
    api.http.post('/api/v1/auth/refresh').send({ refreshToken });
  const postUser = (token: string, body: object) =>
    api.http.post('/api/v1/users').set('authorization', bearer(token)).send(body);
  const patchUser = (token: string, id: string, body: object) =>
    api.http.patch(`/api/v1/users/${id}`).set('authorization', bearer(token)).send(body);

  async function insertUnit(name: string, level: string, parentId: string | null) {
    const { rows } = await sql.query(
      `INSERT INTO org_unit (id, name, level, parent_id, path, depth)
       SELECT g.id, $1, $2, $3, coalesce(p.path, '/') || g.id || '/', coalesce(p.depth, 0) + 1
         FROM (SELECT gen_random_uuid() AS id) g LEFT JOIN org_unit p ON p.id = $3
       RETURNING id, path`,
      [name, level, parentId],
    );
    return rows[0] as { id: string; path: string };
  }

  async function insertMediator(kind: string, orgUnitId: string): Promise<string> {
    const { rows } = await sql.query(
      `INSERT INTO mediator (name, phone_enc, phone_hash, kind, org_unit_id, capacity, law_firm)
       VALUES ($1, 'enc', md5(random()::text), $2, $3, 5, $4) RETURNING id`,
      [
        `调解员${randomUUID().slice(0, 4)}`,
        kind,
        orgUnitId,
        kind === 'volunteer_lawyer' ? '某某律师事务所' : null,
      ],
    );
    return rows[0].id as string;
  }

  const uniqueName = (prefix: string) => `${prefix}.${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url);
    api = await startApi(config);
    sql = new pg.Pool({ connectionString: db.url, max: 3 });
    const D = await insertUnit('南湖区', 'district', null);
    const A = await insertUnit('东港镇', 'town', D.id);
    const B = await insertUnit('西塘镇', 'town', D.id);
    const AV = await insertUnit('东港村', 'village', A.id);
    units = { D, A, B, AV };
    admin = await loginAsAdmin(api);
  });

  afterAll(async () => {
    await sql?.end();
    await api?.close();
    await db?.drop();
  });

  describe('login', () => {
    it('logs the first admin in with the contract answer and a 15-minute JWT', async () => {
      expect(admin).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        user: { id: expect.any(String), username: 'admin', roles: ['admin'], orgUnitId: null },
      });
      const claims = new JwtService().decode(admin.accessToken) as Record<string, unknown>;
      expect(claims).toMatchObject({
        sub: admin.user.id,
        sid: expect.any(String),
        roles: ['admin'],
      });
      expect((claims.exp as number) - (claims.iat as number)).toBe(15 * 60);
      const header = JSON.parse(
        Buffer.from(admin.accessToken.split('.')[0]!, 'base64url').toString(),
      );
      expect(header.alg).toBe('HS256');
    });

    it('treats usernames case-insensitively', async () => {
      const res = await tryLogin('  ADMIN ', config.adminPassword).expect(200);
      expect(res.body.user.username).toBe('admin');
    });

    it('answers unknown user, wrong password and disabled user with the same 401 body', async () => {
      const disabled = uniqueName('disabled');
      const { id, password } = await createUser(api, admin.accessToken, {
        username: disabled,
        roles: ['intake'],
        orgUnitId: units.A.id,
      });
      await patchUser(admin.accessToken, id, { active: false }).expect(200);

      const unknown = await tryLogin('nobody-here', password);
      const wrong = await tryLogin('admin', 'not-the-password-1');
      // The right password of a disabled account gets the same answer.
      const off = await tryLogin(disabled, password);
      for (const res of [unknown, wrong, off]) {
        expect(res.status).toBe(401);
        expect(res.body).toEqual(INVALID);
      }
    });

    it('takes similar time for an unknown user and a wrong password (argon2 runs either way)', async () => {
      const victim = uniqueName('timing');
      await createUser(api, admin.accessToken, {
        username: victim,
        roles: ['intake'],
        orgUnitId: units.A.id,
      });
      const time = async (username: string) => {
        const began = performance.now();
        await tryLogin(username, 'wrong-password-x').expect(401);
        return performance.now() - began;
      };
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const unknown: number[] = [];
      const wrong: number[] = [];
      for (let i = 0; i < 3; i++) {
        unknown.push(await time(uniqueName('ghost')));
        wrong.push(await time(victim));
      }
      const ratio = median(unknown) / median(wrong);
      // Loose bounds: a shared CI machine is noisy; without the dummy hash the ratio is ~0.1.
      expect(ratio).toBeGreaterThan(0.33);
      expect(ratio).toBeLessThan(3);
    });

    it('records logins and failed logins of known users in the audit log', async () => {
      const { rows } = await sql.query(
        `SELECT action, object_id, data FROM audit_log
          WHERE action IN ('auth.login', 'auth.login_failed') AND object_id = $1`,
        [admin.user.id],
      );
      expect(rows.some((r) => r.action === 'auth.login')).toBe(true);
      expect(rows).toContainEqual(
        expect.objectContaining({
          action: 'auth.login_failed',
          data: { reason: 'wrong_password' },
        }),
      );
    });

    it('rejects bad login input with 400 and field details', async () => {
      const res = await api.http
        .post('/api/v1/auth/login')
        .send({ username: 'admin', extra: 1 })
        .expect(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'password' }),
          { field: 'extra', message: '不允许的字段' },
        ]),
      );
      await api.http.post('/api/v1/auth/login').send({ username: 1, password: [] }).expect(400);
    });
  });

  describe('login throttling', () => {
    it('locks a username after 5 consecutive failures: the 6th attempt is 429 with Retry-After', async () => {
      const username = uniqueName('locked');
      const { password } = await createUser(api, admin.accessToken, {
        username,
        roles: ['intake'],
        orgUnitId: units.A.id,
      });
      // From five different addresses: the username counter alone locks it.
      for (let i = 0; i < 5; i++) {
        const res = await tryLogin(username, 'wrong-password-x');
        expect(res.status).toBe(401);
      }
      const locked = await tryLogin(username, password);
      expect(locked.status).toBe(429);
      expect(locked.body).toEqual({
        statusCode: 429,
        error: 'TOO_MANY_LOGIN_ATTEMPTS',
        message: expect.stringMatching(/登录失败次数过多/),
      });
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Other usernames are not affected.
      await tryLogin('admin', config.adminPassword).expect(200);
    });

    it('counts only consecutive failures: a successful login resets the username counter', async () => {
      const username = uniqueName('reset');
      const { password } = await createUser(api, admin.accessToken, {
        username,
        roles: ['intake'],
        orgUnitId: units.A.id,
      });
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 4; i++) await tryLogin(username, 'wrong-password-x').expect(401);
        await tryLogin(username, password).expect(200);
      }
    });

    it('throttles an address after 50 failures in 15 minutes, whatever the usernames', async () => {
      const ip = nextIp();
      // 13 usernames × ≤ 4 attempts: no username reaches its own limit.
      const names = Array.from({ length: 13 }, () => uniqueName('spray'));
      const attempts = Array.from({ length: 50 }, (_, i) => names[i % names.length]!);
      for (let i = 0; i < attempts.length; i += 10) {
        const batch = await Promise.all(
          attempts.slice(i, i + 10).map((name) => tryLogin(name, 'guess-password-1', ip)),
        );
        expect(batch.map((r) => r.status)).toEqual(Array(batch.length).fill(401));
      }
      const blocked = await tryLogin('admin', config.adminPassword, ip);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      // Another address is fine.
      await tryLogin('admin', config.adminPassword).expect(200);
    });
  });

  describe('tokens', () => {
    it('refuses a missing, malformed, forged or expired access token with 401 UNAUTHENTICATED', async () => {
      const session = await loginAsAdmin(api);
      const claims = new JwtService().decode(session.accessToken) as Record<string, unknown>;
      const now = Math.floor(Date.now() / 1000);
      const expired = new JwtService({ secret: config.jwtSecret }).sign({
        sub: claims.sub,
        sid: claims.sid,
        roles: claims.roles,
        iat: now - 3600,
        exp: now - 60,
      });
      const forged = new JwtService({ secret: 'x'.repeat(40) }).sign({
        sub: claims.sub,
        sid: claims.sid,
        roles: claims.roles,
      });
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub: claims.sub, sid: claims.sid }),
      ).toString('base64url')}.`;

      await me(session.accessToken).expect(200);
      for (const res of [
        await api.http.get('/api/v1/me'),
        await api.http.get('/api/v1/me').set('authorization', 'Basic YWRtaW46YWRtaW4='),
        await me('not-a-jwt'),
        await me(expired),
        await me(forged),
        await me(unsigned),
      ]) {
        expect(res.status).toBe(401);
        expect(res.body).toEqual({
          statusCode: 401,
          error: 'UNAUTHENTICATED',
          message: expect.stringMatching(/登录/),
        });
      }
    });

    it('rotates the refresh token on every refresh', async () => {
      const first = await loginAsAdmin(api);
      const second = (await refresh(first.refreshToken).expect(200)).body as LoginResult;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.user).toEqual(first.user);
      await me(second.accessToken).expect(200);
      const third = (await refresh(second.refreshToken).expect(200)).body as LoginResult;
      await me(third.accessToken).expect(200);
      // Access tokens name the session, which stays the same across refreshes.
      const sid = (t: string) => (new JwtService().decode(t) as { sid: string }).sid;
      expect(sid(third.accessToken)).toBe(sid(first.accessToken));
      const { rows } = await sql.query(
        `SELECT token_hash FROM refresh_token WHERE session_id = $1`,
        [sid(first.accessToken)],
      );
      // Only digests are stored.
      expect(rows).toHaveLength(3);
      expect(rows.map((r) => r.token_hash)).not.toContain(first.refreshToken);
    });

    it('revokes the whole session when a used refresh token comes back (401 REFRESH_TOKEN_REUSED)', async () => {
      const first = await loginAsAdmin(api);
      const second = (await refresh(first.refreshToken).expect(200)).body as LoginResult;

      const reuse = await refresh(first.refreshToken).expect(401);
      expect(reuse.body).toMatchObject({ statusCode: 401, error: 'REFRESH_TOKEN_REUSED' });
      // The session is gone: its newest refresh token and its access tokens stop working.
      await me(second.accessToken).expect(401);
      expect((await refresh(second.refreshToken).expect(401)).body.error).toBe(
        'INVALID_REFRESH_TOKEN',
      );
      // Other sessions of the same user are untouched.
      await me(admin.accessToken).expect(200);
    });

    it('lets exactly one of two concurrent refreshes with the same token win', async () => {
      const session = await loginAsAdmin(api);
      const results = await Promise.all([
        refresh(session.refreshToken),
        refresh(session.refreshToken),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('answers an unknown or malformed refresh token with 401 or 400, never 500', async () => {
      expect((await refresh('no-such-token').expect(401)).body.error).toBe('INVALID_REFRESH_TOKEN');
      await api.http.post('/api/v1/auth/refresh').send({}).expect(400);
      await api.http.post('/api/v1/auth/refresh').send({ refreshToken: 42 }).expect(400);
    });

    it('logout ends the session: its access and refresh tokens stop working at once', async () => {
      const session = await loginAsAdmin(api);
      await api.http
        .post('/api/v1/auth/logout')
        .set('authorization', bearer(session.accessToken))
        .expect(204);
      await me(session.accessToken).expect(401);
      await refresh(session.refreshToken).expect(401);
      await api.http.post('/api/v1/auth/logout').expect(401);
    });

    it('stops a disabled user at once: existing token 401, login 401', async () => {
      const username = uniqueName('leaver');
      const user = await createUser(api, admin.accessToken, {
        username,
        roles: ['intake'],
        orgUnitId: units.A.id,
      });
      await me(user.token).expect(200);
      const res = await patchUser(admin.accessToken, user.id, { active: false }).expect(200);
      expect(res.body.active).toBe(false);
      await me(user.token).expect(401);
      expect((await tryLogin(username, user.password).expect(401)).body).toEqual(INVALID);
      const { rows } = await sql.query(
        `SELECT revoked_reason FROM auth_session WHERE user_id = $1`,
        [user.id],
      );
      expect(rows.map((r) => r.revoked_reason)).toEqual(['user_deactivated']);
    });
  });

  describe('GET /me', () => {
    it('shows the caller and its reach', async () => {
      const res = await me(admin.accessToken).expect(200);
      expect(res.body).toMatchObject({
        user: { id: admin.user.id, username: 'admin', displayName: '系统管理员', roles: ['admin'] },
        scope: { orgUnitId: null, orgPath: null, deploymentWide: true, mediatorId: null },
      });
      const town = await createUser(api, admin.accessToken, {
        username: uniqueName('sup'),
        roles: ['supervisor'],
        orgUnitId: units.A.id,
      });
      expect((await me(town.token).expect(200)).body.scope).toEqual({
        orgUnitId: units.A.id,
        orgPath: units.A.path,
        deploymentWide: false,
        mediatorId: null,
      });
    });
  });

  describe('users', () => {
    const validUser = (overrides: object = {}) => ({
      username: uniqueName('user'),
      password: newPassword(),
      displayName: '李四',
      roles: ['intake'],
      orgUnitId: units.AV.id,
      ...overrides,
    });

    it('creates a user (201) and never shows its password hash', async () => {
      const body = validUser({ username: `Mixed.Case${ipSeq}` });
      const res = await postUser(admin.accessToken, body).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        username: body.username.toLowerCase(),
        displayName: '李四',
        roles: ['intake'],
        orgUnitId: units.AV.id,
        mediatorId: null,
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        passwordChangedAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|password_hash|passwordHash/);
      const { rows } = await sql.query(
        `SELECT actor_id, org_path, data FROM audit_log WHERE action = 'user.create' AND object_id = $1`,
        [res.body.id],
      );
      expect(rows).toEqual([
        expect.objectContaining({ actor_id: admin.user.id, org_path: units.AV.path }),
      ]);
      await login(api, body.username, body.password);
    });

    it('refuses non-admins with 403 FORBIDDEN', async () => {
      const intake = await createUser(api, admin.accessToken, {
        username: uniqueName('intake'),
        roles: ['intake', 'supervisor'],
        orgUnitId: units.A.id,
      });
      for (const res of [
        await postUser(intake.token, validUser()),
        await api.http.get('/api/v1/users').set('authorization', bearer(intake.token)),
        await api.http.get(`/api/v1/users/${intake.id}`).set('authorization', bearer(intake.token)),
        await patchUser(intake.token, intake.id, { displayName: 'x' }),
        await api.http
          .post(`/api/v1/users/${admin.user.id}/password`)
          .set('authorization', bearer(intake.token))
          .send({ newPassword: newPassword() }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ statusCode: 403, error: 'FORBIDDEN' });
      }
    });

    it.each([
      ['missing fields', {}, ['username', 'password', 'displayName', 'roles', 'orgUnitId']],
      ['unknown fields', { isRoot: true }, ['isRoot']],
      ['bad roles', { roles: ['boss'] }, ['roles']],
      ['no roles', { roles: [] }, ['roles']],
      ['duplicate roles', { roles: ['intake', 'intake'] }, ['roles']],
      ['roles not an array', { roles: 'admin' }, ['roles']],
      ['bad username', { username: 'a b' }, ['username']],
      ['short username', { username: 'ab' }, ['username']],
      ['long username', { username: 'a'.repeat(65) }, ['username']],
      ['empty display name', { displayName: '   ' }, ['displayName']],
      ['long display name', { displayName: '名'.repeat(101) }, ['displayName']],
      ['malformed orgUnitId', { orgUnitId: 'town-a' }, ['orgUnitId']],
      ['unknown orgUnitId', { orgUnitId: randomUUID() }, ['orgUnitId']],
      ['no unit for a non-admin', { orgUnitId: null }, ['orgUnitId']],
      ['mediator without mediatorId', { roles: ['mediator'] }, ['mediatorId']],
      ['mediatorId for an intake user', { mediatorId: randomUUID() }, ['mediatorId']],
      ['unknown mediatorId', { roles: ['mediator'], mediatorId: randomUUID() }, ['mediatorId']],
      ['long password', { password: 'x'.repeat(129) }, ['password']],
    ])('rejects %s with 400 and field details', async (_, overrides, fields) => {
      // "missing fields" sends an empty body; the others one valid user with a flaw.
      const body = Object.keys(overrides).length ? { ...validUser(), ...overrides } : {};
      const res = await postUser(admin.accessToken, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: expect.any(String) });
      const reported = new Set((res.body.details as { field: string }[]).map((d) => d.field));
      for (const field of fields) expect([...reported]).toContain(field);
      for (const d of res.body.details) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it.each([
      ['too short', 'short-1'],
      ['equal to the username', '__USERNAME__'],
    ])('rejects a weak password (%s) with 400 WEAK_PASSWORD', async (_, password) => {
      const username = uniqueName('weak');
      const res = await postUser(
        admin.accessToken,
        validUser({ username, password: password.replace('__USERNAME__', username.toUpperCase()) }),
      ).expect(400);
      expect(res.body).toMatchObject({ error: 'WEAK_PASSWORD' });
      expect(res.body.details).toEqual([{ field: 'password', message: expect.any(String) }]);
    });

    it('links mediators and volunteers to a mediator record in their unit subtree', async () => {
      const staff = await insertMediator('union_staff', units.AV.id);
      const lawyer = await insertMediator('volunteer_lawyer', units.A.id);
      const elsewhere = await insertMediator('union_staff', units.B.id);

      const body = validUser({ roles: ['mediator'], orgUnitId: units.A.id, mediatorId: staff });
      const ok = await postUser(admin.accessToken, body).expect(201);
      expect(ok.body.mediatorId).toBe(staff);
      const mediatorLogin = await login(api, body.username, body.password);
      expect((await me(mediatorLogin.accessToken).expect(200)).body.scope.mediatorId).toBe(staff);

      const wrongKind = await postUser(
        admin.accessToken,
        validUser({
          roles: ['volunteer'],
          orgUnitId: units.A.id,
          mediatorId: await insertMediator('union_staff', units.A.id),
        }),
      ).expect(400);
      expect(wrongKind.body.details).toEqual([
        { field: 'mediatorId', message: '志愿律师账号只能关联志愿律师类调解员' },
      ]);
      const outside = await postUser(
        admin.accessToken,
        validUser({ roles: ['mediator'], orgUnitId: units.A.id, mediatorId: elsewhere }),
      ).expect(400);
      expect(outside.body.details).toEqual([
        { field: 'mediatorId', message: '调解员不在该用户所属单位及其下级单位内' },
      ]);
      await postUser(
        admin.accessToken,
        validUser({ roles: ['volunteer'], orgUnitId: units.A.id, mediatorId: lawyer }),
      ).expect(201);
      const taken = await postUser(
        admin.accessToken,
        validUser({ roles: ['mediator'], orgUnitId: units.A.id, mediatorId: staff }),
      ).expect(409);
      expect(taken.body.error).toBe('MEDIATOR_ALREADY_LINKED');
    });

    it('answers a duplicate username with 409, whatever its case', async () => {
      const username = uniqueName('dup');
      await postUser(admin.accessToken, validUser({ username })).expect(201);
      const res = await postUser(
        admin.accessToken,
        validUser({ username: username.toUpperCase() }),
      );
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'USERNAME_TAKEN' });
    });

    it('lets exactly one of two concurrent creates of one username succeed', async () => {
      const username = uniqueName('race');
      const results = await Promise.all([
        postUser(admin.accessToken, validUser({ username })),
        postUser(admin.accessToken, validUser({ username })),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM app_user WHERE username = $1`,
        [username],
      );
      expect(rows[0].n).toBe(1);
    });

    describe('an admin tied to a unit', () => {
      let townAdmin: { id: string; token: string; password: string };
      let inside: string;
      let outside: string;

      beforeAll(async () => {
        townAdmin = await createUser(api, admin.accessToken, {
          username: uniqueName('townadmin'),
          roles: ['admin'],
          orgUnitId: units.A.id,
        });
        inside = (
          await postUser(admin.accessToken, validUser({ orgUnitId: units.AV.id })).expect(201)
        ).body.id;
        outside = (
          await postUser(admin.accessToken, validUser({ orgUnitId: units.B.id })).expect(201)
        ).body.id;
      });

      it('creates users inside its subtree only (403 for a unit it named outside)', async () => {
        await postUser(townAdmin.token, validUser({ orgUnitId: units.AV.id })).expect(201);
        const res = await postUser(townAdmin.token, validUser({ orgUnitId: units.B.id })).expect(
          403,
        );
        expect(res.body).toMatchObject({
          error: 'OUTSIDE_JURISDICTION',
          message: expect.stringMatching(/管辖/),
        });
        await postUser(townAdmin.token, validUser({ roles: ['admin'], orgUnitId: null })).expect(
          403,
        );
      });

      it('lists and reads users of its subtree only; others are 404', async () => {
        const list = await api.http
          .get('/api/v1/users?pageSize=200')
          .set('authorization', bearer(townAdmin.token))
          .expect(200);
        const ids = (list.body.items as { id: string; orgUnitId: string }[]).map((u) => u.id);
        expect(ids).toContain(inside);
        expect(ids).not.toContain(outside);
        expect(ids).not.toContain(admin.user.id);
        expect(list.body).toMatchObject({ page: 1, pageSize: 200, total: ids.length });
        await api.http
          .get(`/api/v1/users/${inside}`)
          .set('authorization', bearer(townAdmin.token))
          .expect(200);
        for (const id of [outside, admin.user.id, randomUUID()]) {
          const res = await api.http
            .get(`/api/v1/users/${id}`)
            .set('authorization', bearer(townAdmin.token))
            .expect(404);
          expect(res.body.error).toBe('USER_NOT_FOUND');
        }
        await patchUser(townAdmin.token, outside, { displayName: '越权' }).expect(404);
        await patchUser(townAdmin.token, inside, { orgUnitId: units.B.id }).expect(403);
      });

      it('sees everything when deployment-wide', async () => {
        const list = await api.http
          .get('/api/v1/users?pageSize=200')
          .set('authorization', bearer(admin.accessToken))
          .expect(200);
        const ids = (list.body.items as { id: string }[]).map((u) => u.id);
        expect(ids).toEqual(expect.arrayContaining([inside, outside, admin.user.id]));
      });
    });

    it('filters and pages the list', async () => {
      const q = uniqueName('filt');
      for (let i = 0; i < 3; i++) {
        await postUser(admin.accessToken, validUser({ username: `${q}${i}` })).expect(201);
      }
      const page = await api.http
        .get(`/api/v1/users?q=${q}&pageSize=2&page=2`)
        .set('authorization', bearer(admin.accessToken))
        .expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page.body.items.map((u: { username: string }) => u.username)).toEqual([`${q}2`]);
      for (const query of ['pageSize=500', 'role=boss', 'active=maybe', 'orgUnitId=x', 'extra=1']) {
        await api.http
          .get(`/api/v1/users?${query}`)
          .set('authorization', bearer(admin.accessToken))
          .expect(400);
      }
      const byRole = await api.http
        .get(`/api/v1/users?role=admin&active=true&orgUnitId=${units.D.id}`)
        .set('authorization', bearer(admin.accessToken))
        .expect(200);
      for (const u of byRole.body.items) expect(u.roles).toContain('admin');
    });

    it('updates a user, auditing what changed', async () => {
      const created = await postUser(admin.accessToken, validUser()).expect(201);
      const res = await patchUser(admin.accessToken, created.body.id, {
        displayName: '王五',
        roles: ['intake', 'supervisor'],
        orgUnitId: units.A.id,
      }).expect(200);
      expect(res.body).toMatchObject({
        displayName: '王五',
        roles: ['intake', 'supervisor'],
        orgUnitId: units.A.id,
      });
      const { rows } = await sql.query(
        `SELECT data FROM audit_log WHERE action = 'user.update' AND object_id = $1`,
        [created.body.id],
      );
      expect(rows[0].data.changes).toEqual({
        displayName: { from: '李四', to: '王五' },
        roles: { from: ['intake'], to: ['intake', 'supervisor'] },
        orgUnitId: { from: units.AV.id, to: units.A.id },
      });
    });

    it('rejects bad updates with 400 and field details', async () => {
      const { body } = await postUser(admin.accessToken, validUser()).expect(201);
      for (const patch of [
        { roles: [] },
        { roles: null },
        { roles: ['boss'] },
        { active: 'yes' },
        { displayName: '' },
        { displayName: null },
        { orgUnitId: randomUUID() },
        { username: 'renamed' },
        { roles: ['mediator'] },
      ]) {
        const res = await patchUser(admin.accessToken, body.id, patch);
        expect(res.status, JSON.stringify(patch)).toBe(400);
        expect(res.body.details?.length, JSON.stringify(patch)).toBeGreaterThan(0);
      }
      await api.http
        .patch('/api/v1/users/not-a-uuid')
        .set('authorization', bearer(admin.accessToken))
        .send({})
        .expect(400);
    });

    it('keeps an admin from locking itself out (409)', async () => {
      for (const patch of [{ active: false }, { roles: ['supervisor'] }]) {
        const res = await patchUser(admin.accessToken, admin.user.id, patch).expect(409);
        expect(res.body.error).toBe('SELF_LOCKOUT');
      }
    });
  });

  describe('passwords', () => {
    const setPassword = (token: string, id: string, body: object) =>
      api.http.post(`/api/v1/users/${id}/password`).set('authorization', bearer(token)).send(body);

    it('lets users change their own password with the current one; other sessions end', async () => {
      const username = uniqueName('self');
      const user = await createUser(api, admin.accessToken, {
        username,
        roles: ['intake'],
        orgUnitId: units.A.id,
      });
      const other = await login(api, username, user.password);
      const next = newPassword();

      await setPassword(user.token, user.id, { newPassword: next }).expect(400);
      const wrong = await setPassword(user.token, user.id, {
        newPassword: next,
        currentPassword: 'wrong-password-1',
      }).expect(400);
      expect(wrong.body.error).toBe('WRONG_CURRENT_PASSWORD');
      const weak = await setPassword(user.token, user.id, {
        newPassword: username,
        currentPassword: user.password,
      }).expect(400);
      expect(weak.body.error).toBe('WEAK_PASSWORD');
      expect(weak.body.details).toEqual([{ field: 'newPassword', message: expect.any(String) }]);

      await setPassword(user.token, user.id, {
        newPassword: next,
        currentPassword: user.password,
      }).expect(204);
      await me(user.token).expect(200);
      await me(other.accessToken).expect(401);
      await tryLogin(username, user.password).expect(401);
      await login(api, username, next);
    });

    it('lets an admin reset a password: all of the user’s sessions end', async () => {
      const username = uniqueName('reset');
      const user = await createUser(api, admin.accessToken, {
        username,
        roles: ['intake'],
        orgUnitId: units.A.id,
      });
      const next = newPassword();
      await setPassword(admin.accessToken, user.id, { newPassword: next }).expect(204);
      await me(user.token).expect(401);
      await login(api, username, next);
      const { rows } = await sql.query(
        `SELECT actor_id FROM audit_log WHERE action = 'user.password_reset' AND object_id = $1`,
        [user.id],
      );
      expect(rows).toEqual([{ actor_id: admin.user.id }]);
      await setPassword(admin.accessToken, randomUUID(), { newPassword: next }).expect(404);
      await setPassword(admin.accessToken, user.id, { newPassword: next, extra: 1 }).expect(400);
      await setPassword(admin.accessToken, user.id, {}).expect(400);
    });
  });

  describe('first admin', () => {
    it('is created exactly once when two API instances start together on a fresh database', async () => {
      const fresh = await createTestDatabase();
      const cfg = testConfig(fresh.url, { HEQI_ADMIN_PASSWORD: 'another-admin-pw' });
      const apis = await Promise.all([startApi(cfg), startApi(cfg)]);
      const check = new pg.Client({ connectionString: fresh.url });
      try {
        await check.connect();
        const users = await check.query(
          `SELECT username, display_name, roles, org_unit_id FROM app_user`,
        );
        expect(users.rows).toEqual([
          { username: 'admin', display_name: '系统管理员', roles: ['admin'], org_unit_id: null },
        ]);
        const audit = await check.query(
          `SELECT actor_name FROM audit_log WHERE action = 'user.create'`,
        );
        expect(audit.rows).toEqual([{ actor_name: 'bootstrap' }]);
        const session = await login(apis[0]!, 'admin', 'another-admin-pw');
        await apis[1]!.http
          .get('/api/v1/me')
          .set('authorization', bearer(session.accessToken))
          .expect(200);

        // A third start finds the admin and adds nobody.
        const third = await startApi(cfg);
        await third.close();
        expect((await check.query(`SELECT count(*)::int AS n FROM app_user`)).rows[0].n).toBe(1);
      } finally {
        await check.end();
        await Promise.all(apis.map((a) => a.close()));
        await fresh.drop();
      }
    });
  });

  it('keeps /health and /docs public', async () => {
    await api.http.get('/health').expect(200);
    await api.http.get('/docs-json').expect(200);
  });
});
