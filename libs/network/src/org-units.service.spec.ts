import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, creditCodeCheckChar } from '@heqi/core';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import { NetworkErrorCode } from './network.errors.js';
import { OrgUnitLevel } from './org-unit-level.enum.js';
import type { OrgUnit } from './org-unit.entity.js';
import {
  ADMIN,
  type NetworkTestContext,
  actor,
  brokenPaths,
  startNetworkContext,
} from './testing/network-test-context.js';

/** A valid credit code made from a 17-character body. */
const creditCode = (body: string) => body + creditCodeCheckChar(body);

/** The error a promise rejects with, so its code, kind and details can be checked. */
async function failure(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

describe('OrgUnitsService (integration)', () => {
  let db: TestDatabase;
  let ctx: NetworkTestContext;
  let district: OrgUnit;
  let townA: OrgUnit;
  let townB: OrgUnit;
  let villageA: OrgUnit;
  let villageB: OrgUnit;
  let name = 0;
  const unique = (prefix: string) => `${prefix}${++name}`;

  const create = (
    level: OrgUnitLevel,
    parent: OrgUnit | null,
    extra: { name?: string; creditCode?: string; code?: string } = {},
  ) =>
    ctx.units.create(ADMIN, {
      name: extra.name ?? unique(level),
      level,
      parentId: parent?.id ?? null,
      creditCode: extra.creditCode,
      code: extra.code,
    });

  const auditCount = async (objectId: string, action: string) => {
    const [{ n }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = $2`,
      [objectId, action],
    );
    return n as number;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await startNetworkContext(testConfig(db.url));
    district = await create(OrgUnitLevel.District, null, { name: '南湖区', code: '321012' });
    townA = await create(OrgUnitLevel.Town, district, { name: '东港镇' });
    townB = await create(OrgUnitLevel.Town, district, { name: '西塘镇' });
    villageA = await create(OrgUnitLevel.Village, townA, { name: '东港村' });
    villageB = await create(OrgUnitLevel.Village, townB, { name: '西塘村' });
  });

  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  describe('create', () => {
    it('keeps the materialised path and depth, and audits the creation', async () => {
      const enterprise = await create(OrgUnitLevel.Enterprise, villageA, {
        creditCode: creditCode('91321012MA1XYW001'),
      });
      expect(district.path).toBe(`/${district.id}/`);
      expect(townA.path).toBe(`${district.path}${townA.id}/`);
      expect(enterprise).toMatchObject({
        path: `${villageA.path}${enterprise.id}/`,
        depth: 4,
        parentId: villageA.id,
        active: true,
      });
      expect(await auditCount(enterprise.id, 'org_unit.create')).toBe(1);
    });

    it('places an enterprise directly under a town as well', async () => {
      const enterprise = await create(OrgUnitLevel.Enterprise, townB);
      expect(enterprise.depth).toBe(3);
    });

    it.each([
      [OrgUnitLevel.Town, null],
      [OrgUnitLevel.Village, 'district'],
      [OrgUnitLevel.Village, 'village'],
      [OrgUnitLevel.Town, 'town'],
      [OrgUnitLevel.Enterprise, 'district'],
      [OrgUnitLevel.District, 'district'],
    ] as const)('refuses a %s under %s with a message on parentId', async (level, parentKey) => {
      const parent = parentKey && { district, town: townA, village: villageA }[parentKey];
      const err = await failure(create(level, parent));
      expect(err).toMatchObject({
        code: NetworkErrorCode.LevelNotAllowed,
        details: [{ field: 'parentId', message: expect.stringMatching(/[\u4e00-\u9fff]/) }],
      });
    });

    it('refuses an enterprise under an enterprise', async () => {
      const enterprise = await create(OrgUnitLevel.Enterprise, villageA);
      const err = await failure(create(OrgUnitLevel.Enterprise, enterprise));
      expect(err).toMatchObject({ code: NetworkErrorCode.LevelNotAllowed });
    });

    it('refuses an unknown parent without saying more', async () => {
      const err = await failure(
        ctx.units.create(ADMIN, {
          name: '无名镇',
          level: OrgUnitLevel.Town,
          parentId: '00000000-0000-4000-8000-000000000000',
        }),
      );
      expect(err).toMatchObject({
        code: NetworkErrorCode.ParentNotFound,
        details: [{ field: 'parentId', message: '上级单位不存在' }],
      });
    });

    it('checks credit codes: GB 32100 check character, enterprises only, unique', async () => {
      const good = creditCode('91321012MA1XYW002');
      const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      expect(
        await failure(create(OrgUnitLevel.Enterprise, villageA, { creditCode: wrongCheck })),
      ).toMatchObject({
        code: NetworkErrorCode.ValidationFailed,
        details: [{ field: 'creditCode', message: expect.stringContaining('GB 32100') }],
      });
      expect(
        await failure(create(OrgUnitLevel.Village, townA, { creditCode: good })),
      ).toMatchObject({
        code: NetworkErrorCode.ValidationFailed,
        details: [{ field: 'creditCode', message: '只有企业可以填写统一社会信用代码' }],
      });
      // Pasted in lower case with spaces: stored as printed.
      const stored = await create(OrgUnitLevel.Enterprise, villageA, {
        creditCode: ` ${good.toLowerCase().slice(0, 9)} ${good.toLowerCase().slice(9)}`,
      });
      expect(stored.creditCode).toBe(good);
      const taken = await failure(create(OrgUnitLevel.Enterprise, villageB, { creditCode: good }));
      expect(taken).toMatchObject({ code: NetworkErrorCode.CreditCodeTaken, kind: 'conflict' });
    });

    it('refuses a second unit of the same name under one parent, not under another', async () => {
      await create(OrgUnitLevel.Village, townA, { name: '新民村' });
      expect(
        await failure(create(OrgUnitLevel.Village, townA, { name: ' 新民村 ' })),
      ).toMatchObject({ code: NetworkErrorCode.UnitNameTaken, kind: 'conflict' });
      await expect(create(OrgUnitLevel.Village, townB, { name: '新民村' })).resolves.toBeTruthy();
    });

    it('lets exactly one of two concurrent identical creates win, and audits only that one', async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 2 }, () => create(OrgUnitLevel.Village, townB, { name: '河口村' })),
      );
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a) => a.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
        code: NetworkErrorCode.UnitNameTaken,
      });
      const [{ n }] = await ctx.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'org_unit.create'
            AND data->>'name' = '河口村'`,
      );
      expect(n).toBe(1);
    });

    it('is for admins only', async () => {
      for (const role of [Role.Supervisor, Role.Intake, Role.Mediator, Role.Volunteer]) {
        const err = await failure(
          ctx.units.create(actor([role], district), {
            name: unique('镇'),
            level: OrgUnitLevel.Town,
            parentId: district.id,
          }),
        );
        expect(err).toMatchObject({ code: NetworkErrorCode.Forbidden, kind: 'forbidden' });
      }
    });

    it('keeps an admin with a home unit inside its subtree', async () => {
      const townAdmin = actor([Role.Admin], townA);
      await expect(
        ctx.units.create(townAdmin, {
          name: unique('村'),
          level: OrgUnitLevel.Village,
          parentId: townA.id,
        }),
      ).resolves.toMatchObject({ parentId: townA.id });
      expect(
        await failure(
          ctx.units.create(townAdmin, {
            name: unique('村'),
            level: OrgUnitLevel.Village,
            parentId: townB.id,
          }),
        ),
      ).toMatchObject({ code: NetworkErrorCode.ParentNotFound });
      expect(
        await failure(
          ctx.units.create(townAdmin, { name: unique('区'), level: OrgUnitLevel.District }),
        ),
      ).toMatchObject({ code: NetworkErrorCode.Forbidden });
    });
  });

  describe('read access', () => {
    it('shows a supervisor its subtree only: outside is not found, lists stay inside', async () => {
      const supervisor = actor([Role.Supervisor], townA);
      await expect(ctx.units.get(supervisor, villageA.id)).resolves.toMatchObject({
        id: villageA.id,
      });
      for (const outside of [villageB.id, townB.id, district.id]) {
        expect(await failure(ctx.units.get(supervisor, outside))).toMatchObject({
          code: NetworkErrorCode.NotFound,
          kind: 'not_found',
        });
      }
      const page = await ctx.units.list(supervisor, {}, { page: 1, pageSize: 200 });
      expect(page.total).toBeGreaterThan(1);
      expect(page.items.every((u) => u.path.startsWith(townA.path))).toBe(true);
      const other = await ctx.units.list(
        supervisor,
        { parentId: townB.id },
        { page: 1, pageSize: 50 },
      );
      expect(other.total).toBe(0);
    });

    it('answers a malformed id with not found', async () => {
      expect(await failure(ctx.units.get(ADMIN, 'not-a-uuid'))).toMatchObject({
        code: NetworkErrorCode.NotFound,
      });
    });

    it('filters by parent, level and q (name, code or credit code)', async () => {
      const code = creditCode('91321012MA1XYW003');
      const firm = await create(OrgUnitLevel.Enterprise, villageB, {
        name: '扬州百分百_测试有限公司',
        creditCode: code,
      });
      const byCode = await ctx.units.list(
        ADMIN,
        { q: code.toLowerCase() },
        { page: 1, pageSize: 10 },
      );
      expect(byCode.items.map((u) => u.id)).toEqual([firm.id]);
      // LIKE wildcards in q are literal.
      const literal = await ctx.units.list(ADMIN, { q: '百_测' }, { page: 1, pageSize: 10 });
      expect(literal.items.map((u) => u.id)).toEqual([firm.id]);
      expect((await ctx.units.list(ADMIN, { q: '%' }, { page: 1, pageSize: 10 })).total).toBe(0);
      const towns = await ctx.units.list(
        ADMIN,
        { parentId: district.id, level: OrgUnitLevel.Town },
        { page: 1, pageSize: 10 },
      );
      expect(towns.items.map((u) => u.name).sort()).toEqual(['东港镇', '西塘镇']);
      const district321 = await ctx.units.list(ADMIN, { q: '321012' }, { page: 1, pageSize: 10 });
      expect(district321.items.map((u) => u.id)).toContain(district.id);
    });
  });

  describe('update and move', () => {
    it('moves a village with its enterprises and rewrites every path in the subtree', async () => {
      const village = await create(OrgUnitLevel.Village, townA);
      const firms = await Promise.all([
        create(OrgUnitLevel.Enterprise, village),
        create(OrgUnitLevel.Enterprise, village),
      ]);
      const moved = await ctx.units.update(ADMIN, village.id, { parentId: townB.id });
      expect(moved).toMatchObject({
        parentId: townB.id,
        path: `${townB.path}${village.id}/`,
        depth: 3,
      });
      const rows: { id: string; path: string; depth: number }[] = await ctx.dataSource.query(
        `SELECT id, path, depth FROM org_unit WHERE id = ANY ($1)`,
        [firms.map((f) => f.id)],
      );
      for (const row of rows) {
        expect(row.path).toBe(`${moved.path}${row.id}/`);
        expect(row.depth).toBe(4);
      }
      expect(await brokenPaths(ctx.dataSource)).toEqual([]);
      const [entry] = await ctx.dataSource.query(
        `SELECT data FROM audit_log WHERE object_id = $1 AND action = 'org_unit.move'`,
        [village.id],
      );
      expect(entry.data).toMatchObject({
        fromParentId: townA.id,
        toParentId: townB.id,
        unitsMoved: 3,
      });
    });

    it('moves an enterprise between a village and a town (its depth changes)', async () => {
      const firm = await create(OrgUnitLevel.Enterprise, villageA);
      const moved = await ctx.units.update(ADMIN, firm.id, { parentId: townA.id });
      expect(moved).toMatchObject({ depth: 3, path: `${townA.path}${firm.id}/` });
    });

    it('refuses cycles: onto itself or under its own descendant', async () => {
      const town = await create(OrgUnitLevel.Town, district);
      const village = await create(OrgUnitLevel.Village, town);
      for (const target of [town, village]) {
        expect(
          await failure(ctx.units.update(ADMIN, town.id, { parentId: target.id })),
        ).toMatchObject({
          code: NetworkErrorCode.MoveCycle,
          kind: 'invalid',
          details: [{ field: 'parentId', message: expect.any(String) }],
        });
      }
      expect(await brokenPaths(ctx.dataSource)).toEqual([]);
    });

    it('refuses level violations and moving a district', async () => {
      const firm = await create(OrgUnitLevel.Enterprise, villageA);
      expect(
        await failure(ctx.units.update(ADMIN, firm.id, { parentId: district.id })),
      ).toMatchObject({
        code: NetworkErrorCode.LevelNotAllowed,
      });
      expect(
        await failure(ctx.units.update(ADMIN, villageA.id, { parentId: villageB.id })),
      ).toMatchObject({ code: NetworkErrorCode.LevelNotAllowed });
      const other = await create(OrgUnitLevel.District, null);
      expect(
        await failure(ctx.units.update(ADMIN, other.id, { parentId: district.id })),
      ).toMatchObject({ code: NetworkErrorCode.LevelNotAllowed });
    });

    it('refuses a move into a sibling name that exists there', async () => {
      const a = await create(OrgUnitLevel.Village, townA, { name: '同名村' });
      await create(OrgUnitLevel.Village, townB, { name: '同名村' });
      expect(await failure(ctx.units.update(ADMIN, a.id, { parentId: townB.id }))).toMatchObject({
        code: NetworkErrorCode.UnitNameTaken,
      });
      expect((await ctx.units.get(ADMIN, a.id)).parentId).toBe(townA.id);
    });

    it('changes fields, audits them, and leaves unchanged ones alone', async () => {
      const firm = await create(OrgUnitLevel.Enterprise, villageA);
      const code = creditCode('91321012MA1XYW004');
      const updated = await ctx.units.update(ADMIN, firm.id, {
        name: '扬州改名有限公司',
        address: '东港村 1 号',
        creditCode: code,
      });
      expect(updated).toMatchObject({
        name: '扬州改名有限公司',
        address: '东港村 1 号',
        creditCode: code,
      });
      const [entry] = await ctx.dataSource.query(
        `SELECT data FROM audit_log WHERE object_id = $1 AND action = 'org_unit.update'`,
        [firm.id],
      );
      expect(entry.data.changes).toMatchObject({
        name: { to: '扬州改名有限公司' },
        creditCode: { from: null, to: code },
      });
      await ctx.units.update(ADMIN, firm.id, { name: '扬州改名有限公司' });
      expect(await auditCount(firm.id, 'org_unit.update')).toBe(1);
      const cleared = await ctx.units.update(ADMIN, firm.id, { address: null, creditCode: null });
      expect(cleared).toMatchObject({ address: null, creditCode: null });
    });

    it('deactivates bottom-up and refuses children under an inactive parent', async () => {
      const village = await create(OrgUnitLevel.Village, townA);
      const firm = await create(OrgUnitLevel.Enterprise, village);
      expect(await failure(ctx.units.update(ADMIN, village.id, { active: false }))).toMatchObject({
        code: NetworkErrorCode.UnitHasActiveMembers,
        kind: 'conflict',
      });
      await ctx.units.update(ADMIN, firm.id, { active: false });
      await expect(ctx.units.update(ADMIN, village.id, { active: false })).resolves.toMatchObject({
        active: false,
      });
      expect(await failure(create(OrgUnitLevel.Enterprise, village))).toMatchObject({
        code: NetworkErrorCode.ParentInactive,
      });
      expect(await failure(ctx.units.update(ADMIN, firm.id, { active: true }))).toMatchObject({
        code: NetworkErrorCode.ParentInactive,
      });
      await ctx.units.update(ADMIN, village.id, { active: true });
      await expect(ctx.units.update(ADMIN, firm.id, { active: true })).resolves.toMatchObject({
        active: true,
      });
      expect(await auditCount(village.id, 'org_unit.deactivate')).toBe(1);
      expect(await auditCount(village.id, 'org_unit.activate')).toBe(1);
    });

    it('hides units outside an admin’s home unit and refuses non-admins', async () => {
      const townAdmin = actor([Role.Admin], townA);
      expect(await failure(ctx.units.update(townAdmin, villageB.id, { name: 'x' }))).toMatchObject({
        code: NetworkErrorCode.NotFound,
      });
      expect(
        await failure(ctx.units.update(townAdmin, villageA.id, { parentId: townB.id })),
      ).toMatchObject({ code: NetworkErrorCode.ParentNotFound });
      expect(
        await failure(
          ctx.units.update(actor([Role.Supervisor], townA), villageA.id, { name: 'x' }),
        ),
      ).toMatchObject({ code: NetworkErrorCode.Forbidden });
    });
  });

  describe('concurrency', () => {
    it('keeps paths consistent when two units are moved under each other at once', async () => {
      for (let round = 0; round < 5; round++) {
        const t1 = await create(OrgUnitLevel.Town, district);
        const t2 = await create(OrgUnitLevel.Town, district);
        const v1 = await create(OrgUnitLevel.Village, t1);
        const v2 = await create(OrgUnitLevel.Village, t2);
        const firm = await create(OrgUnitLevel.Enterprise, v1);
        // v1 → t2 and the enterprise → v2 → …: racing moves in both directions.
        const results = await Promise.allSettled([
          ctx.units.update(ADMIN, v1.id, { parentId: t2.id }),
          ctx.units.update(ADMIN, v2.id, { parentId: t1.id }),
          ctx.units.update(ADMIN, firm.id, { parentId: v2.id }),
          ctx.units.update(ADMIN, t1.id, { name: unique('改名镇') }),
        ]);
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        expect(await brokenPaths(ctx.dataSource)).toEqual([]);
      }
    });

    it('never loses a child created while its ancestor moves', async () => {
      const otherDistrict = await create(OrgUnitLevel.District, null);
      for (let round = 0; round < 5; round++) {
        const town = await create(OrgUnitLevel.Town, district);
        const village = await create(OrgUnitLevel.Village, town);
        const results = await Promise.allSettled([
          ctx.units.update(ADMIN, town.id, { parentId: otherDistrict.id }),
          ...Array.from({ length: 4 }, () => create(OrgUnitLevel.Enterprise, village)),
        ]);
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        expect(await brokenPaths(ctx.dataSource)).toEqual([]);
      }
    });
  });

  describe('lookups for other contexts', () => {
    let firm: OrgUnit;
    const code = creditCode('91321012MA1XYW005');

    beforeAll(async () => {
      firm = await create(OrgUnitLevel.Enterprise, villageB, {
        name: '扬州瑞丰五金制造有限公司',
        creditCode: code,
      });
    });

    it('finds a unit path and tells whether it is in an actor’s subtree', async () => {
      expect(await ctx.units.findUnitPath(firm.id)).toBe(firm.path);
      expect(await ctx.units.findUnitPath('00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await ctx.units.findUnitPath('nope')).toBeNull();
      expect(await ctx.units.isUnitInSubtree(firm.id, actor([Role.Supervisor], townB))).toBe(true);
      expect(await ctx.units.isUnitInSubtree(firm.id, actor([Role.Supervisor], townA))).toBe(false);
      expect(await ctx.units.isUnitInSubtree(firm.id, ADMIN)).toBe(true);
    });

    it('finds by credit code in any case', async () => {
      expect((await ctx.units.findByCreditCode(code.toLowerCase()))?.id).toBe(firm.id);
      expect(await ctx.units.findByCreditCode(creditCode('91321012MA1XYW999'))).toBeNull();
    });

    it('finds by exact name first, then by the name without its legal form', async () => {
      const exact = await ctx.units.findByName('扬州瑞丰五金制造有限公司');
      expect(exact.map((u) => u.id)).toEqual([firm.id]);
      for (const variant of [
        '扬州瑞丰五金制造公司',
        '扬州瑞丰五金制造',
        ' 扬州瑞丰五金制造有限责任公司 ',
      ]) {
        expect((await ctx.units.findByName(variant)).map((u) => u.id)).toEqual([firm.id]);
      }
      expect(await ctx.units.findByName('扬州瑞丰五金制造有限公司南湖分公司')).toEqual([]);
      expect(await ctx.units.findByName('')).toEqual([]);
    });

    it('returns every match of an ambiguous name, narrowed by subtree and level on request', async () => {
      const twin = await create(OrgUnitLevel.Enterprise, villageA, {
        name: '扬州瑞丰五金制造集团有限公司',
      });
      const both = await ctx.units.findByName('扬州瑞丰五金制造');
      expect(both.map((u) => u.id).sort()).toEqual([firm.id, twin.id].sort());
      const inB = await ctx.units.findByName('扬州瑞丰五金制造', { withinPath: townB.path });
      expect(inB.map((u) => u.id)).toEqual([firm.id]);
      expect(
        await ctx.units.findByName('扬州瑞丰五金制造', { level: OrgUnitLevel.Village }),
      ).toEqual([]);
    });
  });
});
