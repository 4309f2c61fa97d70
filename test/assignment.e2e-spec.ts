import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppConfig, DisputeCategory } from '@heqi/core';
import { type DemoNetworkResult } from '@heqi/network';
import { createTestDatabase, testConfig, type TestDatabase, waitFor } from '@heqi/testing';
import {
  buildNetwork,
  caseRow,
  createCase,
  creditCode,
  dataSourceOf,
  eventsOf,
  exclusionsOf,
  waitForEvent,
  waitForOffer,
} from './support/assignment-world.js';
import { bearer, loginAsAdmin, tokenFor } from './support/auth.js';
import { startApi, startWorker, type TestApi } from './support/test-apps.js';

/**
 * Queued assignment through HTTP against the real API and worker (Postgres, Redis, outbox):
 * the routing rules as the database sees them (coverage, 回避 by law firm and by employer,
 * capacity, availability, skill, round-robin, collective co-mediators), the offer life cycle
 * (accept, decline → next, no candidate → alert → retried when a mediator is back), fifty
 * concurrent accepts, reassignment, the supervisors' views, law-firm records, and the access
 * rules of every endpoint.
 */
describe('assignment', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: TestApi;
  let worker: INestApplicationContext;
  let adminToken: string;

  const call = (token: string, method: 'get' | 'post' | 'delete' | 'patch', path: string) =>
    api.http[method](`/api/v1${path}`).set('authorization', bearer(token));
  const post = (token: string, path: string, body: object = {}) =>
    call(token, 'post', path).send(body);
  const get = (token: string, path: string) => call(token, 'get', path);

  const login = (roles: string[], orgUnitId: string, mediatorId?: string) =>
    tokenFor(api, adminToken, roles, orgUnitId, mediatorId);

  beforeAll(async () => {
    db = await createTestDatabase();
    // A fast sweep, so "retried when a mediator is back" shows within the test.
    config = testConfig(db.url, { HEQI_ASSIGNMENT_SWEEP_MS: '400' });
    api = await startApi(config);
    worker = await startWorker(config);
    adminToken = (await loginAsAdmin(api)).accessToken;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  describe('routing through the database, decline, no candidate, and the return of a mediator', () => {
    const code = creditCode();
    const employer = '扬州甲五金制造有限公司';
    let net: DemoNetworkResult;
    const tokens = {} as Record<string, string>;
    let caseId: string;

    beforeAll(async () => {
      net = await buildNetwork(
        api,
        [
          { ref: 'D', name: '甲区', level: 'district' },
          { ref: 'T', name: '甲镇', level: 'town', parent: 'D' },
          { ref: 'V', name: '甲村', level: 'village', parent: 'T' },
          { ref: 'W', name: '乙村', level: 'village', parent: 'T' },
          { ref: 'E', name: employer, level: 'enterprise', parent: 'V', creditCode: code },
        ],
        [
          // The respondent's own committee: nearest of all, passed over while anyone else fits.
          { ref: 'committee', unit: 'E', kind: 'enterprise_mediator' },
          {
            ref: 'noSkill',
            unit: 'V',
            kind: 'village_mediator',
            skills: [DisputeCategory.WorkInjury],
          },
          {
            ref: 'away',
            unit: 'V',
            kind: 'village_mediator',
            unavailableUntil: new Date(Date.now() + 86_400_000),
          },
          { ref: 'retired', unit: 'V', kind: 'village_mediator', active: false },
          { ref: 'full', unit: 'V', kind: 'village_mediator', capacity: 0 },
          { ref: 'village', unit: 'V', kind: 'village_mediator', capacity: 5 },
          { ref: 'sibling', unit: 'W', kind: 'village_mediator' },
          { ref: 'town', unit: 'T' },
          { ref: 'conflicted', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '金盾律师事务所' },
          { ref: 'lawyer', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '正和律师事务所' },
        ],
      );
      tokens.supervisor = await login(['supervisor'], net.units.T!);
      tokens.intake = await login(['intake'], net.units.T!);
      for (const ref of ['village', 'town', 'lawyer', 'committee', 'away']) {
        const volunteer = ref === 'lawyer';
        tokens[ref] = await login(
          [volunteer ? 'volunteer' : 'mediator'],
          volunteer ? net.units.D! : net.units.T!,
          net.mediators[ref]!,
        );
      }
      // The firm acts for the employer: recorded under the employer's credit code.
      const engagement = await post(adminToken, '/law-firm-engagements', {
        lawFirm: '金盾 律师事务所',
        employerName: '另一个名字',
        employerCreditCode: code,
      });
      expect(engagement.status, JSON.stringify(engagement.body)).toBe(201);
    });

    it('offers a case registered at intake to the nearest fitting mediator, saying why', async () => {
      const res = await post(tokens.intake!, '/cases', {
        channel: 'walk_in',
        category: 'wages',
        description: '申请人反映甲五金拖欠工资两个月。',
        claimants: [{ name: '李四', phone: '13800001111' }],
        employer: { name: employer, orgUnitId: net.units.E },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      caseId = res.body.id ?? res.body.caseId;
      const offer = await waitForOffer(api, caseId);
      expect(offer.mediator_id).toBe(net.mediators.village);
      expect(await caseRow(api, caseId)).toEqual({ status: 'offered', mediator_id: null });

      const [event] = await eventsOf(api, caseId, 'assignment.offered');
      expect(event).toMatchObject({
        offerId: offer.id,
        role: 'lead',
        chosen: { mediatorId: net.mediators.village, level: 'village', distance: 1, load: 0 },
      });
      const ranked = (event!.candidates as { mediatorId: string }[]).map((c) => c.mediatorId);
      expect(ranked).toEqual([net.mediators.village, net.mediators.town, net.mediators.lawyer]);
      expect(exclusionsOf(event!)).toEqual({
        [net.mediators.committee!]: 'employed_by_respondent',
        [net.mediators.noSkill!]: 'no_skill',
        [net.mediators.away!]: 'unavailable',
        [net.mediators.retired!]: 'inactive',
        [net.mediators.full!]: 'at_capacity',
        [net.mediators.conflicted!]: 'law_firm_conflict',
      });
      // Coverage: a mediator of a sibling village is not even a candidate.
      expect(JSON.stringify(event)).not.toContain(net.mediators.sibling!);

      const inbox = await get(tokens.village!, '/me/offers');
      expect(inbox.status).toBe(200);
      expect(inbox.body.items).toEqual([
        expect.objectContaining({
          caseId,
          caseNo: expect.any(String),
          category: 'wages',
          collective: false,
          orgUnitId: net.units.E,
          role: 'lead',
          offeredAt: expect.any(String),
          expiresAt: new Date(offer.expires_at).toISOString(),
        }),
      ]);
      expect((await get(tokens.town!, '/me/offers')).body.items).toEqual([]);

      // The offeree sees the case it is asked to take (list and detail, with the offer); the
      // mediator who was not offered it does not.
      const detail = await get(tokens.village!, `/cases/${caseId}`);
      expect(detail.status, JSON.stringify(detail.body)).toBe(200);
      expect(detail.body.offer).toEqual({
        mediatorId: net.mediators.village,
        expiresAt: new Date(offer.expires_at).toISOString(),
      });
      const listed = await get(tokens.village!, '/cases');
      expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
      expect((await get(tokens.town!, `/cases/${caseId}`)).status).toBe(404);
    });

    it('moves on to the next candidate when the mediator declines, never back to them', async () => {
      const declined = await post(tokens.village!, `/cases/${caseId}/decline`, {
        reason: '与申请人系亲属，申请回避',
      });
      expect(declined.status, JSON.stringify(declined.body)).toBe(200);
      expect(declined.body).toMatchObject({ caseId, status: 'queued', role: 'lead' });

      const next = await waitForOffer(api, caseId);
      expect(next.mediator_id).toBe(net.mediators.town);
      const second = await waitForEvent(api, caseId, 'assignment.offered', 2);
      expect(exclusionsOf(second)[net.mediators.village!]).toBe('declined_before');
      expect(await eventsOf(api, caseId, 'assignment.declined')).toEqual([
        expect.objectContaining({
          mediatorId: net.mediators.village,
          reason: '与申请人系亲属，申请回避',
        }),
      ]);
      // Declining again is no longer possible: the offer is gone (409), and said so.
      const again = await post(tokens.village!, `/cases/${caseId}/decline`, { reason: '再次拒绝' });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('OFFER_NOT_YOURS');
    });

    it('then goes up to the district pool, and only then to the respondent’s own committee', async () => {
      expect(
        (await post(tokens.town!, `/cases/${caseId}/decline`, { reason: '本周外出培训' })).status,
      ).toBe(200);
      expect((await waitForOffer(api, caseId)).mediator_id).toBe(net.mediators.lawyer);
      expect(
        (await post(tokens.lawyer!, `/cases/${caseId}/decline`, { reason: '案件量已满' })).status,
      ).toBe(200);

      const last = await waitForOffer(api, caseId);
      expect(last.mediator_id).toBe(net.mediators.committee);
      const event = await waitForEvent(api, caseId, 'assignment.offered', 4);
      expect(event.chosen).toMatchObject({
        mediatorId: net.mediators.committee,
        waived: 'employed_by_respondent',
      });
    });

    it('keeps the case queued when nobody fits, alerts the supervisors once, and shows why', async () => {
      expect(
        (await post(tokens.committee!, `/cases/${caseId}/decline`, { reason: '本企业职工，回避' }))
          .status,
      ).toBe(200);
      const noCandidate = await waitForEvent(api, caseId, 'assignment.no_candidate');
      expect(noCandidate).toMatchObject({ supervisorsAlerted: 1 });
      expect(noCandidate.reasons).toMatchObject({ declined_before: 4, unavailable: 1 });
      expect(await caseRow(api, caseId)).toEqual({ status: 'queued', mediator_id: null });

      // The sweep keeps retrying (several times within two seconds) without repeating the alert.
      const ds = dataSourceOf(api);
      await waitFor('retries', async () => {
        const [row] = await ds.query(`SELECT attempts FROM case_assignment WHERE case_id = $1`, [
          caseId,
        ]);
        return row.attempts >= 3 ? row : undefined;
      });
      expect(await eventsOf(api, caseId, 'assignment.no_candidate')).toHaveLength(1);
      const alerts = await ds.query(
        `SELECT kind, org_unit_id, supervisor_ids, resolved_at FROM assignment_alert WHERE case_id = $1`,
        [caseId],
      );
      expect(alerts).toEqual([
        {
          kind: 'no_candidate',
          org_unit_id: net.units.E,
          supervisor_ids: [expect.any(String)],
          resolved_at: null,
        },
      ]);

      const view = await get(tokens.supervisor!, '/assignment/unassigned');
      expect(view.status).toBe(200);
      const item = view.body.items.find((i: { caseId: string }) => i.caseId === caseId);
      expect(item).toMatchObject({
        caseNo: expect.any(String),
        orgUnitId: net.units.E,
        waitingSeconds: expect.any(Number),
        attempts: expect.any(Number),
        alertedAt: expect.any(String),
        noCandidate: { reasons: expect.objectContaining({ declined_before: 4 }), excludedCount: 9 },
      });
      expect(new Date(item.waitingSince).getTime()).toBeLessThanOrEqual(Date.now());
    });

    it('retries when a mediator comes back from leave, and resolves the alert', async () => {
      const back = await call(adminToken, 'patch', `/mediators/${net.mediators.away}`).send({
        unavailableUntil: null,
      });
      expect(back.status, JSON.stringify(back.body)).toBe(200);
      const offer = await waitForOffer(api, caseId, 'lead', 10_000);
      expect(offer.mediator_id).toBe(net.mediators.away);
      const [alert] = await dataSourceOf(api).query(
        `SELECT resolved_at FROM assignment_alert WHERE case_id = $1`,
        [caseId],
      );
      expect(alert.resolved_at).not.toBeNull();
      expect((await get(tokens.supervisor!, '/assignment/unassigned')).body.items).toEqual([]);

      const accepted = await post(tokens.away!, `/cases/${caseId}/accept`);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect(accepted.body).toMatchObject({
        caseId,
        status: 'in_mediation',
        mediatorId: net.mediators.away,
        role: 'lead',
      });
      expect(await caseRow(api, caseId)).toEqual({
        status: 'in_mediation',
        mediator_id: net.mediators.away,
      });
      const timeline = await get(tokens.away!, `/cases/${caseId}/timeline`);
      expect(timeline.status).toBe(200);
      expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining([
          'assignment.offered',
          'assignment.declined',
          'assignment.no_candidate',
          'assignment.accepted',
        ]),
      );
      const audit = await dataSourceOf(api).query(
        `SELECT action FROM audit_log WHERE object_id = $1 AND action IN ('case.accept', 'case.decline') ORDER BY id`,
        [caseId],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'case.decline',
        'case.decline',
        'case.decline',
        'case.decline',
        'case.accept',
      ]);
    });
  });

  describe('round-robin and load', () => {
    let net: DemoNetworkResult;

    beforeAll(async () => {
      net = await buildNetwork(
        api,
        [
          { ref: 'D', name: '乙区', level: 'district' },
          { ref: 'T', name: '乙镇', level: 'town', parent: 'D' },
          { ref: 'V', name: '丙村', level: 'village', parent: 'T' },
        ],
        [
          { ref: 'rr-a', unit: 'V', kind: 'village_mediator' },
          { ref: 'rr-b', unit: 'V', kind: 'village_mediator' },
        ],
      );
    });

    it('alternates between equally loaded mediators, longest since the last assignment first', async () => {
      const [a, b] = [net.mediators['rr-a']!, net.mediators['rr-b']!];
      // The one that id order would pick was assigned a moment ago: round-robin picks the other.
      const [first, second] = a < b ? [a, b] : [b, a];
      await dataSourceOf(api).query(`UPDATE mediator SET last_assigned_at = now() WHERE id = $1`, [
        first,
      ]);

      const order: string[] = [];
      for (let i = 0; i < 4; i++) {
        const id = await createCase(api, { orgUnitId: net.units.V! });
        order.push((await waitForOffer(api, id)).mediator_id);
      }
      // 1st: both idle, `second` has waited longer. 2nd: `first` is less loaded. 3rd and 4th:
      // equal loads again, the longest-waiting first each time.
      expect(order).toEqual([second, first, second, first]);
      const load = await get(adminToken, `/assignment/load?orgUnitId=${net.units.T}`);
      expect(load.status).toBe(200);
      expect(load.body.items).toEqual([
        expect.objectContaining({ openOffers: 2, held: 0, load: 2, capacity: 10, loadRatio: 0.2 }),
        expect.objectContaining({ openOffers: 2, held: 0, load: 2, capacity: 10, loadRatio: 0.2 }),
      ]);
    });
  });

  describe('collective disputes', () => {
    let net: DemoNetworkResult;
    const tokens = {} as Record<string, string>;

    beforeAll(async () => {
      net = await buildNetwork(
        api,
        [
          { ref: 'D', name: '丙区', level: 'district' },
          { ref: 'T', name: '丙镇', level: 'town', parent: 'D' },
          { ref: 'V', name: '丁村', level: 'village', parent: 'T' },
        ],
        [
          { ref: 'c-village', unit: 'V', kind: 'village_mediator' },
          { ref: 'c-town', unit: 'T', capacity: 20 },
          { ref: 'c-conflicted', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '明德律师事务所' },
          {
            ref: 'c-lawyer',
            unit: 'D',
            kind: 'volunteer_lawyer',
            lawFirm: '正和律师事务所',
            capacity: 8,
          },
        ],
      );
      tokens.town = await login(['mediator'], net.units.T!, net.mediators['c-town']);
      tokens.lawyer = await login(['volunteer'], net.units.D!, net.mediators['c-lawyer']);
      // Recorded under a variant of the employer's name, without a credit code.
      const res = await post(adminToken, '/law-firm-engagements', {
        lawFirm: '明德律师事务所',
        employerName: '扬州丙建材（集团）有限公司',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    });

    it('starts at town level and adds a volunteer lawyer without a conflict as co-mediator', async () => {
      const id = await createCase(api, {
        orgUnitId: net.units.V!,
        collective: true,
        townLevel: true,
        workerCount: 23,
        employer: { name: '扬州丙建材集团' },
      });
      const lead = await waitForOffer(api, id);
      expect(lead.mediator_id).toBe(net.mediators['c-town']);
      const co = await waitForOffer(api, id, 'co');
      expect(co.mediator_id).toBe(net.mediators['c-lawyer']);

      const [offered] = await eventsOf(api, id, 'assignment.offered');
      expect(exclusionsOf(offered!)[net.mediators['c-village']!]).toBe('below_town_level');
      const [coOffered] = await eventsOf(api, id, 'assignment.co_offered');
      expect(exclusionsOf(coOffered!)).toEqual({
        [net.mediators['c-conflicted']!]: 'law_firm_conflict',
      });

      expect((await get(tokens.lawyer!, '/me/offers')).body.items).toEqual([
        expect.objectContaining({ caseId: id, role: 'co', collective: true }),
      ]);
      const coAccepted = await post(tokens.lawyer!, `/cases/${id}/accept`);
      expect(coAccepted.status, JSON.stringify(coAccepted.body)).toBe(200);
      expect(coAccepted.body).toMatchObject({ role: 'co', status: 'offered', mediatorId: null });
      const leadAccepted = await post(tokens.town!, `/cases/${id}/accept`);
      expect(leadAccepted.body).toMatchObject({ role: 'lead', status: 'in_mediation' });

      const co_rows = await dataSourceOf(api).query(
        `SELECT mediator_id FROM case_co_mediator WHERE case_id = $1 AND until IS NULL`,
        [id],
      );
      expect(co_rows).toEqual([{ mediator_id: net.mediators['c-lawyer'] }]);
      const load = await get(adminToken, `/assignment/load?orgUnitId=${net.units.D}`);
      const lawyer = load.body.items.find(
        (m: { mediatorId: string }) => m.mediatorId === net.mediators['c-lawyer'],
      );
      expect(lawyer).toMatchObject({ openOffers: 0, held: 0, coMediating: 1, load: 1 });
    });

    it('lists the co-mediator on the case once they accept, and not one who declined', async () => {
      // The same employer as above, so the conflicted firm stays out and the lawyer is asked.
      const collective = () =>
        createCase(api, {
          orgUnitId: net.units.V!,
          collective: true,
          townLevel: true,
          workerCount: 12,
          employer: { name: '扬州丙建材集团' },
        });
      const coMediatorsOf = async (token: string, id: string) => {
        const res = await get(token, `/cases/${id}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return res.body as { mediatorName: string | null; coMediators: unknown[] };
      };

      const accepted = await collective();
      await waitForOffer(api, accepted);
      await waitForOffer(api, accepted, 'co');
      // An open co offer is not co-mediation yet.
      expect((await coMediatorsOf(adminToken, accepted)).coMediators).toEqual([]);
      expect((await post(tokens.lawyer!, `/cases/${accepted}/accept`)).status).toBe(200);
      expect((await post(tokens.town!, `/cases/${accepted}/accept`)).status).toBe(200);
      const lawyer = {
        mediatorId: net.mediators['c-lawyer'],
        name: 'c-lawyer',
        kind: 'volunteer_lawyer',
        since: expect.any(String),
      };
      // The lead, the co-mediator and the unit all read the same list.
      for (const token of [tokens.town!, tokens.lawyer!, adminToken]) {
        expect(await coMediatorsOf(token, accepted)).toMatchObject({
          mediatorName: 'c-town',
          coMediators: [lawyer],
        });
      }
      // The co-mediator calls the parties too: an audited reveal, like the lead's.
      const revealed = await post(tokens.lawyer!, `/cases/${accepted}/reveal`, {
        reason: '协同调解，需电话联系申请人',
      });
      expect(revealed.status, JSON.stringify(revealed.body)).toBe(200);
      expect(revealed.body.claimants[0].phone).toMatch(/^1\d{10}$/);
      const [audit] = await dataSourceOf(api).query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.reveal' AND object_id = $1`,
        [accepted],
      );
      expect(audit.n).toBe(1);

      const declined = await collective();
      await waitForOffer(api, declined);
      await waitForOffer(api, declined, 'co');
      const answer = await post(tokens.lawyer!, `/cases/${declined}/decline`, {
        reason: '本周开庭排满，无法参与',
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      // Nobody else fits (the other firm acts for the employer): the lead mediates alone.
      await waitForEvent(api, declined, 'assignment.co_none');
      expect((await post(tokens.town!, `/cases/${declined}/accept`)).status).toBe(200);
      expect((await coMediatorsOf(tokens.town!, declined)).coMediators).toEqual([]);
      // A lawyer who declined is not working the case: no reveal (404, as for any case out of reach).
      const refused = await post(tokens.lawyer!, `/cases/${declined}/reveal`, { reason: '查看' });
      expect(refused.status).toBe(404);

      // A co-mediation that has ended is history, not part of the case as it stands.
      await dataSourceOf(api).query(
        `UPDATE case_co_mediator SET until = now() WHERE case_id = $1 AND until IS NULL`,
        [accepted],
      );
      expect((await coMediatorsOf(tokens.town!, accepted)).coMediators).toEqual([]);
    });
  });

  describe('fifty concurrent accepts of one offer', () => {
    it('lets exactly one through; the other 49 get 409', async () => {
      const net = await buildNetwork(
        api,
        [
          { ref: 'D', name: '丁区', level: 'district' },
          { ref: 'T', name: '丁镇', level: 'town', parent: 'D' },
        ],
        [{ ref: 'race', unit: 'T' }],
      );
      const token = await login(['mediator'], net.units.T!, net.mediators.race);
      const id = await createCase(api, { orgUnitId: net.units.T! });
      await waitForOffer(api, id);

      const answers = await Promise.all(
        Array.from({ length: 50 }, () => post(token, `/cases/${id}/accept`)),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.error))).toEqual(
        new Set(['OFFER_NOT_YOURS']),
      );
      expect(await eventsOf(api, id, 'assignment.accepted')).toHaveLength(1);
      const offers = await dataSourceOf(api).query(
        `SELECT state FROM case_offer WHERE case_id = $1`,
        [id],
      );
      expect(offers).toEqual([{ state: 'accepted' }]);
      expect(await caseRow(api, id)).toEqual({
        status: 'in_mediation',
        mediator_id: net.mediators.race,
      });
    });
  });

  describe('reassignment, views and access', () => {
    let net: DemoNetworkResult;
    const tokens = {} as Record<string, string>;
    const code = creditCode();

    beforeAll(async () => {
      net = await buildNetwork(
        api,
        [
          { ref: 'D', name: '戊区', level: 'district' },
          { ref: 'T', name: '戊镇', level: 'town', parent: 'D' },
          { ref: 'V', name: '戊村', level: 'village', parent: 'T' },
          { ref: 'U', name: '己镇', level: 'town', parent: 'D' },
          {
            ref: 'E',
            name: '扬州戊纺织有限公司',
            level: 'enterprise',
            parent: 'V',
            creditCode: code,
          },
        ],
        [
          { ref: 'r-village', unit: 'V', kind: 'village_mediator', capacity: 50 },
          { ref: 'r-town', unit: 'T', capacity: 1 },
          { ref: 'r-other-town', unit: 'U' },
          { ref: 'r-off', unit: 'T', active: false },
          { ref: 'r-lawyer', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '戊律师事务所' },
          { ref: 'r-injury', unit: 'T', skills: [DisputeCategory.WorkInjury] },
        ],
      );
      tokens.supT = await login(['supervisor'], net.units.T!);
      tokens.supU = await login(['supervisor'], net.units.U!);
      tokens.supD = await login(['supervisor'], net.units.D!);
      tokens.unitAdmin = await login(['admin'], net.units.T!);
      tokens.intake = await login(['intake'], net.units.T!);
      tokens.village = await login(['mediator'], net.units.V!, net.mediators['r-village']);
      tokens.otherTown = await login(['mediator'], net.units.U!, net.mediators['r-other-town']);
      expect(
        (
          await post(tokens.supD!, '/law-firm-engagements', {
            lawFirm: '戊律师事务所',
            employerName: '扬州戊纺织有限公司',
            employerCreditCode: code,
            orgUnitId: net.units.D,
          })
        ).status,
      ).toBe(201);
    });

    const newCase = () =>
      createCase(api, {
        orgUnitId: net.units.E!,
        employer: { name: '扬州戊纺织有限公司', creditCode: code, unitId: net.units.E! },
      });

    it('gives the case to the named mediator at once, withdrawing the open offer', async () => {
      const id = await newCase();
      const offer = await waitForOffer(api, id);
      expect(offer.mediator_id).toBe(net.mediators['r-village']);
      const res = await post(tokens.supT!, `/cases/${id}/reassign`, {
        mediatorId: net.mediators['r-town'],
        reason: '镇调解室统一办理',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({
        caseId: id,
        caseNo: expect.any(String),
        status: 'in_mediation',
        mediatorId: net.mediators['r-town'],
        previousMediatorId: null,
        withdrawnOfferId: offer.id,
        load: 1,
        capacity: 1,
        overCapacity: false,
        warnings: [],
      });
      expect(await caseRow(api, id)).toEqual({
        status: 'in_mediation',
        mediator_id: net.mediators['r-town'],
      });
      const [withdrawn] = await dataSourceOf(api).query(
        `SELECT state FROM case_offer WHERE id = $1`,
        [offer.id],
      );
      expect(withdrawn.state).toBe('withdrawn');
      expect(await eventsOf(api, id, 'assignment.reassigned')).toEqual([
        expect.objectContaining({
          toMediatorId: net.mediators['r-town'],
          reason: '镇调解室统一办理',
        }),
      ]);
      const [audit] = await dataSourceOf(api).query(
        `SELECT actor_name, data FROM audit_log WHERE object_id = $1 AND action = 'case.reassign'`,
        [id],
      );
      expect(audit.data).toMatchObject({ withdrawnOfferId: offer.id, reason: '镇调解室统一办理' });
      // The village mediator's offer is gone from their inbox; accepting it now is 409.
      expect((await get(tokens.village!, '/me/offers')).body.items).toEqual([]);
      expect((await post(tokens.village!, `/cases/${id}/accept`)).status).toBe(409);

      // Over capacity (1 of 1 already): the supervisor's call, recorded.
      const second = await newCase();
      await waitForOffer(api, second);
      const over = await post(tokens.unitAdmin!, `/cases/${second}/reassign`, {
        mediatorId: net.mediators['r-town'],
        reason: '集中办理',
      });
      expect(over.status, JSON.stringify(over.body)).toBe(200);
      expect(over.body).toMatchObject({ load: 2, capacity: 1, overCapacity: true });
      expect((await eventsOf(api, second, 'assignment.reassigned'))[0]).toMatchObject({
        overCapacity: true,
      });

      // From one holder to another; the soft rules the supervisor overrides are listed.
      const moved = await post(tokens.supT!, `/cases/${id}/reassign`, {
        mediatorId: net.mediators['r-injury'],
        reason: '涉及工伤认定',
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body).toMatchObject({
        previousMediatorId: net.mediators['r-town'],
        withdrawnOfferId: null,
        warnings: ['no_skill'],
      });
      expect(await caseRow(api, id)).toEqual({
        status: 'in_mediation',
        mediator_id: net.mediators['r-injury'],
      });
      const again = await post(tokens.supT!, `/cases/${id}/reassign`, {
        mediatorId: net.mediators['r-injury'],
        reason: '重复改派',
      });
      expect([again.status, again.body.error]).toEqual([409, 'ASSIGNMENT_ALREADY_HOLDER']);
    });

    it('refuses mediators who may not take it, and cases that cannot move', async () => {
      const id = await newCase();
      await waitForOffer(api, id);
      const reassign = (mediatorId: unknown, token = tokens.supT!) =>
        post(token, `/cases/${id}/reassign`, { mediatorId, reason: '改派' });

      const inactive = await reassign(net.mediators['r-off']);
      expect([inactive.status, inactive.body.error]).toEqual([409, 'MEDIATOR_NOT_ELIGIBLE']);
      expect(inactive.body.details).toEqual([{ field: 'mediatorId', message: '已停用' }]);
      const conflicted = await reassign(net.mediators['r-lawyer']);
      expect([conflicted.status, conflicted.body.error]).toEqual([409, 'MEDIATOR_NOT_ELIGIBLE']);
      expect(conflicted.body.message).toContain('回避');
      // Another town's mediator does not cover the case; an unknown id reads the same.
      for (const who of [net.mediators['r-other-town'], randomUUID()]) {
        const res = await reassign(who);
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual([
          { field: 'mediatorId', message: '调解员不存在或不负责该案件所在地区' },
        ]);
      }
      const triage = await createCase(api, { orgUnitId: net.units.D!, triage: true });
      const wrongState = await post(tokens.supD!, `/cases/${triage}/reassign`, {
        mediatorId: net.mediators['r-town'],
        reason: '改派',
      });
      expect([wrongState.status, wrongState.body.error]).toEqual([409, 'ASSIGNMENT_WRONG_STATE']);
      // Nothing changed.
      expect((await caseRow(api, id)).status).toBe('offered');
    });

    it('answers 403 to the wrong roles and 404 outside the jurisdiction, on every endpoint', async () => {
      const id = await newCase();
      const offer = await waitForOffer(api, id);
      const body = { mediatorId: net.mediators['r-town'], reason: '改派' };
      const missing = randomUUID();

      // Reassign: roles, then jurisdiction (an outsider sees exactly what a random id gets).
      for (const token of [tokens.intake!, tokens.village!]) {
        expect((await post(token, `/cases/${id}/reassign`, body)).status).toBe(403);
      }
      const outside = await post(tokens.supU!, `/cases/${id}/reassign`, body);
      const unknown = await post(tokens.supU!, `/cases/${missing}/reassign`, body);
      expect([outside.status, outside.body]).toEqual([unknown.status, unknown.body]);
      expect(outside.status).toBe(404);
      expect((await post(tokens.supT!, `/cases/not-a-uuid/reassign`, body)).status).toBe(404);

      // Accept / decline: only mediators and volunteers; a stranger to the case gets 404.
      for (const token of [tokens.intake!, tokens.supT!, adminToken]) {
        expect((await post(token, `/cases/${id}/accept`)).status).toBe(403);
        expect((await post(token, `/cases/${id}/decline`, { reason: '不接' })).status).toBe(403);
      }
      const stranger = await post(tokens.otherTown!, `/cases/${id}/accept`);
      const nowhere = await post(tokens.otherTown!, `/cases/${missing}/accept`);
      expect([stranger.status, stranger.body]).toEqual([404, nowhere.body]);
      expect(
        (await post(tokens.otherTown!, `/cases/${id}/decline`, { reason: '不接' })).status,
      ).toBe(404);
      expect((await post(tokens.village!, `/cases/bad-id/accept`)).status).toBe(404);

      // Views: supervisors and admins only, and only their subtree.
      for (const token of [tokens.intake!, tokens.village!]) {
        expect((await get(token, '/assignment/unassigned')).status).toBe(403);
        expect((await get(token, '/assignment/load')).status).toBe(403);
        expect((await get(token, '/law-firm-engagements')).status).toBe(403);
        expect(
          (await post(token, '/law-firm-engagements', { lawFirm: 'x', employerName: 'y' })).status,
        ).toBe(403);
      }
      for (const token of [tokens.supT!, tokens.intake!, adminToken]) {
        expect((await get(token, '/me/offers')).status).toBe(403);
      }
      const loadU = await get(tokens.supU!, '/assignment/load');
      const seen = loadU.body.items.map((m: { mediatorId: string }) => m.mediatorId);
      expect(seen).toEqual([net.mediators['r-other-town']]);
      const loadOutside = await get(tokens.supU!, `/assignment/load?orgUnitId=${net.units.T}`);
      expect(loadOutside.body).toMatchObject({ items: [], total: 0 });
      // The offer is still open and untouched by all of the above.
      expect((await waitForOffer(api, id)).id).toBe(offer.id);
    });

    it('answers 400 with details to bad input', async () => {
      const id = await newCase();
      await waitForOffer(api, id);
      const cases: [string, string, object, string][] = [
        ['decline', tokens.village!, {}, 'reason'],
        ['decline', tokens.village!, { reason: '' }, 'reason'],
        ['decline', tokens.village!, { reason: 'x'.repeat(501) }, 'reason'],
        ['decline', tokens.village!, { reason: '忙', extra: 1 }, 'extra'],
        ['reassign', tokens.supT!, { reason: '改派' }, 'mediatorId'],
        ['reassign', tokens.supT!, { mediatorId: 'nope', reason: '改派' }, 'mediatorId'],
        ['reassign', tokens.supT!, { mediatorId: net.mediators['r-town'] }, 'reason'],
      ];
      for (const [action, token, body, field] of cases) {
        const res = await post(token, `/cases/${id}/${action}`, body);
        expect(res.status, `${action} ${JSON.stringify(body)}`).toBe(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      for (const query of ['pageSize=500', 'page=0', 'orgUnitId=abc', 'unknown=1']) {
        expect((await get(tokens.supT!, `/assignment/unassigned?${query}`)).status, query).toBe(
          400,
        );
      }
      expect((await caseRow(api, id)).status).toBe('offered');
    });

    it('keeps law-firm records per jurisdiction, validated, audited', async () => {
      const create = (token: string, body: object) => post(token, '/law-firm-engagements', body);
      const mine = await create(tokens.supT!, {
        lawFirm: '己律师事务所',
        employerName: '扬州己电子有限公司',
        since: '2026-01-01',
        until: '2026-12-31',
      });
      expect(mine.status, JSON.stringify(mine.body)).toBe(201);
      expect(mine.body).toMatchObject({
        lawFirm: '己律师事务所',
        orgUnitId: net.units.T,
        since: '2026-01-01',
        until: '2026-12-31',
        current: true,
      });
      const theirs = await create(tokens.supU!, {
        lawFirm: '庚律师事务所',
        employerName: '扬州庚食品有限公司',
      });
      expect(theirs.status).toBe(201);

      const listT = await get(tokens.supT!, '/law-firm-engagements?pageSize=200');
      const ids = listT.body.items.map((e: { id: string }) => e.id);
      expect(ids).toContain(mine.body.id);
      expect(ids).not.toContain(theirs.body.id);
      expect((await get(tokens.supT!, '/law-firm-engagements?lawFirm=己律师')).body.total).toBe(1);

      const bad: [object, string][] = [
        [
          { lawFirm: '甲所', employerName: '乙厂', employerCreditCode: '91321012GTW2Y65Y1X' },
          'employerCreditCode',
        ],
        [
          { lawFirm: '甲所', employerName: '乙厂', since: '2026-05-01', until: '2026-04-01' },
          'until',
        ],
        [{ lawFirm: '甲所', employerName: '乙厂', since: '2026-02-30' }, 'since'],
        [{ lawFirm: '', employerName: '乙厂' }, 'lawFirm'],
        [{ lawFirm: '甲所' }, 'employerName'],
        [{ lawFirm: '甲所', employerName: '乙厂', orgUnitId: net.units.U }, 'orgUnitId'],
        [{ lawFirm: '甲所', employerName: '乙厂', bogus: true }, 'bogus'],
      ];
      for (const [body, field] of bad) {
        const res = await create(tokens.supT!, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }

      // Deleting: outside the subtree reads as unknown; a deployment-wide record is admin-only.
      const outside = await call(tokens.supT!, 'delete', `/law-firm-engagements/${theirs.body.id}`);
      const unknown = await call(tokens.supT!, 'delete', `/law-firm-engagements/${randomUUID()}`);
      expect([outside.status, outside.body]).toEqual([404, unknown.body]);
      const global = await create(adminToken, {
        lawFirm: '全区律所',
        employerName: '扬州全区有限公司',
      });
      expect(global.body.orgUnitId).toBeNull();
      expect(
        (await call(tokens.supT!, 'delete', `/law-firm-engagements/${global.body.id}`)).status,
      ).toBe(403);
      expect(
        (await call(tokens.supT!, 'delete', `/law-firm-engagements/${mine.body.id}`)).status,
      ).toBe(204);
      expect(
        (await call(tokens.supT!, 'delete', `/law-firm-engagements/${mine.body.id}`)).status,
      ).toBe(404);
      expect(
        (await call(adminToken, 'delete', `/law-firm-engagements/${global.body.id}`)).status,
      ).toBe(204);
      const audit = await dataSourceOf(api).query(
        `SELECT action, data FROM audit_log WHERE object_id = $1 ORDER BY id`,
        [mine.body.id],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'law_firm_engagement.create',
        'law_firm_engagement.delete',
      ]);
      expect(audit[1].data).toMatchObject({
        lawFirm: '己律师事务所',
        employerName: '扬州己电子有限公司',
      });
    });

    it('answers 409 to a mediator tied to the case without an open offer', async () => {
      const id = await newCase();
      const offer = await waitForOffer(api, id);
      expect(offer.mediator_id).toBe(net.mediators['r-village']);
      expect((await post(tokens.village!, `/cases/${id}/decline`, { reason: '外出' })).status).toBe(
        200,
      );
      // Declined: still tied to the case (no 404), but nothing to accept.
      const late = await post(tokens.village!, `/cases/${id}/accept`);
      expect([late.status, late.body.error]).toEqual([409, 'OFFER_NOT_YOURS']);
    });
  });
});
