import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type SystemActor, isUuid } from '@heqi/core';
import { formatLocalMinute } from '../calendar/index.js';
import { CaseGateway, type ClockTimelineEvent } from '../case-gateway.js';
import {
  type NewNotification,
  NotificationsService,
} from '../notifications/notifications.service.js';
import { CLOCK_KIND_LABELS, ClockKind } from './clock-kind.enum.js';
import { DeadlinesService } from './deadlines.service.js';

/** Clock kinds whose breach another context alerts on (see `escalate`). */
const ALERTED_ELSEWHERE: ReadonlySet<ClockKind> = new Set([ClockKind.AgreementPerformance]);

/** How many transitions of each kind a sweep handles per transaction. */
export const SWEEP_BATCH = 1_000;
/**
 * Transactions a sweep runs at once: Postgres spreads them over its cores and overlaps their
 * I/O; two keep a pass of 10,000 transitions under two seconds on a 2-CPU machine (bench).
 */
export const SWEEP_LANES = 2;
/** A sweep pass stops after this many batches; the next pass goes on (bounded run time). */
const MAX_BATCHES_PER_PASS = 200;

const DEADLINES: SystemActor = { system: 'deadlines' };

/** What one firing did. */
export interface FireResult {
  warned: number;
  breached: number;
}

/** A clock that has just warned or breached, with what escalation needs of its case. */
interface FiredRow {
  id: string;
  case_id: string;
  kind: ClockKind;
  ref: string | null;
  due_at: Date;
  next_fire_at: Date | null;
  case_no: string;
  org_unit_id: string;
  mediator_id: string | null;
  /** Materialised path of the case's unit. */
  path: string;
}

/** A transition's RETURNING: the clock, and its case read in the same statement. */
const FIRED_COLUMNS = `k.id, k.case_id, k.kind, k.ref, k.due_at, k.next_fire_at, c.case_no,
  c.org_unit_id, c.mediator_id, ou.path`;

/** Who hears about a case's clocks: its holder, else the intake staff, and its supervisors. */
interface CasePeople {
  holders: string[];
  intake: string[];
  supervisors: string[];
}

/**
 * Fires clocks: a warning at `warn_at`, a breach at `due_at`. Both the delayed job of one clock
 * and the periodic sweep come here, and each transition is one conditional UPDATE (`WHERE state
 * = …`) in the transaction that also writes its effects — timeline events, notifications, the
 * 督办 of a breach and the job of the next transition — so it happens exactly once however many
 * jobs and sweeps race, and an early job finds nothing due and does nothing.
 *
 * Escalation: a warning goes to the holder (the mediator's user), or when nobody holds the case
 * to the intake staff of the nearest unit above it that has some (else its supervisors); a
 * breach goes to those and to the supervisors of the nearest unit above the case that has
 * some, and opens a 督办 (supervision order).
 */
