import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RollupsService, type SummaryFigures } from '@heqi/reporting';
import { type DeadlinesWorld, startDeadlinesWorld } from './support/deadlines-world.js';

/**
 * Reports against a small dataset whose every figure is worked out by hand below. Cases are
 * written with SQL (the columns the closing, feedback and reopening code update), so the
 * database triggers mark them dirty exactly as those code paths do, and the rollups are kept by
 * the same drain the worker runs. Then: rebuild = incremental, access, validation.
 *
 * The network (test/fixtures/network.json): 南湖区 D ⊃ 东港镇 T1 (⊃ 东港村 T1V1, 新民村 T1V2,
 * 红旗社区 T1V3), 西塘镇 T2 (⊃ 西塘村 T2V1, 河口村 T2V2), 北桥街道 T3 (⊃ 北桥社区 T3V1 …).
 *
 * The cases (times are Beijing time), in their final state:
 *
 * | case | unit | mediator | category | received | closed | outcome | claimed / agreed / paid | 回访 | clocks counted (met/due) |
 * | C1 | T1V1 | 东港村调解员 | wages | 03-02 10:00 | 03-12 10:00 (10 d) | settled | 30000 / 25000 / 25000 | 满意 | first_contact met, mediation_limit met (limitation met: not a service clock) → 2/2 |
 * | C2 | T1V1 | 东港村调解员 | wages | 03-05 09:00 | 03-20 21:00 (15.5 d) | failed | 12000.50 / – / 0 | 不满意 | first_contact met, mediation_limit breached → 1/2 |
 * | C3 | T1V2 | 东港镇调解员甲 | contract | 03-10 08:00 | 04-02 08:00 (23 d) | referred_arbitration | 50000 / – / 0 | – | sign-for met but routed (left out), mediation_limit breached → 0/1 |
 * | C4 | T1 itself | 东港镇调解员乙 | dismissal | 04-01 00:30 (= 03-31 UTC) | 04-03 00:30 (2 d) | withdrawn | 8000 / – / 0 | 基本满意 | – |
 * | C5 | T2V1 | 西塘镇调解员甲 | wages | 04-15 10:00 | 04-16 22:00 (1.5 d) | rejected | – / – / 0 | – | hotline_reply met → 1/1 |
 * | C6 | T1V1 | 东港村调解员 | social_insurance | 05-06 10:00 | closed 05-10 settled, 不满意, REOPENED: open now | – | – | (不满意: not counted while open) | – |
 * | C7 | T2V2 | 西塘镇调解员乙 | wages | 06-01 10:00 | closed 06-05, 不满意, reopened, closed again 06-20 10:00 (19 d) | settled | 10000 / 10000 / 4000 | 不满意 + 满意 | – |
 * | C8 | T1V2 → MOVED to T2V1, 东港镇调解员甲 → 西塘镇调解员甲 | wages | 07-01 10:00 | 07-11 10:00 (10 d) | referred_litigation | 20000 / – / 0 | – | – |
 * | C9 | T3V1 | none | labor_relation | 2025-12-31 20:00 (before the period) | 2026-01-05 20:00 (5 d) | settled | 5000 / 5000 / 5000 | – | – |
 * | C10 | T1V1 | none | wages | 12-31 23:00 (= 15:00 UTC) | open (queued) | – | – | – | – |
 * | C11 | T1 itself | none | wages | 02-10 10:00 | returned to 12345 (退单) | – | – | – | sign-for breached then returned: case not closed → nothing |
 *
 * Closed figures count by the closed day, received and reopened by the received day, all under
 * the unit handling the case now. A reopened case leaves its closed figures until closed again.
 */

const at = (local: string) => `${local.replace(' ', 'T')}+08:00`;

/** Full figures: zeros, null rates and '0.00' unless given. */
const fig = (f: Partial<SummaryFigures>): SummaryFigures => ({
  received: 0,
  closed: 0,
  settled: 0,
  failed: 0,
  referred: 0,
  withdrawn: 0,
  rejected: 0,
  settlementRate: null,
  onTimeRate: null,
  amountClaimed: '0.00',
  amountAgreed: '0.00',
  amountPaid: '0.00',
  satisfactionRate: null,
  avgDaysToClose: null,
  reopened: 0,
  feedback: 0,
  satisfied: 0,
  clocksDue: 0,
  clocksMet: 0,
  ...f,
});

