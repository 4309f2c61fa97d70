import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@heqi/core';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import { bearer, createUser, loginAsAdmin } from './support/auth.js';
import { startApi, type TestApi } from './support/test-apps.js';

type RoleName = 'admin' | 'unitAdmin' | 'supervisor' | 'intake' | 'mediator' | 'volunteer';
const ROLES: RoleName[] = ['admin', 'unitAdmin', 'supervisor', 'intake', 'mediator', 'volunteer'];

/**
 * Every role × every object endpoint built so far × an object inside and one outside the
 * caller's subtree. Two properties are checked for each cell:
 *  - inside: the status the access rules promise (table below);
 *  - outside: exactly the status a random, non-existent id gets — so an outsider can never tell
 *    that an object exists (zero leaks).
 * Lists are checked for never containing an outside object.
 */
describe('access matrix (roles × endpoints × jurisdiction)', () => {
  let db: TestDatabase;
  let api: TestApi;
  const token = {} as Record<RoleName, string>;
  const ids = {} as Record<string, string>;
  let phone = 0;
  const nextPhone = () => `1367700${String(++phone).padStart(4, '0')}`;

  const call = (who: RoleName, method: 'get' | 'post' | 'patch', url: string, body?: object) => {
    const req = api.http[method](`/api/v1${url}`).set('authorization', bearer(token[who]));
    return body ? req.send(body) : req;
  };

  async function create(url: string, body: object): Promise<string> {
    const res = await call('admin', 'post', url, body);
    expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBe(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    token.admin = (await loginAsAdmin(api)).accessToken;

    // district D → town A (village AV) and town B (village BV).
    ids.D = await create('/org-units', { name: '矩阵区', level: 'district' });
    ids.A = await create('/org-units', { name: '甲镇', level: 'town', parentId: ids.D });
    ids.B = await create('/org-units', { name: '乙镇', level: 'town', parentId: ids.D });
    ids.AV = await create('/org-units', { name: '甲村', level: 'village', parentId: ids.A });
    ids.BV = await create('/org-units', { name: '乙村', level: 'village', parentId: ids.B });
    const mediator = (orgUnitId: string, kind = 'village_mediator', lawFirm?: string) =>
      create('/mediators', {
        name: `调解员${phone}`,
        phone: nextPhone(),
        kind,
        orgUnitId,
        skills: ['wages'],
        capacity: 5,
        ...(lawFirm && { lawFirm }),
      });
    ids.mA = await mediator(ids.AV);
    ids.mB = await mediator(ids.BV);
    ids.vA = await mediator(ids.A, 'volunteer_lawyer', '甲律师事务所');

    const user = async (
      username: string,
      roles: string[],
      orgUnitId: string,
      mediatorId?: string,
    ) => createUser(api, token.admin, { username, roles, orgUnitId, mediatorId });
    const unitAdmin = await user('m_unit_admin', ['admin'], ids.A);
    const supervisor = await user('m_supervisor', ['supervisor'], ids.A);
    const intake = await user('m_intake', ['intake'], ids.A);
    const mediatorUser = await user('m_mediator', ['mediator'], ids.AV, ids.mA);
    const volunteer = await user('m_volunteer', ['volunteer'], ids.A, ids.vA);
    Object.assign(token, {
      unitAdmin: unitAdmin.token,
      supervisor: supervisor.token,
      intake: intake.token,
      mediator: mediatorUser.token,
      volunteer: volunteer.token,
    });
    ids.userA = intake.id;
    ids.userB = (await user('m_outsider', ['intake'], ids.B)).id;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  interface ObjectEndpoint {
    name: string;
    method: 'get' | 'patch' | 'post';
    url: (id: string) => string;
    body?: () => object;
    inside: string;
    outside: string;
    /** Expected status for an object inside the caller's reach. */
    expect: Record<RoleName, number>;
  }

  const everyone = (status: number) =>
    Object.fromEntries(ROLES.map((r) => [r, status])) as Record<RoleName, number>;

  const ENDPOINTS: ObjectEndpoint[] = [
    {
      name: 'GET /org-units/:id',
      method: 'get',
      url: (id) => `/org-units/${id}`,
      inside: 'AV',
      outside: 'BV',
      expect: everyone(200),
    },
    {
      name: 'PATCH /org-units/:id',
      method: 'patch',
      url: (id) => `/org-units/${id}`,
      body: () => ({ address: `地址${randomUUID().slice(0, 4)}` }),
      inside: 'AV',
      outside: 'BV',
      expect: { ...everyone(403), admin: 200, unitAdmin: 200 },
    },
    {
      name: 'GET /mediators/:id',
      method: 'get',
      url: (id) => `/mediators/${id}`,
      inside: 'mA',
      outside: 'mB',
      // Mediators and volunteers see only their own record: mA is the mediator user's own.
      expect: { ...everyone(200), volunteer: 404 },
    },
    {
      name: 'PATCH /mediators/:id (capacity)',
      method: 'patch',
      url: (id) => `/mediators/${id}`,
      body: () => ({ capacity: 6 }),
      inside: 'mA',
      outside: 'mB',
      expect: { ...everyone(200), intake: 403, mediator: 403, volunteer: 404 },
    },
    {
      name: 'PATCH /mediators/:id (own leave)',
      method: 'patch',
      url: (id) => `/mediators/${id}`,
      body: () => ({ unavailableUntil: '2026-12-31T10:00:00+08:00' }),
      inside: 'mA',
      outside: 'mB',
      expect: { ...everyone(200), intake: 403, volunteer: 404 },
    },
    {
      name: 'GET /users/:id',
      method: 'get',
      url: (id) => `/users/${id}`,
      inside: 'userA',
      outside: 'userB',
      expect: { ...everyone(403), admin: 200, unitAdmin: 200 },
    },
    {
      name: 'PATCH /users/:id',
      method: 'patch',
      url: (id) => `/users/${id}`,
      body: () => ({ displayName: '改名' }),
      inside: 'userA',
      outside: 'userB',
      expect: { ...everyone(403), admin: 200, unitAdmin: 200 },
    },
  ];

  for (const endpoint of ENDPOINTS) {
    describe(endpoint.name, () => {
      it.each(ROLES)('%s: expected status inside, no leak outside', async (role) => {
        const run = (id: string) =>
          call(role, endpoint.method, endpoint.url(id), endpoint.body?.());
        const inside = await run(ids[endpoint.inside]!);
        expect(inside.status, JSON.stringify(inside.body)).toBe(endpoint.expect[role]);

        const outside = await run(ids[endpoint.outside]!);
        const missing = await run(randomUUID());
        expect(outside.status).toBeLessThan(500);
        if (role === 'admin') return; // the deployment-wide admin reaches everything
        expect(outside.status, `${role} outside vs missing`).toBe(missing.status);
        expect(outside.body.error).toBe(missing.body.error);
        expect(outside.body.message).toBe(missing.body.message);
      });
    });
  }

  describe('lists never contain objects outside the caller’s subtree', () => {
    const outsideIds = () => [ids.B, ids.BV, ids.mB, ids.userB];

    it.each(ROLES.filter((r) => r !== 'admin'))('%s', async (role) => {
      for (const url of [
        '/org-units?pageSize=200',
        '/mediators?pageSize=200',
        '/users?pageSize=200',
      ]) {
        const res = await call(role, 'get', url);
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) continue;
        const listed = (res.body.items as { id: string }[]).map((i) => i.id);
        for (const id of outsideIds()) expect(listed, `${role} ${url}`).not.toContain(id);
      }
    });

    it('the deployment-wide admin lists both towns', async () => {
      const res = await call('admin', 'get', `/org-units?parentId=${ids.D}`).expect(200);
      const listed = (res.body.items as { id: string }[]).map((i) => i.id);
      expect(listed).toEqual(expect.arrayContaining([ids.A, ids.B]));
    });
  });

  describe('creates are limited by role and subtree', () => {
    const village = (parentId: string) => ({
      name: `新村${randomUUID().slice(0, 6)}`,
      level: 'village',
      parentId,
    });
    const newMediator = (orgUnitId: string) => ({
      name: '新调解员',
      phone: nextPhone(),
      kind: 'village_mediator',
      orgUnitId,
      skills: ['wages'],
      capacity: 3,
    });

    it.each([
      ['admin', 201],
      ['unitAdmin', 201],
      ['supervisor', 403],
      ['intake', 403],
      ['mediator', 403],
      ['volunteer', 403],
    ] as [RoleName, number][])(
      '%s creating a unit inside its subtree → %i',
      async (role, status) => {
        const res = await call(role, 'post', '/org-units', village(ids.A!));
        expect(res.status, JSON.stringify(res.body)).toBe(status);
      },
    );

    it.each([
      ['admin', 201],
      ['supervisor', 201],
      ['intake', 403],
      ['mediator', 403],
    ] as [RoleName, number][])('%s creating a mediator inside → %i', async (role, status) => {
      const res = await call(role, 'post', '/mediators', newMediator(ids.AV!));
      expect(res.status, JSON.stringify(res.body)).toBe(status);
    });

    it.each(['unitAdmin', 'supervisor'] as RoleName[])(
      '%s naming a parent outside its subtree gets the answer for a parent that does not exist',
      async (role) => {
        const url = role === 'unitAdmin' ? '/org-units' : '/mediators';
        const body = role === 'unitAdmin' ? village : newMediator;
        const outside = await call(role, 'post', url, body(ids.BV!));
        const missing = await call(role, 'post', url, body(randomUUID()));
        expect(outside.status, JSON.stringify(outside.body)).toBe(missing.status);
        expect(outside.body).toEqual(missing.body);
        expect(outside.status).toBeLessThan(500);
      },
    );

    it('an enterprise with a valid credit code is created; a wrong check character is 400', async () => {
      const body17 = '91321012MA1XY2W3Q';
      const ok = await call('admin', 'post', '/org-units', {
        name: '矩阵企业有限公司',
        level: 'enterprise',
        parentId: ids.AV,
        creditCode: body17 + creditCodeCheckChar(body17),
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      const wrong = creditCodeCheckChar(body17) === 'A' ? 'B' : 'A';
      const bad = await call('admin', 'post', '/org-units', {
        name: '矩阵企业二有限公司',
        level: 'enterprise',
        parentId: ids.AV,
        creditCode: body17 + wrong,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('creditCode');
    });
  });

  it('answers 401 without a token on every object endpoint', async () => {
    for (const endpoint of ENDPOINTS) {
      const res = await api.http[endpoint.method](`/api/v1${endpoint.url(ids[endpoint.inside]!)}`);
      expect(res.status, endpoint.name).toBe(401);
    }
  });
});
