import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  JobName,
  OutboxService,
  type SqlStatement,
  type SystemActor,
  withWrites,
} from '@heqi/core';
import type { AssignableCase } from '@heqi/cases';
import { OfferClock } from './offer-clock.js';
import { OfferRole } from './offer-role.enum.js';
import { OfferState } from './offer-state.enum.js';

/** How the engine and the lapse of offers appear on timelines. */
export const ASSIGNMENT_ACTOR: SystemActor = { system: 'assignment' };

/** An offer row as the write paths read it. */
export interface OfferRow {
  id: string;
  case_id: string;
  mediator_id: string;
  role: OfferRole;
  state: OfferState;
  offered_at: Date;
  expires_at: Date;
}

const OFFER_COLUMNS = 'id, case_id, mediator_id, role, state, offered_at, expires_at';

/**
 * The writes every assignment path shares, always inside the caller's transaction and with the
 * case row already locked: making and closing offers, and the engine's per-case bookkeeping —
 * with the reads they decide on (a case's open offers, its lead, its co-mediator).
 * Internal to the assignment context.
 */
@Injectable()
export class OfferLedger {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(OfferClock) private readonly clock: OfferClock,
  ) {}

  /**
   * Records an open offer (the caller holds the mediator's row lock), stamps the mediator's
   * round-robin time, and schedules the offer's lapse through the outbox (a delayed job; the
   * sweep catches it if that job is ever lost).
   */
  async open(
    manager: EntityManager,
    caseId: string,
    mediatorId: string,
    role: OfferRole,
  ): Promise<OfferRow> {
    const [offer] = await this.openMany(manager, [{ caseId, mediatorId, role }]);
    return offer!;
  }

  /**
   * {@link open} for many offers in one statement whatever their number (the engine's batches);
   * at most one offer per case and role. Answers in the order of `offers`.
   */
  async openMany(
    manager: EntityManager,
    offers: readonly { caseId: string; mediatorId: string; role: OfferRole }[],
  ): Promise<OfferRow[]> {
    const opened = this.plan(offers);
    const [insert, ...beside] = this.openStatements(opened);
    if (!insert) return [];
    const { sql, params } = withWrites(insert, beside);
    await manager.query(sql, params);
    return opened;
  }

  /**
   * The offers {@link openMany} would make, as they will be written — ids, offer and expiry
   * instants fixed here rather than by the database, so a caller can record them (timeline
   * events) before the write, in the statement that makes them. In the order of `offers`.
   */
  plan(offers: readonly { caseId: string; mediatorId: string; role: OfferRole }[]): OfferRow[] {
    const offeredAt = new Date();
    const expiresAt = this.clock.expiry(offeredAt);
    return offers.map((o) => ({
      id: randomUUID(),
      case_id: o.caseId,
      mediator_id: o.mediatorId,
      role: o.role,
      state: OfferState.Open,
      offered_at: offeredAt,
      expires_at: expiresAt,
    }));
  }

  /**
   * The writes of {@link openMany} for offers from {@link plan} (one call, so one instant): the
   * offers, the mediators' round-robin stamp, the lapse jobs. Independent of each other, for a
   * caller to run together (`withWrites`) with its own; none when there are no offers.
   */
  openStatements(offers: readonly OfferRow[]): SqlStatement[] {
    if (offers.length === 0) return [];
    const offeredAt = offers[0]!.offered_at;
    return [
      {
        sql: `INSERT INTO case_offer (id, case_id, mediator_id, role, offered_at, expires_at)
              SELECT o.id, o.case_id, o.mediator_id, o.role, o.offered_at, o.expires_at
                FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[],
                            $6::timestamptz[])
                       WITH ORDINALITY AS o(id, case_id, mediator_id, role, offered_at, expires_at, n)
               ORDER BY o.n`,
        params: [
          offers.map((o) => o.id),
          offers.map((o) => o.case_id),
          offers.map((o) => o.mediator_id),
          offers.map((o) => o.role),
          offers.map((o) => o.offered_at),
          offers.map((o) => o.expires_at),
        ],
      },
      this.stampStatement(
        offers.map((o) => o.mediator_id),
        offeredAt,
      )!,
      this.outbox.enqueueStatement(
        JobName.ExpireOffer,
        offers.map((o) => ({ payload: { offerId: o.id }, runAt: o.expires_at })),
      )!,
    ];
  }

  /** Round-robin: the mediator was last given a case now. */
  async stampAssigned(manager: EntityManager, mediatorId: string, at = new Date()): Promise<void> {
    await this.stampAssignedMany(manager, [mediatorId], at);
  }

  /** {@link stampAssigned} for many mediators in one statement. */
  async stampAssignedMany(
    manager: EntityManager,
    mediatorIds: readonly string[],
    at = new Date(),
  ): Promise<void> {
    const statement = this.stampStatement(mediatorIds, at);
    if (statement) await manager.query(statement.sql, statement.params);
  }

  /**
   * The statement of {@link stampAssignedMany}: each mediator once, as a statement may not
   * update a row twice.
   */
  private stampStatement(mediatorIds: readonly string[], at: Date): SqlStatement | null {
    if (mediatorIds.length === 0) return null;
    return {
      sql: `UPDATE mediator SET last_assigned_at = $2::timestamptz WHERE id = ANY($1::uuid[])`,
      params: [[...new Set(mediatorIds)], at],
    };
  }

  /** The caller's (mediator's) open offer of the case, locked; null when there is none. */
  async findOpen(
    manager: EntityManager,
    caseId: string,
    mediatorId: string,
  ): Promise<OfferRow | null> {
    const [offer] = (await manager.query(
      `SELECT ${OFFER_COLUMNS} FROM case_offer
        WHERE case_id = $1 AND mediator_id = $2 AND state = 'open' FOR UPDATE`,
      [caseId, mediatorId],
    )) as OfferRow[];
    return offer ?? null;
  }

  /** The case's open offer of `role`, if any. */
  async openOfCase(
    manager: EntityManager,
    caseId: string,
    role: OfferRole,
  ): Promise<OfferRow | null> {
    return (await this.openOfCases(manager, [caseId], role)).get(caseId) ?? null;
  }

  /** The case's lead: its holder, or the mediator its open lead offer went to (none yet: null). */
  async leadOf(
    manager: EntityManager,
    subject: Pick<AssignableCase, 'id' | 'mediatorId'>,
  ): Promise<string | null> {
    if (subject.mediatorId) return subject.mediatorId;
    return (await this.openOfCase(manager, subject.id, OfferRole.Lead))?.mediator_id ?? null;
  }

  /** The case's current co-mediator (one at a time: `case_co_mediator_current_key`), if any. */
  async currentCoMediator(manager: EntityManager, caseId: string): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT mediator_id FROM case_co_mediator WHERE case_id = $1 AND until IS NULL`,
      [caseId],
    )) as { mediator_id: string }[];
    return row?.mediator_id ?? null;
  }

  /** {@link openOfCase} for many cases in one statement, by case id. */
  async openOfCases(
    manager: EntityManager,
    caseIds: readonly string[],
    role: OfferRole,
  ): Promise<Map<string, OfferRow>> {
    if (caseIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT ${OFFER_COLUMNS} FROM case_offer
        WHERE case_id = ANY($1::uuid[]) AND role = $2 AND state = 'open'`,
      [caseIds, role],
    )) as OfferRow[];
    return new Map(rows.map((r) => [r.case_id, r]));
  }

  /**
   * Closes an open offer; returns it, or null when it was no longer open. The `state = 'open'`
   * condition makes every transition happen once, whoever (job, sweep, request) gets there first.
   * `dueOnly`: only if its expiry has passed (the lapse of an offer).
   */
  async close(
    manager: EntityManager,
    offerId: string,
    state: Exclude<OfferState, OfferState.Open>,
    options: { reason?: string; dueOnly?: boolean } = {},
  ): Promise<OfferRow | null> {
    // TypeORM's postgres driver answers an UPDATE … RETURNING with [rows, count].
    const [rows] = (await manager.query(
      `UPDATE case_offer SET state = $2, answered_at = clock_timestamp(), decline_reason = $3
        WHERE id = $1 AND state = 'open' AND (NOT $4 OR expires_at <= now())
        RETURNING ${OFFER_COLUMNS}`,
      [offerId, state, options.reason ?? null, options.dueOnly ?? false],
    )) as [OfferRow[], number];
    return rows[0] ?? null;
  }

  /** The case waits again from now (its lead offer ended without a holder). */
  async markRequeued(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(
      `INSERT INTO case_assignment (case_id, queued_since) VALUES ($1, now())
       ON CONFLICT (case_id) DO UPDATE SET queued_since = now()`,
      [caseId],
    );
  }

  /**
   * Records one run of the engine on the case: when, and why nobody fitted (null when somebody
   * did). The first record of a case dates its wait from its last `case.queued`/`case.routed`.
   */
  async markAttempt(
    manager: EntityManager,
    caseId: string,
    noCandidate: Record<string, unknown> | null,
  ): Promise<void> {
    await this.markAttempts(manager, [{ caseId, noCandidate }]);
  }

  /** {@link markAttempt} for many cases (each once) in one statement. */
  async markAttempts(
    manager: EntityManager,
    attempts: readonly { caseId: string; noCandidate: Record<string, unknown> | null }[],
  ): Promise<void> {
    const statement = this.markAttemptsStatement(attempts);
    if (statement) await manager.query(statement.sql, statement.params);
  }

  /**
   * The statement {@link markAttempts} runs, for a caller that runs it beside its own writes
   * (`withWrites`; none of them may write the cases' `case_assignment` rows); null when there
   * are no attempts.
   */
  markAttemptsStatement(
    attempts: readonly { caseId: string; noCandidate: Record<string, unknown> | null }[],
  ): SqlStatement | null {
    if (attempts.length === 0) return null;
    return {
      sql: `INSERT INTO case_assignment (case_id, queued_since, attempts, last_attempt_at, no_candidate)
            SELECT a.case_id,
                   coalesce((SELECT max(at) FROM case_event
                              WHERE case_id = a.case_id AND type IN ('case.queued', 'case.routed')), now()),
                   1, now(), a.no_candidate
              FROM unnest($1::uuid[], $2::jsonb[]) AS a(case_id, no_candidate)
            ON CONFLICT (case_id) DO UPDATE
              SET attempts = case_assignment.attempts + 1, last_attempt_at = now(),
                  no_candidate = EXCLUDED.no_candidate`,
      params: [
        attempts.map((a) => a.caseId),
        attempts.map((a) => (a.noCandidate === null ? null : JSON.stringify(a.noCandidate))),
      ],
    };
  }

  /** Whether a co-mediator search is worth running, and records that none fitted. */
  async setCoNone(manager: EntityManager, caseId: string, none: boolean): Promise<void> {
    await manager.query(
      `INSERT INTO case_assignment (case_id, queued_since, co_none_at)
       VALUES ($1, now(), CASE WHEN $2 THEN now() END)
       ON CONFLICT (case_id) DO UPDATE SET co_none_at = CASE WHEN $2 THEN now() END`,
      [caseId, none],
    );
  }

  /** Alerts about the case end: somebody has it now. */
  async resolveAlerts(manager: EntityManager, caseId: string): Promise<void> {
    await this.resolveAlertsMany(manager, [caseId]);
  }

  /** {@link resolveAlerts} for many cases in one statement. */
  async resolveAlertsMany(manager: EntityManager, caseIds: readonly string[]): Promise<void> {
    const statement = this.resolveAlertsStatement(caseIds);
    if (statement) await manager.query(statement.sql, statement.params);
  }

  /**
   * The statement {@link resolveAlertsMany} runs, for a caller that runs it beside its own
   * writes (`withWrites`); null when there are no cases.
   */
  resolveAlertsStatement(caseIds: readonly string[]): SqlStatement | null {
    if (caseIds.length === 0) return null;
    return {
      sql: `UPDATE assignment_alert SET resolved_at = now()
             WHERE case_id = ANY($1::uuid[]) AND resolved_at IS NULL`,
      params: [[...caseIds]],
    };
  }

  /** Asks the engine (again) for the case, once this transaction commits. */
  async requestAssignment(manager: EntityManager, caseId: string): Promise<void> {
    await this.outbox.enqueue(manager, JobName.AssignCase, { caseId });
  }
}
