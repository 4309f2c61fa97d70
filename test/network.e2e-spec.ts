import { readFile } from 'node:fs/promises';
import { getDataSourceToken } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@heqi/core';
import { type DemoNetwork, NetworkDemoService } from '@heqi/network';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import { bearer, createUser, loginAsAdmin } from './support/auth.js';
import { startApi, type TestApi } from './support/test-apps.js';

/**
 * The mediation network through HTTP: org units (tree, moves, deactivation), mediators (phone
 * encrypted at rest, masked in answers), jurisdiction by role and subtree, bad input on every
 * write, the CSV/XLSX import and the demo network.
 */
describe('network API', () => {
  let db: TestDatabase;
  let api: TestApi;
  let sql: DataSource;
  let admin: string;

  const creditCode = (body: string) => body + creditCodeCheckChar(body);
  let seq = 0;
  const nextPhone = () => `1377700${String(++seq).padStart(4, '0')}`;

  const get = (token: string, url: string) =>
    api.http.get(`/api/v1${url}`).set('authorization', bearer(token));
  const post = (token: string, url: string, body: object) =>
    api.http.post(`/api/v1${url}`).set('authorization', bearer(token)).send(body);
  const patch = (token: string, url: string, body: object) =>
    api.http.patch(`/api/v1${url}`).set('authorization', bearer(token)).send(body);

  /** Creates a unit as admin; fails the test unless 201. */
  async function unit(body: object): Promise<{ id: string; path: string; name: string }> {
    const res = await post(admin, '/org-units', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  async function mediator(body: object): Promise<{ id: string }> {
    const res = await post(admin, '/mediators', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  /** The contract's 400: field details, never a 5xx. */
  function expectBadInput(res: { status: number; body: any }, ...fields: string[]) {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: expect.any(String) });
    expect(res.body.details?.length, JSON.stringify(res.body)).toBeGreaterThan(0);
    for (const field of fields) {
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    for (const d of res.body.details) expect(d.message).toMatch(/\S/);
  }

  // district D → towns A, B → villages AV, BV; enterprise AE under AV.
  let D: { id: string; path: string };
  let A: { id: string; path: string };
  let B: { id: string; path: string };
  let AV: { id: string; path: string };
  let BV: { id: string; path: string };
  let AE: { id: string; path: string };
  let mediatorA: { id: string };
  let mediatorB: { id: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    sql = api.app.get<DataSource>(getDataSourceToken());
    admin = (await loginAsAdmin(api)).accessToken;
    D = await unit({ name: '测试区', level: 'district', code: 'E2E-D' });
    A = await unit({ name: '甲镇', level: 'town', parentId: D.id });
    B = await unit({ name: '乙镇', level: 'town', parentId: D.id });
    AV = await unit({ name: '甲村', level: 'village', parentId: A.id });
    BV = await unit({ name: '乙村', level: 'village', parentId: B.id });
    AE = await unit({
      name: '扬州甲村五金有限公司',
      level: 'enterprise',
      parentId: AV.id,
      creditCode: creditCode('91321012MA1E2E001'),
    });
    const skills = ['wages', 'contract'];
    mediatorA = await mediator({
      name: '甲镇调解员',
      phone: '13912345678',
      kind: 'union_staff',
      orgUnitId: A.id,
      skills,
      capacity: 10,
    });
    mediatorB = await mediator({
      name: '乙镇调解员',
      phone: nextPhone(),
      kind: 'union_staff',
      orgUnitId: B.id,
      skills,
      capacity: 10,
    });
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  describe('org units', () => {
    it('creates a tree: each answer carries the id and the materialised path', async () => {
      expect(D.path).toBe(`/${D.id}/`);
      expect(AE.path).toBe(`/${D.id}/${A.id}/${AV.id}/${AE.id}/`);
      const res = await get(admin, `/org-units/${AE.id}`).expect(200);
      expect(res.body).toMatchObject({
        id: AE.id,
        level: 'enterprise',
        parentId: AV.id,
        depth: 4,
        creditCode: creditCode('91321012MA1E2E001'),
        active: true,
        createdAt: expect.any(String),
      });
    });

    it.each([
      ['missing fields', {}, ['name', 'level']],
      ['wrong types', { name: 42, level: 'town', parentId: 7 }, ['name', 'parentId']],
      ['an unknown level', { name: '某市', level: 'city' }, ['level']],
      ['a malformed parent id', { name: '某镇', level: 'town', parentId: 'abc' }, ['parentId']],
      ['an unknown field', { name: '某区', level: 'district', mayor: '王' }, ['mayor']],
      ['a too long name', { name: '长'.repeat(201), level: 'district' }, ['name']],
      [
        'a credit code with a wrong check character',
        { name: '某企业', level: 'enterprise', creditCode: '91321012MA1E2E0010' },
        ['creditCode'],
      ],
      [
        'a credit code of 17 characters',
        { name: '某企业', level: 'enterprise', creditCode: '91321012MA1E2E00' },
        ['creditCode'],
      ],
    ])('POST /org-units refuses %s with 400 and field details', async (_what, body, fields) => {
      expectBadInput(await post(admin, '/org-units', body), ...fields);
    });

    it('POST /org-units refuses bad parent/level combinations and unknown parents on parentId', async () => {
      const cases: [object, string][] = [
        [{ name: '无上级镇', level: 'town' }, 'LEVEL_NOT_ALLOWED'],
        [{ name: '区下村', level: 'village', parentId: D.id }, 'LEVEL_NOT_ALLOWED'],
        [{ name: '村下镇', level: 'town', parentId: AV.id }, 'LEVEL_NOT_ALLOWED'],
        [{ name: '企业下企业', level: 'enterprise', parentId: AE.id }, 'LEVEL_NOT_ALLOWED'],
        [{ name: '区下区', level: 'district', parentId: D.id }, 'LEVEL_NOT_ALLOWED'],
        [
          { name: '孤儿镇', level: 'town', parentId: '00000000-0000-4000-8000-000000000000' },
          'PARENT_NOT_FOUND',
        ],
      ];
      for (const [body, code] of cases) {
        const res = await post(admin, '/org-units', body);
        expectBadInput(res, 'parentId');
        expect(res.body.error).toBe(code);
      }
      const onVillage = await post(admin, '/org-units', {
        name: '带代码村',
        level: 'village',
        parentId: A.id,
        creditCode: creditCode('91321012MA1E2E002'),
      });
      expectBadInput(onVillage, 'creditCode');
    });

    it('answers duplicates with 409: credit code, sibling name — also when sent at once', async () => {
      const dupCode = await post(admin, '/org-units', {
        name: '另一家公司',
        level: 'enterprise',
        parentId: BV.id,
        creditCode: creditCode('91321012MA1E2E001').toLowerCase(),
      });
      expect(dupCode.status).toBe(409);
      expect(dupCode.body).toMatchObject({ statusCode: 409, error: 'CREDIT_CODE_TAKEN' });
      const dupName = await post(admin, '/org-units', {
        name: '甲村',
        level: 'village',
        parentId: A.id,
      });
      expect(dupName.body).toMatchObject({ statusCode: 409, error: 'UNIT_NAME_TAKEN' });

      const body = { name: '并发村', level: 'village', parentId: B.id };
      const statuses = (
        await Promise.all([post(admin, '/org-units', body), post(admin, '/org-units', body)])
      )
        .map((r) => r.status)
        .sort();
      expect(statuses).toEqual([201, 409]);
    });

    it('lists with filters and the contract page shape', async () => {
      const res = await get(
        admin,
        `/org-units?parentId=${D.id}&level=town&page=1&pageSize=10`,
      ).expect(200);
      expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 10 });
      expect(res.body.items.map((u: { name: string }) => u.name).sort()).toEqual(['乙镇', '甲镇']);
      const byCode = await get(admin, `/org-units?q=${creditCode('91321012MA1E2E001')}`).expect(
        200,
      );
      expect(byCode.body.items.map((u: { id: string }) => u.id)).toEqual([AE.id]);
      expectBadInput(await get(admin, '/org-units?pageSize=500'), 'pageSize');
      expectBadInput(await get(admin, '/org-units?level=city'), 'level');
      expectBadInput(await get(admin, '/org-units?parentId=x'), 'parentId');
    });

    it('moves a unit with its subtree, keeping every descendant path consistent in the database', async () => {
      const village = await unit({ name: '搬迁村', level: 'village', parentId: A.id });
      const firm = await unit({ name: '搬迁企业', level: 'enterprise', parentId: village.id });
      const res = await patch(admin, `/org-units/${village.id}`, { parentId: B.id }).expect(200);
      expect(res.body).toMatchObject({ parentId: B.id, path: `${B.path}${village.id}/`, depth: 3 });
      const [row] = await sql.query(`SELECT path, depth FROM org_unit WHERE id = $1`, [firm.id]);
      expect(row).toEqual({ path: `${B.path}${village.id}/${firm.id}/`, depth: 4 });
      const broken = await sql.query(`
        SELECT c.id FROM org_unit c LEFT JOIN org_unit p ON p.id = c.parent_id
         WHERE c.path <> coalesce(p.path, '/') || c.id || '/' OR c.depth <> coalesce(p.depth, 0) + 1`);
      expect(broken).toEqual([]);
      const audit = await get(admin, `/audit?objectId=${village.id}&action=org_unit.move`);
      if (audit.status === 200) expect(audit.body.items).toHaveLength(1);
    });

    it('PATCH refuses cycles, level violations and bad input with 400 and field details', async () => {
      const cycle = await patch(admin, `/org-units/${A.id}`, { parentId: AV.id });
      expectBadInput(cycle, 'parentId');
      expect(cycle.body.error).toBe('MOVE_CYCLE');
      expect((await patch(admin, `/org-units/${A.id}`, { parentId: A.id })).body.error).toBe(
        'MOVE_CYCLE',
      );
      const level = await patch(admin, `/org-units/${AV.id}`, { parentId: BV.id });
      expectBadInput(level, 'parentId');
      expect(level.body.error).toBe('LEVEL_NOT_ALLOWED');
      expectBadInput(await patch(admin, `/org-units/${AV.id}`, { parentId: null }), 'parentId');
      expectBadInput(await patch(admin, `/org-units/${AV.id}`, { name: null }), 'name');
      expectBadInput(await patch(admin, `/org-units/${AV.id}`, { active: 'no' }), 'active');
      expectBadInput(await patch(admin, `/org-units/${AV.id}`, { level: 'town' }), 'level');
      expectBadInput(
        await patch(admin, `/org-units/${AE.id}`, { creditCode: '91321012MA1E2E0019' }),
        'creditCode',
      );
      expectBadInput(
        await patch(admin, `/org-units/${AV.id}`, { creditCode: creditCode('91321012MA1E2E003') }),
        'creditCode',
      );
      expectBadInput(
        await patch(admin, `/org-units/${AV.id}`, {
          parentId: '00000000-0000-4000-8000-000000000000',
        }),
        'parentId',
      );
      expectBadInput(await patch(admin, '/org-units/not-a-uuid', { name: 'x' }), 'id');
      const unknown = await patch(admin, '/org-units/00000000-0000-4000-8000-000000000000', {
        name: 'x',
      });
      expect(unknown.status).toBe(404);
    });

    it('deactivates instead of deleting: there is no DELETE, and busy units are kept', async () => {
      const res = await api.http
        .delete(`/api/v1/org-units/${AE.id}`)
        .set('authorization', bearer(admin));
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('ROUTE_NOT_FOUND');
      const busy = await patch(admin, `/org-units/${A.id}`, { active: false });
      expect(busy.status).toBe(409);
      expect(busy.body.error).toBe('UNIT_HAS_ACTIVE_MEMBERS');
      const leaf = await unit({ name: '待停用企业', level: 'enterprise', parentId: BV.id });
      await patch(admin, `/org-units/${leaf.id}`, { active: false })
        .expect(200)
        .expect((r) => expect(r.body.active).toBe(false));
    });
  });

  describe('mediators', () => {
    it('stores the phone encrypted (no clear number in the table) and answers it masked', async () => {
      const res = await get(admin, `/mediators/${mediatorA.id}`).expect(200);
      expect(res.body).toMatchObject({
        phoneMasked: '139****5678',
        orgUnitId: A.id,
        orgUnitName: '甲镇',
      });
      expect(JSON.stringify(res.body)).not.toContain('13912345678');
      const rows: { row: string }[] = await sql.query(
        `SELECT row_to_json(m)::text AS row FROM mediator m`,
      );
      for (const { row } of rows) expect(row).not.toMatch(/1\d{10}/);
      const list = await get(admin, '/mediators?pageSize=200').expect(200);
      expect(JSON.stringify(list.body)).not.toContain('13912345678');
      const audit: { data: string }[] = await sql.query(
        `SELECT data::text AS data FROM audit_log WHERE object_type = 'mediator'`,
      );
      for (const { data } of audit) expect(data).not.toMatch(/1\d{10}/);
    });

    const good = () => ({
      name: '新调解员',
      phone: nextPhone(),
      kind: 'village_mediator',
      orgUnitId: AV.id,
      skills: ['wages'],
      capacity: 5,
    });

    it.each([
      ['missing fields', {}, ['name', 'phone', 'kind', 'orgUnitId', 'skills', 'capacity']],
      ['a bad phone', { phone: '12345678901' }, ['phone']],
      ['a phone of the wrong type', { phone: 13912345678 }, ['phone']],
      ['an unknown kind', { kind: 'judge' }, ['kind']],
      ['unknown skills', { skills: ['gambling'] }, ['skills']],
      ['duplicate skills', { skills: ['wages', 'wages'] }, ['skills']],
      ['no skills', { skills: [] }, ['skills']],
      ['a capacity over 1000', { capacity: 1001 }, ['capacity']],
      ['a fractional capacity', { capacity: 1.5 }, ['capacity']],
      ['a capacity as text', { capacity: '5' }, ['capacity']],
      ['a volunteer lawyer without a law firm', { kind: 'volunteer_lawyer' }, ['lawFirm']],
      ['a malformed unit id', { orgUnitId: 'x' }, ['orgUnitId']],
      ['an unknown unit', { orgUnitId: '00000000-0000-4000-8000-000000000000' }, ['orgUnitId']],
      ['an unknown field', { idNumber: '1' }, ['idNumber']],
    ])('POST /mediators refuses %s with 400 and field details', async (_what, change, fields) => {
      const body = Object.keys(change).length ? { ...good(), ...change } : {};
      expectBadInput(await post(admin, '/mediators', body), ...fields);
    });

    it('answers a second mediator with the same phone in the same unit with 409', async () => {
      const body = good();
      await post(admin, '/mediators', body).expect(201);
      const again = await post(admin, '/mediators', { ...body, name: '另一人' });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('MEDIATOR_PHONE_TAKEN');
    });

    it.each([
      [
        'unavailableUntil without an offset',
        { unavailableUntil: '2026-12-31T18:00:00' },
        'unavailableUntil',
      ],
      ['unavailableUntil that is no time', { unavailableUntil: 'soon' }, 'unavailableUntil'],
      ['capacity null', { capacity: null }, 'capacity'],
      ['a bad phone', { phone: 'x' }, 'phone'],
      ['an unknown field', { rating: 5 }, 'rating'],
      ['lawFirm removed from a lawyer', { kind: 'volunteer_lawyer', lawFirm: null }, 'lawFirm'],
    ])('PATCH /mediators/:id refuses %s', async (_what, body, field) => {
      expectBadInput(await patch(admin, `/mediators/${mediatorA.id}`, body), field);
    });

    it('PATCH changes fields and sets availability', async () => {
      const res = await patch(admin, `/mediators/${mediatorA.id}`, {
        capacity: 12,
        unavailableUntil: '2026-12-31T18:00:00+08:00',
      }).expect(200);
      expect(res.body).toMatchObject({
        capacity: 12,
        unavailableUntil: '2026-12-31T10:00:00.000Z',
      });
      await patch(admin, `/mediators/${mediatorA.id}`, { unavailableUntil: null })
        .expect(200)
        .expect((r) => expect(r.body.unavailableUntil).toBeNull());
    });
  });

  describe('jurisdiction', () => {
    let supervisorA: string;
    let intakeA: string;
    let mediatorUserA: string;
    let volunteerB: string;
    let townAdminA: string;

    beforeAll(async () => {
      const lawyer = await mediator({
        name: '乙镇志愿律师',
        phone: nextPhone(),
        kind: 'volunteer_lawyer',
        lawFirm: '正和律师事务所',
        orgUnitId: B.id,
        skills: ['wages'],
        capacity: 3,
      });
      const user = async (
        username: string,
        roles: string[],
        orgUnitId: string,
        mediatorId?: string,
      ) => (await createUser(api, admin, { username, roles, orgUnitId, mediatorId })).token;
      supervisorA = await user('net-sup-a', ['supervisor'], A.id);
      intakeA = await user('net-intake-a', ['intake'], A.id);
      mediatorUserA = await user('net-med-a', ['mediator'], A.id, mediatorA.id);
      volunteerB = await user('net-vol-b', ['volunteer'], B.id, lawyer.id);
      townAdminA = await user('net-admin-a', ['admin'], A.id);
    });

    it('needs a token', async () => {
      await api.http.get('/api/v1/org-units').expect(401);
      await api.http.get('/api/v1/mediators').expect(401);
      await api.http.post('/api/v1/network/import').expect(401);
    });

    it('shows every role only the units of its subtree; outside is 404', async () => {
      for (const token of [supervisorA, intakeA, mediatorUserA, townAdminA]) {
        await get(token, `/org-units/${AV.id}`).expect(200);
        for (const outside of [B.id, BV.id, D.id]) {
          const res = await get(token, `/org-units/${outside}`);
          expect(res.status).toBe(404);
          expect(res.body).toEqual({ statusCode: 404, error: 'NOT_FOUND', message: '单位不存在' });
        }
        const list = await get(token, '/org-units?pageSize=200').expect(200);
        expect(list.body.total).toBeGreaterThan(0);
        for (const u of list.body.items) expect(u.path.startsWith(A.path)).toBe(true);
      }
    });

    it('lets only admins write units, a town admin only inside its town', async () => {
      for (const token of [supervisorA, intakeA, mediatorUserA, volunteerB]) {
        await post(token, '/org-units', {
          name: '越权村',
          level: 'village',
          parentId: A.id,
        }).expect(403);
        await patch(token, `/org-units/${AV.id}`, { name: '越权' }).expect(403);
      }
      await post(townAdminA, '/org-units', {
        name: '镇管村',
        level: 'village',
        parentId: A.id,
      }).expect(201);
      const outside = await post(townAdminA, '/org-units', {
        name: '镇外村',
        level: 'village',
        parentId: B.id,
      });
      expectBadInput(outside, 'parentId');
      expect(outside.body.error).toBe('PARENT_NOT_FOUND');
      await patch(townAdminA, `/org-units/${BV.id}`, { name: '越权' }).expect(404);
      await post(townAdminA, '/org-units', { name: '新区', level: 'district' }).expect(403);
    });

    it('shows mediators to supervisors and intake within their subtree only', async () => {
      for (const token of [supervisorA, intakeA]) {
        await get(token, `/mediators/${mediatorA.id}`).expect(200);
        const hidden = await get(token, `/mediators/${mediatorB.id}`);
        expect(hidden.status).toBe(404);
        expect(hidden.body.error).toBe('NOT_FOUND');
        const list = await get(token, '/mediators?pageSize=200').expect(200);
        const ids = list.body.items.map((m: { id: string }) => m.id);
        expect(ids).toContain(mediatorA.id);
        expect(ids).not.toContain(mediatorB.id);
      }
    });

    it('lets supervisors write mediators in their subtree; intake not at all', async () => {
      const created = await post(supervisorA, '/mediators', {
        name: '督导新增',
        phone: nextPhone(),
        kind: 'village_mediator',
        orgUnitId: AV.id,
        skills: ['wages'],
        capacity: 2,
      }).expect(201);
      await patch(supervisorA, `/mediators/${created.body.id}`, { capacity: 3 }).expect(200);
      await patch(supervisorA, `/mediators/${mediatorB.id}`, { capacity: 3 }).expect(404);
      const outside = await post(supervisorA, '/mediators', {
        name: '越权',
        phone: nextPhone(),
        kind: 'union_staff',
        orgUnitId: B.id,
        skills: ['wages'],
        capacity: 2,
      });
      expectBadInput(outside, 'orgUnitId');
      await post(intakeA, '/mediators', { name: 'x' }).expect(403);
      await patch(intakeA, `/mediators/${mediatorA.id}`, { capacity: 1 }).expect(403);
    });

    it('lets a mediator or volunteer see and mark unavailable only themselves', async () => {
      const own = await get(mediatorUserA, '/mediators').expect(200);
      expect(own.body.items.map((m: { id: string }) => m.id)).toEqual([mediatorA.id]);
      await get(mediatorUserA, `/mediators/${mediatorB.id}`).expect(404);
      await patch(mediatorUserA, `/mediators/${mediatorA.id}`, {
        unavailableUntil: '2026-12-01T00:00:00+08:00',
      }).expect(200);
      await patch(mediatorUserA, `/mediators/${mediatorA.id}`, { capacity: 99 }).expect(403);
      await patch(mediatorUserA, `/mediators/${mediatorB.id}`, { unavailableUntil: null }).expect(
        404,
      );
      await post(mediatorUserA, '/mediators', { name: 'x' }).expect(403);
      const vol = await get(volunteerB, '/mediators').expect(200);
      expect(vol.body.total).toBe(1);
      await get(volunteerB, `/mediators/${mediatorA.id}`).expect(404);
    });

    it('lets only admins import', async () => {
      for (const token of [supervisorA, intakeA, mediatorUserA]) {
        await api.http
          .post('/api/v1/network/import')
          .set('authorization', bearer(token))
          .attach('file', Buffer.from('类型,名称,层级,上级\n单位,x,村,甲镇\n'), 'net.csv')
          .expect(403);
      }
    });
  });

  describe('import', () => {
    const upload = (content: Buffer, filename: string, token = admin) =>
      api.http
        .post('/api/v1/network/import')
        .set('authorization', bearer(token))
        .attach('file', content, filename);

    const CSV = Buffer.from(
      [
        '类型,名称,层级,上级,统一社会信用代码,手机,类别,所属单位,擅长,容量,律所',
        '单位,导入村,村,测试区/甲镇,,,,,,,',
        `单位,扬州导入科技有限公司,企业,测试区/甲镇/导入村,${creditCode('91321012MA1E2E010')},,,,,,`,
        `单位,坏代码企业,企业,导入村,91321012MA1E2E0101,,,,,,`,
        '单位,错层级,镇,甲村,,,,,,,',
        '调解员,导入调解员,,,,13811112222,村调解员,测试区/甲镇/导入村,"欠薪,工伤",4,',
        '调解员,无律所律师,,,,13811113333,志愿律师,测试区,全部,4,',
      ].join('\n'),
    );

    it('imports a CSV row by row and reports what it created and rejected', async () => {
      const res = await upload(CSV, 'network.csv').expect(200);
      expect(res.body).toMatchObject({ rows: 6, created: { units: 2, mediators: 1 }, skipped: [] });
      expect(res.body.rejected).toEqual([
        { row: 4, reason: expect.stringContaining('统一社会信用代码') },
        { row: 5, reason: expect.stringContaining('上级') },
        { row: 7, reason: expect.stringContaining('律所') },
      ]);
      const found = await get(admin, '/mediators?q=13811112222').expect(200);
      expect(found.body.items).toMatchObject([{ name: '导入调解员', phoneMasked: '138****2222' }]);
    });

    it('creates nothing when the same file is imported again', async () => {
      const [{ before }] = await sql.query(`SELECT count(*)::int AS before FROM org_unit`);
      const res = await upload(CSV, 'network.csv').expect(200);
      expect(res.body.created).toEqual({ units: 0, mediators: 0 });
      expect(res.body.skipped.map((s: { row: number }) => s.row)).toEqual([2, 3, 6]);
      const [{ after }] = await sql.query(`SELECT count(*)::int AS after FROM org_unit`);
      expect(after).toBe(before);
    });

    it('imports an XLSX with one sheet per type', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('单位').addRows([
        ['名称', '层级', '上级'],
        ['表格村', '村', '测试区/乙镇'],
        ['表格坏村', '村', '测试区'],
      ]);
      workbook.addWorksheet('调解员').addRows([
        ['姓名', '手机', '类别', '所属单位', '擅长', '容量'],
        ['表格调解员', 13811114444, '村调解员', '测试区/乙镇/表格村', '社保', 3],
      ]);
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await upload(buffer, 'network.xlsx').expect(200);
      expect(res.body).toMatchObject({
        created: { units: 1, mediators: 1 },
        rejected: [{ sheet: '单位', row: 3, reason: expect.stringContaining('上级') }],
      });
      const again = await upload(buffer, 'network.xlsx').expect(200);
      expect(again.body.created).toEqual({ units: 0, mediators: 0 });
    });

    it('refuses a missing file, a bad header, an unreadable file and one over 5 MB', async () => {
      const none = await api.http
        .post('/api/v1/network/import')
        .set('authorization', bearer(admin))
        .field('note', 'no file');
      expectBadInput(none, 'file');
      const json = await post(admin, '/network/import', { file: 'x' });
      expectBadInput(json, 'file');
      const header = await upload(Buffer.from('类型,名字\n单位,x\n'), 'bad.csv');
      expectBadInput(header);
      expect(header.body.error).toBe('IMPORT_BAD_HEADER');
      const xls = await upload(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'old.xls');
      expect(xls.status).toBe(400);
      expect(xls.body.error).toBe('IMPORT_UNREADABLE');
      const big = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'big.csv');
      expect(big.status).toBe(413);
      const wrongField = await api.http
        .post('/api/v1/network/import')
        .set('authorization', bearer(admin))
        .attach('upload', Buffer.from('x'), 'x.csv');
      expect(wrongField.status).toBe(400);
    });
  });

  describe('demo network', () => {
    it('loads every unit of network.json, idempotently, and the API shows them', async () => {
      const network = JSON.parse(
        await readFile(new URL('./fixtures/network.json', import.meta.url), 'utf8'),
      ) as DemoNetwork;
      const demo = api.app.get(NetworkDemoService);
      const first = await demo.loadDemoNetwork(network);
      expect(first.created).toEqual({
        units: network.units.length,
        mediators: network.mediators.length,
      });
      const second = await demo.loadDemoNetwork(network);
      expect(second.created).toEqual({ units: 0, mediators: 0 });
      const district = await get(admin, `/org-units/${first.units.D}`).expect(200);
      const subtree: { n: number }[] = await sql.query(
        `SELECT count(*)::int AS n FROM org_unit WHERE path LIKE $1`,
        [`${district.body.path}%`],
      );
      expect(subtree[0]!.n).toBe(network.units.length);
      const towns = await get(admin, `/org-units?parentId=${first.units.D}&level=town`).expect(200);
      expect(towns.body.items.map((u: { name: string }) => u.name).sort()).toEqual(
        ['东港镇', '北桥街道', '西塘镇'].sort(),
      );
    });
  });
});