// ---- District 南湖区, 2026 ----------------------------------------------------------------
// received: C1 C2 C3 C4 C5 C6 C7 C8 C10 C11 = 10 (C9 came in 2025); reopened C6 C7 = 2.
// closed: C1 C2 C3 C4 C5 C7 C8 C9 = 8 — settled C1 C7 C9 = 3, failed C2, referred C3 C8 = 2,
// withdrawn C4, rejected C5. Settlement 3 / (3 + 1 + 2) = 0.5.
// claimed 30000 + 12000.50 + 50000 + 8000 + 0 + 10000 + 20000 + 5000 = 135000.50;
// agreed 25000 + 10000 + 5000 = 40000; paid 25000 + 4000 + 5000 = 34000.
// 回访 C1 满意, C2 不满意, C4 基本满意, C7 不满意 + 满意 = 5, satisfied 3 → 0.6.
// clocks C1 2/2, C2 1/2, C3 0/1, C5 1/1 → 4/6 = 0.6667.
// days 10 + 15.5 + 23 + 2 + 1.5 + 19 + 10 + 5 = 86 / 8 = 10.75 → 10.8.
const DISTRICT = fig({
  received: 10,
  reopened: 2,
  closed: 8,
  settled: 3,
  failed: 1,
  referred: 2,
  withdrawn: 1,
  rejected: 1,
  settlementRate: 0.5,
  amountClaimed: '135000.50',
  amountAgreed: '40000.00',
  amountPaid: '34000.00',
  feedback: 5,
  satisfied: 3,
  satisfactionRate: 0.6,
  clocksDue: 6,
  clocksMet: 4,
  onTimeRate: 0.6667,
  avgDaysToClose: 10.8,
});
// 东港镇 T1 subtree: C1 C2 C3 C4 C6 C10 C11 (C8 moved out). received 7, reopened 1 (C6).
// closed C1 C2 C3 C4: settled 1, failed 1, referred 1, withdrawn 1 → 1/3 = 0.3333.
// claimed 30000 + 12000.50 + 50000 + 8000 = 100000.50; agreed 25000; paid 25000.
// 回访 C1 C2 C4 = 3, satisfied 2 → 0.6667. clocks 2/2 + 1/2 + 0/1 = 3/5 = 0.6.
// days (10 + 15.5 + 23 + 2) / 4 = 12.625 → 12.6.
const T1 = fig({
  received: 7,
  reopened: 1,
  closed: 4,
  settled: 1,
  failed: 1,
  referred: 1,
  withdrawn: 1,
  settlementRate: 0.3333,
  amountClaimed: '100000.50',
  amountAgreed: '25000.00',
  amountPaid: '25000.00',
  feedback: 3,
  satisfied: 2,
  satisfactionRate: 0.6667,
  clocksDue: 5,
  clocksMet: 3,
  onTimeRate: 0.6,
  avgDaysToClose: 12.6,
});
// 西塘镇 T2: C5 C7 C8. received 3, reopened 1 (C7); closed 3: settled C7, referred C8,
// rejected C5 → 1/2 = 0.5. claimed 0 + 10000 + 20000 = 30000; agreed 10000; paid 4000.
// 回访 2 (C7), satisfied 1 → 0.5. clocks C5 1/1 → 1. days (1.5 + 19 + 10) / 3 = 10.17 → 10.2.
const T2 = fig({
  received: 3,
  reopened: 1,
  closed: 3,
  settled: 1,
  referred: 1,
  rejected: 1,
  settlementRate: 0.5,
  amountClaimed: '30000.00',
  amountAgreed: '10000.00',
  amountPaid: '4000.00',
  feedback: 2,
  satisfied: 1,
  satisfactionRate: 0.5,
  clocksDue: 1,
  clocksMet: 1,
  onTimeRate: 1,
  avgDaysToClose: 10.2,
});
// 北桥街道 T3: C9 only (closed in 2026, received in 2025).
const T3 = fig({
  closed: 1,
  settled: 1,
  settlementRate: 1,
  amountClaimed: '5000.00',
  amountAgreed: '5000.00',
  amountPaid: '5000.00',
  avgDaysToClose: 5,
});

