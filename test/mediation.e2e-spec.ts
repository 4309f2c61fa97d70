import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClockKind } from '@heqi/deadlines';
import { PaymentDefaultsService } from '@heqi/mediation';
import { bearer } from './support/auth.js';
import {
  type DeadlinesWorld,
  type WorldUser,
  deadlinesOf,
  startDeadlinesWorld,
} from './support/deadlines-world.js';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/**
 * The mediator's work and the outcome through HTTP: first contact, sessions, notes and
 * attachments; closing with every outcome rule; the agreement as JSON and PDF; the payment
 * ledger with its concurrency guard; payment defaults raised exactly once and the 支付令 packet;
 * a reopened case closed again. Wrong roles (403), cases out of reach (404), wrong states (409)
 * and bad input (400 with field details) along the way.
 */
describe('mediation', () => {
  let world: DeadlinesWorld;
  let attachmentsDir: string;

  beforeAll(async () => {
    attachmentsDir = await mkdtemp(join(tmpdir(), 'heqi-attachments-test-'));
    world = await startDeadlinesWorld({
      HEQI_ATTACHMENTS_DIR: attachmentsDir,
      // 64 KB, so the size limit is cheap to test.
      HEQI_ATTACHMENT_MAX_MB: '0.0625',
    });
  });

  afterAll(async () => {
    await world?.close();
    await rm(attachmentsDir, { recursive: true, force: true });
  });

  /** A walk-in case at T1 held by M-T1a (medT1a), as an accepted offer leaves it. */
  const heldCase = async (overrides: Parameters<DeadlinesWorld['createCase']>[0] = {}) => {
    const created = await world.createCase({
      claimants: [
        { name: '张三', phone: '13912345678', idNumber: '320102199001011234' },
        { name: '李四', phone: '13812345678' },
      ],
      ...overrides,
    });
    await world.holdBy(created.id, 'M-T1a');
    return created.id;
  };

  const caseRow = async (id: string) =>
    (
      await world.sql.query(
        `SELECT status, outcome, closed_at, amount_agreed, amount_paid, first_contact_at
           FROM mediation_case WHERE id = $1`,
        [id],
      )
    ).rows[0] as {
      status: string;
      outcome: string | null;
      closed_at: Date | null;
      amount_agreed: string | null;
      amount_paid: string;
      first_contact_at: Date | null;
    };

  const events = async (id: string, type: string) =>
    (
      await world.sql.query(
        `SELECT data FROM case_event WHERE case_id = $1 AND type = $2 ORDER BY id`,
        [id, type],
      )
    ).rows.map((r) => r.data as Record<string, unknown>);

  const settledBody = (over: Record<string, unknown> = {}) => ({
    outcome: 'settled',
    handlingSummary: '经调解，双方就拖欠工资达成协议。',
    publicReply: '您反映的欠薪问题已调解成功，用人单位同意分两期支付。',
    agreement: {
      terms:
        '一、被申请人于2026年12月31日前支付申请人工资20000元；二、于2027年1月31日前支付剩余12500元。',
      amountAgreed: '32500.00',
      signedAt: minutesAgo(1),
      instalments: [
        { dueDate: '2027-01-31', amount: '12500.00' },
        { dueDate: '2026-12-31', amount: 20000 },
      ],
    },
    ...over,
  });

  const send = (who: WorldUser, path: string, body: object) => world.post(who, path, body);

  describe('working a case', () => {
    it('logs first contact once, stopping the first-contact clock', async () => {
      const id = await heldCase();
      await world.dataSource.transaction((m) =>
        deadlinesOf(world).startClock(m, {
          caseId: id,
          kind: ClockKind.FirstContact,
          startAt: new Date(),
        }),
      );
      const body = { contactedAt: minutesAgo(1), mode: 'phone', notes: '已电话联系申请人' };
      const res = await send('medT1a', `/cases/${id}/first-contact`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ caseId: id, mode: 'phone' });
      expect((await caseRow(id)).first_contact_at).toEqual(new Date(body.contactedAt));
      expect((await world.clocks(id))[ClockKind.FirstContact]).toMatchObject({
        state: 'met',
        stop_reason: 'contacted',
      });
      expect(await events(id, 'mediation.first_contact')).toEqual([
        expect.objectContaining({ mode: 'phone', via: 'first_contact', clockStopped: true }),
      ]);
      const again = await send('medT1a', `/cases/${id}/first-contact`, body);
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('FIRST_CONTACT_ALREADY_LOGGED');

      const detail = await world.get('supT1', `/cases/${id}`);
      expect(detail.body.firstContactAt).toBe(new Date(body.contactedAt).toISOString());
    });

    it('refuses bad input, wrong roles, other mediators and other jurisdictions', async () => {
      const id = await heldCase();
      const bad = await send('medT1a', `/cases/${id}/first-contact`, {
        contactedAt: '2026-11-22 10:00',
        mode: 'email',
        extra: 1,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'contactedAt',
        'extra',
        'mode',
      ]);
      const future = await send('medT1a', `/cases/${id}/first-contact`, {
        contactedAt: new Date(Date.now() + 3_600_000).toISOString(),
        mode: 'phone',
      });
      expect(future.status).toBe(400);
      expect(future.body.details).toEqual([
        { field: 'contactedAt', message: '联系时间不能晚于当前时间' },
      ]);
      const ok = { contactedAt: minutesAgo(1), mode: 'phone' };
      expect((await send('supT1', `/cases/${id}/first-contact`, ok)).status).toBe(403);
      expect((await send('intakeT1', `/cases/${id}/sessions`, ok)).status).toBe(403);
      expect((await send('medT1b', `/cases/${id}/first-contact`, ok)).status).toBe(404);
      expect((await world.get('supT2', `/cases/${id}/sessions`)).status).toBe(404);
      expect((await world.get('medT1b', `/cases/${id}/notes`)).status).toBe(404);
      expect((await world.get('supT1', `/cases/not-a-uuid/sessions`)).status).toBe(404);
    });

    it('answers 409 for a case not in mediation', async () => {
      const created = await world.createCase();
      // Offered to M-T1a: it may see the case, but not work it before accepting.
      await world.sql.query(
        `INSERT INTO case_offer (case_id, mediator_id, role, offered_at, expires_at)
         VALUES ($1, $2, 'lead', now(), now() + interval '1 hour')`,
        [created.id, world.net.mediators['M-T1a']],
      );
      const res = await send('medT1a', `/cases/${created.id}/sessions`, {
        heldAt: minutesAgo(1),
        mode: 'phone',
        notes: '试图调解',
      });
      expect(res.status).toBe(403);
      const closed = await heldCase();
      await world.sql.query(
        `UPDATE mediation_case SET status = 'closed', outcome = 'withdrawn',
                                    closed_at = now() WHERE id = $1`,
        [closed],
      );
      const late = await send('medT1a', `/cases/${closed}/sessions`, {
        heldAt: minutesAgo(1),
        mode: 'phone',
        notes: '结案后补记',
      });
      expect(late.status).toBe(409);
      expect(late.body.error).toBe('MEDIATION_WRONG_STATE');
    });

    it('records sessions (the first counts as first contact), lists them; co-mediators work too', async () => {
      const id = await heldCase();
      const first = await send('medT1a', `/cases/${id}/sessions`, {
        heldAt: minutesAgo(3),
        mode: 'in_person',
        notes: '双方到场，申请人要求支付欠薪。',
        participants: [
          { name: '张三', role: '申请人' },
          { name: '王经理', role: '被申请人代表' },
        ],
        location: '东港镇劳动争议调解室',
      });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body).toMatchObject({ mode: 'in_person', firstContact: true });
      expect((await caseRow(id)).first_contact_at).toEqual(new Date(first.body.heldAt));

      // A volunteer lawyer co-mediating the case.
      await world.sql.query(`INSERT INTO case_co_mediator (case_id, mediator_id) VALUES ($1, $2)`, [
        id,
        world.net.mediators['M-T1b'],
      ]);
      const second = await send('medT1b', `/cases/${id}/sessions`, {
        heldAt: minutesAgo(1),
        mode: 'video',
        notes: '视频回访，双方同意继续协商。',
      });
      expect(second.status, JSON.stringify(second.body)).toBe(201);
      expect(second.body.firstContact).toBe(false);

      const bad = await send('medT1a', `/cases/${id}/sessions`, {
        heldAt: minutesAgo(1),
        mode: 'sms',
        notes: '',
        participants: [{ name: '' }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['mode', 'notes', 'participants.0.name', 'participants.0.role']),
      );

      const list = await world.get('supT1', `/cases/${id}/sessions`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((s: { mode: string }) => s.mode)).toEqual(['in_person', 'video']);
      expect(list.body.items[0].participants).toHaveLength(2);
      expect(await events(id, 'mediation.session')).toHaveLength(2);
      expect(await events(id, 'mediation.first_contact')).toEqual([
        expect.objectContaining({ via: 'session', sessionId: first.body.id }),
      ]);
    });

    it('keeps internal notes, off the timeline text', async () => {
      const id = await heldCase();
      const note = await send('medT1a', `/cases/${id}/notes`, {
        body: '用人单位资金紧张，可分期。',
      });
      expect(note.status).toBe(201);
      expect((await send('medT1a', `/cases/${id}/notes`, { body: '   ' })).status).toBe(400);
      const list = await world.get('supT1', `/cases/${id}/notes`);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          body: '用人单位资金紧张，可分期。',
          authorId: world.users.medT1a.id,
        }),
      ]);
      const [event] = await events(id, 'mediation.note');
      expect(event).toEqual({ noteId: note.body.id, length: 13 });
    });

    it('stores attachments checked by content and size, and serves them back', async () => {
      const id = await heldCase();
      const upload = (name: string, content: Buffer, who: WorldUser = 'medT1a') =>
        world.api.http
          .post(`/api/v1/cases/${id}/attachments`)
          .set('authorization', bearer(world.users[who].token))
          .attach('file', content, name);
      const pdf = Buffer.from('%PDF-1.4\n% 工资条\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
      const res = await upload('工资条.pdf', pdf);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({
        fileName: '工资条.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
      });

      const exe = await upload('协议.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00'));
      expect(exe.status).toBe(415);
      expect(exe.body.error).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
      expect(exe.body.message).toContain('不支持该文件类型');

      const big = await upload('scan.png', Buffer.alloc(70 * 1024, 1));
      expect(big.status).toBe(413);
      expect(big.body.message).toContain('文件超过大小限制');

      const none = await world.post('medT1a', `/cases/${id}/attachments`, { file: 'x' });
      expect(none.status).toBe(400);
      expect((await upload('a.pdf', pdf, 'supT1')).status).toBe(403);
      expect((await upload('a.pdf', pdf, 'medT1b')).status).toBe(404);

      const list = await world.get('supT1', `/cases/${id}/attachments`);
      expect(list.body.items).toHaveLength(1);
      const download = await world.api.http
        .get(`/api/v1/cases/${id}/attachments/${res.body.id}`)
        .set('authorization', bearer(world.users.supT1.token))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('工资条.pdf')}`,
      );
      expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
      const unknown = await world.get(
        'supT1',
        `/cases/${id}/attachments/00000000-0000-4000-8000-000000000000`,
      );
      expect(unknown.status).toBe(404);
      expect(await events(id, 'mediation.attachment')).toHaveLength(1);
    });
  });

  describe('closing', () => {
    it('refuses a settled close without an agreement, bad instalments, missing referral and reason', async () => {
      const id = await heldCase();
      const noAgreement = await send('medT1a', `/cases/${id}/close`, {
        outcome: 'settled',
        handlingSummary: '达成一致',
      });
      expect(noAgreement.status).toBe(400);
      expect(noAgreement.body.details).toEqual([
        { field: 'agreement', message: '调解成功（settled）必须填写调解协议' },
      ]);
      const body = settledBody();
      const off = await send('medT1a', `/cases/${id}/close`, {
        ...body,
        agreement: { ...body.agreement, amountAgreed: '33000' },
      });
      expect(off.status).toBe(400);
      expect(off.body.details[0]).toMatchObject({ field: 'agreement.instalments' });
      const referred = await send('medT1a', `/cases/${id}/close`, {
        outcome: 'referred_arbitration',
        handlingSummary: '调解不成，引导申请仲裁',
      });
      expect(referred.body.details).toEqual([expect.objectContaining({ field: 'referral' })]);
      const failed = await send('medT1a', `/cases/${id}/close`, {
        outcome: 'failed',
        handlingSummary: '调解不成',
      });
      expect(failed.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
      const badShape = await send('medT1a', `/cases/${id}/close`, {
        outcome: 'resolved',
        handlingSummary: '',
        agreement: { terms: 'x', amountAgreed: '-1', signedAt: 'yesterday', instalments: 'none' },
      });
      expect(badShape.status).toBe(400);
      expect(badShape.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining([
          'outcome',
          'handlingSummary',
          'agreement.amountAgreed',
          'agreement.signedAt',
          'agreement.instalments',
        ]),
      );
      expect((await caseRow(id)).status).toBe('in_mediation');
      expect((await send('supT1', `/cases/${id}/close`, body)).status).toBe(403);
      expect((await send('medT1b', `/cases/${id}/close`, body)).status).toBe(404);
    });

    it('closes settled in one go: agreement, clocks, timeline; a concurrent second close is 409', async () => {
      const id = await heldCase();
      const body = settledBody();
      const [a, b] = await Promise.all([
        send('medT1a', `/cases/${id}/close`, body),
        send('medT1a', `/cases/${id}/close`, body),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses, JSON.stringify([a.body, b.body])).toEqual([200, 409]);
      const [ok, refused] = a.status === 200 ? [a, b] : [b, a];
      expect(refused.body).toMatchObject({
        error: 'CASE_ALREADY_CLOSED',
        message: '案件已结案，不能重复结案',
      });
      expect(ok.body).toMatchObject({
        caseId: id,
        status: 'closed',
        outcome: 'settled',
        amountAgreed: '32500.00',
        hotline: null,
      });
      expect(await caseRow(id)).toMatchObject({
        status: 'closed',
        outcome: 'settled',
        amount_agreed: '32500.00',
        amount_paid: '0.00',
      });
      const clocks = (
        await world.sql.query(
          `SELECT kind, ref, state, stop_reason, due_at FROM case_clock WHERE case_id = $1
            ORDER BY kind, due_at`,
          [id],
        )
      ).rows as {
        kind: string;
        ref: string | null;
        state: string;
        stop_reason: string | null;
        due_at: Date;
      }[];
      for (const c of clocks.filter(
        (c) => c.kind === 'mediation_limit' || c.kind === 'limitation',
      )) {
        expect(c).toMatchObject({ state: 'met', stop_reason: 'closed' });
      }
      const performance = clocks.filter((c) => c.kind === 'agreement_performance');
      expect(performance.map((c) => [c.state, c.due_at.toISOString()])).toEqual([
        ['running', '2026-12-31T15:59:59.999Z'],
        ['running', '2027-01-31T15:59:59.999Z'],
      ]);
      expect(clocks.find((c) => c.kind === 'judicial_confirmation')).toMatchObject({
        state: 'running',
        stop_reason: null,
      });
      const [closed] = await events(id, 'case.closed');
      expect(closed).toMatchObject({
        outcome: 'settled',
        reason: null,
        handlingSummary: body.handlingSummary,
        publicReply: body.publicReply,
        referral: null,
      });
      const detail = await world.get('supT1', `/cases/${id}`);
      expect(detail.body).toMatchObject({
        status: 'closed',
        outcome: 'settled',
        amountAgreed: '32500.00',
        amountPaid: '0.00',
      });
      expect(detail.body.closedAt).toBe(new Date(ok.body.closedAt).toISOString());
      const audit = await world.get('supT1', `/audit?objectId=${id}&action=case.close`);
      expect(audit.status).toBe(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'case.close',
          data: expect.objectContaining({ outcome: 'settled' }),
        }),
      ]);
    });

    it('queues the 12345 reply of a hotline case and wakes cases waiting for the freed mediator', async () => {
      const hotline = await world.createHotlineCase({ triage: false });
      await world.holdBy(hotline.id, 'M-T1a');
      const waiting = await world.createCase();
      const asked = async () =>
        Number(
          (
            await world.sql.query(
              `SELECT count(*) FROM outbox_message WHERE job_name = 'cases.assign'
                AND payload->>'caseId' = $1`,
              [waiting.id],
            )
          ).rows[0].count,
        );
      const before = await asked();
      const res = await send('medT1a', `/cases/${hotline.id}/close`, {
        outcome: 'failed',
        reason: '用人单位已注销，无法调解',
        handlingSummary: '经核实用人单位已注销，调解不成。',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.hotline).toEqual({ orderNo: hotline.orderNo, replyState: 'pending' });
      expect(res.body.wokenCases).toBeGreaterThanOrEqual(1);
      const order = (
        await world.sql.query(
          `SELECT reply_state, reply_last_error FROM hotline_order WHERE case_id = $1`,
          [hotline.id],
        )
      ).rows[0];
      expect(order).toEqual({ reply_state: 'pending', reply_last_error: null });
      const jobs = (
        await world.sql.query(
          `SELECT payload FROM outbox_message WHERE job_name = 'hotline.deliver-reply'
            AND payload->>'caseId' = $1`,
          [hotline.id],
        )
      ).rows;
      expect(jobs).toEqual([{ payload: { caseId: hotline.id, kind: 'reply' } }]);
      expect(await asked()).toBe(before + 1);
      expect((await world.get('supT1', `/cases/${hotline.id}`)).body.hotline).toMatchObject({
        orderNo: hotline.orderNo,
        replyState: 'pending',
      });
    });

    it('records where a referred case went and summarises it', async () => {
      const id = await heldCase();
      await send('medT1a', `/cases/${id}/sessions`, {
        heldAt: minutesAgo(2),
        mode: 'phone',
        notes: '用人单位拒绝调解。',
      });
      const res = await send('medT1a', `/cases/${id}/close`, {
        outcome: 'referred_arbitration',
        handlingSummary: '用人单位拒绝调解，已引导申请人申请劳动仲裁。',
        referral: {
          institution: '南湖区劳动人事争议仲裁委员会',
          referredAt: minutesAgo(2),
          note: '已协助准备仲裁申请书',
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const summary = await world.get('supT1', `/cases/${id}/referral-summary`);
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({
        outcome: 'referred_arbitration',
        referral: { institution: '南湖区劳动人事争议仲裁委员会', note: '已协助准备仲裁申请书' },
        organisation: '东港镇',
        parties: {
          claimants: [
            { name: '张三', idNumberMasked: expect.stringMatching(/^3201\*+1234$/) },
            { name: '李四', idNumberMasked: null },
          ],
          employer: { name: '扬州鑫源物流有限公司' },
        },
        claims: { category: 'wages', amountClaimed: '30000.00' },
      });
      expect(summary.body.sessions).toEqual([
        expect.objectContaining({ mode: 'phone', notes: '用人单位拒绝调解。' }),
      ]);
      const settled = await heldCase();
      await send('medT1a', `/cases/${settled}/close`, settledBody());
      expect((await world.get('supT1', `/cases/${settled}/referral-summary`)).status).toBe(404);
    });
  });

  describe('the agreement', () => {
    it('renders the 调解协议书 as a PDF whose text reads back in Chinese', async () => {
      const id = await heldCase();
      const none = await world.get('supT1', `/cases/${id}/agreement.pdf`);
      expect(none.status).toBe(404);
      expect(none.body.error).toBe('AGREEMENT_NOT_FOUND');
      await send('medT1a', `/cases/${id}/close`, settledBody());

      const json = await world.get('medT1a', `/cases/${id}/agreement`);
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({
        amountAgreed: '32500.00',
        amountInWords: '叁万贰仟伍佰元整',
        organisation: '东港镇',
        outstanding: '32500.00',
        instalments: [
          { no: 1, dueDate: '2026-12-31', amount: '20000.00', paid: '0.00', status: 'pending' },
          { no: 2, dueDate: '2027-01-31', amount: '12500.00', paid: '0.00', status: 'pending' },
        ],
      });

      const res = await world.api.http
        .get(`/api/v1/cases/${id}/agreement.pdf`)
        .set('authorization', bearer(world.users.supT1.token))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // The 10 MB font is subset: only the glyphs used are embedded.
      expect(pdf.length).toBeLessThan(300_000);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
        mergePages: true,
      });
      for (const expected of [
        '调解协议书',
        '张三',
        '李四',
        '扬州鑫源物流有限公司',
        '人民币叁万贰仟伍佰元整',
        '人民币贰万元整',
        '人民币壹万贰仟伍佰元整',
        '东港镇',
        '第十六条',
      ]) {
        expect(text.replace(/\s/g, '')).toContain(expected);
      }
      expect(text).toMatch(/3201\*+1234/);
    });
  });

  describe('payments', () => {
    it('allocates payments to the earliest instalments and refuses more than is owed', async () => {
      const id = await heldCase();
      await send('medT1a', `/cases/${id}/close`, settledBody());
      const zero = await send('medT1a', `/cases/${id}/payments`, {
        amount: '0',
        paidAt: minutesAgo(1),
      });
      expect(zero.status).toBe(400);
      expect(zero.body.details).toEqual([{ field: 'amount', message: '付款金额必须大于 0' }]);
      const bad = await send('medT1a', `/cases/${id}/payments`, { amount: '1.234', paidAt: 'now' });
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'amount',
        'paidAt',
      ]);

      const first = await send('medT1a', `/cases/${id}/payments`, {
        amount: '25000',
        paidAt: minutesAgo(1),
        note: '银行转账',
      });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body).toMatchObject({
        amountAgreed: '32500.00',
        amountPaid: '25000.00',
        outstanding: '7500.00',
        instalments: [
          { no: 1, paid: '20000.00', status: 'paid' },
          { no: 2, paid: '5000.00', status: 'pending' },
        ],
        payments: [
          {
            amount: '25000.00',
            note: '银行转账',
            allocations: [
              { no: 1, amount: '20000.00' },
              { no: 2, amount: '5000.00' },
            ],
          },
        ],
      });
      const clocks = (
        await world.sql.query(
          `SELECT k.state, k.stop_reason, i.no FROM case_clock k
             JOIN agreement_instalment i ON i.id::text = k.ref
            WHERE k.case_id = $1 AND k.kind = 'agreement_performance' ORDER BY i.no`,
          [id],
        )
      ).rows;
      expect(clocks).toEqual([
        { state: 'met', stop_reason: 'done', no: 1 },
        { state: 'running', stop_reason: null, no: 2 },
      ]);

      const over = await send('supT1', `/cases/${id}/payments`, {
        amount: '7500.01',
        paidAt: minutesAgo(1),
      });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({
        error: 'PAYMENT_EXCEEDS_OUTSTANDING',
        message: '付款金额 7500.01 元超过尚欠金额 7500.00 元',
      });
      expect(
        (await send('intakeT1', `/cases/${id}/payments`, { amount: '1', paidAt: minutesAgo(1) }))
          .status,
      ).toBe(403);
      expect(
        (await send('supT2', `/cases/${id}/payments`, { amount: '1', paidAt: minutesAgo(1) }))
          .status,
      ).toBe(404);

      const rest = await send('supT1', `/cases/${id}/payments`, {
        amount: 7500,
        paidAt: minutesAgo(1),
      });
      expect(rest.status).toBe(201);
      expect(rest.body).toMatchObject({ amountPaid: '32500.00', outstanding: '0.00' });
      expect(await caseRow(id)).toMatchObject({ amount_paid: '32500.00' });
      expect((await world.get('supT1', `/cases/${id}`)).body.amountPaid).toBe('32500.00');
      expect(await events(id, 'mediation.instalment_paid')).toHaveLength(2);

      const noAgreement = await heldCase();
      const refused = await send('medT1a', `/cases/${noAgreement}/payments`, {
        amount: '1',
        paidAt: minutesAgo(1),
      });
      expect(refused.status).toBe(409);
      expect((await world.get('medT1a', `/cases/${noAgreement}/payments`)).status).toBe(404);
    });

    it('never lets concurrent payments exceed the amount agreed', async () => {
      const id = await heldCase();
      await send('medT1a', `/cases/${id}/close`, settledBody());
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          send('medT1a', `/cases/${id}/payments`, { amount: '10000.00', paidAt: minutesAgo(1) }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 201, 201, 409, 409, 409]);
      expect(await caseRow(id)).toMatchObject({ amount_paid: '30000.00' });
      const ledger = await world.get('supT1', `/cases/${id}/payments`);
      expect(ledger.body).toMatchObject({ amountPaid: '30000.00', outstanding: '2500.00' });
      expect(ledger.body.payments).toHaveLength(3);
    });
  });

  describe('payment defaults', () => {
    it('raises a missed instalment exactly once, whoever runs, and produces the 支付令 packet', async () => {
      const id = await heldCase();
      const res = await send('medT1a', `/cases/${id}/close`, {
        ...settledBody(),
        agreement: {
          terms: '被申请人分两期支付工资。',
          amountAgreed: '15000',
          signedAt: '2026-11-01T10:00:00+08:00',
          instalments: [
            { dueDate: '2026-11-10', amount: '10000' },
            { dueDate: '2027-03-01', amount: '5000' },
          ],
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // The delayed job is written for the end of the due date (here: already past).
      const jobs = (
        await world.sql.query(
          `SELECT run_at FROM outbox_message WHERE job_name = 'mediation.instalment-due'
            AND payload->>'instalmentId' IN (SELECT id::text FROM agreement_instalment WHERE case_id = $1)
            ORDER BY run_at`,
          [id],
        )
      ).rows;
      expect(jobs.map((j) => j.run_at.toISOString())).toEqual([
        '2026-11-10T16:00:00.000Z',
        '2027-03-01T16:00:00.000Z',
      ]);
      expect((await world.get('supT1', `/cases/${id}/payment-default-packet`)).status).toBe(404);
      await send('medT1a', `/cases/${id}/payments`, { amount: '4000', paidAt: minutesAgo(1) });

      const [missed] = (
        await world.sql.query(`SELECT id FROM agreement_instalment WHERE case_id = $1 AND no = 1`, [
          id,
        ])
      ).rows as { id: string }[];
      const defaults = world.api.app.get(PaymentDefaultsService);
      // The job twice (a redelivery), concurrently with the sweep, then the sweep again.
      const runs = await Promise.all([
        defaults.raiseOne(missed!.id),
        defaults.raiseOne(missed!.id),
        defaults.sweep(),
      ]);
      await defaults.sweep();
      const raisedHere = runs.reduce((sum, r) => sum + r.raised, 0);
      expect(raisedHere).toBeGreaterThanOrEqual(1);

      const alerts = await events(id, 'mediation.payment_default');
      expect(alerts).toEqual([
        expect.objectContaining({
          no: 1,
          dueDate: '2026-11-10',
          amount: '10000.00',
          owed: '6000.00',
        }),
      ]);
      const notified = (
        await world.sql.query(
          `SELECT user_id, count(*)::int AS n FROM notification
            WHERE case_id = $1 AND kind = 'mediation.payment_default' GROUP BY user_id`,
          [id],
        )
      ).rows as { user_id: string; n: number }[];
      expect(notified.map((n) => n.n)).toEqual(notified.map(() => 1));
      expect(notified.map((n) => n.user_id).sort()).toEqual(
        [world.users.medT1a.id, world.users.supT1.id].sort(),
      );

      const packet = await world.get('medT1a', `/cases/${id}/payment-default-packet`);
      expect(packet.status).toBe(200);
      expect(packet.body).toMatchObject({
        legalBasis: { article: '第十六条' },
        applicants: [{ name: '张三' }, { name: '李四' }],
        respondent: { name: '扬州鑫源物流有限公司' },
        agreement: { amountAgreed: '15000.00', amountInWords: '壹万伍仟元整' },
        owed: {
          overdue: '6000.00',
          overdueInWords: '陆仟元整',
          outstanding: '11000.00',
          amountPaid: '4000.00',
        },
        defaultedInstalments: [1],
      });
      expect(packet.body.legalBasis.text).toContain(
        '劳动者可以持调解协议书依法向人民法院申请支付令',
      );
      const ledger = await world.get('supT1', `/cases/${id}/payments`);
      expect(ledger.body.instalments.map((i: { status: string }) => i.status)).toEqual([
        'defaulted',
        'pending',
      ]);
    });
  });

  describe('the contract', () => {
    it('documents every route in the OpenAPI spec, in Chinese', async () => {
      const docs = await world.api.http.get('/docs-json');
      expect(docs.status).toBe(200);
      const paths = docs.body.paths as Record<string, Record<string, { summary?: string }>>;
      for (const [path, method] of [
        ['/api/v1/cases/{id}/first-contact', 'post'],
        ['/api/v1/cases/{id}/sessions', 'post'],
        ['/api/v1/cases/{id}/sessions', 'get'],
        ['/api/v1/cases/{id}/notes', 'post'],
        ['/api/v1/cases/{id}/attachments', 'post'],
        ['/api/v1/cases/{id}/attachments/{attachmentId}', 'get'],
        ['/api/v1/cases/{id}/close', 'post'],
        ['/api/v1/cases/{id}/referral-summary', 'get'],
        ['/api/v1/cases/{id}/agreement', 'get'],
        ['/api/v1/cases/{id}/agreement.pdf', 'get'],
        ['/api/v1/cases/{id}/payments', 'post'],
        ['/api/v1/cases/{id}/payments', 'get'],
        ['/api/v1/cases/{id}/payment-default-packet', 'get'],
      ] as const) {
        expect(paths[path]?.[method]?.summary, `${method} ${path}`).toMatch(/[\u4e00-\u9fff]/);
      }
    });

    it('lets only the holder close: a co-mediator may work the case but not close it', async () => {
      const id = await heldCase();
      await world.sql.query(`INSERT INTO case_co_mediator (case_id, mediator_id) VALUES ($1, $2)`, [
        id,
        world.net.mediators['M-T1b'],
      ]);
      const res = await send('medT1b', `/cases/${id}/close`, settledBody());
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('只有本案的承办调解员可以结案');
      expect((await caseRow(id)).status).toBe('in_mediation');
    });
  });

  describe('a reopened case', () => {
    it('closes again with a new agreement that supersedes the first; payments follow the new one', async () => {
      const id = await heldCase();
      expect((await send('medT1a', `/cases/${id}/close`, settledBody())).status).toBe(200);
      await send('medT1a', `/cases/${id}/payments`, { amount: '1000', paidAt: minutesAgo(1) });
      // 重办, as the 回访 loop reopens it.
      await world.sql.query(
        `UPDATE mediation_case SET status = 'in_mediation', outcome = NULL, closed_at = NULL,
                reopen_count = reopen_count + 1 WHERE id = $1`,
        [id],
      );
      const second = await send('medT1a', `/cases/${id}/close`, {
        ...settledBody(),
        agreement: {
          terms: '被申请人一次性支付剩余款项。',
          amountAgreed: '31500',
          signedAt: minutesAgo(1),
          instalments: [{ dueDate: '2026-12-15', amount: '31500' }],
        },
      });
      expect(second.status, JSON.stringify(second.body)).toBe(200);
      const agreements = (
        await world.sql.query(
          `SELECT amount_agreed, current FROM case_agreement WHERE case_id = $1 ORDER BY created_at`,
          [id],
        )
      ).rows;
      expect(agreements).toEqual([
        { amount_agreed: '32500.00', current: false },
        { amount_agreed: '31500.00', current: true },
      ]);
      const performance = (
        await world.sql.query(
          `SELECT state, stop_reason FROM case_clock WHERE case_id = $1 AND kind = 'agreement_performance'
            ORDER BY created_at, due_at`,
          [id],
        )
      ).rows;
      expect(performance).toEqual([
        { state: 'met', stop_reason: 'closed' },
        { state: 'met', stop_reason: 'closed' },
        { state: 'running', stop_reason: null },
      ]);
      const pay = await send('medT1a', `/cases/${id}/payments`, {
        amount: '31500',
        paidAt: minutesAgo(1),
      });
      expect(pay.status, JSON.stringify(pay.body)).toBe(201);
      expect(pay.body).toMatchObject({
        amountAgreed: '31500.00',
        amountPaid: '31500.00',
        outstanding: '0.00',
      });
      expect(await caseRow(id)).toMatchObject({
        amount_agreed: '31500.00',
        amount_paid: '31500.00',
      });
      expect(await events(id, 'case.closed')).toHaveLength(2);
    });
  });
});
