import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisputeCategory } from '@heqi/core';
import { type DemoNetworkResult } from '@heqi/network';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import {
  buildNetwork,
  createCase,
  dataSourceOf,
  eventsOf,
  exclusionsOf,
  waitForEvent,
  waitForOffer,
} from './support/assignment-world.js';
import { bearer, loginAsAdmin, tokenFor } from './support/auth.js';
import { startApi, startWorker, type TestApi } from './support/test-apps.js';

/**
 * A case's volunteer-lawyer co-mediator by hand, through HTTP against the real API and worker:
 * the engine's candidates as a supervisor sees them; a lawyer withdraws and the engine finds another (never the one who left); a supervisor
 * appoints a named lawyer, replacing the current one or an open co offer, with the rules they
 * overrode as warnings and the hard ones refused; concurrent appointments leave one co-mediator;
 * wrong roles, other jurisdictions, wrong states and bad input.
 */
describe('co-mediation by hand', () => {
  let db: TestDatabase;
  let api: TestApi;
  let worker: INestApplicationContext;
  let adminToken: string;
  let net: DemoNetworkResult;
  const tokens = {} as Record<string, string>;
  const employer = '扬州庚机械制造有限公司';

  const post = (token: string, path: string, body: object = {}) =>
    api.http.post(`/api/v1${path}`).set('authorization', bearer(token)).send(body);
  const appoint = (token: string, caseId: string, mediatorId: string, reason = '请律师协同调解') =>
    post(token, `/cases/${caseId}/co-mediator`, { mediatorId, reason });
  const end = (token: string, caseId: string, body: object = { reason: '律师退出协同调解' }) =>
    post(token, `/cases/${caseId}/co-mediator/end`, body);

  /** Co-mediation rows of the case, oldest first: who, and whether it is current. */
  const coRows = async (caseId: string) =>
    (await dataSourceOf(api).query(
      `SELECT mediator_id, until IS NULL AS current FROM case_co_mediator
        WHERE case_id = $1 ORDER BY since, id`,
      [caseId],
    )) as { mediator_id: string; current: boolean }[];
  const assignJobsOf = async (caseId: string): Promise<number> =>
    (
      await dataSourceOf(api).query(
        `SELECT count(*)::int AS n FROM outbox_message
          WHERE job_name = 'cases.assign' AND payload->>'caseId' = $1`,
        [caseId],
      )
    )[0].n;
  const auditsOf = async (caseId: string, action: string): Promise<Record<string, unknown>[]> =>
    (
      (await dataSourceOf(api).query(
        `SELECT data FROM audit_log WHERE object_id = $1 AND action = $2 ORDER BY id`,
        [caseId, action],
      )) as { data: Record<string, unknown> }[]
    ).map((r) => r.data);

  const login = (roles: string[], orgUnitId: string, mediatorId?: string) =>
    tokenFor(api, adminToken, roles, orgUnitId, mediatorId);

  /** A collective dispute against the employer, its lead offer accepted by the town mediator. */
  async function collectiveInMediation(): Promise<{ id: string; co: string }> {
    const id = await createCase(api, {
      orgUnitId: net.units.V!,
      collective: true,
      townLevel: true,
      workerCount: 15,
      employer: { name: employer },
    });
    await waitForOffer(api, id);
    const co = await waitForOffer(api, id, 'co');
    expect((await post(tokens.lead!, `/cases/${id}/accept`)).status).toBe(200);
    return { id, co: co.mediator_id };
  }

  const lawyerToken = (mediatorId: string) =>
    mediatorId === net.mediators.lawA ? tokens.lawA! : tokens.lawB!;
  const other = (mediatorId: string) =>
    mediatorId === net.mediators.lawA ? net.mediators.lawB! : net.mediators.lawA!;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url);
    api = await startApi(config);
    worker = await startWorker(config);
    adminToken = (await loginAsAdmin(api)).accessToken;
    net = await buildNetwork(
      api,
      [
        { ref: 'D', name: '庚区', level: 'district' },
        { ref: 'T', name: '庚镇', level: 'town', parent: 'D' },
        { ref: 'V', name: '庚村', level: 'village', parent: 'T' },
        { ref: 'U', name: '辛镇', level: 'town', parent: 'D' },
        { ref: 'X', name: '壬区', level: 'district' },
      ],
      [
        { ref: 'lead', unit: 'T', capacity: 50 },
        { ref: 'village', unit: 'V', kind: 'village_mediator' },
        { ref: 'lawA', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '庚一律师事务所' },
        { ref: 'lawB', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '庚二律师事务所' },
        { ref: 'conflicted', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '庚三律师事务所' },
        {
          ref: 'away',
          unit: 'D',
          kind: 'volunteer_lawyer',
          lawFirm: '庚四律师事务所',
          unavailableUntil: new Date(Date.now() + 86_400_000),
        },
        { ref: 'elsewhere', unit: 'X', kind: 'volunteer_lawyer', lawFirm: '壬律师事务所' },
      ],
    );
    tokens.supT = await login(['supervisor'], net.units.T!);
    tokens.supU = await login(['supervisor'], net.units.U!);
    tokens.intake = await login(['intake'], net.units.T!);
    tokens.lead = await login(['mediator'], net.units.T!, net.mediators.lead);
    tokens.lawA = await login(['volunteer'], net.units.D!, net.mediators.lawA);
    tokens.lawB = await login(['volunteer'], net.units.D!, net.mediators.lawB);
    tokens.elsewhere = await login(['volunteer'], net.units.X!, net.mediators.elsewhere);
    const engagement = await post(adminToken, '/law-firm-engagements', {
      lawFirm: '庚三律师事务所',
      employerName: employer,
    });
    expect(engagement.status, JSON.stringify(engagement.body)).toBe(201);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it('shows a supervisor the engine’s candidates for a case, and why not the others', async () => {
    const { id, co } = await collectiveInMediation();
    const candidates = (token: string, query = '?role=co') =>
      api.http.get(`/api/v1/cases/${id}/candidates${query}`).set('authorization', bearer(token));

    // A town's supervisor sees the district's lawyers: they cover the case's village.
    const res = await candidates(tokens.supT!);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      caseId: id,
      role: 'co',
      status: 'in_mediation',
      leadMediatorId: net.mediators.lead,
      coMediatorId: null,
    });
    const ranked = res.body.ranked.map((c: { mediatorId: string }) => c.mediatorId);
    expect(ranked.sort()).toEqual([net.mediators.lawA, net.mediators.lawB].sort());
    // The same exclusions the engine wrote when it made the co offer a moment ago.
    const [offered] = await eventsOf(api, id, 'assignment.co_offered');
    expect(exclusionsOf(res.body)).toEqual(exclusionsOf(offered!));
    expect(exclusionsOf(res.body)).toEqual({
      [net.mediators.conflicted!]: 'law_firm_conflict',
      [net.mediators.away!]: 'unavailable',
    });
    // 回避 and absence are binding: the view says a supervisor cannot name them either.
    expect(res.body.excluded.map((e: { overridable: boolean }) => e.overridable)).toEqual([
      false,
      false,
    ]);

    // As lead: the town level rule keeps the village's mediator out; the holder is listed.
    const lead = await candidates(tokens.supT!, '');
    expect(lead.body.role).toBe('lead');
    expect(exclusionsOf(lead.body)[net.mediators.village!]).toBe('below_town_level');
    const villageIn = (body: { excluded: { mediatorId: string }[] }) =>
      body.excluded.find((e) => e.mediatorId === net.mediators.village);
    expect(villageIn(lead.body), 'a supervisor may name a village mediator').toMatchObject({
      breaches: [{ reason: 'below_town_level', overridable: true }],
      overridable: true,
    });
    // Every rule is listed, not only the one the engine stopped at: inactive as well, it binds.
    const ds = dataSourceOf(api);
    await ds.query(`UPDATE mediator SET active = false WHERE id = $1`, [net.mediators.village]);
    try {
      expect(villageIn((await candidates(tokens.supT!, '')).body)).toMatchObject({
        reason: 'below_town_level',
        breaches: [
          { reason: 'below_town_level', overridable: true },
          { reason: 'inactive', overridable: false },
        ],
        overridable: false,
      });
    } finally {
      await ds.query(`UPDATE mediator SET active = true WHERE id = $1`, [net.mediators.village]);
    }
    expect(lead.body.ranked.map((c: { mediatorId: string }) => c.mediatorId)).toContain(
      net.mediators.lead,
    );

    // Once the offered lawyer accepted, the view names them as the co-mediator.
    expect((await post(lawyerToken(co), `/cases/${id}/accept`)).status).toBe(200);
    expect((await candidates(tokens.supT!)).body.coMediatorId).toBe(co);

    for (const token of [tokens.intake!, tokens.lead!, tokens.lawA!]) {
      expect((await candidates(token)).status).toBe(403);
    }
    const unknown = await api.http
      .get(`/api/v1/cases/${randomUUID()}/candidates`)
      .set('authorization', bearer(tokens.supT!));
    expect([unknown.status, unknown.body.error]).toEqual([404, 'CASE_NOT_FOUND']);
    const outside = await candidates(tokens.supU!);
    expect(outside.status).toBe(404);
    const bad = await candidates(tokens.supT!, '?role=boss');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['role']);
    const notAnId = await api.http
      .get('/api/v1/cases/not-a-uuid/candidates')
      .set('authorization', bearer(tokens.supT!));
    expect(notAnId.status).toBe(404);
  });

  it('lets a lawyer withdraw; another is found, never the one who left', async () => {
    const { id, co: first } = await collectiveInMediation();
    expect((await post(lawyerToken(first), `/cases/${id}/accept`)).status).toBe(200);

    const res = await end(lawyerToken(first), id, { reason: '发现本所曾为该企业提供法律咨询' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      caseId: id,
      caseNo: expect.any(String),
      mediatorId: first,
      withdrawnOfferId: null,
      seekingAnother: true,
    });
    expect(await coRows(id)).toEqual([{ mediator_id: first, current: false }]);
    expect(await eventsOf(api, id, 'assignment.co_ended')).toEqual([
      {
        mediatorId: first,
        withdrawnOfferId: null,
        reason: '发现本所曾为该企业提供法律咨询',
        seekingAnother: true,
        byCoMediator: true,
      },
    ]);
    expect(await auditsOf(id, 'case.co_end')).toHaveLength(1);

    // The engine asks the other lawyer; the one who left is passed over, and says why.
    const next = await waitForOffer(api, id, 'co');
    expect(next.mediator_id).toBe(other(first));
    const [, offered] = await eventsOf(api, id, 'assignment.co_offered');
    expect(exclusionsOf(offered!)).toMatchObject({
      [first]: 'released_before',
      [net.mediators.conflicted!]: 'law_firm_conflict',
      [net.mediators.away!]: 'unavailable',
    });
    // Declined too: nobody is left, and the lead goes on alone.
    expect(
      (await post(lawyerToken(next.mediator_id), `/cases/${id}/decline`, { reason: '时间冲突' }))
        .status,
    ).toBe(200);
    const none = await waitForEvent(api, id, 'assignment.co_none');
    expect(exclusionsOf(none)).toMatchObject({
      [first]: 'released_before',
      [next.mediator_id]: 'declined_before',
    });
    // No longer the co-mediator: nothing to end, and nothing to see.
    expect((await end(lawyerToken(first), id)).status).toBe(404);
  });

  it('lets a supervisor appoint a named lawyer, replace them, and end it without a search', async () => {
    const { id, co } = await collectiveInMediation();
    // The open co offer is withdrawn by appointing the other lawyer.
    const chosen = other(co);
    const res = await appoint(tokens.supT!, id, chosen, '该律师熟悉本案企业情况');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      caseId: id,
      mediatorId: chosen,
      previousMediatorId: null,
      overCapacity: false,
      warnings: [],
    });
    const [offer] = await dataSourceOf(api).query(
      `SELECT id, state FROM case_offer WHERE case_id = $1 AND role = 'co' ORDER BY offered_at`,
      [id],
    );
    expect(offer).toEqual({ id: res.body.withdrawnOfferId, state: 'withdrawn' });
    expect(
      (await api.http.get('/api/v1/me/offers').set('authorization', bearer(lawyerToken(co)))).body
        .items,
    ).toEqual([]);
    expect(await coRows(id)).toEqual([{ mediator_id: chosen, current: true }]);
    const detail = await api.http
      .get(`/api/v1/cases/${id}`)
      .set('authorization', bearer(tokens.lead!));
    expect(detail.body.coMediators).toEqual([expect.objectContaining({ mediatorId: chosen })]);

    expect((await appoint(tokens.supT!, id, chosen)).body.error).toBe('ASSIGNMENT_ALREADY_HOLDER');
    // The lawyer whose offer was withdrawn did not decline: no warning, and they replace the first.
    const replaced = await appoint(tokens.supT!, id, co, '原协同律师调任');
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({
      mediatorId: co,
      previousMediatorId: chosen,
      warnings: [],
    });
    expect(await coRows(id)).toEqual([
      { mediator_id: chosen, current: false },
      { mediator_id: co, current: true },
    ]);
    // Appointing back the one released is the supervisor's call, recorded as a warning.
    const back = await appoint(tokens.supT!, id, chosen, '原协同律师回到本案');
    expect(back.body).toMatchObject({ previousMediatorId: co, warnings: ['released_before'] });
    expect((await eventsOf(api, id, 'assignment.co_appointed')).map((e) => e.mediatorId)).toEqual([
      chosen,
      co,
      chosen,
    ]);
    expect(await auditsOf(id, 'case.co_appoint')).toHaveLength(3);

    const jobsBefore = await assignJobsOf(id);
    const ended = await end(tokens.supT!, id, { reason: '案情简单，无需律师', seekAnother: false });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ mediatorId: chosen, seekingAnother: false });
    expect(await assignJobsOf(id)).toBe(jobsBefore);
    expect((await coRows(id)).filter((r) => r.current)).toEqual([]);
    expect((await end(tokens.supT!, id)).body.error).toBe('ASSIGNMENT_WRONG_STATE');
  });

  it('refuses lawyers who may not co-mediate, and ends an open offer on its own', async () => {
    const { id, co } = await collectiveInMediation();
    const notEligible = [net.mediators.conflicted!, net.mediators.away!];
    for (const mediatorId of notEligible) {
      const res = await appoint(tokens.supT!, id, mediatorId);
      expect(res.status, mediatorId).toBe(409);
      expect(res.body.error).toBe('MEDIATOR_NOT_ELIGIBLE');
    }
    // Not a volunteer lawyer, or not covering the case's unit: no such lawyer for this case.
    for (const mediatorId of [
      net.mediators.lead!,
      net.mediators.village!,
      net.mediators.elsewhere!,
    ]) {
      const res = await appoint(tokens.supT!, id, mediatorId);
      expect(res.status, mediatorId).toBe(400);
      expect(res.body.details).toEqual([{ field: 'mediatorId', message: expect.any(String) }]);
    }
    expect(await coRows(id)).toEqual([]);

    // A supervisor ending co-mediation before anyone accepted withdraws the open offer.
    const ended = await end(tokens.supT!, id, { reason: '暂不需要律师', seekAnother: false });
    expect(ended.body).toMatchObject({ mediatorId: null, seekingAnother: false });
    const [offer] = await dataSourceOf(api).query(`SELECT state FROM case_offer WHERE id = $1`, [
      ended.body.withdrawnOfferId,
    ]);
    expect(offer.state).toBe('withdrawn');
    expect(ended.body.withdrawnOfferId).toBeTruthy();
    expect((await post(lawyerToken(co), `/cases/${id}/accept`)).body.error).toBe('OFFER_NOT_YOURS');
  });

  it('leaves one co-mediator when supervisors appoint at the same time', async () => {
    const { id } = await collectiveInMediation();
    const lawyers = [net.mediators.lawA!, net.mediators.lawB!];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        appoint(tokens.supT!, id, lawyers[i % 2]!, `并发指定${i}`),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.every((s) => s === 200 || s === 409),
      JSON.stringify(statuses),
    ).toBe(true);
    const rows = await coRows(id);
    expect(rows.filter((r) => r.current)).toHaveLength(1);
    expect(rows).toHaveLength(statuses.filter((s) => s === 200).length);
    const events = await eventsOf(api, id, 'assignment.co_appointed');
    expect(events).toHaveLength(rows.length);
    // Each appointment replaced the one before it, in the order they committed.
    events.slice(1).forEach((e, i) => expect(e.previousMediatorId).toBe(events[i]!.mediatorId));
  });

  it('answers 403 to wrong roles, 404 outside the jurisdiction, 409 to wrong states', async () => {
    const { id, co } = await collectiveInMediation();
    const body = { mediatorId: net.mediators.lawA, reason: '指定' };
    for (const token of [tokens.intake!, tokens.lead!, tokens.lawA!]) {
      expect((await post(token, `/cases/${id}/co-mediator`, body)).status).toBe(403);
    }
    for (const token of [tokens.intake!, tokens.lead!]) {
      expect((await end(token, id)).status).toBe(403);
    }
    const missing = randomUUID();
    const outside = await post(tokens.supU!, `/cases/${id}/co-mediator`, body);
    const unknown = await post(tokens.supU!, `/cases/${missing}/co-mediator`, body);
    expect([outside.status, outside.body]).toEqual([404, unknown.body]);
    expect((await end(tokens.supU!, id)).status).toBe(404);
    expect((await post(tokens.supT!, `/cases/not-a-uuid/co-mediator`, body)).status).toBe(404);
    // A lawyer with an open offer (not yet co-mediating) and a stranger cannot end it.
    expect((await end(lawyerToken(co), id)).status).toBe(404);
    expect((await end(tokens.elsewhere!, id)).status).toBe(404);
    expect((await waitForOffer(api, id, 'co')).mediator_id).toBe(co);

    // No lead offer yet (nobody has the skill): nothing to co-mediate.
    const queued = await createCase(api, {
      orgUnitId: net.units.V!,
      category: DisputeCategory.WorkInjury,
    });
    await waitForEvent(api, queued, 'assignment.no_candidate');
    const early = await appoint(tokens.supT!, queued, net.mediators.lawA!);
    expect([early.status, early.body.error]).toEqual([409, 'ASSIGNMENT_WRONG_STATE']);
    expect((await end(tokens.supT!, queued)).body.error).toBe('ASSIGNMENT_WRONG_STATE');
  });

  it('answers 400 with details to bad input, and changes nothing', async () => {
    const { id } = await collectiveInMediation();
    const cases: [string, object, string][] = [
      ['co-mediator', { reason: '指定' }, 'mediatorId'],
      ['co-mediator', { mediatorId: 'nope', reason: '指定' }, 'mediatorId'],
      ['co-mediator', { mediatorId: net.mediators.lawA }, 'reason'],
      ['co-mediator', { mediatorId: net.mediators.lawA, reason: ' ' }, 'reason'],
      ['co-mediator', { mediatorId: net.mediators.lawA, reason: 'x'.repeat(501) }, 'reason'],
      ['co-mediator', { mediatorId: net.mediators.lawA, reason: '指定', extra: 1 }, 'extra'],
      ['co-mediator/end', {}, 'reason'],
      ['co-mediator/end', { reason: 7 }, 'reason'],
      ['co-mediator/end', { reason: '结束', seekAnother: 'yes' }, 'seekAnother'],
    ];
    for (const [action, body, field] of cases) {
      const res = await post(tokens.supT!, `/cases/${id}/${action}`, body);
      expect(res.status, `${action} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await coRows(id)).toEqual([]);
    expect(await eventsOf(api, id, 'assignment.co_appointed')).toEqual([]);
  });
});
