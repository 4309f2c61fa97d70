import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PiiCipher } from '@heqi/core';
import { formatCaseNo, protectClaimant, shanghaiYear } from '@heqi/cases';
import type { HistoricCase } from './synthetic-history.js';
import { insertRows } from './insert-rows.js';

/** Where the generated history lands: database ids of the demo network and its users. */
export interface HistoryTargets {
  districtId: string;
  districtName: string;
  unitIds: Record<string, string>;
  /** Unit names by ref, for the agreement's mediation organisation. */
  unitNames: Record<string, string>;
  mediatorIds: Record<string, string>;
  /** The user (id and display name) of each mediator ref, the actor of their events. */
  mediatorUsers: Record<string, { id: string; name: string }>;
}

const DAY_MS = 24 * 3600 * 1000;
const HOTLINE_ACTOR = '12345热线';

/**
 * Writes a generated history straight into the tables, as the services would have left it a year
 * on: cases with their numbers, claimants (numbers encrypted, hashed and masked), 12345 orders
 * with the reply delivered, the timeline, clocks met or breached, 回访 and reopens. Straight
 * SQL because the services stamp `now()`, and a history must be dated in the past; nothing
 * here is enqueued, since everything in it is finished.
 */
export async function writeHistory(
  manager: EntityManager,
  cipher: PiiCipher,
  history: readonly HistoricCase[],
  targets: HistoryTargets,
): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  const lastNoByYear = new Map<number, number>();
  const caseRows: unknown[][] = [];
  const claimantRows: unknown[][] = [];
  const orderRows: unknown[][] = [];
  const feedbackRows: unknown[][] = [];
  const eventRows: unknown[][] = [];
  const clockRows: unknown[][] = [];
  const sessionRows: unknown[][] = [];
  const agreementRows: unknown[][] = [];
  const instalmentRows: unknown[][] = [];
  const paymentRows: unknown[][] = [];

  for (const c of history) {
    const id = randomUUID();
    ids.set(c.seq, id);
    const year = shanghaiYear(c.receivedAt);
    const seq = (lastNoByYear.get(year) ?? 0) + 1;
    lastNoByYear.set(year, seq);
    const caseNo = formatCaseNo(targets.districtName, year, seq);
    const unitId = required(targets.unitIds, c.unitRef);
    const mediatorId = required(targets.mediatorIds, c.mediatorRef);
    const mediator = required(targets.mediatorUsers, c.mediatorRef);
    const paid = c.agreement?.instalments.reduce((s, i) => s + toFen(i.paid), 0) ?? 0;
    const orderNo = c.channel === 'hotline' ? hotlineOrderNo(c) : null;

    caseRows.push([
      id,
      caseNo,
      c.channel,
      'closed',
      c.outcome,
      c.category,
      c.title,
      c.description,
      unitId,
      targets.districtId,
      mediatorId,
      c.collective,
      c.collective,
      c.collective,
      c.employer.name,
      c.employer.creditCode,
      c.employer.unitRef ? required(targets.unitIds, c.employer.unitRef) : null,
      c.amountClaimed,
      c.agreement?.amountAgreed ?? null,
      (paid / 100).toFixed(2),
      c.workerCount,
      c.receivedAt,
      c.closedAt,
      c.reopened ? 1 : 0,
      c.firstContactAt,
      c.receivedAt,
      c.closedAt,
    ]);
    const claimant = protectClaimant(cipher, c.claimant);
    claimantRows.push([
      id,
      1,
      claimant.name,
      claimant.phoneEnc,
      claimant.phoneHash,
      claimant.phoneMasked,
      claimant.idNumberEnc,
      claimant.idNumberHash,
      claimant.idNumberMasked,
    ]);
    if (orderNo) {
      orderRows.push([
        orderNo,
        id,
        'push',
        '劳动保障-劳动纠纷',
        c.collective ? 'urgent' : 'normal',
        c.receivedAt,
        'delivered',
        c.receivedAt,
      ]);
      for (const f of c.feedback) feedbackRows.push([id, orderNo, f.result, f.visitedAt]);
    }

    const event = (
      at: Date,
      actor: { id: string | null; name: string },
      type: string,
      data: object,
    ) => eventRows.push([id, at, actor.id, actor.name, type, JSON.stringify(data)]);
    const system = { id: null, name: c.channel === 'hotline' ? HOTLINE_ACTOR : mediator.name };
    const me = { id: mediator.id, name: mediator.name };
    event(c.receivedAt, system, 'case.received', {
      channel: c.channel,
      orderNo,
      unitId,
      demo: true,
    });
    event(
      new Date(c.receivedAt.getTime() + 60_000),
      { id: null, name: 'assignment' },
      'assignment.offered',
      { mediatorId },
    );
    event(c.acceptedAt, me, 'assignment.accepted', { mediatorId });
    event(c.firstContactAt, me, 'mediation.first_contact', { mode: 'phone' });
    for (const s of c.sessions)
      event(s.heldAt, me, 'mediation.session_held', { mode: s.mode, notes: s.notes });
    const closeData = { outcome: c.outcome, reason: c.reason, handlingSummary: c.handlingSummary };
    if (c.reopened) {
      const firstClose = new Date(c.closedAt.getTime() - 7 * DAY_MS);
      event(firstClose, me, 'case.closed', closeData);
      event(c.feedback[0]!.visitedAt, { id: null, name: HOTLINE_ACTOR }, 'hotline.feedback', {
        result: 'unsatisfied',
      });
      event(c.feedback[0]!.visitedAt, { id: null, name: HOTLINE_ACTOR }, 'case.reopened', {
        reopenCount: 1,
      });
    }
    event(c.closedAt, me, 'case.closed', closeData);
    if (orderNo)
      event(
        new Date(c.closedAt.getTime() + 30_000),
        { id: null, name: 'hotline-reply' },
        'hotline.reply_delivered',
        { kind: 'reply', status: 200 },
      );
    const lastFeedback = c.feedback[c.feedback.length - 1];
    if (lastFeedback && (!c.reopened || c.feedback.length > 1)) {
      event(lastFeedback.visitedAt, { id: null, name: HOTLINE_ACTOR }, 'hotline.feedback', {
        result: lastFeedback.result,
      });
    }

    if (c.agreement) {
      const unitName = targets.unitNames[c.unitRef] ?? '';
      const agreementId = randomUUID();
      agreementRows.push([
        agreementId,
        id,
        c.agreement.terms,
        c.agreement.amountAgreed,
        c.agreement.signedAt,
        JSON.stringify({
          claimants: [{ name: claimant.name, idNumberMasked: claimant.idNumberMasked }],
          employer: { name: c.employer.name, creditCode: c.employer.creditCode },
        }),
        JSON.stringify({
          category: c.category,
          title: c.title,
          description: c.description,
          amountClaimed: c.amountClaimed,
          workerCount: c.workerCount,
        }),
        unitName,
        mediator.id,
        c.agreement.signedAt,
      ]);
      for (const i of c.agreement.instalments) {
        const due = new Date(`${i.dueDate}T23:59:59+08:00`);
        const owed = toFen(i.paid) < toFen(i.amount) && due.getTime() < Date.now();
        instalmentRows.push([
          agreementId,
          id,
          i.no,
          i.dueDate,
          i.amount,
          i.paid,
          toFen(i.paid) === toFen(i.amount) ? i.paidAt : null,
          owed ? addDays(due, 1) : null,
        ]);
        if (owed) {
          event(addDays(due, 1), { id: null, name: '履行监督' }, 'mediation.payment_default', {
            instalmentNo: i.no,
            owed: ((toFen(i.amount) - toFen(i.paid)) / 100).toFixed(2),
          });
        }
        if (i.paidAt && toFen(i.paid) > 0) {
          paymentRows.push([
            id,
            agreementId,
            i.paid,
            i.paidAt,
            JSON.stringify([{ no: i.no, amount: i.paid }]),
            mediator.id,
          ]);
        }
      }
    }

    clockRows.push(
      clock(
        id,
        'first_contact',
        c.acceptedAt,
        addDays(c.acceptedAt, 1),
        c.firstContactAt,
        'contacted',
      ),
      clock(id, 'mediation_limit', c.receivedAt, addDays(c.receivedAt, 15), c.closedAt, 'closed'),
    );
    if (orderNo)
      clockRows.push(
        clock(id, 'hotline_reply', c.receivedAt, addDays(c.receivedAt, 7), c.closedAt, 'closed'),
      );
  }

  await insertRows(
    manager,
    'mediation_case',
    [
      'id',
      'case_no',
      'channel',
      'status',
      'outcome',
      'category',
      'title',
      'description',
      'org_unit_id',
      'district_id',
      'mediator_id',
      'collective',
      'urgent',
      'town_level',
      'employer_name',
      'employer_credit_code',
      'employer_unit_id',
      'amount_claimed',
      'amount_agreed',
      'amount_paid',
      'worker_count',
      'received_at',
      'closed_at',
      'reopen_count',
      'first_contact_at',
      'created_at',
      'updated_at',
    ],
    caseRows,
  );
  await insertRows(
    manager,
    'claimant',
    [
      'case_id',
      'position',
      'name',
      'phone_enc',
      'phone_hash',
      'phone_masked',
      'id_number_enc',
      'id_number_hash',
      'id_number_masked',
    ],
    claimantRows,
  );
  await insertRows(
    manager,
    'hotline_order',
    [
      'order_no',
      'case_id',
      'source',
      'hotline_category',
      'urgency',
      'dispatched_at',
      'reply_state',
      'received_at',
    ],
    orderRows,
  );
  await insertRows(
    manager,
    'case_feedback',
    ['case_id', 'order_no', 'result', 'visited_at'],
    feedbackRows,
  );
  await insertRows(
    manager,
    'case_event',
    ['case_id', 'at', 'actor_id', 'actor_name', 'type', 'data'],
    eventRows,
  );
  await insertRows(
    manager,
    'case_session',
    ['case_id', 'held_at', 'mode', 'notes', 'recorded_by'],
    sessionRows,
  );
  await insertRows(
    manager,
    'case_agreement',
    [
      'id',
      'case_id',
      'terms',
      'amount_agreed',
      'signed_at',
      'parties',
      'claims',
      'unit_name',
      'created_by',
      'created_at',
    ],
    agreementRows,
  );
  await insertRows(
    manager,
    'agreement_instalment',
    ['agreement_id', 'case_id', 'no', 'due_date', 'amount', 'paid', 'paid_at', 'defaulted_at'],
    instalmentRows,
  );
  await insertRows(
    manager,
    'case_payment',
    ['case_id', 'agreement_id', 'amount', 'paid_at', 'allocations', 'recorded_by'],
    paymentRows,
  );
  await insertRows(
    manager,
    'case_clock',
    [
      'case_id',
      'kind',
      'warn_share',
      'started_at',
      'given_due_at',
      'due_at',
      'warn_at',
      'state',
      'warned_at',
      'breached_at',
      'met_at',
      'stopped_at',
      'stop_reason',
    ],
    clockRows,
  );

  // Live cases continue each year's numbering after the history.
  for (const [year, lastNo] of lastNoByYear) {
    await manager.query(
      `INSERT INTO case_number_counter (district_id, year, last_no) VALUES ($1, $2, $3)
       ON CONFLICT (district_id, year) DO UPDATE SET last_no = greatest(case_number_counter.last_no, EXCLUDED.last_no)`,
      [targets.districtId, year, lastNo],
    );
  }
  return ids;
}

