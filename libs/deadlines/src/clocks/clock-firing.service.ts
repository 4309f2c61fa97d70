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
import { CLOCK_KIND_LABELS, type ClockKind } from './clock-kind.enum.js';
import { DeadlinesService } from './deadlines.service.js';

/** How many transitions of each kind a sweep handles per transaction. */
export const SWEEP_BATCH = 1_000;
/** A sweep pass stops after this many batches; the next pass goes on (bounded run time). */
const MAX_BATCHES_PER_PASS = 200;

const DEADLINES: SystemActor = { system: 'deadlines' };

/** What one firing did. */
export interface FireResult {
  warned: number;
  breached: number;
}

/** A clock that has just warned or breached. */
interface FiredRow {
  id: string;
  case_id: string;
  kind: ClockKind;
  ref: string | null;
  due_at: Date;
  next_fire_at: Date | null;
}

interface CaseRow {
  id: string;
  case_no: string;
  org_unit_id: string;
  mediator_id: string | null;
  path: string;
}

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
   * `next_fire_at` index, in batches of {@link SWEEP_BATCH} per transaction. Clocks locked by a
   * concurrent sweep or job are skipped (SKIP LOCKED): whoever holds them fires them.
   */
  async sweep(batchSize = SWEEP_BATCH): Promise<FireResult & { batches: number }> {
    const total = { warned: 0, breached: 0, batches: 0 };
    while (total.batches < MAX_BATCHES_PER_PASS) {
      const done = await this.dataSource.transaction((manager) =>
        this.fire(manager, null, batchSize),
      );
      total.batches++;
      total.warned += done.warned;
      total.breached += done.breached;
      if (done.warned < batchSize && done.breached < batchSize) break;
    }
    return total;
  }

  private async fire(
    manager: EntityManager,
    ids: string[] | null,
    limit: number,
  ): Promise<FireResult> {
    const [breached] = (await manager.query(
      `UPDATE case_clock k SET state = 'breached', breached_at = now(), updated_at = now()
        WHERE k.id IN (SELECT id FROM case_clock
                        WHERE next_fire_at <= now() AND due_at <= now()
                          AND state IN ('running', 'warned')
                          AND ($1::uuid[] IS NULL OR id = ANY ($1::uuid[]))
                        ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          AND k.state IN ('running', 'warned') AND k.due_at <= now()
        RETURNING k.id, k.case_id, k.kind, k.ref, k.due_at, k.next_fire_at`,
      [ids, limit],
    )) as [FiredRow[], number];
    const [warned] = (await manager.query(
      `UPDATE case_clock k SET state = 'warned', warned_at = now(), updated_at = now()
        WHERE k.id IN (SELECT id FROM case_clock
                        WHERE next_fire_at <= now() AND due_at > now() AND state = 'running'
                          AND ($1::uuid[] IS NULL OR id = ANY ($1::uuid[]))
                        ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          AND k.state = 'running' AND k.warn_at <= now() AND k.due_at > now()
        RETURNING k.id, k.case_id, k.kind, k.ref, k.due_at, k.next_fire_at`,
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
    const caseIds = [...new Set([...warned, ...breached].map((r) => r.case_id))];
    const cases = new Map(
      (
        (await manager.query(
          `SELECT c.id, c.case_no, c.org_unit_id, c.mediator_id, ou.path
           FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
          WHERE c.id = ANY ($1::uuid[])`,
          [caseIds],
        )) as CaseRow[]
      ).map((c) => [c.id, c]),
    );
    const people = await this.peopleOf(manager, [...cases.values()]);

    const orders = breached.length
      ? ((await manager.query(
          `INSERT INTO supervision_order (case_id, clock_id, org_unit_id)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])
           ON CONFLICT (clock_id) DO NOTHING
           RETURNING id, clock_id`,
          [
            breached.map((r) => r.case_id),
            breached.map((r) => r.id),
            breached.map((r) => cases.get(r.case_id)!.org_unit_id),
          ],
        )) as { id: string; clock_id: string }[])
      : [];
    const orderOf = new Map(orders.map((o) => [o.clock_id, o.id]));

    const events: ClockTimelineEvent[] = [];
    const notes: NewNotification[] = [];
    for (const clock of warned) {
      const kase = cases.get(clock.case_id)!;
      const who = people.get(kase.id) ?? { holders: [], intake: [], supervisors: [] };
      events.push({ caseId: kase.id, type: 'deadline.warned', data: eventData(clock) });
      const label = CLOCK_KIND_LABELS[clock.kind];
      const due = formatLocalMinute(clock.due_at);
      for (const userId of firstNonEmpty(who.holders, who.intake, who.supervisors)) {
        notes.push({
          userId,
          kind: 'deadline.warned',
          title: `期限预警：${kase.case_no} ${label}`,
          body: `案件 ${kase.case_no} 的「${label}」将于 ${due} 到期，请及时办理。`,
          caseId: kase.id,
          clockId: clock.id,
        });
      }
    }
    for (const clock of breached) {
      const kase = cases.get(clock.case_id)!;
      const who = people.get(kase.id) ?? { holders: [], intake: [], supervisors: [] };
      const orderId = orderOf.get(clock.id) ?? null;
      events.push({ caseId: kase.id, type: 'deadline.breached', data: eventData(clock) });
      if (orderId) {
        events.push({
          caseId: kase.id,
          type: 'deadline.supervision_opened',
          data: { supervisionOrderId: orderId, clockId: clock.id, kind: clock.kind },
        });
      }
      const label = CLOCK_KIND_LABELS[clock.kind];
      const due = formatLocalMinute(clock.due_at);
      const handlers = firstNonEmpty(who.holders, who.intake);
      for (const userId of new Set([...who.supervisors, ...handlers])) {
        const supervising = who.supervisors.includes(userId);
        notes.push({
          userId,
          kind: 'deadline.breached',
          title: `期限超时（督办）：${kase.case_no} ${label}`,
          body: supervising
            ? `案件 ${kase.case_no} 的「${label}」已于 ${due} 超时，已生成督办单，请督促承办人员尽快办理。`
            : `案件 ${kase.case_no} 的「${label}」已于 ${due} 超时，已生成督办单，请尽快办理并说明情况。`,
          caseId: kase.id,
          clockId: clock.id,
        });
      }
    }
    await this.cases.appendEvents(manager, DEADLINES, events);
    await this.notifications.notify(manager, notes);
  }

  /**
   * For each case: the users of its holder, and the active intake staff and supervisors of the
   * nearest unit on its path (its own unit first, then up) that has any. The path's unit ids
   * are joined to users by their home unit (indexed), not matched by prefix against every user.
   */
  private async peopleOf(
    manager: EntityManager,
    cases: readonly CaseRow[],
  ): Promise<Map<string, CasePeople>> {
    const rows = (await manager.query(
      `WITH t AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(case_id, path, mediator_id)),
            staff AS (
              SELECT t.case_id, u.id AS user_id, r.role, a.depth,
                     max(a.depth) OVER (PARTITION BY t.case_id, r.role) AS nearest
                FROM t
                CROSS JOIN LATERAL unnest(string_to_array(btrim(t.path, '/'), '/'))
                           WITH ORDINALITY AS a(unit_id, depth)
                JOIN app_user u ON u.org_unit_id = a.unit_id::uuid AND u.active
                CROSS JOIN LATERAL unnest(ARRAY['intake', 'supervisor']) AS r(role)
               WHERE r.role = ANY (u.roles))
       SELECT t.case_id, u.id AS user_id, 'holder' AS role
         FROM t JOIN app_user u ON u.mediator_id = t.mediator_id AND u.active
       UNION ALL
       SELECT case_id, user_id, role FROM staff WHERE depth = nearest`,
      [cases.map((c) => c.id), cases.map((c) => c.path), cases.map((c) => c.mediator_id)],
    )) as { case_id: string; user_id: string; role: 'holder' | 'intake' | 'supervisor' }[];
    const people = new Map<string, CasePeople>();
    for (const row of rows) {
      let entry = people.get(row.case_id);
      if (!entry) people.set(row.case_id, (entry = { holders: [], intake: [], supervisors: [] }));
      const list =
        row.role === 'holder'
          ? entry.holders
          : row.role === 'intake'
            ? entry.intake
            : entry.supervisors;
      if (!list.includes(row.user_id)) list.push(row.user_id);
    }
    return people;
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
