import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeHotlinePlatform, type HotlineKey, signedPost, waitFor } from '@heqi/testing';
import { waitForOffer } from './support/assignment-world.js';
import { bearer, createUser } from './support/auth.js';
import { type HotlineWorld, startHotlineWorld } from './support/hotline-world.js';
import type { TestApi } from './support/test-apps.js';

/** True when `expected` occurs in `actual` in this order (other items may sit in between). */
function isSubsequence(actual: readonly string[], expected: readonly string[]): boolean {
  let i = 0;
  for (const item of actual) if (item === expected[i]) i++;
  return i === expected.length;
}

/**
 * Issue 7's walk, end to end through HTTP with the worker running: a signed 12345 push is routed
 * and offered, the mediator accepts, contacts the claimant, holds a session and closes the case
 * settled with an agreement; the fake 12345 platform refuses the reply twice (the case shows
 * `failing` with the error) and then takes it (`delivered`, a correctly signed body with the
 * contract's fields); the caller's 回访 is unsatisfied, which reopens the case with the same
 * holder and a new reply clock; the second close's reply is delivered; a satisfied 回访 ends it.
 * Every step is on the timeline, in order.
 */
describe('12345 loop: push → mediation → reply → 回访 → 重办 → reply again', () => {
  let world: HotlineWorld;
  let KEY: HotlineKey;
  let OUT: HotlineKey;
  let api: TestApi;
  let platform: FakeHotlinePlatform;
  let sql: pg.Pool;
  let adminToken: string;
  let supervisorToken: string;

  beforeAll(async () => {
    world = await startHotlineWorld('loop');
    ({ api, platform, sql, adminToken, supervisorToken, key: KEY, out: OUT } = world);
  });

  afterAll(() => world?.close());

  it('walks one order through the whole loop', { timeout: 120_000 }, async () => {
    const detail = async () => {
      const res = await api.http
        .get(`/api/v1/cases/${caseId}`)
        .set('authorization', bearer(supervisorToken));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as Record<string, unknown> & {
        status: string;
        hotline: {
          orderNo: string;
          replyState: string;
          replyLastError: string | null;
          feedback: { result: string } | null;
        };
        deadlines: { kind: string; state: string }[];
      };
    };
    const as = (token: string) => ({
      post: (path: string, body?: unknown) =>
        api.http
          .post(`/api/v1${path}`)
          .set('authorization', bearer(token))
          .send(body as object),
    });
    const expect2xx = (res: { status: number; body: unknown }) =>
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const feedback = (body: unknown) =>
      signedPost(api.http, `/api/v1/hotline/orders/${orderNo}/feedback`, KEY, body);
    const mine = () => platform.replies.filter((r) => r.body.orderNo === orderNo);

    // 1. The 12345 platform pushes a signed order.
    const orderNo = `LOOP12345-${randomUUID().slice(0, 8)}`;
    const pushed = await signedPost(api.http, '/api/v1/hotline/orders', KEY, {
      orderNo,
      title: '关于扬州瑞丰五金制造有限公司拖欠工资的诉求',
      content:
        '来电人反映其在扬州瑞丰五金制造有限公司从事电工工作，该公司拖欠其3个月工资共计30000元，诉求协调尽快支付。',
      category: '劳动保障-拖欠工资',
      callerName: '廖娟',
      callerPhone: '13790308709',
      eventAddress: '南湖区西塘镇西塘村开发区10号',
      employerName: '扬州瑞丰五金制造有限公司',
      amountClaimed: '30000.00',
      dispatchedAt: new Date().toISOString(),
    });
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
    const caseId = pushed.body.caseId as string;

    // 2. Routed and offered by the worker; the offered mediator accepts.
    const offer = await waitForOffer(api, caseId);
    const [unit] = (
      await sql.query(`SELECT org_unit_id FROM mediator WHERE id = $1`, [offer.mediator_id])
    ).rows as { org_unit_id: string }[];
    const mediator = await createUser(api, adminToken, {
      username: `loop.med.${randomUUID().slice(0, 6)}`,
      roles: ['mediator'],
      orgUnitId: unit!.org_unit_id,
      mediatorId: offer.mediator_id,
    });
    const med = as(mediator.token);
    expect2xx(await med.post(`/cases/${caseId}/accept`));
    expect(await detail()).toMatchObject({ status: 'in_mediation', mediatorId: offer.mediator_id });

    // 3. First contact and a session.
    expect2xx(
      await med.post(`/cases/${caseId}/first-contact`, {
        contactedAt: new Date().toISOString(),
        mode: 'phone',
        notes: '电话联系来电人，核实欠薪金额与时间',
      }),
    );
    expect2xx(
      await med.post(`/cases/${caseId}/sessions`, {
        heldAt: new Date().toISOString(),
        mode: 'in_person',
        notes: '双方到场，用人单位同意分两期支付',
      }),
    );

    // 4. The close form's prefill, then the close: settled with an agreement.
    const draft = await api.http
      .get(`/api/v1/cases/${caseId}/reply-draft`)
      .query({ outcome: 'settled', amountAgreed: '30000.00', instalments: '2' })
      .set('authorization', bearer(mediator.token));
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body).toMatchObject({ resolved: true, orderNo });
    platform.failNext(2);
    const due = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const handlingSummary = draft.body.handlingSummary as string;
    const publicReply = draft.body.publicReply as string;
    expect2xx(
      await med.post(`/cases/${caseId}/close`, {
        outcome: 'settled',
        handlingSummary,
        publicReply,
        agreement: {
          terms: '被申请人于两期内向申请人支付拖欠工资共计人民币30000元。',
          amountAgreed: '30000.00',
          signedAt: new Date().toISOString(),
          instalments: [
            { dueDate: due(15), amount: '15000.00' },
            { dueDate: due(45), amount: '15000.00' },
          ],
        },
      }),
    );

    // 5. The platform refuses twice: the case shows `failing` with the error, then `delivered`.
    const failing = await waitFor(
      'the reply failing',
      async () => {
        const d = await detail();
        return d.hotline.replyState === 'failing' ? d : undefined;
      },
      30_000,
    );
    expect(failing.hotline.replyLastError).toMatch(/HTTP 503/);
    const delivered = await waitFor(
      'the reply delivered',
      async () => {
        const d = await detail();
        return d.hotline.replyState === 'delivered' ? d : undefined;
      },
      60_000,
    );
    expect(delivered.hotline.replyLastError).toBeNull();
    expect(mine().map((r) => r.status)).toEqual([503, 503, 200]);
    const first = mine().at(-1)!;
    // The fake verified the signature (it answers 401 otherwise) with heqi's key.
    expect(first.keyId).toBe(OUT.keyId);
    expect(first.body).toEqual({
      orderNo,
      kind: 'reply',
      resolved: true,
      handlingSummary,
      publicReply,
      closedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    // 6. 回访: unsatisfied — reopened with the same holder, counted, a new reply clock.
    const unsatisfied = await feedback({
      result: 'unsatisfied',
      comment: '工资只拿到一半',
      visitedAt: new Date().toISOString(),
    });
    expect(unsatisfied.status, JSON.stringify(unsatisfied.body)).toBe(201);
    expect(unsatisfied.body).toMatchObject({ caseId, reopened: true, duplicate: false });
    const reopened = await detail();
    expect(reopened).toMatchObject({
      status: 'in_mediation',
      mediatorId: offer.mediator_id,
      outcome: null,
      closedAt: null,
      hotline: { orderNo, replyState: 'none', feedback: { result: 'unsatisfied' } },
    });
    expect(reopened.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'hotline_reply', state: 'running' }),
      ]),
    );
    const [row] = (
      await sql.query(`SELECT reopen_count, mediator_id FROM mediation_case WHERE id = $1`, [
        caseId,
      ])
    ).rows as { reopen_count: number; mediator_id: string }[];
    expect(row).toEqual({ reopen_count: 1, mediator_id: offer.mediator_id });
    const openReplyClocks = (
      await sql.query(
        `SELECT count(*)::int AS n FROM case_clock
          WHERE case_id = $1 AND kind = 'hotline_reply' AND stopped_at IS NULL`,
        [caseId],
      )
    ).rows[0].n as number;
    expect(openReplyClocks).toBe(1);

    // 7. Closed again (failed; no public reply given: drafted), the second reply delivered.
    expect2xx(
      await med.post(`/cases/${caseId}/close`, {
        outcome: 'failed',
        reason: '用人单位拒绝支付剩余款项',
        handlingSummary: '重办后再次组织双方调解，用人单位拒绝支付剩余款项，调解不成。',
      }),
    );
    await waitFor(
      'the second reply delivered',
      async () => {
        const d = await detail();
        return d.status === 'closed' && d.hotline.replyState === 'delivered' ? d : undefined;
      },
      60_000,
    );
    const accepted = mine().filter((r) => r.status === 200);
    expect(accepted).toHaveLength(2);
    expect(accepted[1]!.body).toMatchObject({
      orderNo,
      kind: 'reply',
      resolved: false,
      unresolvedReason: '用人单位拒绝支付剩余款项',
      handlingSummary: '重办后再次组织双方调解，用人单位拒绝支付剩余款项，调解不成。',
      publicReply: expect.stringContaining('劳动人事争议仲裁委员会申请仲裁'),
    });

    // 8. 回访: satisfied — recorded, nothing reopened.
    const satisfied = await feedback({
      result: 'satisfied',
      visitedAt: new Date().toISOString(),
    });
    expect(satisfied.status, JSON.stringify(satisfied.body)).toBe(201);
    expect(satisfied.body).toMatchObject({ reopened: false });
    expect(await detail()).toMatchObject({
      status: 'closed',
      hotline: { replyState: 'delivered', feedback: { result: 'satisfied' } },
    });

    // 9. Every step on the timeline, in order.
    const timeline = await api.http
      .get(`/api/v1/cases/${caseId}/timeline`)
      .set('authorization', bearer(supervisorToken));
    const types = (timeline.body.items as { type: string }[]).map((i) => i.type);
    const walk = [
      'case.received',
      'assignment.offered',
      'assignment.accepted',
      'mediation.first_contact',
      'mediation.session',
      'case.closed',
      'hotline.reply_failing',
      'hotline.reply_delivered',
      'hotline.feedback',
      'case.reopened',
      'case.closed',
      'hotline.reply_delivered',
      'hotline.feedback',
    ];
    expect(isSubsequence(types, walk), types.join(' → ')).toBe(true);
    expect(types.filter((t) => t === 'hotline.reply_failing')).toHaveLength(1);
  });
});