/** A clock that ran from `start` to `stoppedAt`: met if stopped by its due time, else breached. */
function clock(
  caseId: string,
  kind: string,
  start: Date,
  due: Date,
  stoppedAt: Date,
  reason: string,
): unknown[] {
  const warnAt = new Date(start.getTime() + (due.getTime() - start.getTime()) * 0.8);
  const met = stoppedAt.getTime() <= due.getTime();
  const warned = stoppedAt.getTime() >= warnAt.getTime() ? warnAt : null;
  return [
    caseId,
    kind,
    0.8,
    start,
    due,
    due,
    warnAt,
    met ? 'met' : 'breached',
    warned,
    met ? null : due,
    met ? stoppedAt : null,
    stoppedAt,
    reason,
  ];
}

/** 12345 order numbers look like `NH12345-20260315-000123`: platform prefix, dispatch day, serial. */
function hotlineOrderNo(c: HistoricCase): string {
  const day = new Date(c.receivedAt.getTime() + 8 * 3600_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  return `NH12345-${day}-${String(c.seq).padStart(6, '0')}`;
}

function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

function toFen(yuan: string): number {
  return Math.round(Number(yuan) * 100);
}

function required<T>(map: Record<string, T>, key: string): T {
  const value = map[key];
  if (value === undefined) throw new Error(`demo history refers to an unknown ref: ${key}`);
  return value;
}
