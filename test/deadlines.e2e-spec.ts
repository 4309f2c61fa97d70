import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisputeCategory } from '@heqi/core';
import { ClockFiring, ClockKind, officialBusinessCalendar } from '@heqi/deadlines';
import { type DeadlinesWorld, startDeadlinesWorld } from './support/deadlines-world.js';

/** A Shanghai wall-clock time, e.g. at('2026-09-30 16:30'). */
const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}+08:00`);
const DAY = 86_400_000;
const calendar = officialBusinessCalendar();

/**
 * Deadlines through HTTP: the clocks a case starts with and how routing and returning stop them,
 * extensions (request → approve / reject), pauses with the paused time credited, the deadlines
 * report, policies and the calendar as admins keep them, and the notification inbox — with the
 * wrong roles (403), out-of-reach cases (404), wrong states (409) and bad input (400).
 */
describe('deadlines', () => {
  let world: DeadlinesWorld;

  beforeAll(async () => {
    world = await startDeadlinesWorld();
  });

  afterAll(async () => {
    await world?.close();
  });

  const auditOf = async (objectId: string, action: string) =>
    (
      await world.sql.query(
        `SELECT actor_name, data FROM audit_log WHERE object_id = $1 AND action = $2`,
        [objectId, action],
      )
    ).rows as { actor_name: string; data: Record<string, unknown> }[];

  const eventTypes = async (caseId: string): Promise<string[]> =>
    (
      await world.sql.query(
        `SELECT type FROM case_event WHERE case_id = $1 AND type LIKE 'deadline.%' ORDER BY id`,
        [caseId],
      )
    ).rows.map((r) => r.type as string);

  describe('the clocks a case starts with', () => {
    it('starts sign-for, reply, the statutory limit and the limitation for a 12345 order', async () => {
      // Dispatched Wed 30 Sep 2026 16:30, the day before the National Day break.
      const created = await world.createHotlineCase({ receivedAt: at('2026-09-30 16:30') });
      const res = await world.get('intakeD', `/cases/${created.id}`);
      expect(res.status).toBe(200);
      expect(res.body.deadlines).toEqual([
        // 1 office hour on the 30th, 1 on Thu 8 Oct.
        {
          kind: 'hotline_sign_for',
          dueAt: '2026-10-08T01:30:00.000Z',
          state: 'running',
          calendarUnverified: false,
        },
        // 8 Oct, 9 Oct, make-up Sat 10 Oct, 12 Oct, 13 Oct at 16:30.
        {
          kind: 'hotline_reply',
          dueAt: '2026-10-13T08:30:00.000Z',
          state: 'running',
          calendarUnverified: false,
        },
        // 15 calendar days, the 15th a Thursday.
        {
          kind: 'mediation_limit',
          dueAt: '2026-10-15T15:59:59.999Z',
          state: 'running',
          calendarUnverified: false,
        },
        // One year, into 2027, whose schedule is not published: computed Monday–Friday, flagged.
        {
          kind: 'limitation',
          dueAt: '2027-09-30T15:59:59.999Z',
          state: 'running',
          calendarUnverified: true,
        },
      ]);
      const clocks = await world.get('intakeD', `/cases/${created.id}/clocks`);
      expect(clocks.status).toBe(200);
      expect(clocks.body.items[0]).toMatchObject({
        kind: 'hotline_sign_for',
        budget: { value: 2, unit: 'working_hours' },
        warnShare: 0.8,
        startedAt: '2026-09-30T08:30:00.000Z',
        // 80% = 96 office minutes: 60 on the 30th, 36 on 8 Oct.
        warnAt: '2026-10-08T01:06:00.000Z',
        pausedMinutes: 0,
        extensionDays: 0,
      });
    });

    it('gives a collective wage-arrears order 1 working hour, and uses the platform’s reply deadline', async () => {
      const replyDeadline = at('2026-10-20 17:00');
      const created = await world.createHotlineCase(
        { receivedAt: at('2026-09-30 16:30'), collective: true, workerCount: 12 },
        { replyDeadline },
      );
      const clocks = await world.clocks(created.id);
      expect(clocks[ClockKind.HotlineSignFor]!.due_at).toEqual(at('2026-09-30 17:30'));
      expect(clocks[ClockKind.HotlineReply]!.due_at).toEqual(replyDeadline);
    });

    it('starts only the statutory clocks for a walk-in registered through the API', async () => {
      const res = await world.post('intakeT1', '/cases', {
        channel: 'walk_in',
        category: 'wages',
        description: '申请人反映被拖欠工资两个月。',
        claimants: [{ name: '李四', phone: '13800001111' }],
        employer: { name: '扬州鑫源物流有限公司' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const detail = await world.get('intakeT1', `/cases/${res.body.id}`);
      expect(detail.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual([
        'mediation_limit',
        'limitation',
      ]);
    });

    it('ends every clock of an order returned to the hotline', async () => {
      const created = await world.createHotlineCase();
      const res = await world.post('intakeD', `/cases/${created.id}/return`, {
        reason: '不属于劳动争议，请转市场监管部门',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const clocks = Object.values(await world.clocks(created.id));
      expect(clocks).toHaveLength(4);
      for (const clock of clocks) {
        expect(clock).toMatchObject({ state: 'met', stop_reason: 'returned' });
        expect(clock.stopped_at).toBeInstanceOf(Date);
      }
    });

    it('answers 404 for clocks of a case out of reach, 401 without a token', async () => {
      const created = await world.createCase();
      expect((await world.get('supT2', `/cases/${created.id}/clocks`)).status).toBe(404);
      expect((await world.get('medT1a', `/cases/${created.id}/clocks`)).status).toBe(404);
      expect((await world.get('supT1', `/cases/not-a-uuid/clocks`)).status).toBe(404);
      expect((await world.api.http.get(`/api/v1/cases/${created.id}/clocks`)).status).toBe(401);
    });
  });

  describe('extensions', () => {
    let caseId: string;

    beforeAll(async () => {
      const created = await world.createHotlineCase({
        triage: false,
        orgUnitId: world.net.units.T1V2!,
      });
      caseId = created.id;
      await world.holdBy(caseId, 'M-T1a');
    });

    const ask = (who: Parameters<DeadlinesWorld['post']>[0], body: object) =>
      world.post(who, `/cases/${caseId}/extensions`, body);

    it('lets the holder ask, a supervisor of the subtree approve, and moves the reply deadline', async () => {
      const before = (await world.clocks(caseId))[ClockKind.HotlineReply]!;
      // Not the holder, another town's supervisor: the case is not in their reach.
      const body = { deadline: 'hotline_reply', days: 6, reason: '用人单位负责人出差，需延后调解' };
      expect((await ask('medT1b', body)).status).toBe(404);
      expect((await ask('supT2', body)).status).toBe(404);

      const asked = await ask('medT1a', body);
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      expect(asked.body).toMatchObject({
        caseId,
        clockId: before.id,
        deadline: 'hotline_reply',
        days: 6,
        state: 'pending',
        requestedBy: world.users.medT1a.id,
        decidedAt: null,
      });
      const again = await ask('medT1a', { ...body, days: 1 });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('DEADLINE_EXTENSION_PENDING');

      const id = asked.body.id as string;
      expect((await world.post('medT1a', `/extensions/${id}/approve`)).status).toBe(403);
      expect((await world.post('supT2', `/extensions/${id}/approve`)).status).toBe(404);
      expect((await world.post('supT1', `/extensions/not-a-uuid/approve`)).status).toBe(404);

      const approved = await world.post('supT1', `/extensions/${id}/approve`, { note: '同意' });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      // 6 working days of office time (6 × 7.5 h) after the old due instant.
      const expected = calendar.addWorkingHours(before.due_at, 45).dueAt;
      expect(approved.body).toMatchObject({
        state: 'approved',
        decidedBy: world.users.supT1.id,
        decisionReason: '同意',
        dueBefore: before.due_at.toISOString(),
        dueAfter: expected.toISOString(),
      });
      const after = (await world.clocks(caseId))[ClockKind.HotlineReply]!;
      expect(after).toMatchObject({ due_at: expected, extension_days: 6, state: 'running' });
      expect(after.warn_at.getTime()).toBeGreaterThan(before.warn_at.getTime());
      const detail = await world.get('medT1a', `/cases/${caseId}`);
      expect(
        detail.body.deadlines.find((d: { kind: string }) => d.kind === 'hotline_reply').dueAt,
      ).toBe(expected.toISOString());

      expect(await eventTypes(caseId)).toEqual([
        'deadline.extension_requested',
        'deadline.extension_approved',
      ]);
      expect(await auditOf(caseId, 'deadline.extension.request')).toHaveLength(1);
      const [audit] = await auditOf(caseId, 'deadline.extension.approve');
      expect(audit!.data).toMatchObject({ days: 6, dueAfter: expected.toISOString() });

      const twice = await world.post('supT1', `/extensions/${id}/approve`);
      expect(twice.status).toBe(409);
      expect(twice.body.error).toBe('DEADLINE_WRONG_STATE');
    });

    it('caps the reply’s extensions at 10 working days in all', async () => {
      const over = await ask('medT1a', {
        deadline: 'hotline_reply',
        days: 5,
        reason: '还需补充证据',
      });
      expect(over.status).toBe(400);
      expect(over.body).toMatchObject({
        error: 'DEADLINE_INVALID',
        details: [{ field: 'days', message: expect.stringContaining('10') }],
      });
    });

    it('lets intake staff ask and a supervisor reject with a reason', async () => {
      const asked = await ask('intakeT1', {
        deadline: 'hotline_reply',
        days: 4,
        reason: '当事人请求',
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const id = asked.body.id as string;

      // The supervisors' list of what waits for a decision: their subtree only, oldest first.
      const pending = await world.get('supT1', '/extensions?state=pending');
      expect(pending.status).toBe(200);
      expect(pending.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
      expect(pending.body.items[0]).toMatchObject({ id, caseId, state: 'pending', days: 4 });
      expect(pending.body.items[0].caseNo).toMatch(/^南湖-\d{4}-\d{6}$/);
      expect((await world.get('supD', '/extensions?state=pending')).body.total).toBe(1);
      expect((await world.get('supT2', '/extensions?state=pending')).body.total).toBe(0);
      expect((await world.get('supT1', '/extensions?state=approved')).body.total).toBe(1);
      expect((await world.get('medT1a', '/extensions')).status).toBe(403);
      const bad = await world.get('supT1', '/extensions?state=open&pageSize=500');
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'pageSize',
        'state',
      ]);

      const noReason = await world.post('supT1', `/extensions/${id}/reject`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.details.map((d: { field: string }) => d.field)).toContain('reason');
      const rejected = await world.post('supT1', `/extensions/${id}/reject`, {
        reason: '理由不充分，请按期办结',
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({
        state: 'rejected',
        decisionReason: '理由不充分，请按期办结',
        dueAfter: null,
      });
      expect(
        (await world.post('supT1', `/extensions/${id}/reject`, { reason: '再次驳回' })).status,
      ).toBe(409);
      expect((await world.post('supT1', `/extensions/${id}/approve`)).status).toBe(409);
      expect((await world.clocks(caseId))[ClockKind.HotlineReply]!.extension_days).toBe(6);
      const list = await world.get('supT1', `/cases/${caseId}/extensions`);
      expect(list.body.items.map((e: { state: string }) => e.state)).toEqual([
        'rejected',
        'approved',
      ]);
    });

    it('refuses statutory terms, missing clocks and bad input', async () => {
      const statutory = await ask('medT1a', {
        deadline: 'mediation_limit',
        days: 3,
        reason: '当事人请求',
      });
      expect(statutory.status).toBe(400);
      expect(statutory.body.details).toEqual([{ field: 'deadline', message: '该类期限不可延期' }]);

      const none = await ask('medT1a', {
        deadline: 'first_contact',
        days: 1,
        reason: '当事人请求',
      });
      expect(none.status).toBe(409);
      expect(none.body.error).toBe('DEADLINE_NO_OPEN_CLOCK');

      const bad = await ask('medT1a', { deadline: 'bogus', days: 0, extra: true });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('VALIDATION_FAILED');
      expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(
        ['days', 'deadline', 'extra', 'reason'].sort(),
      );
    });

    it('shows the clocks to a mediator a case is offered to, but lets only the holder ask', async () => {
      const offered = await world.createHotlineCase({
        triage: false,
        orgUnitId: world.net.units.T1V2!,
      });
      await world.sql.query(`UPDATE mediation_case SET status = 'offered' WHERE id = $1`, [
        offered.id,
      ]);
      await world.sql.query(
        `INSERT INTO case_offer (case_id, mediator_id, role, offered_at, expires_at)
         VALUES ($1, $2, 'lead', now(), now() + interval '2 hours')`,
        [offered.id, world.net.mediators['M-T1b']],
      );
      expect((await world.get('medT1b', `/cases/${offered.id}/clocks`)).status).toBe(200);
      const asked = await world.post('medT1b', `/cases/${offered.id}/extensions`, {
        deadline: 'hotline_reply',
        days: 1,
        reason: '尚未接受，先问问',
      });
      expect(asked.status).toBe(403);
      expect(asked.body.error).toBe('DEADLINE_FORBIDDEN');
    });

    it('does not let a supervisor approve their own request', async () => {
      const other = await world.createHotlineCase({
        triage: false,
        orgUnitId: world.net.units.T1!,
      });
      const asked = await world.post('supT1', `/cases/${other.id}/extensions`, {
        deadline: 'hotline_reply',
        days: 2,
        reason: '节前人手不足',
      });
      expect(asked.status).toBe(201);
      const own = await world.post('supT1', `/extensions/${asked.body.id}/approve`);
      expect(own.status).toBe(403);
      // The district's supervisor may.
      expect((await world.post('supD', `/extensions/${asked.body.id}/approve`)).status).toBe(200);
    });
  });

  describe('pauses', () => {
    let caseId: string;

    beforeAll(async () => {
      caseId = (await world.createCase({ orgUnitId: world.net.units.T1V1! })).id;
    });

    const change = (who: Parameters<DeadlinesWorld['post']>[0], action: string, body: object) =>
      world.post(who, `/cases/${caseId}/clocks/${action}`, body);

    it('pauses and resumes a clock, crediting the time it stood still', async () => {
      const body = { kinds: ['mediation_limit'], reason: '申请人住院，暂无法联系' };
      expect((await change('medT1a', 'pause', body)).status).toBe(403);
      expect((await change('intakeT1', 'pause', body)).status).toBe(403);
      expect((await change('supT2', 'pause', body)).status).toBe(404);

      const before = (await world.clocks(caseId))[ClockKind.MediationLimit]!;
      const paused = await change('supT1', 'pause', body);
      expect(paused.status, JSON.stringify(paused.body)).toBe(200);
      const limit = paused.body.items.find((c: { kind: string }) => c.kind === 'mediation_limit');
      expect(limit).toMatchObject({ state: 'paused', pausedAt: expect.any(String) });
      const detail = await world.get('supT1', `/cases/${caseId}`);
      expect(
        detail.body.deadlines.find((d: { kind: string }) => d.kind === 'mediation_limit').state,
      ).toBe('paused');

      const again = await change('supT1', 'pause', body);
      expect(again.status).toBe(409);
      expect((await change('supT1', 'resume', { ...body, kinds: ['limitation'] })).status).toBe(
        409,
      );

      // Two days pass.
      await world.sql.query(
        `UPDATE case_clock SET paused_at = paused_at - interval '2 days' WHERE id = $1`,
        [before.id],
      );
      const resumed = await change('supT1', 'resume', { ...body, reason: '申请人已出院' });
      expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
      const after = (await world.clocks(caseId))[ClockKind.MediationLimit]!;
      expect(after.state).toBe('running');
      expect(after.paused_at).toBeNull();
      const moved = after.due_at.getTime() - before.due_at.getTime();
      expect(moved).toBeGreaterThanOrEqual(2 * DAY);
      expect(moved).toBeLessThan(2 * DAY + 60_000);
      expect(after.warn_at.getTime() - before.warn_at.getTime()).toBe(moved);
      expect(Number(after.paused_total_ms)).toBe(moved);

      expect(await eventTypes(caseId)).toEqual(['deadline.paused', 'deadline.resumed']);
      expect(await auditOf(caseId, 'deadline.pause')).toHaveLength(1);
      expect((await auditOf(caseId, 'deadline.resume'))[0]!.data).toMatchObject({
        reason: '申请人已出院',
      });
    });

    it('rejects unknown kinds and a missing reason with field details', async () => {
      const res = await change('supT1', 'pause', { kinds: ['coffee_break'] });
      expect(res.status).toBe(400);
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(
        ['kinds', 'reason'].sort(),
      );
      expect((await change('supT1', 'pause', { kinds: [], reason: '原因' })).status).toBe(400);
    });
  });

  describe('the deadlines report', () => {
    const openInSubtree = async (unit: string) =>
      (
        await world.sql.query(
          `SELECT count(*)::int AS n FROM case_clock k JOIN mediation_case c ON c.id = k.case_id
             JOIN org_unit ou ON ou.id = c.org_unit_id
            WHERE k.stopped_at IS NULL AND ou.path LIKE (SELECT path FROM org_unit WHERE id = $1) || '%'`,
          [world.net.units[unit]],
        )
      ).rows[0].n as number;

    it('counts the open clocks of a subtree by kind and state', async () => {
      const res = await world.get('supT1', '/reports/deadlines');
      expect(res.status).toBe(200);
      expect(res.body.orgUnitId).toBe(world.net.units.T1);
      expect(res.body.rows.map((r: { kind: string }) => r.kind)).toEqual(Object.values(ClockKind));
      expect(res.body.total.open).toBe(await openInSubtree('T1'));
      expect(res.body.total.paused).toBe(0);
      const limitation = res.body.rows.find((r: { kind: string }) => r.kind === 'limitation');
      expect(limitation.running + limitation.warned + limitation.breached + limitation.paused).toBe(
        limitation.open,
      );
      const fromDistrict = await world.get(
        'supD',
        `/reports/deadlines?orgUnitId=${world.net.units.T1}`,
      );
      expect(fromDistrict.body.total).toEqual(res.body.total);
      const admin = await world.get('admin', '/reports/deadlines');
      expect(admin.body.orgUnitId).toBeNull();
      expect(admin.body.total.open).toBeGreaterThanOrEqual(await openInSubtree('D'));
    });

    it('refuses other units, other roles and malformed ids', async () => {
      const other = await world.get('supT1', `/reports/deadlines?orgUnitId=${world.net.units.T2}`);
      expect(other.status).toBe(403);
      expect((await world.get('medT1a', '/reports/deadlines')).status).toBe(403);
      expect((await world.get('intakeT1', '/reports/deadlines')).status).toBe(403);
      const bad = await world.get('supT1', '/reports/deadlines?orgUnitId=east');
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('orgUnitId');
    });
  });

  describe('clock policies', () => {
    it('lists the design’s defaults to admins only', async () => {
      const res = await world.get('admin', '/clock-policies');
      expect(res.status).toBe(200);
      const active = res.body.items.filter((p: { active: boolean }) => p.active);
      expect(active).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'hotline_reply',
            channel: 'hotline',
            budgetValue: 5,
            budgetUnit: 'working_days',
            maxExtensionDays: 10,
          }),
          expect.objectContaining({
            kind: 'hotline_sign_for',
            category: 'wages',
            collective: true,
            budgetValue: 1,
            budgetUnit: 'working_hours',
          }),
          expect.objectContaining({
            kind: 'mediation_limit',
            budgetValue: 15,
            budgetUnit: 'calendar_days',
          }),
          expect.objectContaining({
            kind: 'limitation',
            budgetValue: 12,
            budgetUnit: 'calendar_months',
          }),
          expect.objectContaining({
            kind: 'agreement_performance',
            budgetValue: null,
            budgetUnit: null,
          }),
        ]),
      );
      expect((await world.get('supT1', '/clock-policies')).status).toBe(403);
    });

    it('applies a more specific policy to new cases, until it is deactivated', async () => {
      const created = await world.post('admin', '/clock-policies', {
        kind: 'mediation_limit',
        channel: 'walk_in',
        category: 'contract',
        budgetValue: 10,
        budgetUnit: 'calendar_days',
        basis: '测试：更短的期限',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(await auditOf(created.body.id, 'clock_policy.create')).toHaveLength(1);
      const receivedAt = at('2026-11-02 10:00');
      const contract = await world.createCase({ category: DisputeCategory.Contract, receivedAt });
      const wages = await world.createCase({ category: DisputeCategory.Wages, receivedAt });
      expect((await world.clocks(contract.id))[ClockKind.MediationLimit]!.due_at).toEqual(
        calendar.addCalendarDays(receivedAt, 10).dueAt,
      );
      expect((await world.clocks(wages.id))[ClockKind.MediationLimit]!.due_at).toEqual(
        calendar.addCalendarDays(receivedAt, 15).dueAt,
      );

      const off = await world.api.http
        .patch(`/api/v1/clock-policies/${created.body.id}`)
        .set('authorization', `Bearer ${world.users.admin.token}`)
        .send({ active: false });
      expect(off.status, JSON.stringify(off.body)).toBe(200);
      expect(off.body.active).toBe(false);
      const later = await world.createCase({ category: DisputeCategory.Contract, receivedAt });
      expect((await world.clocks(later.id))[ClockKind.MediationLimit]!.due_at).toEqual(
        calendar.addCalendarDays(receivedAt, 15).dueAt,
      );
      // The first case keeps the budget it started with.
      expect((await world.clocks(contract.id))[ClockKind.MediationLimit]!.due_at).toEqual(
        calendar.addCalendarDays(receivedAt, 10).dueAt,
      );
    });

    it('refuses duplicates, budgets that do not fit and unknown policies', async () => {
      const dup = await world.post('admin', '/clock-policies', {
        kind: 'hotline_reply',
        channel: 'hotline',
        budgetValue: 3,
        budgetUnit: 'working_days',
      });
      expect(dup.status).toBe(409);
      expect(dup.body.error).toBe('DEADLINE_POLICY_DUPLICATE');
      const noBudget = await world.post('admin', '/clock-policies', { kind: 'first_contact' });
      expect(noBudget.status).toBe(400);
      expect(noBudget.body.details[0].field).toBe('budgetValue');
      const halfBudget = await world.post('admin', '/clock-policies', {
        kind: 'first_contact',
        channel: 'online',
        budgetValue: 2,
      });
      expect(halfBudget.status).toBe(400);
      expect(halfBudget.body.details.map((d: { field: string }) => d.field)).toEqual([
        'budgetValue',
        'budgetUnit',
      ]);
      const fractional = await world.post('admin', '/clock-policies', {
        kind: 'first_contact',
        channel: 'online',
        budgetValue: 1.5,
        budgetUnit: 'working_days',
      });
      expect(fractional.status).toBe(400);
      const badUnit = await world.post('admin', '/clock-policies', {
        kind: 'first_contact',
        budgetValue: 2,
        budgetUnit: 'fortnights',
        warnShare: 1.5,
      });
      expect(badUnit.status).toBe(400);
      expect(badUnit.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'budgetUnit',
        'warnShare',
      ]);
      const unknown = await world.api.http
        .patch('/api/v1/clock-policies/00000000-0000-4000-8000-000000000000')
        .set('authorization', `Bearer ${world.users.admin.token}`)
        .send({ warnShare: 0.7 });
      expect(unknown.status).toBe(404);
      expect((await world.post('supT1', '/clock-policies', { kind: 'first_contact' })).status).toBe(
        403,
      );
    });
  });

  describe('the notification inbox', () => {
    it('shows a warning to the holder, marks it read, and keeps it from others', async () => {
      const created = await world.createCase({ orgUnitId: world.net.units.T1V1! });
      await world.holdBy(created.id, 'M-T1a');
      const limit = (await world.clocks(created.id))[ClockKind.MediationLimit]!;
      await world.sql.query(
        `UPDATE case_clock SET warn_at = now() - interval '1 second' WHERE id = $1`,
        [limit.id],
      );
      expect(await world.api.app.get(ClockFiring).fireClock(limit.id)).toEqual({
        warned: 1,
        breached: 0,
      });

      const inbox = await world.get('medT1a', '/me/notifications?unread=true');
      expect(inbox.status).toBe(200);
      const note = inbox.body.items.find((n: { caseId: string }) => n.caseId === created.id);
      expect(note).toMatchObject({
        kind: 'deadline.warned',
        title: expect.stringContaining(created.caseNo),
        body: expect.stringContaining('法定调解期限'),
        readAt: null,
        smsState: 'pending',
      });
      const unreadBefore = inbox.body.unread as number;

      expect((await world.post('supT1', `/me/notifications/${note.id}/read`)).status).toBe(404);
      expect((await world.post('medT1a', `/me/notifications/nope/read`)).status).toBe(404);
      const read = await world.post('medT1a', `/me/notifications/${note.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.readAt).toEqual(expect.any(String));
      const again = await world.post('medT1a', `/me/notifications/${note.id}/read`);
      expect(again.body.readAt).toBe(read.body.readAt);

      const unread = await world.get('medT1a', '/me/notifications?unread=true');
      expect(unread.body.unread).toBe(unreadBefore - 1);
      expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(note.id);
      const readOnes = await world.get('medT1a', '/me/notifications?unread=false');
      expect(readOnes.body.items.map((n: { id: string }) => n.id)).toContain(note.id);
      expect((await world.get('medT1a', '/me/notifications?unread=maybe')).status).toBe(400);
      expect((await world.get('medT1a', '/me/notifications?pageSize=500')).status).toBe(400);
    });
  });

  describe('the calendar', () => {
    it('shows a published year with its holidays and make-up days, to anyone signed in', async () => {
      const res = await world.get('medT1a', '/calendar/years/2026');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ year: 2026, published: true, source: 'official' });
      expect(res.body.days).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ date: '2026-02-16', kind: 'holiday', name: '春节' }),
          expect.objectContaining({ date: '2026-02-14', kind: 'workday', source: 'official' }),
          expect.objectContaining({ date: '2026-10-10', kind: 'workday', name: '国庆节' }),
        ]),
      );
      expect((await world.get('medT1a', '/calendar/years/2031')).body).toMatchObject({
        published: false,
        days: [],
      });
      expect((await world.get('medT1a', '/calendar/years/twenty')).status).toBe(400);
    });

    it('moves open clocks when an admin adds a holiday, and back when it is removed', async () => {
      // Fri 18 Dec 2026 16:30: sign-for due Mon 21 Dec 09:30.
      const created = await world.createHotlineCase({ receivedAt: at('2026-12-18 16:30') });
      const signFor = () => world.clocks(created.id).then((c) => c[ClockKind.HotlineSignFor]!);
      expect((await signFor()).due_at).toEqual(at('2026-12-21 09:30'));

      const put = (who: Parameters<DeadlinesWorld['post']>[0], date: string, body: object) =>
        world.api.http
          .put(`/api/v1/calendar/days/${date}`)
          .set('authorization', `Bearer ${world.users[who].token}`)
          .send(body);
      expect((await put('supT1', '2026-12-21', { kind: 'holiday' })).status).toBe(403);
      const saturday = await put('admin', '2026-12-19', { kind: 'holiday' });
      expect(saturday.status).toBe(400);
      expect(saturday.body.details[0].field).toBe('kind');
      expect((await put('admin', '2026-12-21', { kind: 'workday' })).status).toBe(400);
      expect((await put('admin', '2026-13-01', { kind: 'holiday' })).status).toBe(400);
      expect((await put('admin', '21-12-2026', { kind: 'holiday' })).status).toBe(400);

      const added = await put('admin', '2026-12-21', { kind: 'holiday', name: '临时调整' });
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      expect(added.body).toMatchObject({ date: '2026-12-21', kind: 'holiday', source: 'admin' });
      expect((await signFor()).due_at).toEqual(at('2026-12-22 09:30'));
      const [audit] = await auditOf('2026-12-21', 'calendar.day.put');
      expect(audit!.data.recomputedClocks).toBeGreaterThanOrEqual(1);

      const remove = (date: string) =>
        world.api.http
          .delete(`/api/v1/calendar/days/${date}`)
          .set('authorization', `Bearer ${world.users.admin.token}`);
      expect((await remove('2026-12-21')).status).toBe(204);
      expect((await signFor()).due_at).toEqual(at('2026-12-21 09:30'));
      expect((await remove('2026-12-21')).status).toBe(404);
      expect(await auditOf('2026-12-21', 'calendar.day.delete')).toHaveLength(1);
    });

    it('recomputes and clears the flag of clocks in a year marked published', async () => {
      const created = await world.createCase({ receivedAt: at('2026-11-20 10:00') });
      const limitation = () => world.clocks(created.id).then((c) => c[ClockKind.Limitation]!);
      expect(await limitation()).toMatchObject({ calendar_unverified: true });
      // The 2027 schedule: suppose 22 Nov 2027 were a day off.
      const day = await world.api.http
        .put('/api/v1/calendar/days/2027-11-22')
        .set('authorization', `Bearer ${world.users.admin.token}`)
        .send({ kind: 'holiday', name: '假设' });
      expect(day.status).toBe(200);
      // Sat 20 Nov 2027 is the last day: extended over Sunday and the holiday to Tue 23 Nov.
      expect((await limitation()).due_at).toEqual(at('2027-11-23 23:59:59.999'));

      const publish = (who: Parameters<DeadlinesWorld['post']>[0]) =>
        world.post(who, '/calendar/years/2027/publish');
      expect((await publish('supT1')).status).toBe(403);
      const published = await publish('admin');
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({ year: 2027, published: true });
      expect(await limitation()).toMatchObject({
        calendar_unverified: false,
        due_at: at('2027-11-23 23:59:59.999'),
      });
      const again = await publish('admin');
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('CALENDAR_YEAR_PUBLISHED');
      expect(await auditOf('2027', 'calendar.year.publish')).toHaveLength(1);
    });
  });

  it('documents the endpoints in the OpenAPI spec', async () => {
    const spec = (await world.api.http.get('/docs-json')).body as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      '/api/v1/cases/{id}/extensions',
      '/api/v1/extensions',
      '/api/v1/extensions/{id}/approve',
      '/api/v1/extensions/{id}/reject',
      '/api/v1/cases/{id}/clocks/pause',
      '/api/v1/reports/deadlines',
      '/api/v1/me/notifications',
      '/api/v1/me/notifications/{id}/read',
      '/api/v1/calendar/years/{year}/publish',
      '/api/v1/clock-policies',
      '/api/v1/supervision-orders',
    ]) {
      expect(spec.paths, path).toHaveProperty([path]);
    }
  });
});