@Injectable()
export class ClockFiring {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseGateway) private readonly cases: CaseGateway,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
  ) {}

  /** The delayed job of one clock: applies whatever transition is due now, if any. */
  async fireClock(clockId: string): Promise<FireResult> {
    if (!isUuid(clockId)) return { warned: 0, breached: 0 };
    return this.dataSource.transaction((manager) => this.fire(manager, [clockId], 1));
  }

  /**
   * One sweep pass: every clock whose warning or breach is due, found through the
   * `next_fire_at` index, in batches of {@link SWEEP_BATCH} per transaction, `lanes` transactions
   * at a time. Clocks locked by another lane, sweep or job are skipped (SKIP LOCKED): whoever
   * holds them fires them, so lanes never wait on each other and never fire a clock twice.
   */
  async sweep(
    batchSize = SWEEP_BATCH,
    lanes = SWEEP_LANES,
  ): Promise<FireResult & { batches: number }> {
    const total = { warned: 0, breached: 0, batches: 0 };
    let more = true;
    const lane = async (): Promise<void> => {
      while (more && total.batches < MAX_BATCHES_PER_PASS) {
        total.batches++;
        const done = await this.dataSource.transaction((manager) =>
          this.fire(manager, null, batchSize),
        );
        total.warned += done.warned;
        total.breached += done.breached;
        if (done.warned < batchSize && done.breached < batchSize) more = false;
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    return total;
  }

  private async fire(
    manager: EntityManager,
    ids: string[] | null,
    limit: number,
  ): Promise<FireResult> {
    // Each transition reads the clock's case in the same statement (one round trip).
    const [breached] = (await manager.query(
      `UPDATE case_clock k SET state = 'breached', breached_at = now(), updated_at = now()
         FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
        WHERE k.id IN (SELECT id FROM case_clock
                        WHERE next_fire_at <= now() AND due_at <= now()
                          AND state IN ('running', 'warned')
                          AND ($1::uuid[] IS NULL OR id = ANY ($1::uuid[]))
                        ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          AND k.state IN ('running', 'warned') AND k.due_at <= now() AND c.id = k.case_id
        RETURNING ${FIRED_COLUMNS}`,
      [ids, limit],
    )) as [FiredRow[], number];
    const [warned] = (await manager.query(
      `UPDATE case_clock k SET state = 'warned', warned_at = now(), updated_at = now()
         FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
        WHERE k.id IN (SELECT id FROM case_clock
                        WHERE next_fire_at <= now() AND due_at > now() AND state = 'running'
                          AND ($1::uuid[] IS NULL OR id = ANY ($1::uuid[]))
                        ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          AND k.state = 'running' AND k.warn_at <= now() AND k.due_at > now()
          AND c.id = k.case_id
        RETURNING ${FIRED_COLUMNS}`,
      [ids, limit],
    )) as [FiredRow[], number];
    if (breached.length + warned.length > 0) {
      await this.escalate(manager, warned, breached);
      // A warned clock's next transition is its breach, at its due instant.
      await this.deadlines.scheduleFiring(manager, warned);
    }
    return { warned: warned.length, breached: breached.length };
  }

  private async escalate(
    manager: EntityManager,
    warned: readonly FiredRow[],
    breached: readonly FiredRow[],
  ): Promise<void> {
    const cases = new Map<string, FiredRow>([...warned, ...breached].map((r) => [r.case_id, r]));
    const people = await this.peopleOf(manager, [...cases.values()]);
    const nobody: CasePeople = { holders: [], intake: [], supervisors: [] };

    // A missed instalment is the employer's default, not a lapse of the staff: the mediation
    // context raises its own payment-default alert (with the 支付令 packet) for it, so the breach
    // is recorded here without a 督办 or a second notification.
    const escalated = breached.filter((r) => !ALERTED_ELSEWHERE.has(r.kind));
    const orders = escalated.length
      ? ((await manager.query(
          `INSERT INTO supervision_order (case_id, clock_id, org_unit_id)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])
           ON CONFLICT (clock_id) DO NOTHING
           RETURNING id, clock_id`,
          [
            escalated.map((r) => r.case_id),
            escalated.map((r) => r.id),
            escalated.map((r) => r.org_unit_id),
          ],
        )) as { id: string; clock_id: string }[])
      : [];
    const orderOf = new Map(orders.map((o) => [o.clock_id, o.id]));

    const events: ClockTimelineEvent[] = [];
    const notes: NewNotification[] = [];
    for (const clock of warned) {
      const who = people.get(clock.case_id) ?? nobody;
      events.push({ caseId: clock.case_id, type: 'deadline.warned', data: eventData(clock) });
      const label = CLOCK_KIND_LABELS[clock.kind];
      const due = formatLocalMinute(clock.due_at);
      for (const userId of firstNonEmpty(who.holders, who.intake, who.supervisors)) {
        notes.push({
          userId,
          kind: 'deadline.warned',
          title: `期限预警：${clock.case_no} ${label}`,
          body: `案件 ${clock.case_no} 的「${label}」将于 ${due} 到期，请及时办理。`,
          caseId: clock.case_id,
          clockId: clock.id,
        });
      }
    }
    for (const clock of breached) {
      const who = people.get(clock.case_id) ?? nobody;
      const orderId = orderOf.get(clock.id) ?? null;
      events.push({ caseId: clock.case_id, type: 'deadline.breached', data: eventData(clock) });
      if (orderId) {
        events.push({
          caseId: clock.case_id,
          type: 'deadline.supervision_opened',
          data: { supervisionOrderId: orderId, clockId: clock.id, kind: clock.kind },
        });
      }
      if (ALERTED_ELSEWHERE.has(clock.kind)) continue;
      const label = CLOCK_KIND_LABELS[clock.kind];
      const due = formatLocalMinute(clock.due_at);
      const handlers = firstNonEmpty(who.holders, who.intake);
      for (const userId of new Set([...who.supervisors, ...handlers])) {
        const supervising = who.supervisors.includes(userId);
        notes.push({
          userId,
          kind: 'deadline.breached',
          title: `期限超时（督办）：${clock.case_no} ${label}`,
          body: supervising
            ? `案件 ${clock.case_no} 的「${label}」已于 ${due} 超时，已生成督办单，请督促承办人员尽快办理。`
            : `案件 ${clock.case_no} 的「${label}」已于 ${due} 超时，已生成督办单，请尽快办理并说明情况。`,
          caseId: clock.case_id,
          clockId: clock.id,
        });
      }
    }
    await this.cases.appendEvents(manager, DEADLINES, events);
    await this.notifications.notify(manager, notes);
  }

  /**
   * For each case: the users of its holder, and the active intake staff and supervisors of the
   * nearest unit on its path (its own unit first, then up) that has any. Looked up once per
   * distinct unit path and holder — a sweep's thousands of cases sit in a few hundred units —
   * joining the path's unit ids to users by their home unit (indexed).
   */
  private async peopleOf(
    manager: EntityManager,
    cases: readonly FiredRow[],
  ): Promise<Map<string, CasePeople>> {
    const paths = [...new Set(cases.map((c) => c.path))];
    const holders = [...new Set(cases.map((c) => c.mediator_id).filter((m) => m !== null))];
    const rows = (await manager.query(
      `WITH staff AS (
         SELECT p.path, u.id AS user_id, r.role, a.depth,
                max(a.depth) OVER (PARTITION BY p.path, r.role) AS nearest
           FROM unnest($1::text[]) AS p(path)
           CROSS JOIN LATERAL unnest(string_to_array(btrim(p.path, '/'), '/'))
                      WITH ORDINALITY AS a(unit_id, depth)
           JOIN app_user u ON u.org_unit_id = a.unit_id::uuid AND u.active
           CROSS JOIN LATERAL unnest(ARRAY['intake', 'supervisor']) AS r(role)
          WHERE r.role = ANY (u.roles))
       SELECT path AS key, user_id, role FROM staff WHERE depth = nearest
       UNION ALL
       SELECT mediator_id::text, id, 'holder' FROM app_user
        WHERE active AND mediator_id = ANY ($2::uuid[])`,
      [paths, holders],
    )) as { key: string; user_id: string; role: 'holder' | 'intake' | 'supervisor' }[];
    const found = new Map<string, string[]>();
    for (const row of rows) {
      const key = `${row.role}:${row.key}`;
      found.set(key, [...(found.get(key) ?? []), row.user_id]);
    }
    return new Map(
      cases.map((c) => [
        c.case_id,
        {
          holders: c.mediator_id ? (found.get(`holder:${c.mediator_id}`) ?? []) : [],
          intake: found.get(`intake:${c.path}`) ?? [],
          supervisors: found.get(`supervisor:${c.path}`) ?? [],
        },
      ]),
    );
  }
}

function eventData(clock: FiredRow): Record<string, unknown> {
  return {
    clockId: clock.id,
    kind: clock.kind,
    ...(clock.ref ? { ref: clock.ref } : {}),
    dueAt: clock.due_at.toISOString(),
  };
}

function firstNonEmpty(...lists: string[][]): string[] {
  return lists.find((l) => l.length > 0) ?? [];
}
