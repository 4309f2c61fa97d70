import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisputeCategory, Role } from '@heqi/core';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import { MediatorKind } from './mediator-kind.enum.js';
import type { CreateMediatorInput, MediatorView } from './mediators.service.js';
import { NetworkErrorCode } from './network.errors.js';
import { OrgUnitLevel } from './org-unit-level.enum.js';
import type { OrgUnit } from './org-unit.entity.js';
import {
  ADMIN,
  type NetworkTestContext,
  actor,
  startNetworkContext,
} from './testing/network-test-context.js';

async function failure(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

describe('MediatorsService (integration)', () => {
  let db: TestDatabase;
  let ctx: NetworkTestContext;
  let townA: OrgUnit;
  let townB: OrgUnit;
  let villageA: OrgUnit;
  let mediatorA: MediatorView;
  let mediatorB: MediatorView;
  let phones = 0;
  const nextPhone = () => `1391234${String(++phones).padStart(4, '0')}`;

  const input = (unit: OrgUnit, extra: Partial<CreateMediatorInput> = {}): CreateMediatorInput => ({
    name: '调解员',
    phone: nextPhone(),
    kind: MediatorKind.UnionStaff,
    orgUnitId: unit.id,
    skills: [DisputeCategory.Wages, DisputeCategory.Contract],
    capacity: 10,
    ...extra,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await startNetworkContext(testConfig(db.url));
    const district = await ctx.units.create(ADMIN, {
      name: '南湖区',
      level: OrgUnitLevel.District,
    });
    const unit = (name: string, level: OrgUnitLevel, parent: OrgUnit) =>
      ctx.units.create(ADMIN, { name, level, parentId: parent.id });
    townA = await unit('东港镇', OrgUnitLevel.Town, district);
    townB = await unit('西塘镇', OrgUnitLevel.Town, district);
    villageA = await unit('东港村', OrgUnitLevel.Village, townA);
    mediatorA = await ctx.mediators.create(
      ADMIN,
      input(villageA, { name: '甲', phone: '+86 139-1234-5678' }),
    );
    mediatorB = await ctx.mediators.create(ADMIN, input(townB, { name: '乙' }));
  });

  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  describe('phone numbers', () => {
    it('stores the phone encrypted with a lookup hash, and shows it masked', async () => {
      expect(mediatorA).toMatchObject({
        name: '甲',
        phoneMasked: '139****5678',
        orgUnitId: villageA.id,
        orgUnitName: '东港村',
        active: true,
        unavailableUntil: null,
      });
      expect(mediatorA).not.toHaveProperty('phone');
      const [row] = await ctx.dataSource.query(
        `SELECT phone_enc, phone_hash, row_to_json(m)::text AS everything FROM mediator m WHERE id = $1`,
        [mediatorA.id],
      );
      expect(row.everything).not.toContain('13912345678');
      expect(ctx.cipher.decrypt(row.phone_enc)).toBe('13912345678');
      expect(row.phone_hash).toBe(ctx.cipher.lookupHash('13912345678'));
    });

    it('keeps phone numbers out of the audit log', async () => {
      await ctx.mediators.update(ADMIN, mediatorA.id, { phone: '13987654321', capacity: 12 });
      const entries: { action: string; data: unknown }[] = await ctx.dataSource.query(
        `SELECT action, data FROM audit_log WHERE object_id = $1 ORDER BY id`,
        [mediatorA.id],
      );
      expect(entries.map((e) => e.action)).toEqual(['mediator.create', 'mediator.update']);
      expect(entries[1]!.data).toEqual({
        changes: { capacity: { from: 10, to: 12 } },
        phoneChanged: true,
      });
      expect(JSON.stringify(entries)).not.toMatch(/139\d{8}|5678|4321/);
      const view = await ctx.mediators.get(ADMIN, mediatorA.id);
      expect(view.phoneMasked).toBe('139****4321');
    });

    it('finds a mediator by phone (any spelling) in a unit, and refuses a duplicate there', async () => {
      expect(await ctx.mediators.findIdByPhone(villageA.id, '139 8765 4321')).toBe(mediatorA.id);
      expect(await ctx.mediators.findIdByPhone(townA.id, '13987654321')).toBeNull();
      expect(
        await failure(ctx.mediators.create(ADMIN, input(villageA, { phone: '13987654321' }))),
      ).toMatchObject({ code: NetworkErrorCode.MediatorPhoneTaken, kind: 'conflict' });
      // The same person may serve another unit as well.
      await expect(
        ctx.mediators.create(ADMIN, input(townA, { phone: '13987654321' })),
      ).resolves.toBeTruthy();
    });
  });

  describe('validation', () => {
    it.each<[string, Partial<CreateMediatorInput>]>([
      ['phone', { phone: '12345' }],
      ['phone', { phone: '' }],
      ['name', { name: '  ' }],
      ['kind', { kind: 'judge' as MediatorKind }],
      ['skills', { skills: [] }],
      ['skills', { skills: [DisputeCategory.Wages, DisputeCategory.Wages] }],
      ['skills', { skills: ['gambling' as DisputeCategory] }],
      ['capacity', { capacity: 1001 }],
      ['capacity', { capacity: -1 }],
      ['capacity', { capacity: 2.5 }],
      ['lawFirm', { kind: MediatorKind.VolunteerLawyer }],
      ['lawFirm', { kind: MediatorKind.VolunteerLawyer, lawFirm: '  ' }],
      ['orgUnitId', { orgUnitId: '00000000-0000-4000-8000-000000000000' }],
      ['orgUnitId', { orgUnitId: 'x' }],
      ['kind', { kind: undefined }],
      ['skills', { skills: undefined }],
      ['capacity', { capacity: undefined }],
    ])('refuses a bad %s: %j', async (field, extra) => {
      const err = await failure(ctx.mediators.create(ADMIN, input(villageA, extra)));
      expect(err).toMatchObject({
        code: NetworkErrorCode.ValidationFailed,
        kind: 'invalid',
        details: expect.arrayContaining([{ field, message: expect.any(String) }]),
      });
    });

    it('takes a volunteer lawyer with a law firm', async () => {
      const lawyer = await ctx.mediators.create(
        ADMIN,
        input(townA, { kind: MediatorKind.VolunteerLawyer, lawFirm: ' 金诚律师事务所 ' }),
      );
      expect(lawyer.lawFirm).toBe('金诚律师事务所');
      expect(
        await failure(ctx.mediators.update(ADMIN, lawyer.id, { lawFirm: null })),
      ).toMatchObject({ code: NetworkErrorCode.ValidationFailed });
    });

    it('refuses a mediator in a deactivated unit', async () => {
      const village = await ctx.units.create(ADMIN, {
        name: '停用村',
        level: OrgUnitLevel.Village,
        parentId: townA.id,
      });
      await ctx.units.update(ADMIN, village.id, { active: false });
      expect(await failure(ctx.mediators.create(ADMIN, input(village)))).toMatchObject({
        details: [{ field: 'orgUnitId', message: '单位已停用' }],
      });
    });

    it('keeps a unit with an active mediator from being deactivated', async () => {
      expect(await failure(ctx.units.update(ADMIN, villageA.id, { active: false }))).toMatchObject({
        code: NetworkErrorCode.UnitHasActiveMembers,
      });
    });
  });

  describe('access', () => {
    it('lets supervisors manage mediators in their subtree only', async () => {
      const supervisor = actor([Role.Supervisor], townA);
      const created = await ctx.mediators.create(supervisor, input(villageA));
      await expect(
        ctx.mediators.update(supervisor, created.id, { capacity: 3 }),
      ).resolves.toMatchObject({ capacity: 3 });
      expect(await failure(ctx.mediators.create(supervisor, input(townB)))).toMatchObject({
        details: [{ field: 'orgUnitId', message: '单位不存在' }],
      });
      expect(
        await failure(ctx.mediators.update(supervisor, mediatorB.id, { capacity: 3 })),
      ).toMatchObject({ code: NetworkErrorCode.NotFound });
      expect(
        await failure(ctx.mediators.update(supervisor, created.id, { orgUnitId: townB.id })),
      ).toMatchObject({ details: [{ field: 'orgUnitId', message: '单位不存在' }] });
    });

    it('shows admins, supervisors and intake their subtree; outside is not found', async () => {
      for (const role of [Role.Supervisor, Role.Intake, Role.Admin]) {
        const caller = actor([role], townA);
        await expect(ctx.mediators.get(caller, mediatorA.id)).resolves.toBeTruthy();
        expect(await failure(ctx.mediators.get(caller, mediatorB.id))).toMatchObject({
          code: NetworkErrorCode.NotFound,
        });
        const page = await ctx.mediators.list(caller, {}, { page: 1, pageSize: 200 });
        expect(page.items.length).toBe(page.total);
        expect(page.items.map((m) => m.id)).toContain(mediatorA.id);
        expect(page.items.map((m) => m.id)).not.toContain(mediatorB.id);
      }
    });

    it('shows a mediator or volunteer only their own record', async () => {
      for (const role of [Role.Mediator, Role.Volunteer]) {
        const self = actor([role], villageA, mediatorA.id);
        await expect(ctx.mediators.get(self, mediatorA.id)).resolves.toBeTruthy();
        const page = await ctx.mediators.list(self, {}, { page: 1, pageSize: 50 });
        expect(page.items.map((m) => m.id)).toEqual([mediatorA.id]);
        const other = actor([role], townB, mediatorB.id);
        expect(await failure(ctx.mediators.get(other, mediatorA.id))).toMatchObject({
          code: NetworkErrorCode.NotFound,
        });
      }
    });

    it('lets a mediator set only their own unavailableUntil', async () => {
      const self = actor([Role.Mediator], villageA, mediatorA.id);
      const until = new Date('2026-12-31T18:00:00+08:00');
      await expect(
        ctx.mediators.update(self, mediatorA.id, { unavailableUntil: until }),
      ).resolves.toMatchObject({ unavailableUntil: until });
      await expect(
        ctx.mediators.update(self, mediatorA.id, { unavailableUntil: null }),
      ).resolves.toMatchObject({ unavailableUntil: null });
      expect(
        await failure(ctx.mediators.update(self, mediatorA.id, { capacity: 99 })),
      ).toMatchObject({ code: NetworkErrorCode.Forbidden });
      expect(
        await failure(ctx.mediators.update(self, mediatorB.id, { unavailableUntil: until })),
      ).toMatchObject({ code: NetworkErrorCode.NotFound });
    });

    it('refuses writes to intake and reads to callers without a role', async () => {
      const intake = actor([Role.Intake], townA);
      expect(await failure(ctx.mediators.create(intake, input(villageA)))).toMatchObject({
        code: NetworkErrorCode.Forbidden,
      });
      expect(
        await failure(ctx.mediators.update(intake, mediatorA.id, { capacity: 1 })),
      ).toMatchObject({ code: NetworkErrorCode.Forbidden });
      expect(
        await failure(ctx.mediators.list(actor([], townA), {}, { page: 1, pageSize: 1 })),
      ).toMatchObject({ code: NetworkErrorCode.Forbidden });
    });
  });

  describe('list filters', () => {
    it('filters by unit subtree, kind, skill, active and q (name, law firm or phone)', async () => {
      const list = (filter: Parameters<typeof ctx.mediators.list>[1]) =>
        ctx.mediators
          .list(ADMIN, filter, { page: 1, pageSize: 200 })
          .then((p) => p.items.map((m) => m.id));
      expect(await list({ orgUnitId: townA.id })).toContain(mediatorA.id);
      expect(await list({ orgUnitId: townA.id })).not.toContain(mediatorB.id);
      expect(await list({ q: '139-8765-4321' })).toContain(mediatorA.id);
      expect(await list({ q: '甲' })).toEqual([mediatorA.id]);
      expect(await list({ q: '金诚' })).toHaveLength(1);
      expect(await list({ skill: DisputeCategory.WorkInjury })).toEqual([]);
      expect(await list({ kind: MediatorKind.VolunteerLawyer })).toHaveLength(1);
      expect(await list({ active: false })).toEqual([]);
      expect(await list({ orgUnitId: 'nope' })).toEqual([]);
    });

    it('pages', async () => {
      const first = await ctx.mediators.list(ADMIN, {}, { page: 1, pageSize: 2 });
      const second = await ctx.mediators.list(ADMIN, {}, { page: 2, pageSize: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.total).toBe(second.total);
      expect(first.items.map((m) => m.id)).not.toContain(second.items[0]?.id);
    });
  });
});
