import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobName, OutboxService } from '@heqi/core';
import { DeadlinesService } from '@heqi/deadlines';
import type { DemoNetworkResult } from '@heqi/network';
import { FakeHotlinePlatform, type HotlineKey, signedPost, waitFor } from '@heqi/testing';
import { createCase, dataSourceOf, waitForOffer } from './support/assignment-world.js';
import { bearer, createUser } from './support/auth.js';
import { type HotlineWorld, startHotlineWorld } from './support/hotline-world.js';
import type { TestApi } from './support/test-apps.js';

/**
 * The 12345 reply loop on heqi's side, without the mediation routes: 回访 (signature, 404, 400,
 * 409, duplicates, concurrency), 重办 (status, holder, reopen count, reply state, a new reply
 * clock), the reply draft (route and the drafted reply the platform receives when a close gave
 * none), the case detail's hotline block, and the clocks assignment now drives (签收 stops at the
 * first offer; first contact starts at acceptance and at reassignment). Cases are closed here the
 * way the mediation close does it — status, outcome, `case.closed`, clocks stopped, reply
 * pending and its job — in one transaction.
 */
describe('hotline feedback (回访) and reopening (重办)', () => {
  let world: HotlineWorld;
  let KEY: HotlineKey;
  let OUT: HotlineKey;
  let api: TestApi;
  let platform: FakeHotlinePlatform;
  let sql: pg.Pool;
  let net: DemoNetworkResult;
  let adminToken: string;
  let supervisorToken: string;
  const mediatorTokens = new Map<string, string>();

  const feedbackPath = (orderNo: string) =>
    `/api/v1/hotline/orders/${encodeURIComponent(orderNo)}/feedback`;
  const sendFeedback = (orderNo: string, body: unknown, key: HotlineKey = KEY) =>
    signedPost(api.http, feedbackPath(orderNo), key, body);
  const count = async (table: string, where = 'TRUE', params: unknown[] = []) =>
    (await sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0]
      .n as number;
  const caseRow = async (caseId: string) =>
    (await sql.query(`SELECT * FROM mediation_case WHERE id = $1`, [caseId])).rows[0] as Record<
      string,
      unknown
    >;
  const orderRow = async (orderNo: string) =>
    (await sql.query(`SELECT * FROM hotline_order WHERE order_no = $1`, [orderNo]))
      .rows[0] as Record<string, unknown>;
  const clocks = async (caseId: string, kind: string) =>
    (
      await sql.query(
        `SELECT state, started_at, stopped_at, stop_reason, due_at FROM case_clock
          WHERE case_id = $1 AND kind = $2 ORDER BY started_at, id`,
        [caseId, kind],
      )
    ).rows as {
      state: string;
      started_at: Date;
      stopped_at: Date | null;
      stop_reason: string | null;
      due_at: Date;
    }[];
  const types = async (caseId: string) =>
    (
      await sql.query(`SELECT type FROM case_event WHERE case_id = $1 ORDER BY id`, [caseId])
    ).rows.map((r: { type: string }) => r.type);

  async function mediatorToken(mediatorId: string): Promise<string> {
    let token = mediatorTokens.get(mediatorId);
    if (!token) {
      const [unit] = (
        await sql.query(`SELECT org_unit_id FROM mediator WHERE id = $1`, [mediatorId])
      ).rows as { org_unit_id: string }[];
      token = (
        await createUser(api, adminToken, {
          username: `med.${randomUUID().slice(0, 8)}`,
          roles: ['mediator'],
          orgUnitId: unit!.org_unit_id,
          mediatorId,
        })
      ).token;
      mediatorTokens.set(mediatorId, token);
    }
    return token;
  }

  /** A signed push of a wage-arrears order at 西塘村's employer (routes to 西塘镇/西塘村). */
  async function pushOrder(): Promise<{ orderNo: string; caseId: string }> {
    const orderNo = `FB12345-${randomUUID()}`;
    const res = await signedPost(api.http, '/api/v1/hotline/orders', KEY, {
      orderNo,
      title: '关于扬州瑞丰五金制造有限公司拖欠工资的诉求',
      content:
        '来电人反映其在扬州瑞丰五金制造有限公司从事电工工作，该公司拖欠其3个月工资共计30000元，诉求协调尽快支付。',
      category: '劳动保障-拖欠工资',
      callerName: '廖娟',
      callerPhone: '13790308709',
      eventAddress: '南湖区西塘镇西塘村开发区10号',
      employerName: '扬州瑞丰五金制造有限公司',
      dispatchedAt: new Date().toISOString(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { orderNo, caseId: res.body.caseId as string };
  }

  /** Pushed, offered by the worker's engine, accepted by the offered mediator. */
  async function acceptedCase(): Promise<{
    orderNo: string;
    caseId: string;
    mediatorId: string;
    token: string;
  }> {
    const { orderNo, caseId } = await pushOrder();
    const offer = await waitForOffer(api, caseId);
    const token = await mediatorToken(offer.mediator_id);
    const res = await api.http
      .post(`/api/v1/cases/${caseId}/accept`)
      .set('authorization', bearer(token));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { orderNo, caseId, mediatorId: offer.mediator_id, token };
  }

  /** Closes a case as the mediation close does (see the describe's comment). */
  async function close(
    caseId: string,
    outcome: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    const ds = dataSourceOf(api);
    await ds.transaction(async (manager) => {
      await manager.query(
        `UPDATE mediation_case SET status = 'closed', outcome = $2, closed_at = now(),
                amount_agreed = coalesce($3::numeric, amount_agreed), updated_at = now()
          WHERE id = $1 AND status = 'in_mediation'`,
        [caseId, outcome, (data.amountAgreed as string | undefined) ?? null],
      );
      await manager.query(
        `INSERT INTO case_event (case_id, actor_name, type, data) VALUES ($1, 'test-close', 'case.closed', $2)`,
        [caseId, JSON.stringify({ outcome, ...data })],
      );
      await api.app.get(DeadlinesService).stopAllClocks(manager, caseId, 'closed');
      await manager.query(`UPDATE hotline_order SET reply_state = 'pending' WHERE case_id = $1`, [
        caseId,
      ]);
      await api.app
        .get(OutboxService)
        .enqueue(manager, JobName.DeliverHotlineReply, { caseId, kind: 'reply' });
    });
  }

  const delivered = (orderNo: string) =>
    waitFor(`reply of ${orderNo} delivered`, async () => {
      const order = await orderRow(orderNo);
      return order.reply_state === 'delivered' ? order : undefined;
    });

  beforeAll(async () => {
    world = await startHotlineWorld('fb');
    ({ api, platform, sql, net, adminToken, supervisorToken, key: KEY, out: OUT } = world);
  });

  afterAll(() => world?.close());

  describe('clocks driven by assignment', () => {
    it('stops 签收 at the first offer and starts first contact at acceptance', async () => {
      const { caseId } = await pushOrder();
      await waitForOffer(api, caseId);
      const signFor = await clocks(caseId, 'hotline_sign_for');
      expect(signFor).toHaveLength(1);
      expect(signFor[0]).toMatchObject({ state: 'met', stop_reason: 'offered' });
      expect(signFor[0]!.stopped_at).not.toBeNull();
      expect(await clocks(caseId, 'first_contact')).toEqual([]);

      const offer = await waitForOffer(api, caseId);
      const before = new Date();
      const res = await api.http
        .post(`/api/v1/cases/${caseId}/accept`)
        .set('authorization', bearer(await mediatorToken(offer.mediator_id)));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const contact = await clocks(caseId, 'first_contact');
      expect(contact).toHaveLength(1);
      expect(contact[0]).toMatchObject({ state: 'running', stopped_at: null });
      expect(contact[0]!.started_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      // 1 working day: due after it started, and within the week (holidays aside).
      expect(contact[0]!.due_at.getTime()).toBeGreaterThan(contact[0]!.started_at.getTime());
      const detail = await api.http
        .get(`/api/v1/cases/${caseId}`)
        .set('authorization', bearer(supervisorToken));
      expect(detail.body.deadlines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'first_contact', state: 'running' }),
        ]),
      );
    });

    it('starts first contact when a supervisor reassigns the case, and stops 签收', async () => {
      const { caseId } = await pushOrder();
      const offer = await waitForOffer(api, caseId);
      const other = [net.mediators['M-T2a']!, net.mediators['M-T2b']!].find(
        (m) => m !== offer.mediator_id,
      )!;
      const res = await api.http
        .post(`/api/v1/cases/${caseId}/reassign`)
        .set('authorization', bearer(supervisorToken))
        .send({ mediatorId: other, reason: '熟悉该企业情况' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect((await caseRow(caseId)).mediator_id).toBe(other);
      const contact = await clocks(caseId, 'first_contact');
      expect(contact).toHaveLength(1);
      expect(contact[0]).toMatchObject({ state: 'running', stopped_at: null });
      expect(await clocks(caseId, 'hotline_sign_for')).toEqual([
        expect.objectContaining({ state: 'met', stop_reason: 'offered' }),
      ]);
    });
  });

  describe('feedback: refusals', () => {
    it('answers an unknown order with 404 HOTLINE_ORDER_NOT_FOUND in Chinese, writing nothing', async () => {
      const before = await count('case_feedback');
      const res = await sendFeedback('NO-SUCH-ORDER-1', {
        result: 'satisfied',
        visitedAt: new Date().toISOString(),
      });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'HOTLINE_ORDER_NOT_FOUND' });
      expect(res.body.message).toMatch(/工单 NO-SUCH-ORDER-1 不存在/);
      expect(await count('case_feedback')).toBe(before);
    });

    it('refuses a bad signature, an unknown key and a stale timestamp with 401, writing nothing', async () => {
      const { orderNo, caseId } = await acceptedCase();
      await close(caseId, 'failed', { reason: '用人单位拒不到场', handlingSummary: '已调解' });
      await delivered(orderNo); // its timeline event is not the refused pushes' doing
      const events = await count('case_event', 'case_id = $1', [caseId]);
      const body = { result: 'unsatisfied', visitedAt: new Date().toISOString() };
      const wrongSecret = await sendFeedback(orderNo, body, { ...KEY, secret: 'not-the-secret' });
      const unknownKey = await sendFeedback(orderNo, body, { keyId: 'nobody', secret: 'x' });
      const stale = await signedPost(
        api.http,
        feedbackPath(orderNo),
        KEY,
        body,
        Math.floor(Date.now() / 1000) - 600,
      );
      const unsigned = await api.http.post(feedbackPath(orderNo)).send(body);
      for (const res of [wrongSecret, unknownKey, stale, unsigned]) {
        expect(res.status).toBe(401);
        expect(res.body.error).toBe('HOTLINE_BAD_SIGNATURE');
      }
      expect(await count('case_feedback', 'order_no = $1', [orderNo])).toBe(0);
      expect(await count('case_event', 'case_id = $1', [caseId])).toBe(events);
      expect((await caseRow(caseId)).status).toBe('closed');
    });

    it.each([
      ['an unknown result', { result: 'happy', visitedAt: '2026-11-25T10:00:00+08:00' }, 'result'],
      ['no visit time', { result: 'satisfied' }, 'visitedAt'],
      [
        'a visit time without offset',
        { result: 'satisfied', visitedAt: '2026-11-25 10:00' },
        'visitedAt',
      ],
      ['a date only', { result: 'satisfied', visitedAt: '2026-11-25' }, 'visitedAt'],
      [
        'a comment that is not text',
        { result: 'satisfied', visitedAt: '2026-11-25T10:00:00+08:00', comment: 5 },
        'comment',
      ],
      [
        'an unknown field',
        { result: 'satisfied', visitedAt: '2026-11-25T10:00:00+08:00', score: 5 },
        'score',
      ],
    ])('refuses %s with 400 naming the field', async (_what, body, field) => {
      const res = await sendFeedback('ANY-ORDER', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([{ field, message: expect.stringMatching(/[\u4e00-\u9fff]/) }]),
      );
    });

    it('answers feedback on a case still in mediation with 409 and records nothing', async () => {
      const { orderNo, caseId } = await acceptedCase();
      const res = await sendFeedback(orderNo, {
        result: 'unsatisfied',
        visitedAt: new Date().toISOString(),
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'HOTLINE_CASE_NOT_CLOSED' });
      expect(res.body.message).toMatch(/尚未办结/);
      expect(await count('case_feedback', 'order_no = $1', [orderNo])).toBe(0);
      expect((await caseRow(caseId)).reopen_count).toBe(0);
    });
  });

  describe('feedback on a closed case', () => {
    it('records a satisfied 回访 (201), shows it on the case and leaves the case closed', async () => {
      const { orderNo, caseId } = await acceptedCase();
      await close(caseId, 'settled', {
        handlingSummary: '经调解达成协议',
        publicReply: '您好！已调解成功。',
        amountAgreed: '30000.00',
      });
      const visitedAt = '2026-11-25T10:30:00+08:00';
      const res = await sendFeedback(orderNo, {
        result: 'satisfied',
        comment: '很满意',
        visitedAt,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({
        orderNo,
        caseId,
        result: 'satisfied',
        reopened: false,
        duplicate: false,
      });
      const kase = await caseRow(caseId);
      expect(kase).toMatchObject({ status: 'closed', outcome: 'settled', reopen_count: 0 });
      const rows = (await sql.query(`SELECT * FROM case_feedback WHERE order_no = $1`, [orderNo]))
        .rows;
      expect(rows).toEqual([
        expect.objectContaining({
          case_id: caseId,
          result: 'satisfied',
          comment: '很满意',
          visited_at: new Date(visitedAt),
        }),
      ]);
      const detail = await api.http
        .get(`/api/v1/cases/${caseId}`)
        .set('authorization', bearer(supervisorToken));
      expect(detail.body.hotline).toMatchObject({
        orderNo,
        feedback: {
          result: 'satisfied',
          comment: '很满意',
          visitedAt: new Date(visitedAt).toISOString(),
        },
      });
      const timeline = (
        await api.http
          .get(`/api/v1/cases/${caseId}/timeline`)
          .set('authorization', bearer(supervisorToken))
      ).body.items as { type: string; actor: string; data: Record<string, unknown> }[];
      // The reply's delivery may land before or after it: look the event up by type.
      expect(timeline.find((e) => e.type === 'hotline.feedback')).toMatchObject({
        type: 'hotline.feedback',
        actor: `hotline:${KEY.keyId}`,
        data: { result: 'satisfied', resultLabel: '满意', comment: '很满意', orderNo },
      });
      expect(
        await count('audit_log', `object_id = $1 AND action = 'hotline.feedback'`, [caseId]),
      ).toBe(1);
    });

    it('reopens on unsatisfied: back in mediation with its holder, counted, reply reset, a new reply clock', async () => {
      const { orderNo, caseId, mediatorId } = await acceptedCase();
      await close(caseId, 'failed', { reason: '双方分歧较大', handlingSummary: '组织调解两次' });
      const stoppedReply = await clocks(caseId, 'hotline_reply');
      expect(stoppedReply.every((c) => c.stopped_at !== null)).toBe(true);
      await delivered(orderNo);

      const before = new Date();
      const visitedAt = new Date().toISOString();
      const res = await sendFeedback(orderNo, {
        result: 'unsatisfied',
        comment: '问题没有解决',
        visitedAt,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ result: 'unsatisfied', reopened: true, duplicate: false });

      expect(await caseRow(caseId)).toMatchObject({
        status: 'in_mediation',
        mediator_id: mediatorId,
        outcome: null,
        closed_at: null,
        reopen_count: 1,
      });
      expect(await orderRow(orderNo)).toMatchObject({
        reply_state: 'none',
        reply_last_error: null,
      });
      const reply = await clocks(caseId, 'hotline_reply');
      expect(reply).toHaveLength(stoppedReply.length + 1);
      const fresh = reply.at(-1)!;
      expect(fresh).toMatchObject({ state: 'running', stopped_at: null });
      expect(fresh.started_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(fresh.due_at.getTime()).toBeGreaterThan(fresh.started_at.getTime());

      const events = (
        await sql.query(
          `SELECT type, actor_name, data FROM case_event WHERE case_id = $1 ORDER BY id`,
          [caseId],
        )
      ).rows as { type: string; actor_name: string; data: Record<string, unknown> }[];
      expect(events.slice(-2).map((e) => e.type)).toEqual(['hotline.feedback', 'case.reopened']);
      expect(events.at(-1)!.data).toMatchObject({
        result: 'unsatisfied',
        comment: '问题没有解决',
        visitedAt: new Date(visitedAt).toISOString(),
        status: 'in_mediation',
        mediatorId,
        reopenCount: 1,
        previousOutcome: 'failed',
        replyDueAt: fresh.due_at.toISOString(),
      });
      const detail = await api.http
        .get(`/api/v1/cases/${caseId}`)
        .set('authorization', bearer(supervisorToken));
      expect(detail.body).toMatchObject({
        status: 'in_mediation',
        mediatorId,
        outcome: null,
        closedAt: null,
        hotline: {
          orderNo,
          replyState: 'none',
          replyLastError: null,
          feedback: { result: 'unsatisfied' },
        },
      });
      expect(detail.body.deadlines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'hotline_reply', state: 'running' }),
        ]),
      );

      // The holder is told, in the inbox.
      const inbox = await api.http
        .get('/api/v1/me/notifications')
        .set('authorization', bearer(await mediatorToken(mediatorId)));
      expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
      expect(inbox.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'case.reopened',
            caseId,
            title: expect.stringContaining('12345 工单重办'),
            body: expect.stringContaining('回访不满意（问题没有解决）'),
          }),
        ]),
      );

      // The same feedback again: 200 duplicate, no second row, no second reopen.
      const again = await sendFeedback(orderNo, {
        result: 'unsatisfied',
        comment: '问题没有解决',
        visitedAt,
      });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body).toEqual({
        orderNo,
        caseId,
        result: 'unsatisfied',
        reopened: false,
        duplicate: true,
      });
      expect(await count('case_feedback', 'order_no = $1', [orderNo])).toBe(1);
      expect((await caseRow(caseId)).reopen_count).toBe(1);

      // Closed again: the reset reply state lets the second reply go out (not skipped as
      // already delivered), drafted from the outcome since this close gave no public reply.
      await close(caseId, 'referred_arbitration', {
        reason: '用人单位拒不履行',
        handlingSummary: '再次组织调解未果，引导申请仲裁',
        referral: { institution: '南湖区劳动人事争议仲裁委员会' },
      });
      await delivered(orderNo);
      const replies = platform.accepted.filter((r) => r.body.orderNo === orderNo);
      expect(replies).toHaveLength(2);
      expect(replies[1]!.body).toMatchObject({
        orderNo,
        kind: 'reply',
        resolved: false,
        unresolvedReason: '用人单位拒不履行',
        handlingSummary: '再次组织调解未果，引导申请仲裁',
        publicReply: expect.stringContaining('向南湖区劳动人事争议仲裁委员会申请仲裁'),
        closedAt: expect.any(String),
      });
      expect(replies[1]!.keyId).toBe(OUT.keyId);
    });

    it('records identical feedback pushed 12 times at once exactly once, reopening once', async () => {
      const { orderNo, caseId } = await acceptedCase();
      await close(caseId, 'withdrawn', { handlingSummary: '申请人撤回' });
      const body = { result: 'unsatisfied', visitedAt: new Date().toISOString() };
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => sendFeedback(orderNo, body)),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses, JSON.stringify(answers.map((a) => a.body))).toEqual([
        200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
      ]);
      expect(answers.filter((a) => a.body.reopened === true)).toHaveLength(1);
      expect(await count('case_feedback', 'order_no = $1', [orderNo])).toBe(1);
      expect(await caseRow(caseId)).toMatchObject({ status: 'in_mediation', reopen_count: 1 });
      expect((await types(caseId)).filter((t) => t === 'case.reopened')).toHaveLength(1);
      expect(
        (await clocks(caseId, 'hotline_reply')).filter((c) => c.stopped_at === null),
      ).toHaveLength(1);
    });

    it('sends a case closed without a holder back to the queue, where the engine offers it again', async () => {
      const { orderNo, caseId } = await pushOrder();
      const offer = await waitForOffer(api, caseId);
      // 不予受理 before anyone took it: the offer withdrawn, closed with no holder.
      await sql.query(
        `UPDATE case_offer SET state = 'withdrawn', answered_at = now() WHERE id = $1`,
        [offer.id],
      );
      await sql.query(
        `UPDATE mediation_case SET status = 'closed', outcome = 'rejected', closed_at = now()
          WHERE id = $1`,
        [caseId],
      );
      const res = await sendFeedback(orderNo, {
        result: 'unsatisfied',
        visitedAt: new Date().toISOString(),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.reopened).toBe(true);
      const reoffered = await waitFor('the reopened case offered again', async () => {
        const row = await caseRow(caseId);
        return row.status === 'offered' ? row : undefined;
      });
      expect(reoffered).toMatchObject({ reopen_count: 1, outcome: null, mediator_id: null });
    });

    it('takes a later, different 回访 of the same order as a new one', async () => {
      const { orderNo, caseId } = await acceptedCase();
      await close(caseId, 'settled', { handlingSummary: '调解成功', amountAgreed: '1000.00' });
      const first = await sendFeedback(orderNo, {
        result: 'basically_satisfied',
        visitedAt: '2026-11-25T10:00:00+08:00',
      });
      const second = await sendFeedback(orderNo, {
        result: 'satisfied',
        visitedAt: '2026-11-26T10:00:00+08:00',
      });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(await count('case_feedback', 'order_no = $1', [orderNo])).toBe(2);
      const detail = await api.http
        .get(`/api/v1/cases/${caseId}`)
        .set('authorization', bearer(supervisorToken));
      expect(detail.body.hotline.feedback.result).toBe('satisfied');
    });
  });

  describe('reply draft', () => {
    it('drafts the reply of a hotline case from the outcome, for whoever reaches the case', async () => {
      const { caseId, orderNo, token } = await acceptedCase();
      const res = await api.http
        .get(`/api/v1/cases/${caseId}/reply-draft`)
        .query({ outcome: 'settled', amountAgreed: '30000.00', instalments: '2' })
        .set('authorization', bearer(token));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        caseId,
        orderNo,
        outcome: 'settled',
        resolved: true,
        handlingSummary: expect.stringContaining('扬州瑞丰五金制造有限公司'),
        publicReply: expect.stringContaining('人民币30,000.00元（大写：叁万元整），分2期履行'),
      });
      const failed = await api.http
        .get(`/api/v1/cases/${caseId}/reply-draft`)
        .query({ outcome: 'failed', reason: '用人单位拒不到场' })
        .set('authorization', bearer(supervisorToken));
      expect(failed.status).toBe(200);
      expect(failed.body).toMatchObject({ resolved: false, unresolvedReason: '用人单位拒不到场' });
    });

    it('documents both routes in the OpenAPI spec', async () => {
      const doc = await api.http.get('/docs-json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/hotline/orders/{orderNo}/feedback',
          '/api/v1/cases/{id}/reply-draft',
        ]),
      );
    });

    it('refuses a bad outcome (400), a case out of reach (404) and a case not from the hotline (409)', async () => {
      const { caseId } = await acceptedCase();
      const bad = await api.http
        .get(`/api/v1/cases/${caseId}/reply-draft`)
        .query({ outcome: 'happy' })
        .set('authorization', bearer(supervisorToken));
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([{ field: 'outcome', message: expect.any(String) }]);
      const missing = await api.http
        .get(`/api/v1/cases/${caseId}/reply-draft`)
        .set('authorization', bearer(supervisorToken));
      expect(missing.status).toBe(400);

      const stranger = await mediatorToken(net.mediators['M-T1a']!);
      const outside = await api.http
        .get(`/api/v1/cases/${caseId}/reply-draft`)
        .query({ outcome: 'failed' })
        .set('authorization', bearer(stranger));
      expect(outside.status).toBe(404);
      expect(outside.body.error).toBe('CASE_NOT_FOUND');

      const walkIn = await createCase(api, { orgUnitId: net.units.T2! });
      const notHotline = await api.http
        .get(`/api/v1/cases/${walkIn}/reply-draft`)
        .query({ outcome: 'failed' })
        .set('authorization', bearer(supervisorToken));
      expect(notHotline.status).toBe(409);
      expect(notHotline.body.error).toBe('HOTLINE_NOT_HOTLINE_CASE');
    });
  });
});
