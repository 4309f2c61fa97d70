import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppConfig,
  DisputeCategory,
  JobName,
  QueueName,
  type SystemActor,
  redisOptions,
} from '@heqi/core';
import {
  type CaseDraft,
  CaseChannel,
  CaseStatus,
  CasesService,
  type CreatedCase,
  type HotlineOrderClaim,
} from '@heqi/cases';
import { type DemoNetwork, type DemoNetworkResult, NetworkDemoService } from '@heqi/network';
import {
  completedJob,
  createTestDatabase,
  testConfig,
  type TestDatabase,
  waitFor,
} from '@heqi/testing';
import { bearer, createUser, loginAsAdmin } from './support/auth.js';
import { startApi, startWorker, type TestApi } from './support/test-apps.js';

/**
 * The case aggregate through HTTP: creation (as intake calls it) with numbering, encryption and
 * the outbox; list scoping per role; masking and the audited reveal; the timeline; routing and
 * returning triage cases, under concurrency; bad input; and the AssignCase job run by a worker.
 */
describe('cases', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: TestApi;
  let sql: pg.Pool;
  let cases: CasesService;
  let dataSource: DataSource;
  let net: DemoNetworkResult;
  /** A second district, outside every user's subtree but the deployment-wide admin's. */
  let otherDistrict: { id: string; town: string };

  const tokens = {} as Record<
    | 'admin'
    | 'districtIntake'
    | 'townIntakeA'
    | 'supA'
    | 'supB'
    | 'mediatorA'
    | 'mediatorA2'
    | 'volunteer'
    | 'multi',
    string
  >;

  const INTAKE: SystemActor = { system: 'test-intake' };
  const PHONE = '13912345678';
  const ID_NUMBER = '320102199001011234';

  const get = (token: string, path: string) =>
    api.http.get(`/api/v1${path}`).set('authorization', bearer(token));
  const post = (token: string, path: string, body?: object) =>
    api.http
      .post(`/api/v1${path}`)
      .set('authorization', bearer(token))
      .send(body ?? {});

  function draft(overrides: Partial<CaseDraft> = {}): CaseDraft {
    return {
      channel: CaseChannel.WalkIn,
      category: DisputeCategory.Wages,
      title: '拖欠工资',
      description: '申请人在东港镇某厂工作，被拖欠工资3万余元。',
      claimants: [{ name: '张三', phone: PHONE, idNumber: ID_NUMBER }],
      employer: { name: '扬州鑫源物流有限公司', creditCode: null, unitId: null },
      eventAddress: '东港镇东港村',
      amountClaimed: '30000.00',
      workerCount: 1,
      orgUnitId: net.units.T1!,
      triage: false,
      collective: false,
      urgent: false,
      townLevel: false,
      extractedFields: ['amountClaimed'],
      receivedAt: new Date('2026-11-20T02:00:00Z'),
      routing: { by: 'employer_name' },
      ...overrides,
    };
  }

  const create = (overrides: Partial<CaseDraft> = {}): Promise<CreatedCase> =>
    dataSource.transaction((manager) => cases.create(manager, draft(overrides), INTAKE));

  /** A 12345 case as intake's push creates it: order claimed first, then the case. */
  function createHotlineCase(overrides: Partial<CaseDraft> = {}) {
    const id = randomUUID();
    const orderNo = `JS12345-${randomUUID().slice(0, 8)}`;
    return dataSource.transaction(async (manager) => {
      const claim = await cases.claimHotlineOrder(manager, hotlineClaim(orderNo, id));
      expect(claim).toEqual({ claimed: true });
      const created = await cases.create(
        manager,
        draft({ id, channel: CaseChannel.Hotline, triage: true, ...overrides }),
        { system: 'hotline:dev-12345' },
      );
      return { ...created, orderNo };
    });
  }

  const hotlineClaim = (orderNo: string, caseId: string): HotlineOrderClaim => ({
    orderNo,
    caseId,
    source: 'push',
    keyId: 'dev-12345',
    hotlineCategory: '劳动保障-拖欠工资',
    urgency: 'normal',
    dispatchedAt: new Date('2026-11-20T01:00:00Z'),
  });

  const holdBy = (caseId: string, mediatorId: string) =>
    sql.query(`UPDATE mediation_case SET mediator_id = $2, status = 'in_mediation' WHERE id = $1`, [
      caseId,
      mediatorId,
    ]);

  const outboxOf = async (caseId: string) =>
    (
      await sql.query(
        `SELECT id, queue_name, job_name, payload, relayed_at FROM outbox_message
          WHERE payload->>'caseId' = $1 ORDER BY id`,
        [caseId],
      )
    ).rows as {
      id: string;
      queue_name: string;
      job_name: string;
      payload: Record<string, unknown>;
      relayed_at: Date | null;
    }[];

  const auditOf = async (caseId: string, action: string) =>
    (
      await sql.query(`SELECT * FROM audit_log WHERE object_id = $1 AND action = $2`, [
        caseId,
        action,
      ])
    ).rows as { actor_name: string; data: Record<string, unknown>; org_path: string }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url);
    api = await startApi(config);
    sql = new pg.Pool({ connectionString: db.url, max: 4 });
    cases = api.app.get(CasesService);
    dataSource = api.app.get<DataSource>(getDataSourceToken());
    const fixture = JSON.parse(
      readFileSync(new URL('./fixtures/network.json', import.meta.url), 'utf8'),
    ) as DemoNetwork;
    net = await api.app.get(NetworkDemoService).loadDemoNetwork(fixture);
    const other = await api.app.get(NetworkDemoService).loadDemoNetwork({
      units: [
        { ref: 'D2', name: '江都区', level: 'district' },
        { ref: 'D2T', name: '仙女镇', level: 'town', parent: 'D2' },
      ],
      mediators: [],
    });
    otherDistrict = { id: other.units.D2!, town: other.units.D2T! };

    const admin = await loginAsAdmin(api);
    tokens.admin = admin.accessToken;
    const user = async (
      username: string,
      displayName: string,
      roles: string[],
      unit: string,
      mediator?: string,
    ): Promise<string> =>
      (
        await createUser(api, admin.accessToken, {
          username: `${username}.${randomUUID().slice(0, 6)}`,
          displayName,
          roles,
          orgUnitId: net.units[unit]!,
          ...(mediator ? { mediatorId: net.mediators[mediator]! } : {}),
        })
      ).token;
    tokens.districtIntake = await user('intake-d', '王受理', ['intake'], 'D');
    tokens.townIntakeA = await user('intake-a', '东港受理', ['intake'], 'T1');
    tokens.supA = await user('sup-a', '东港督导', ['supervisor'], 'T1');
    tokens.supB = await user('sup-b', '西塘督导', ['supervisor'], 'T2');
    tokens.mediatorA = await user('med-a', '东港调解员甲', ['mediator'], 'T1', 'M-T1a');
    tokens.mediatorA2 = await user('med-a2', '东港调解员乙', ['mediator'], 'T1', 'M-T1b');
    tokens.volunteer = await user('lawyer', '金诚律师', ['volunteer'], 'D', 'L1');
    // A mediator of town B who is also intake there: sees B's subtree and the cases held.
    tokens.multi = await user('multi-b', '西塘兼职', ['mediator', 'intake'], 'T2', 'M-T2a');
  });

  afterAll(async () => {
    await sql?.end();
    await api?.close();
    await db?.drop();
  });

  describe('create', () => {
    it('numbers, stores and queues a case, with timeline, audit and the AssignCase job', async () => {
      const created = await create({ receivedAt: new Date('2027-03-01T02:00:00Z') });
      expect(created).toEqual({
        id: expect.any(String),
        caseNo: '南湖-2027-000001',
        status: 'queued',
      });

      const [row] = (
        await sql.query(
          `SELECT status, org_unit_id, district_id, amount_claimed, extracted_fields, created_by
             FROM mediation_case WHERE id = $1`,
          [created.id],
        )
      ).rows;
      expect(row).toEqual({
        status: 'queued',
        org_unit_id: net.units.T1,
        district_id: net.units.D,
        amount_claimed: '30000.00',
        extracted_fields: ['amountClaimed'],
        created_by: null,
      });

      const events = (
        await sql.query(
          `SELECT actor_name, type, data FROM case_event WHERE case_id = $1 ORDER BY id`,
          [created.id],
        )
      ).rows;
      expect(events).toEqual([
        {
          actor_name: 'test-intake',
          type: 'case.received',
          data: {
            channel: 'walk_in',
            routing: { by: 'employer_name' },
            extractedFields: ['amountClaimed'],
            previousCases: expect.any(Number),
            claimants: 1,
          },
        },
        { actor_name: 'test-intake', type: 'case.queued', data: { orgUnitId: net.units.T1 } },
      ]);

      const audit = await auditOf(created.id, 'case.create');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor_name: 'test-intake',
        data: { caseNo: '南湖-2027-000001', status: 'queued', channel: 'walk_in' },
      });
      expect(audit[0]!.org_path).toContain(net.units.T1);

      expect(await outboxOf(created.id)).toEqual([
        expect.objectContaining({
          queue_name: QueueName.Assignment,
          job_name: JobName.AssignCase,
          payload: { caseId: created.id },
        }),
      ]);
    });

    it('puts a triage case in its district queue, without an AssignCase job', async () => {
      const created = await create({ triage: true, orgUnitId: net.units.T2V1! });
      expect(created.status).toBe('triage');
      const { rows } = await sql.query(`SELECT org_unit_id FROM mediation_case WHERE id = $1`, [
        created.id,
      ]);
      expect(rows[0].org_unit_id).toBe(net.units.D);
      expect(await outboxOf(created.id)).toEqual([]);
      const types = (
        await sql.query(`SELECT type FROM case_event WHERE case_id = $1 ORDER BY id`, [created.id])
      ).rows.map((r) => r.type);
      expect(types).toEqual(['case.received', 'case.triaged']);
    });

    it('counts the same caller’s earlier cases by phone or ID number', async () => {
      const phone = '13700001111';
      await create({ claimants: [{ name: '李四', phone }] });
      await create({ claimants: [{ name: '李四', phone: '137-0000-1111', idNumber: null }] });
      const third = await create({
        claimants: [{ name: '李四', phone: '+86 137 0000 1111' }],
      });
      const { rows } = await sql.query(
        `SELECT data FROM case_event WHERE case_id = $1 AND type = 'case.received'`,
        [third.id],
      );
      expect(rows[0].data.previousCases).toBe(2);
    });

    it('keeps no clear phone or ID number anywhere in the database', async () => {
      const created = await create({
        claimants: [
          { name: '张三', phone: PHONE, idNumber: ID_NUMBER },
          { name: '赵六', phone: '0514-87654321', idNumber: null },
        ],
      });
      const { rows } = await sql.query(
        `SELECT * FROM claimant WHERE case_id = $1 ORDER BY position`,
        [created.id],
      );
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        name: '张三',
        phone_masked: '139****5678',
        id_number_masked: '3201**********1234',
        phone_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(rows[1]).toMatchObject({ id_number_enc: null, id_number_masked: null });

      // Every table a case writes to, read raw: the numbers appear nowhere in clear.
      const dump = JSON.stringify(
        await Promise.all(
          ['claimant', 'mediation_case', 'case_event', 'audit_log', 'outbox_message'].map(
            async (table) => (await sql.query(`SELECT * FROM ${table}`)).rows,
          ),
        ),
      );
      for (const secret of [PHONE, ID_NUMBER, '87654321', '051487654321']) {
        expect(dump).not.toContain(secret);
      }
    });

    it('allocates unique, sequential numbers under 50 concurrent creations in one district-year', async () => {
      const units = [net.units.T1!, net.units.T2!, net.units.T3V1!, net.units.E1!, net.units.D!];
      const created = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          create({
            orgUnitId: units[i % units.length]!,
            receivedAt: new Date('2031-05-01T02:00:00Z'),
          }),
        ),
      );
      const numbers = created.map((c) => c.caseNo).sort();
      expect(new Set(numbers).size).toBe(50);
      expect(numbers).toEqual(
        Array.from({ length: 50 }, (_, i) => `南湖-2031-${String(i + 1).padStart(6, '0')}`),
      );
    });

    it('keeps numbers gap-free when the caller’s transaction rolls back', async () => {
      const at = new Date('2032-05-01T02:00:00Z');
      const first = await create({ receivedAt: at });
      await expect(
        dataSource.transaction(async (manager) => {
          await cases.create(manager, draft({ receivedAt: at }), INTAKE);
          throw new Error('intake failed after create');
        }),
      ).rejects.toThrow('intake failed');
      const next = await create({ receivedAt: at });
      expect([first.caseNo, next.caseNo]).toEqual(['南湖-2032-000001', '南湖-2032-000002']);
    });

    it('numbers by the year in Asia/Shanghai and per district', async () => {
      const newYearsEve = await create({ receivedAt: new Date('2033-12-31T16:30:00Z') });
      expect(newYearsEve.caseNo).toBe('南湖-2034-000001');
      const elsewhere = await create({
        orgUnitId: otherDistrict.town,
        receivedAt: new Date('2034-02-01T00:00:00Z'),
      });
      expect(elsewhere.caseNo).toBe('江都-2034-000001');
    });

    it('refuses a draft naming an unknown unit or a malformed amount', async () => {
      await expect(create({ orgUnitId: randomUUID() })).rejects.toMatchObject({
        code: 'CASE_INVALID',
        details: [{ field: 'orgUnitId', message: '组织单位不存在' }],
      });
      await expect(create({ amountClaimed: '3万' })).rejects.toMatchObject({
        code: 'CASE_INVALID',
        details: [{ field: 'amountClaimed', message: expect.any(String) }],
      });
    });
  });

  describe('hotline order claims', () => {
    it('answers a repeated order number with the first case', async () => {
      const first = await createHotlineCase();
      const outcome = await dataSource.transaction((manager) =>
        cases.claimHotlineOrder(manager, hotlineClaim(first.orderNo, randomUUID())),
      );
      expect(outcome).toEqual({
        claimed: false,
        caseId: first.id,
        caseNo: first.caseNo,
        status: 'triage',
      });
    });

    it('makes a concurrent duplicate wait for the first claim and then see its case', async () => {
      const orderNo = `JS12345-${randomUUID().slice(0, 8)}`;
      const firstId = randomUUID();
      let releaseFirst!: () => void;
      const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
      let firstClaimed!: () => void;
      const claimedByFirst = new Promise<void>((r) => (firstClaimed = r));

      const first = dataSource.transaction(async (manager) => {
        await cases.claimHotlineOrder(manager, hotlineClaim(orderNo, firstId));
        firstClaimed();
        await firstMayCommit;
        return cases.create(
          manager,
          draft({ id: firstId, channel: CaseChannel.Hotline, triage: true }),
          INTAKE,
        );
      });
      await claimedByFirst;
      const second = dataSource.transaction((manager) =>
        cases.claimHotlineOrder(manager, hotlineClaim(orderNo, randomUUID())),
      );
      // The duplicate is blocked on the primary key while the first transaction is open.
      await new Promise((r) => setTimeout(r, 200));
      releaseFirst();
      const [made, duplicate] = await Promise.all([first, second]);
      expect(duplicate).toEqual({
        claimed: false,
        caseId: firstId,
        caseNo: made.caseNo,
        status: 'triage',
      });
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM hotline_order WHERE order_no = $1`,
        [orderNo],
      );
      expect(rows[0].n).toBe(1);
    });
  });

  describe('list', () => {
    /** Cases made for the scoping tests, one per place, with a marker in the title. */
    let marker: string;
    let placed: Record<'T1' | 'T1V1' | 'T2' | 'T2V1' | 'T3' | 'triage', string>;

    const listIds = async (token: string, query = '') => {
      const res = await get(token, `/cases?q=${encodeURIComponent(marker)}&pageSize=200${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.items as { id: string }[]).map((i) => i.id).sort();
    };
    const ids = (...keys: (keyof typeof placed)[]) => keys.map((k) => placed[k]).sort();

    beforeAll(async () => {
      marker = `标记${randomUUID().slice(0, 6)}`;
      const at = (ref: 'T1' | 'T1V1' | 'T2' | 'T2V1' | 'T3') =>
        create({ orgUnitId: net.units[ref]!, title: `${marker} ${ref}` }).then((c) => c.id);
      placed = {
        T1: await at('T1'),
        T1V1: await at('T1V1'),
        T2: await at('T2'),
        T2V1: await at('T2V1'),
        T3: await at('T3'),
        triage: (await create({ triage: true, title: `${marker} triage` })).id,
      };
      await holdBy(placed.T1V1, net.mediators['M-T1a']!);
      await holdBy(placed.T2V1, net.mediators['M-T2a']!);
    });

    it('shows a town supervisor its own subtree only', async () => {
      expect(await listIds(tokens.supA)).toEqual(ids('T1', 'T1V1'));
      expect(await listIds(tokens.supB)).toEqual(ids('T2', 'T2V1'));
    });

    it('shows district intake and the deployment-wide admin the whole district, triage included', async () => {
      const all = ids('T1', 'T1V1', 'T2', 'T2V1', 'T3', 'triage');
      expect(await listIds(tokens.districtIntake)).toEqual(all);
      expect(await listIds(tokens.admin)).toEqual(all);
      expect(await listIds(tokens.townIntakeA)).toEqual(ids('T1', 'T1V1'));
    });

    it('shows a mediator only the cases they hold', async () => {
      expect(await listIds(tokens.mediatorA)).toEqual(ids('T1V1'));
      expect(await listIds(tokens.mediatorA2)).toEqual([]);
      expect(await listIds(tokens.volunteer)).toEqual([]);
    });

    it('gives a user with several roles the union of their reaches', async () => {
      expect(await listIds(tokens.multi)).toEqual(ids('T2', 'T2V1'));
    });

    it('narrows by unit subtree, and answers a unit outside the reach with an empty page', async () => {
      expect(await listIds(tokens.districtIntake, `&orgUnitId=${net.units.T1}`)).toEqual(
        ids('T1', 'T1V1'),
      );
      expect(await listIds(tokens.supA, `&orgUnitId=${net.units.T2}`)).toEqual([]);
      // A unit above the caller's: the caller's part of it.
      expect(await listIds(tokens.supA, `&orgUnitId=${net.units.D}`)).toEqual(ids('T1', 'T1V1'));
      expect(await listIds(tokens.supA, `&orgUnitId=${randomUUID()}`)).toEqual([]);
    });

    it('filters by status, mediator, category, collective and received time', async () => {
      expect(await listIds(tokens.districtIntake, '&status=in_mediation')).toEqual(
        ids('T1V1', 'T2V1'),
      );
      expect(await listIds(tokens.districtIntake, '&status=triage')).toEqual(ids('triage'));
      expect(await listIds(tokens.districtIntake, `&mediatorId=${net.mediators['M-T2a']}`)).toEqual(
        ids('T2V1'),
      );
      expect(await listIds(tokens.districtIntake, '&category=work_injury')).toEqual([]);
      expect(await listIds(tokens.districtIntake, '&collective=true')).toEqual([]);
      expect(await listIds(tokens.districtIntake, '&collective=false&overdue=false')).toHaveLength(
        6,
      );
      expect(
        await listIds(
          tokens.districtIntake,
          '&from=2026-11-20T10:00:00%2B08:00&to=2026-11-21T00:00:00Z',
        ),
      ).toHaveLength(6);
      expect(await listIds(tokens.districtIntake, '&from=2026-11-20T10:00:01%2B08:00')).toEqual([]);
    });

    it('searches case number, employer and title literally, and pages with a total', async () => {
      const res = await get(
        tokens.districtIntake,
        `/cases?q=${encodeURIComponent(marker)}&pageSize=2&page=2`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 6, page: 2, pageSize: 2 });
      expect(res.body.items).toHaveLength(2);
      const [item] = res.body.items;
      expect(item).toEqual({
        id: expect.any(String),
        caseNo: expect.stringMatching(/^南湖-2026-\d{6}$/),
        channel: 'walk_in',
        status: expect.any(String),
        outcome: null,
        category: 'wages',
        collective: false,
        urgent: false,
        title: expect.stringContaining(marker),
        employerName: '扬州鑫源物流有限公司',
        orgUnitId: expect.any(String),
        orgUnitName: expect.any(String),
        mediatorId: item.mediatorId,
        amountClaimed: '30000.00',
        workerCount: 1,
        receivedAt: '2026-11-20T02:00:00.000Z',
        closedAt: null,
      });
      const { rows } = await sql.query(`SELECT case_no FROM mediation_case WHERE id = $1`, [
        placed.T3,
      ]);
      const byNo = await get(tokens.districtIntake, `/cases?q=${rows[0].case_no}`);
      expect(byNo.body.items.map((i: { id: string }) => i.id)).toEqual([placed.T3]);
      // LIKE wildcards are searched as text, not as patterns.
      const wild = await get(tokens.districtIntake, `/cases?q=${encodeURIComponent('%')}`);
      expect(wild.body.total).toBe(0);
    });

    it.each([
      ['status=closedd', 'status'],
      ['outcome=won', 'outcome'],
      ['orgUnitId=abc', 'orgUnitId'],
      ['collective=yes', 'collective'],
      ['overdue=1', 'overdue'],
      ['atRisk=maybe', 'atRisk'],
      ['from=not-a-date', 'from'],
      ['pageSize=201', 'pageSize'],
      ['page=0', 'page'],
      [`q=${'长'.repeat(101)}`, 'q'],
      ['sort=caseNo', 'sort'],
    ])('answers ?%s with 400 naming the field', async (query, field) => {
      const res = await get(tokens.admin, `/cases?${encodeURI(query)}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('needs a bearer token', async () => {
      expect((await api.http.get('/api/v1/cases')).status).toBe(401);
    });
  });

  describe('detail and reveal', () => {
    let townA: CreatedCase;
    let held: CreatedCase;

    beforeAll(async () => {
      townA = await create({ orgUnitId: net.units.T1V2! });
      held = await create({ orgUnitId: net.units.T1V3! });
      await holdBy(held.id, net.mediators['M-T1a']!);
    });

    it('shows the contract shape with the numbers masked', async () => {
      const res = await get(tokens.supA, `/cases/${townA.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: townA.id,
        caseNo: townA.caseNo,
        channel: 'walk_in',
        status: 'queued',
        outcome: null,
        category: 'wages',
        collective: false,
        orgUnitId: net.units.T1V2,
        orgUnitName: '新民村',
        districtId: net.units.D,
        mediatorId: null,
        mediatorName: null,
        coMediators: [],
        claimants: [
          { name: '张三', phoneMasked: '139****5678', idNumberMasked: '3201**********1234' },
        ],
        employer: { name: '扬州鑫源物流有限公司', creditCode: null, orgUnitId: null },
        amountClaimed: '30000.00',
        amountAgreed: null,
        amountPaid: '0.00',
        offer: null,
        receivedAt: '2026-11-20T02:00:00.000Z',
        closedAt: null,
        // Received Fri 20 Nov 2026 10:00: 15 days end Sat 5 Dec, extended to Mon 7 Dec; the
        // year's limitation ends Sat 20 Nov 2027 → Mon 22 Nov, computed without 2027's schedule.
        deadlines: [
          {
            kind: 'mediation_limit',
            dueAt: '2026-12-07T15:59:59.999Z',
            state: 'running',
            calendarUnverified: false,
          },
          {
            kind: 'limitation',
            dueAt: '2027-11-22T15:59:59.999Z',
            state: 'running',
            calendarUnverified: true,
          },
        ],
        hotline: null,
        title: '拖欠工资',
        description: expect.stringContaining('3万余元'),
        urgent: false,
        townLevel: false,
        extractedFields: ['amountClaimed'],
        eventAddress: '东港镇东港村',
        workerCount: 1,
      });
      expect(JSON.stringify(res.body)).not.toContain(PHONE);
      expect(JSON.stringify(res.body)).not.toContain(ID_NUMBER);
    });

    it('answers 404 outside the reach, for unknown ids and for malformed ids alike', async () => {
      for (const [token, id] of [
        [tokens.supB, townA.id],
        [tokens.mediatorA2, held.id],
        [tokens.volunteer, townA.id],
        [tokens.admin, randomUUID()],
        [tokens.admin, 'not-a-uuid'],
        [tokens.admin, "1'; DROP TABLE claimant; --"],
      ] as const) {
        const res = await get(token, `/cases/${encodeURIComponent(id)}`);
        expect(res.status, `${id}`).toBe(404);
        expect(res.body).toEqual({
          statusCode: 404,
          error: 'CASE_NOT_FOUND',
          message: '案件不存在',
        });
      }
      expect((await get(tokens.mediatorA, `/cases/${held.id}`)).status).toBe(200);
    });

    it('reveals the clear numbers to a supervisor in reach, writing exactly one audit entry', async () => {
      const before = await auditOf(townA.id, 'case.reveal');
      const res = await post(tokens.supA, `/cases/${townA.id}/reveal`, {
        reason: '联系申请人确认调解时间',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        claimants: [{ name: '张三', phone: PHONE, idNumber: ID_NUMBER }],
      });
      const after = await auditOf(townA.id, 'case.reveal');
      expect(after.length - before.length).toBe(1);
      const entry = after.at(-1)!;
      expect(entry.actor_name).toMatch(/^sup-a\./);
      expect(entry.data).toEqual({
        reason: '联系申请人确认调解时间',
        caseNo: townA.caseNo,
        claimants: 1,
      });
      expect(JSON.stringify(entry)).not.toContain(PHONE);
      expect(JSON.stringify(entry)).not.toContain(ID_NUMBER);
    });

    it('reveals to the mediator holding the case, and to district intake', async () => {
      expect(
        (await post(tokens.mediatorA, `/cases/${held.id}/reveal`, { reason: '电话联系' })).status,
      ).toBe(200);
      expect(
        (await post(tokens.districtIntake, `/cases/${held.id}/reveal`, { reason: '核对身份' }))
          .status,
      ).toBe(200);
    });

    it('hides the case (404) from a supervisor of another town and a mediator not holding it, writing nothing', async () => {
      const before = (await auditOf(townA.id, 'case.reveal')).length;
      const other = await post(tokens.supB, `/cases/${townA.id}/reveal`, { reason: '查看' });
      expect(other.status).toBe(404);
      expect(other.body.error).toBe('CASE_NOT_FOUND');
      expect(
        (await post(tokens.mediatorA2, `/cases/${held.id}/reveal`, { reason: '查看' })).status,
      ).toBe(404);
      expect(
        (await post(tokens.mediatorA, `/cases/${townA.id}/reveal`, { reason: '查看' })).status,
      ).toBe(404);
      expect((await auditOf(townA.id, 'case.reveal')).length).toBe(before);
    });

    it.each([
      [{}, 'reason'],
      [{ reason: '' }, 'reason'],
      [{ reason: '看' }, 'reason'],
      [{ reason: '看'.repeat(201) }, 'reason'],
      [{ reason: 42 }, 'reason'],
      [{ reason: '联系申请人', phone: true }, 'phone'],
    ])('answers the reveal body %j with 400, writing nothing', async (body, field) => {
      const before = (await auditOf(townA.id, 'case.reveal')).length;
      const res = await post(tokens.supA, `/cases/${townA.id}/reveal`, body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect((await auditOf(townA.id, 'case.reveal')).length).toBe(before);
    });

    it('answers malformed JSON with 400, not 500', async () => {
      const res = await api.http
        .post(`/api/v1/cases/${townA.id}/reveal`)
        .set('authorization', bearer(tokens.supA))
        .set('content-type', 'application/json')
        .send('{"reason": ');
      expect(res.status).toBe(400);
    });
  });

  describe('timeline', () => {
    it('lists the events oldest first, with the acting user’s display name', async () => {
      const { id } = await create({ triage: true });
      expect(
        (await post(tokens.districtIntake, `/cases/${id}/route`, { orgUnitId: net.units.T3 }))
          .status,
      ).toBe(200);
      const res = await get(tokens.districtIntake, `/cases/${id}/timeline`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((e: { type: string }) => e.type)).toEqual([
        'case.received',
        'case.triaged',
        'case.routed',
      ]);
      expect(res.body.items.map((e: { actor: string }) => e.actor)).toEqual([
        'test-intake',
        'test-intake',
        '王受理',
      ]);
      const times = res.body.items.map((e: { at: string }) => Date.parse(e.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(res.body.items[2].data).toEqual({
        fromOrgUnitId: net.units.D,
        orgUnitId: net.units.T3,
        orgUnitName: '北桥街道',
      });
    });

    it('answers 404 outside the reach', async () => {
      const { id } = await create({ orgUnitId: net.units.T1! });
      expect((await get(tokens.supB, `/cases/${id}/timeline`)).status).toBe(404);
      expect((await get(tokens.supB, `/cases/nope/timeline`)).status).toBe(404);
    });
  });

  describe('route', () => {
    it('queues a triage case in the unit: 200, then 409 on a second route', async () => {
      const { id } = await create({ triage: true });
      const res = await post(tokens.districtIntake, `/cases/${id}/route`, {
        orgUnitId: net.units.T2V2,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        id,
        status: 'queued',
        orgUnitId: net.units.T2V2,
        orgUnitName: '河口村',
      });

      const jobs = await outboxOf(id);
      expect(jobs.map((j) => j.job_name)).toEqual([JobName.AssignCase]);
      expect(await auditOf(id, 'case.route')).toHaveLength(1);

      const again = await post(tokens.districtIntake, `/cases/${id}/route`, {
        orgUnitId: net.units.T1,
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('CASE_WRONG_STATE');
      expect(await outboxOf(id)).toHaveLength(1);
    });

    it('lets exactly one of two concurrent routes win', async () => {
      const { id } = await create({ triage: true });
      const answers = await Promise.all([
        post(tokens.districtIntake, `/cases/${id}/route`, { orgUnitId: net.units.T1 }),
        post(tokens.admin, `/cases/${id}/route`, { orgUnitId: net.units.T2 }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await outboxOf(id)).toHaveLength(1);
      const events = (
        await sql.query(
          `SELECT count(*)::int AS n FROM case_event WHERE case_id = $1 AND type = 'case.routed'`,
          [id],
        )
      ).rows;
      expect(events[0].n).toBe(1);
    });

    it('refuses a unit outside the caller’s subtree or the case’s district with 400', async () => {
      const { id } = await create({ triage: true });
      const outside = await post(tokens.districtIntake, `/cases/${id}/route`, {
        orgUnitId: otherDistrict.town,
      });
      expect(outside.status).toBe(400);
      expect(outside.body).toMatchObject({
        error: 'CASE_ROUTE_TARGET_INVALID',
        details: [{ field: 'orgUnitId', message: expect.any(String) }],
      });
      // The deployment-wide admin reaches the other district, but the case belongs to this one.
      const otherDistrictRoute = await post(tokens.admin, `/cases/${id}/route`, {
        orgUnitId: otherDistrict.town,
      });
      expect(otherDistrictRoute.status).toBe(400);
      expect(otherDistrictRoute.body.details[0].field).toBe('orgUnitId');
      const unknown = await post(tokens.districtIntake, `/cases/${id}/route`, {
        orgUnitId: randomUUID(),
      });
      expect(unknown.status).toBe(400);
      expect(
        (await sql.query(`SELECT status FROM mediation_case WHERE id = $1`, [id])).rows[0].status,
      ).toBe('triage');
    });

    it('refuses an inactive unit with 400', async () => {
      const { id } = await create({ triage: true });
      const { rows } = await sql.query(
        `INSERT INTO org_unit (id, name, level, parent_id, path, depth, active)
         SELECT g.id, '停用村', 'village', p.id, p.path || g.id || '/', p.depth + 1, false
           FROM (SELECT gen_random_uuid() AS id) g, org_unit p WHERE p.id = $1
         RETURNING id`,
        [net.units.T3],
      );
      const res = await post(tokens.districtIntake, `/cases/${id}/route`, {
        orgUnitId: rows[0].id,
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'orgUnitId', message: '组织单位已停用' }]);
    });

    it('hides a district triage case from town staff (404) and refuses other roles (403)', async () => {
      const { id } = await create({ triage: true });
      expect(
        (await post(tokens.townIntakeA, `/cases/${id}/route`, { orgUnitId: net.units.T1 })).status,
      ).toBe(404);
      expect(
        (await post(tokens.supA, `/cases/${id}/route`, { orgUnitId: net.units.T1 })).status,
      ).toBe(404);
      const mediator = await post(tokens.mediatorA, `/cases/${id}/route`, {
        orgUnitId: net.units.T1,
      });
      expect(mediator.status).toBe(403);
    });

    it.each([
      [{}, 'orgUnitId'],
      [{ orgUnitId: 'T1' }, 'orgUnitId'],
      [{ orgUnitId: null }, 'orgUnitId'],
      [{ orgUnitId: '00000000-0000-4000-8000-000000000000', status: 'queued' }, 'status'],
    ])('answers the route body %j with 400', async (body, field) => {
      const { id } = await create({ triage: true });
      const res = await post(tokens.districtIntake, `/cases/${id}/route`, body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('answers an unknown or malformed case id with 404', async () => {
      for (const id of [randomUUID(), 'x']) {
        const res = await post(tokens.districtIntake, `/cases/${id}/route`, {
          orgUnitId: net.units.T1,
        });
        expect(res.status).toBe(404);
      }
    });
  });

  describe('return (退单)', () => {
    it('returns a triage hotline case: status, pending reply, timeline, audit and the delivery job', async () => {
      const hotline = await createHotlineCase();
      const res = await post(tokens.districtIntake, `/cases/${hotline.id}/return`, {
        reason: '用人单位不在本区，请转江都区处理',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        id: hotline.id,
        status: 'returned',
        channel: 'hotline',
        hotline: { orderNo: hotline.orderNo, replyState: 'pending' },
      });
      expect(
        (await outboxOf(hotline.id)).map((j) => [j.queue_name, j.job_name, j.payload]),
      ).toEqual([
        [QueueName.Hotline, JobName.DeliverHotlineReply, { caseId: hotline.id, kind: 'return' }],
      ]);
      const { rows } = await sql.query(
        `SELECT type, data FROM case_event WHERE case_id = $1 ORDER BY id DESC LIMIT 1`,
        [hotline.id],
      );
      expect(rows[0]).toEqual({
        type: 'case.returned',
        data: { reason: '用人单位不在本区，请转江都区处理', fromStatus: 'triage' },
      });
      expect(await auditOf(hotline.id, 'case.return')).toHaveLength(1);

      const again = await post(tokens.districtIntake, `/cases/${hotline.id}/return`, {
        reason: '再退',
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('CASE_WRONG_STATE');
    });

    it('returns a queued hotline case too, but not one in mediation', async () => {
      const queued = await createHotlineCase({ triage: false, orgUnitId: net.units.T2! });
      expect(
        (await post(tokens.districtIntake, `/cases/${queued.id}/return`, { reason: '非劳动争议' }))
          .status,
      ).toBe(200);
      const held = await createHotlineCase({ triage: false, orgUnitId: net.units.T2! });
      await holdBy(held.id, net.mediators['M-T2a']!);
      const res = await post(tokens.districtIntake, `/cases/${held.id}/return`, {
        reason: '非劳动争议',
      });
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('CASE_WRONG_STATE');
    });

    it('refuses cases that did not come from the hotline with 409', async () => {
      const { id } = await create({ triage: true });
      const res = await post(tokens.districtIntake, `/cases/${id}/return`, { reason: '误转' });
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('CASE_NOT_HOTLINE');
      expect(await outboxOf(id)).toEqual([]);
    });

    it('is for intake and admins only, and needs a reason', async () => {
      const hotline = await createHotlineCase({ triage: false, orgUnitId: net.units.T1! });
      expect(
        (await post(tokens.supA, `/cases/${hotline.id}/return`, { reason: '误转' })).status,
      ).toBe(403);
      expect(
        (await post(tokens.mediatorA, `/cases/${hotline.id}/return`, { reason: '误转' })).status,
      ).toBe(403);
      expect(
        (await post(tokens.supB, `/cases/${hotline.id}/return`, { reason: '误转' })).status,
      ).toBe(403);
      expect((await post(tokens.townIntakeA, `/cases/${hotline.id}/return`, {})).status).toBe(400);
      expect(
        (await post(tokens.townIntakeA, `/cases/${hotline.id}/return`, { reason: 'x' })).status,
      ).toBe(400);
      expect(
        (
          await post(tokens.townIntakeA, `/cases/${hotline.id}/return`, {
            reason: '误转',
            extra: 1,
          })
        ).status,
      ).toBe(400);
      const other = await createHotlineCase({ triage: false, orgUnitId: net.units.T2! });
      expect(
        (await post(tokens.townIntakeA, `/cases/${other.id}/return`, { reason: '误转' })).status,
      ).toBe(404);
      expect(
        (await post(tokens.townIntakeA, `/cases/${hotline.id}/return`, { reason: '误转' })).status,
      ).toBe(200);
    });
  });

  describe('with a worker', () => {
    let worker: INestApplicationContext;
    let queue: Queue;

    beforeAll(async () => {
      worker = await startWorker(config);
      queue = new Queue(QueueName.Assignment, {
        connection: redisOptions(config.redisUrl, 'client'),
        prefix: config.redisPrefix,
      });
    });

    afterAll(async () => {
      await queue?.close();
      await worker?.close();
    });

    it('relays the AssignCase job of a queued case and the engine offers it', async () => {
      const { id } = await create({ orgUnitId: net.units.T1! });
      const row = await waitFor('AssignCase relayed', async () => {
        const [job] = await outboxOf(id);
        return job?.relayed_at ? job : undefined;
      });
      const job = await completedJob(queue, `outbox-${row.id}`);
      expect(job.returnvalue).toMatchObject({ caseId: id, outcome: 'offered' });
      const { rows } = await sql.query(`SELECT status FROM mediation_case WHERE id = $1`, [id]);
      expect(rows[0].status).toBe(CaseStatus.Offered);
    });

    it('does nothing for a case that is no longer queued', async () => {
      const { id } = await create({ orgUnitId: net.units.T1! });
      await holdBy(id, net.mediators['M-T1a']!);
      const again = await queue.add(JobName.AssignCase, { caseId: id }, { jobId: `again-${id}` });
      await waitFor('repeat finished', async () => (await again.isCompleted()) || undefined);
      const done = await queue.getJob(`again-${id}`);
      expect(done?.returnvalue).toEqual({ caseId: id, outcome: 'not_queued' });
    });
  });
});