describe('reports', () => {
  let world: DeadlinesWorld;
  let rollups: RollupsService;
  const ids: Record<string, string> = {};
  let unit: Record<string, string>;
  let med: Record<string, string>;

  const sql = (text: string, params: unknown[] = []) => world.sql.query(text, params);

  async function insertCase(
    ref: string,
    c: {
      unit: string;
      mediator?: string;
      category: string;
      receivedAt: string;
      status: string;
      outcome?: string;
      closedAt?: string;
      claimed?: string;
      agreed?: string;
      paid?: string;
    },
  ): Promise<void> {
    const { rows } = await sql(
      `INSERT INTO mediation_case (case_no, channel, status, outcome, category, description,
                                   org_unit_id, district_id, mediator_id, amount_claimed,
                                   amount_agreed, amount_paid, received_at, closed_at)
       VALUES ($1, 'hotline', $2, $3, $4, '报表测试案件', $5, $6, $7, $8, $9, $10, $11, $12)
       RETURNING id`,
      [
        `RPT-${ref}`,
        c.status,
        c.outcome ?? null,
        c.category,
        unit[c.unit],
        unit.D,
        c.mediator ? med[c.mediator] : null,
        c.claimed ?? null,
        c.agreed ?? null,
        c.paid ?? '0',
        at(c.receivedAt),
        c.closedAt ? at(c.closedAt) : null,
      ],
    );
    ids[ref] = rows[0].id as string;
    await sql(
      `INSERT INTO hotline_order (order_no, case_id, source, dispatched_at)
       VALUES ($1, $2, 'push', $3)`,
      [`ORD-${ref}`, ids[ref], at(c.receivedAt)],
    );
  }

  const feedback = (ref: string, result: string, visited: string) =>
    sql(
      `INSERT INTO case_feedback (case_id, order_no, result, visited_at) VALUES ($1, $2, $3, $4)`,
      [ids[ref], `ORD-${ref}`, result, at(visited)],
    );

  /** A clock in its final state: running, met or breached (stopped for `reason`). */
  const clock = (ref: string, kind: string, state: string, reason?: string) =>
    sql(
      `INSERT INTO case_clock (case_id, kind, budget_value, budget_unit, warn_share, started_at,
                               due_at, warn_at, state, met_at, breached_at, stopped_at, stop_reason)
       VALUES ($1, $2, 1, 'calendar_days', 0.8, now(), now() + interval '1 day',
               now() + interval '12 hours', $3::text,
               CASE WHEN $3::text = 'met' THEN now() END,
               CASE WHEN $3::text = 'breached' THEN now() END,
               CASE WHEN $3::text = 'running' THEN NULL ELSE now() END, $4)`,
      [ids[ref], kind, state, reason ?? null],
    );

  const drain = () => rollups.drain();
  const summary = (who: Parameters<DeadlinesWorld['get']>[0], query: string) =>
    world.get(who, `/reports/summary?${query}`);
  const YEAR = 'from=2026-01-01&to=2026-12-31';

  beforeAll(async () => {
    world = await startDeadlinesWorld();
    rollups = world.api.app.get(RollupsService);
    unit = world.net.units as Record<string, string>;
    const names = (await sql(`SELECT id::text, name FROM mediator`)).rows as {
      id: string;
      name: string;
    }[];
    med = Object.fromEntries(names.map((m) => [m.name, m.id]));

    // Round 1: the cases as first closed; C8 still open at 新民村.
    await insertCase('C1', {
      unit: 'T1V1',
      mediator: '东港村调解员',
      category: 'wages',
      receivedAt: '2026-03-02 10:00',
      status: 'closed',
      outcome: 'settled',
      closedAt: '2026-03-12 10:00',
      claimed: '30000.00',
      agreed: '25000.00',
      paid: '25000.00',
    });
    await insertCase('C2', {
      unit: 'T1V1',
      mediator: '东港村调解员',
      category: 'wages',
      receivedAt: '2026-03-05 09:00',
      status: 'closed',
      outcome: 'failed',
      closedAt: '2026-03-20 21:00',
      claimed: '12000.50',
    });
    await insertCase('C3', {
      unit: 'T1V2',
      mediator: '东港镇调解员甲',
      category: 'contract',
      receivedAt: '2026-03-10 08:00',
      status: 'closed',
      outcome: 'referred_arbitration',
      closedAt: '2026-04-02 08:00',
      claimed: '50000',
    });
    await insertCase('C4', {
      unit: 'T1',
      mediator: '东港镇调解员乙',
      category: 'dismissal',
      receivedAt: '2026-04-01 00:30',
      status: 'closed',
      outcome: 'withdrawn',
      closedAt: '2026-04-03 00:30',
      claimed: '8000',
    });
    await insertCase('C5', {
      unit: 'T2V1',
      mediator: '西塘镇调解员甲',
      category: 'wages',
      receivedAt: '2026-04-15 10:00',
      status: 'closed',
      outcome: 'rejected',
      closedAt: '2026-04-16 22:00',
    });
    await insertCase('C6', {
      unit: 'T1V1',
      mediator: '东港村调解员',
      category: 'social_insurance',
      receivedAt: '2026-05-06 10:00',
      status: 'closed',
      outcome: 'settled',
      closedAt: '2026-05-10 10:00',
      claimed: '6000',
      agreed: '6000',
      paid: '6000',
    });
    await insertCase('C7', {
      unit: 'T2V2',
      mediator: '西塘镇调解员乙',
      category: 'wages',
      receivedAt: '2026-06-01 10:00',
      status: 'closed',
      outcome: 'settled',
      closedAt: '2026-06-05 10:00',
      claimed: '10000',
      agreed: '10000',
    });
    await insertCase('C8', {
      unit: 'T1V2',
      mediator: '东港镇调解员甲',
      category: 'wages',
      receivedAt: '2026-07-01 10:00',
      status: 'in_mediation',
      claimed: '20000',
    });
    await insertCase('C9', {
      unit: 'T3V1',
      category: 'labor_relation',
      receivedAt: '2025-12-31 20:00',
      status: 'closed',
      outcome: 'settled',
      closedAt: '2026-01-05 20:00',
      claimed: '5000',
      agreed: '5000',
      paid: '5000',
    });
    await insertCase('C10', {
      unit: 'T1V1',
      category: 'wages',
      receivedAt: '2026-12-31 23:00',
      status: 'queued',
    });
    await insertCase('C11', {
      unit: 'T1',
      category: 'wages',
      receivedAt: '2026-02-10 10:00',
      status: 'returned',
    });
    await clock('C1', 'first_contact', 'running');
    await clock('C1', 'mediation_limit', 'met', 'closed');
    await clock('C1', 'limitation', 'met', 'closed');
    await clock('C2', 'first_contact', 'met', 'contacted');
    await clock('C2', 'mediation_limit', 'breached', 'closed');
    await clock('C3', 'hotline_sign_for', 'met', 'routed');
    await clock('C3', 'mediation_limit', 'breached', 'closed');
    await clock('C5', 'hotline_reply', 'met', 'closed');
    await clock('C11', 'hotline_sign_for', 'breached', 'returned');
    await drain();
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  describe('incremental upkeep', () => {
    it('counts a closed case, and takes it out again when it is reopened', async () => {
      // Before the reopening: C6 counts as settled in May, C7 in June.
      const may = await summary('supD', 'from=2026-05-01&to=2026-05-31&groupBy=category');
      expect(may.status).toBe(200);
      expect(may.body.total).toEqual(
        fig({
          received: 1,
          closed: 1,
          settled: 1,
          settlementRate: 1,
          amountClaimed: '6000.00',
          amountAgreed: '6000.00',
          amountPaid: '6000.00',
          avgDaysToClose: 4,
        }),
      );

      // Round 2: 回访 arrive; the first-contact clock of C1 is met; C6 and C7 are reopened
      // (as the feedback code does: back in mediation, outcome and closing cleared, count + 1);
      // C8 is moved to 西塘村 and handed to its mediator.
      await feedback('C1', 'satisfied', '2026-03-15 10:00');
      await feedback('C2', 'unsatisfied', '2026-03-25 10:00');
      await feedback('C4', 'basically_satisfied', '2026-04-05 10:00');
      await feedback('C6', 'unsatisfied', '2026-05-12 10:00');
      await feedback('C7', 'unsatisfied', '2026-06-07 10:00');
      await sql(
        `UPDATE case_clock SET state = 'met', met_at = now(), stopped_at = now(),
                stop_reason = 'contacted'
          WHERE case_id = $1 AND kind = 'first_contact'`,
        [ids.C1],
      );
      await sql(
        `UPDATE mediation_case SET status = 'in_mediation', outcome = NULL, closed_at = NULL,
                reopen_count = reopen_count + 1
          WHERE id = ANY($1::uuid[])`,
        [[ids.C6, ids.C7]],
      );
      await sql(`UPDATE mediation_case SET org_unit_id = $2, mediator_id = $3 WHERE id = $1`, [
        ids.C8,
        unit.T2V1,
        med['西塘镇调解员甲'],
      ]);
      await drain();
      const reopened = await summary('supD', 'from=2026-05-01&to=2026-05-31&groupBy=category');
      expect(reopened.body.total).toEqual(fig({ received: 1, reopened: 1 }));

      // Round 3: C7 closes again with a partial payment and a second, satisfied 回访; C8 closes.
      await sql(
        `UPDATE mediation_case SET status = 'closed', outcome = 'settled', closed_at = $2,
                amount_paid = 4000
          WHERE id = $1`,
        [ids.C7, at('2026-06-20 10:00')],
      );
      await feedback('C7', 'satisfied', '2026-06-22 10:00');
      await sql(
        `UPDATE mediation_case SET status = 'closed', outcome = 'referred_litigation',
                closed_at = $2
          WHERE id = $1`,
        [ids.C8, at('2026-07-11 10:00')],
      );
      const { cases } = await drain();
      expect(cases).toBe(2);
    });

    it('does nothing when drained again, or when every case is marked again', async () => {
      const before = await rollups.snapshot();
      expect(before.length).toBeGreaterThan(0);
      expect(await drain()).toEqual({ cases: 0, batches: 0, emptied: 0 });
      await sql(`INSERT INTO report_dirty (case_id) SELECT id FROM mediation_case`);
      const again = await drain();
      expect(again.cases).toBe(11);
      expect(await rollups.snapshot()).toEqual(before);
    });
  });

  describe('summary (JSON)', () => {
    it('groupBy=org_unit: one row per child unit covering its subtree, and the total', async () => {
      const res = await summary('supD', `orgUnitId=${unit.D}&${YEAR}&groupBy=org_unit`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        orgUnitId: unit.D,
        orgUnitName: '南湖区',
        from: '2026-01-01',
        to: '2026-12-31',
        groupBy: 'org_unit',
      });
      expect(res.body.total).toEqual(DISTRICT);
      // No case is handled at the district itself, so no （本级） row.
      const rows = res.body.rows as { label: string }[];
      expect(rows).toHaveLength(3);
      expect(Object.fromEntries(rows.map((r) => [r.label, r]))).toEqual({
        东港镇: { key: unit.T1, label: '东港镇', scope: 'subtree', ...T1 },
        西塘镇: { key: unit.T2, label: '西塘镇', scope: 'subtree', ...T2 },
        北桥街道: { key: unit.T3, label: '北桥街道', scope: 'subtree', ...T3 },
      });
    });

    it('a town: its villages, and what the town handles itself as （本级）', async () => {
      const res = await summary('supT1', `${YEAR}&groupBy=org_unit`);
      expect(res.status).toBe(200);
      expect(res.body.orgUnitId).toBe(unit.T1); // the caller's unit by default
      expect(res.body.total).toEqual(T1);
      const rows = res.body.rows as { label: string }[];
      expect(rows).toHaveLength(4);
      expect(Object.fromEntries(rows.map((r) => [r.label, r]))).toEqual({
        // C1 C2 C6 C10: received 4, reopened 1; closed C1 settled, C2 failed → 0.5;
        // claimed 42000.50, agreed/paid 25000; 回访 2, satisfied 1; clocks 3/4;
        // days (10 + 15.5) / 2 = 12.75 → 12.8.
        东港村: {
          key: unit.T1V1,
          label: '东港村',
          scope: 'subtree',
          ...fig({
            received: 4,
            reopened: 1,
            closed: 2,
            settled: 1,
            failed: 1,
            settlementRate: 0.5,
            amountClaimed: '42000.50',
            amountAgreed: '25000.00',
            amountPaid: '25000.00',
            feedback: 2,
            satisfied: 1,
            satisfactionRate: 0.5,
            clocksDue: 4,
            clocksMet: 3,
            onTimeRate: 0.75,
            avgDaysToClose: 12.8,
          }),
        },
        // C3 only (C8 left for 西塘村): referred → 0 / 1; its routed sign-for clock is left
        // out, its breached limit counts → 0 / 1.
        新民村: {
          key: unit.T1V2,
          label: '新民村',
          scope: 'subtree',
          ...fig({
            received: 1,
            closed: 1,
            referred: 1,
            settlementRate: 0,
            amountClaimed: '50000.00',
            clocksDue: 1,
            clocksMet: 0,
            onTimeRate: 0,
            avgDaysToClose: 23,
          }),
        },
        红旗社区: { key: unit.T1V3, label: '红旗社区', scope: 'subtree', ...fig({}) },
        // C4 (withdrawn: shown, not in the rate) and C11 (returned: received only).
        '东港镇（本级）': {
          key: unit.T1,
          label: '东港镇（本级）',
          scope: 'self',
          ...fig({
            received: 2,
            closed: 1,
            withdrawn: 1,
            amountClaimed: '8000.00',
            feedback: 1,
            satisfied: 1,
            satisfactionRate: 1,
            avgDaysToClose: 2,
          }),
        },
      });
    });

    it('groupBy=category: the nine categories in Chinese, in the contract order', async () => {
      const res = await summary('supD', `${YEAR}&groupBy=category`);
      expect(res.status).toBe(200);
      expect(res.body.total).toEqual(DISTRICT);
      expect(res.body.rows).toEqual([
        // C9.
        {
          key: 'labor_relation',
          label: '确认劳动关系',
          ...fig({
            closed: 1,
            settled: 1,
            settlementRate: 1,
            amountClaimed: '5000.00',
            amountAgreed: '5000.00',
            amountPaid: '5000.00',
            avgDaysToClose: 5,
          }),
        },
        // C3.
        {
          key: 'contract',
          label: '劳动合同',
          ...fig({
            received: 1,
            closed: 1,
            referred: 1,
            settlementRate: 0,
            amountClaimed: '50000.00',
            clocksDue: 1,
            onTimeRate: 0,
            avgDaysToClose: 23,
          }),
        },
        // C1 C2 C5 C7 C8 C10 C11 received = 7, reopened C7; closed C1 C2 C5 C7 C8: settled
        // C1 C7, failed C2, referred C8, rejected C5 → 2/4; claimed 30000 + 12000.50 + 10000
        // + 20000 = 72000.50; agreed 35000; paid 29000; 回访 C1 C2 C7×2 = 4, satisfied 2;
        // clocks 2/2 + 1/2 + 1/1 = 4/5; days (10 + 15.5 + 1.5 + 19 + 10) / 5 = 11.2.
        {
          key: 'wages',
          label: '劳动报酬',
          ...fig({
            received: 7,
            reopened: 1,
            closed: 5,
            settled: 2,
            failed: 1,
            referred: 1,
            rejected: 1,
            settlementRate: 0.5,
            amountClaimed: '72000.50',
            amountAgreed: '35000.00',
            amountPaid: '29000.00',
            feedback: 4,
            satisfied: 2,
            satisfactionRate: 0.5,
            clocksDue: 5,
            clocksMet: 4,
            onTimeRate: 0.8,
            avgDaysToClose: 11.2,
          }),
        },
        // C6, reopened and open: received only.
        { key: 'social_insurance', label: '社会保险', ...fig({ received: 1, reopened: 1 }) },
        { key: 'work_injury', label: '工伤', ...fig({}) },
        // C4.
        {
          key: 'dismissal',
          label: '除名辞退辞职',
          ...fig({
            received: 1,
            closed: 1,
            withdrawn: 1,
            amountClaimed: '8000.00',
            feedback: 1,
            satisfied: 1,
            satisfactionRate: 1,
            avgDaysToClose: 2,
          }),
        },
        { key: 'working_time', label: '工作时间与休息休假', ...fig({}) },
        { key: 'welfare', label: '福利培训劳动保护', ...fig({}) },
        { key: 'other', label: '其他', ...fig({}) },
      ]);
    });

    it('groupBy=mediator: by name, the moved case under its new mediator, unassigned last', async () => {
      const res = await summary('supD', `${YEAR}&groupBy=mediator`);
      expect(res.status).toBe(200);
      expect(res.body.total).toEqual(DISTRICT);
      expect(res.body.rows).toEqual([
        // C1 C2 C6.
        {
          key: med['东港村调解员'],
          label: '东港村调解员',
          ...fig({
            received: 3,
            reopened: 1,
            closed: 2,
            settled: 1,
            failed: 1,
            settlementRate: 0.5,
            amountClaimed: '42000.50',
            amountAgreed: '25000.00',
            amountPaid: '25000.00',
            feedback: 2,
            satisfied: 1,
            satisfactionRate: 0.5,
            clocksDue: 4,
            clocksMet: 3,
            onTimeRate: 0.75,
            avgDaysToClose: 12.8,
          }),
        },
        // C3 (C8 went to 西塘镇调解员甲).
        {
          key: med['东港镇调解员甲'],
          label: '东港镇调解员甲',
          ...fig({
            received: 1,
            closed: 1,
            referred: 1,
            settlementRate: 0,
            amountClaimed: '50000.00',
            clocksDue: 1,
            onTimeRate: 0,
            avgDaysToClose: 23,
          }),
        },
        // C4.
        {
          key: med['东港镇调解员乙'],
          label: '东港镇调解员乙',
          ...fig({
            received: 1,
            closed: 1,
            withdrawn: 1,
            amountClaimed: '8000.00',
            feedback: 1,
            satisfied: 1,
            satisfactionRate: 1,
            avgDaysToClose: 2,
          }),
        },
        // C5 C8: referred 0 / 1; clocks C5 1/1; days (1.5 + 10) / 2 = 5.75 → 5.8.
        {
          key: med['西塘镇调解员甲'],
          label: '西塘镇调解员甲',
          ...fig({
            received: 2,
            closed: 2,
            referred: 1,
            rejected: 1,
            settlementRate: 0,
            amountClaimed: '20000.00',
            clocksDue: 1,
            clocksMet: 1,
            onTimeRate: 1,
            avgDaysToClose: 5.8,
          }),
        },
        // C7.
        {
          key: med['西塘镇调解员乙'],
          label: '西塘镇调解员乙',
          ...fig({
            received: 1,
            reopened: 1,
            closed: 1,
            settled: 1,
            settlementRate: 1,
            amountClaimed: '10000.00',
            amountAgreed: '10000.00',
            amountPaid: '4000.00',
            feedback: 2,
            satisfied: 1,
            satisfactionRate: 0.5,
            avgDaysToClose: 19,
          }),
        },
        // C9 C10 C11: received C10 C11 (C9 came in 2025); closed C9.
        {
          key: '',
          label: '未分配调解员',
          ...fig({
            received: 2,
            closed: 1,
            settled: 1,
            settlementRate: 1,
            amountClaimed: '5000.00',
            amountAgreed: '5000.00',
            amountPaid: '5000.00',
            avgDaysToClose: 5,
          }),
        },
      ]);
    });

    it('groupBy=month: every month of the period, by Beijing time', async () => {
      const res = await summary('supD', `${YEAR}&groupBy=month`);
      expect(res.status).toBe(200);
      expect(res.body.total).toEqual(DISTRICT);
      const m = (month: string, f: Partial<SummaryFigures> = {}) => ({
        key: `2026-${month}`,
        label: `2026-${month}`,
        ...fig(f),
      });
      expect(res.body.rows).toEqual([
        m('01', {
          closed: 1,
          settled: 1,
          settlementRate: 1,
          amountClaimed: '5000.00',
          amountAgreed: '5000.00',
          amountPaid: '5000.00',
          avgDaysToClose: 5,
        }),
        m('02', { received: 1 }),
        // received C1 C2 C3; closed C1 C2.
        m('03', {
          received: 3,
          closed: 2,
          settled: 1,
          failed: 1,
          settlementRate: 0.5,
          amountClaimed: '42000.50',
          amountAgreed: '25000.00',
          amountPaid: '25000.00',
          feedback: 2,
          satisfied: 1,
          satisfactionRate: 0.5,
          clocksDue: 4,
          clocksMet: 3,
          onTimeRate: 0.75,
          avgDaysToClose: 12.8,
        }),
        // received C4 (00:30 on 1 April in Beijing, still March in UTC) and C5; closed C3 C4
        // C5: rate 0 / 1; claimed 50000 + 8000; clocks C3 0/1 + C5 1/1; days (23 + 2 + 1.5) / 3.
        m('04', {
          received: 2,
          closed: 3,
          referred: 1,
          withdrawn: 1,
          rejected: 1,
          settlementRate: 0,
          amountClaimed: '58000.00',
          feedback: 1,
          satisfied: 1,
          satisfactionRate: 1,
          clocksDue: 2,
          clocksMet: 1,
          onTimeRate: 0.5,
          avgDaysToClose: 8.8,
        }),
        m('05', { received: 1, reopened: 1 }),
        m('06', {
          received: 1,
          reopened: 1,
          closed: 1,
          settled: 1,
          settlementRate: 1,
          amountClaimed: '10000.00',
          amountAgreed: '10000.00',
          amountPaid: '4000.00',
          feedback: 2,
          satisfied: 1,
          satisfactionRate: 0.5,
          avgDaysToClose: 19,
        }),
        m('07', {
          received: 1,
          closed: 1,
          referred: 1,
          settlementRate: 0,
          amountClaimed: '20000.00',
          avgDaysToClose: 10,
        }),
        m('08'),
        m('09'),
        m('10'),
        m('11'),
        m('12', { received: 1 }),
      ]);
    });

    it('reads ragged periods from days and months alike', async () => {
      // 6–31 March: received C3 only (C4 came on 1 April, Beijing time); closed C1 C2.
      const march = await summary('supD', 'from=2026-03-06&to=2026-03-31&groupBy=category');
      expect(march.body.total).toMatchObject({ received: 1, closed: 2, settled: 1, failed: 1 });
      // 15 March – 5 June: received C4 C5 C6 C7; closed C2 (03-20), C3 C4 C5 (April).
      const span = await summary('supD', 'from=2026-03-15&to=2026-06-05&groupBy=month');
      expect(span.body.total).toEqual(
        fig({
          received: 4,
          reopened: 2,
          closed: 4,
          failed: 1,
          referred: 1,
          withdrawn: 1,
          rejected: 1,
          settlementRate: 0,
          amountClaimed: '70000.50',
          feedback: 2,
          satisfied: 1,
          satisfactionRate: 0.5,
          clocksDue: 4,
          clocksMet: 2,
          onTimeRate: 0.5,
          avgDaysToClose: 10.5,
        }),
      );
      expect((span.body.rows as { key: string }[]).map((r) => r.key)).toEqual([
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
      ]);
    });

    it('reads whole years from the yearly rows, with the months and days around them', async () => {
      // 31 Dec 2025 (a day) + 2026 (a year): the district's year plus C9, received 2025-12-31.
      const withEve = { ...DISTRICT, received: DISTRICT.received + 1 };
      for (const from of ['2025-12-31', '2025-12-01']) {
        for (const groupBy of ['org_unit', 'category', 'mediator', 'month']) {
          const res = await summary('supD', `from=${from}&to=2026-12-31&groupBy=${groupBy}`);
          expect(res.status).toBe(200);
          expect(res.body.total, `${from} ${groupBy}`).toEqual(withEve);
        }
      }
      // 2025 and 2026 whole: two yearly rows per key. C9 was received in 2025, closed in 2026.
      const both = await summary('supD', 'from=2025-01-01&to=2026-12-31&groupBy=category');
      expect(both.body.total).toEqual(withEve);
      const rows = both.body.rows as (SummaryFigures & { key: string })[];
      expect(rows).toHaveLength(9);
      expect(rows.reduce((n, r) => n + r.received, 0)).toBe(withEve.received);
      expect(rows.find((r) => r.key === 'labor_relation')).toMatchObject({
        received: 1,
        closed: 1,
        settled: 1,
      });
      const byMediator = await summary('supD', 'from=2025-01-01&to=2026-12-31&groupBy=mediator');
      const unassigned = (byMediator.body.rows as (SummaryFigures & { key: string })[]).filter(
        (r) => r.key === '',
      );
      // C9, C10, C11: no mediator; C9 counts once, with both its days.
      expect(unassigned).toEqual([expect.objectContaining({ received: 3, closed: 1, settled: 1 })]);
      const y2025 = await summary('supD', 'from=2025-01-01&to=2025-12-31&groupBy=org_unit');
      expect(y2025.body.total).toEqual(fig({ received: 1 }));
    });

    it('takes the current year when no period is given', async () => {
      const res = await summary('supD', 'groupBy=category');
      expect(res.status).toBe(200);
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      expect(res.body.from).toBe(`${today.slice(0, 4)}-01-01`);
      expect(res.body.to).toBe(today);
    });
  });

  describe('ranking and trend', () => {
    it('ranks the child units by a metric, units without a value last', async () => {
      const rate = await world.get('supD', `/reports/ranking?${YEAR}&metric=settlementRate`);
      expect(rate.status).toBe(200);
      expect(
        (rate.body.rows as { label: string; rank: number; value: number }[]).map((r) => [
          r.label,
          r.rank,
          r.value,
        ]),
      ).toEqual([
        ['北桥街道', 1, 1],
        ['西塘镇', 2, 0.5],
        ['东港镇', 3, 0.3333],
      ]);
      const sat = await world.get('supD', `/reports/ranking?${YEAR}&metric=satisfactionRate`);
      expect(
        (sat.body.rows as { label: string; rank: number | null }[]).map((r) => [r.label, r.rank]),
      ).toEqual([
        ['东港镇', 1],
        ['西塘镇', 2],
        ['北桥街道', null],
      ]);
      const bad = await world.get('supD', `/reports/ranking?metric=speed`);
      expect(bad.status).toBe(400);
    });

    it('gives one row per month for the last months', async () => {
      const res = await world.get('supT1', '/reports/trend?months=24');
      expect(res.status).toBe(200);
      expect(res.body.rows).toHaveLength(24);
      const march = (res.body.rows as { key: string }[]).find((r) => r.key === '2026-03');
      expect(march).toMatchObject({ received: 3, closed: 2, settled: 1, failed: 1 });
      expect((await world.get('supT1', '/reports/trend?months=0')).status).toBe(400);
    });
  });

  describe('downloads', () => {
    const cells = (f: SummaryFigures) => {
      const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(2)}%`);
      return [
        f.received,
        f.closed,
        f.settled,
        f.failed,
        f.referred,
        f.withdrawn,
        f.rejected,
        pct(f.settlementRate),
        pct(f.onTimeRate),
        f.amountClaimed,
        f.amountAgreed,
        f.amountPaid,
        pct(f.satisfactionRate),
        f.avgDaysToClose === null ? '' : f.avgDaysToClose.toFixed(1),
        f.reopened,
        f.feedback,
        f.satisfied,
        f.clocksDue,
        f.clocksMet,
      ].map(String);
    };
    const HEADERS = [
      '受理数',
      '办结数',
      '调解成功',
      '调解不成功',
      '转仲裁/诉讼/监察',
      '撤回',
      '不予受理',
      '调处成功率',
      '按时办结率',
      '涉及金额（元）',
      '协议金额（元）',
      '实际履行金额（元）',
      '满意率',
      '平均办结天数',
      '重办数',
      '回访数',
      '满意及基本满意',
      '应按时期限数',
      '按时期限数',
    ];

    it('CSV: BOM, Chinese headers, the same figures, a 合计 row, a Chinese file name', async () => {
      const res = await summary('supD', `${YEAR}&groupBy=org_unit`)
        .set('accept', 'text/csv')
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const disposition = res.headers['content-disposition'] as string;
      expect(disposition).toContain(
        `filename*=UTF-8''${encodeURIComponent('南湖区调处情况汇总_单位_2026-01-01至2026-12-31.csv')}`,
      );
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(body.subarray(3).toString('utf8')) as string[][];
      expect(rows[0]).toEqual(['单位', ...HEADERS]);
      const byLabel = Object.fromEntries(rows.slice(1).map((r) => [r[0], r.slice(1)]));
      expect(byLabel).toEqual({
        东港镇: cells(T1),
        西塘镇: cells(T2),
        北桥街道: cells(T3),
        合计: cells(DISTRICT),
      });
      expect(rows.at(-1)![0]).toBe('合计');
      expect(byLabel['东港镇']![7]).toBe('33.33%');
    });

    it('XLSX: one sheet, Chinese headers, numbers with formats, a bold 合计 row', async () => {
      const res = await world
        .get('supD', `/reports/summary.xlsx?${YEAR}&groupBy=category`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(
        encodeURIComponent('南湖区调处情况汇总_争议类别_2026-01-01至2026-12-31.xlsx'),
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
      const sheet = book.worksheets[0]!;
      expect(sheet.name).toBe('调处情况汇总');
      const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      expect(values(1)).toEqual(['争议类别', ...HEADERS]);
      expect(sheet.rowCount).toBe(11); // header + 9 categories + 合计
      // 劳动报酬 (row 4): numbers, rates as fractions shown as percentages, amounts as yuan.
      expect(values(4)).toEqual([
        '劳动报酬',
        7,
        5,
        2,
        1,
        1,
        0,
        1,
        0.5,
        0.8,
        72000.5,
        35000,
        29000,
        0.5,
        11.2,
        1,
        4,
        2,
        5,
        4,
      ]);
      // 工伤 (row 6): no denominators → empty rate cells.
      const injury = sheet.getRow(6);
      expect(injury.getCell(1).value).toBe('工伤');
      expect(injury.getCell(9).value).toBeNull();
      const total = sheet.getRow(11);
      expect(values(11)).toEqual([
        '合计',
        10,
        8,
        3,
        1,
        2,
        1,
        1,
        0.5,
        0.6667,
        135000.5,
        40000,
        34000,
        0.6,
        10.8,
        2,
        5,
        3,
        6,
        4,
      ]);
      expect(total.font?.bold).toBe(true);
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(total.getCell(9).numFmt).toBe('0.00%');
      expect(total.getCell(11).numFmt).toBe('#,##0.00');
      expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(20);
    });
  });

  describe('rebuild = incremental', () => {
    it('rebuilding from the cases table gives exactly the rows the drains kept', async () => {
      const incremental = await rollups.snapshot();
      // Every grain is kept by the drains: days, months and years.
      expect(new Set(incremental.map((r) => r.grain))).toEqual(new Set(['d', 'm', 'y']));
      const facts = (await sql(`SELECT * FROM report_case_fact ORDER BY case_id`)).rows;
      const result = await rollups.rebuild();
      expect(result.facts).toBe(11);
      expect(result.dayRows + result.monthRows + result.yearRows).toBe(incremental.length);
      expect(await rollups.snapshot()).toEqual(incremental);
      expect((await sql(`SELECT * FROM report_case_fact ORDER BY case_id`)).rows).toEqual(facts);
      // And the figures read the same.
      const res = await summary('supD', `${YEAR}&groupBy=month`);
      expect(res.body.total).toEqual(DISTRICT);
    });

    it('a unit moved in the tree takes its cases with it, and rebuild agrees', async () => {
      // 红旗社区 (empty) is irrelevant; move 新民村 (C3) from 东港镇 to 西塘镇.
      await sql(`UPDATE org_unit SET parent_id = $2 WHERE id = $1`, [unit.T1V2, unit.T2]);
      await sql(
        `UPDATE org_unit u SET path = p.path || u.id || '/'
           FROM org_unit p WHERE p.id = $2 AND u.id = $1`,
        [unit.T1V2, unit.T2],
      );
      await drain();
      const res = await summary('supD', `${YEAR}&groupBy=org_unit`);
      const byLabel = Object.fromEntries(
        (res.body.rows as (SummaryFigures & { label: string })[]).map((r) => [r.label, r]),
      );
      expect(byLabel['东港镇']!.received).toBe(6);
      expect(byLabel['西塘镇']!.received).toBe(4);
      expect(byLabel['西塘镇']!.referred).toBe(2);
      expect(res.body.total).toEqual(DISTRICT);
      const incremental = await rollups.snapshot();
      await rollups.rebuild();
      expect(await rollups.snapshot()).toEqual(incremental);
    });
  });

  describe('access and input', () => {
    it('refuses mediators and intake staff (403)', async () => {
      expect((await summary('medT1a', YEAR)).status).toBe(403);
      expect((await summary('intakeD', YEAR)).status).toBe(403);
      expect((await world.get('medT1a', '/reports/summary.xlsx')).status).toBe(403);
      expect((await world.get('medT1a', '/reports/ranking')).status).toBe(403);
      expect((await world.get('medT1a', '/reports/trend')).status).toBe(403);
    });

    it('keeps a supervisor to their subtree (403 for another town or an unknown unit)', async () => {
      const other = await summary('supT1', `orgUnitId=${unit.T2}&${YEAR}`);
      expect(other.status).toBe(403);
      expect(other.body.error).toBe('REPORT_FORBIDDEN');
      const up = await summary('supT1', `orgUnitId=${unit.D}&${YEAR}`);
      expect(up.status).toBe(403);
      const unknown = await summary('supT1', `orgUnitId=${crypto.randomUUID()}&${YEAR}`);
      expect(unknown.status).toBe(403);
      const village = await summary('supT1', `orgUnitId=${unit.T1V1}&${YEAR}&groupBy=mediator`);
      expect(village.status).toBe(200);
      expect(village.body.total.received).toBe(4);
      const t2 = await summary('supT2', `${YEAR}&groupBy=category`);
      expect(t2.status).toBe(200);
      expect(t2.body.orgUnitId).toBe(unit.T2);
    });

    it('lets a deployment-wide admin see every district', async () => {
      const res = await summary('admin', `${YEAR}&groupBy=org_unit`);
      expect(res.status).toBe(200);
      expect(res.body.orgUnitId).toBeNull();
      expect(res.body.rows).toHaveLength(1);
      expect(res.body.rows[0]).toMatchObject({ key: unit.D, label: '南湖区' });
      expect(res.body.total).toEqual(DISTRICT);
    });

    it('answers bad input with 400 and the fields at fault', async () => {
      const fields = async (query: string) => {
        const res = await summary('supD', query);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        return (res.body.details as { field: string }[]).map((d) => d.field);
      };
      expect(await fields('from=2026-13-01')).toContain('from');
      expect(await fields('from=2026/01/01')).toContain('from');
      expect(await fields('from=2026-05-01&to=2026-04-30')).toEqual(['to']);
      expect(await fields('groupBy=town')).toContain('groupBy');
      expect(await fields('orgUnitId=T1')).toContain('orgUnitId');
      expect(await fields('from=2000-01-01&to=2026-01-01')).toEqual(['to']);
    });
  });
});
