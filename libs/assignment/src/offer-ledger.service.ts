import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobName, OutboxService, type SystemActor } from '@heqi/core';
import { OfferClock } from './offer-clock.js';
import type { OfferRole } from './offer-role.enum.js';
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
 * case row already locked: making and closing offers, and the engine's per-case bookkeeping.
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
   * {@link open} for many offers in three statements whatever their number (the engine's
   * batches); at most one offer per case and role. Answers in the order of `offers`.
   */
  async openMany(
    manager: EntityManager,
    offers: readonly { caseId: string; mediatorId: string; role: OfferRole }[],
  ): Promise<OfferRow[]> {
    if (offers.length === 0) return [];
    const offeredAt = new Date();
    const expiresAt = this.clock.expiry(offeredAt);
    const rows = (await manager.query(
      `INSERT INTO case_offer (case_id, mediator_id, role, offered_at, expires_at)
       SELECT o.case_id, o.mediator_id, o.role, $4, $5
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS o(case_id, mediator_id, role, n)
        ORDER BY o.n
       RETURNING ${OFFER_COLUMNS}`,
      [
        offers.map((o) => o.caseId),
        offers.map((o) => o.mediatorId),
        offers.map((o) => o.role),
        offeredAt,
        expiresAt,
      ],
    )) as OfferRow[];
    const made = new Map(rows.map((r) => [`${r.case_id}/${r.role}`, r]));
    const opened = offers.map((o) => made.get(`${o.caseId}/${o.role}`)!);
    await this.stampAssignedMany(
      manager,
      offers.map((o) => o.mediatorId),
      offeredAt,
    );
    await this.outbox.enqueueMany(
      manager,
      JobName.ExpireOffer,
      opened.map((offer) => ({ payload: { offerId: offer.id }, runAt: expiresAt })),
    );
    return opened;
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
    if (mediatorIds.length === 0) return;
    await manager.query(`UPDATE mediator SET last_assigned_at = $2 WHERE id = ANY($1::uuid[])`, [
      [...new Set(mediatorIds)],
      at,
    ]);
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
    if (attempts.length === 0) return;
    await manager.query(
      `INSERT INTO case_assignment (case_id, queued_since, attempts, last_attempt_at, no_candidate)
       SELECT a.case_id,
              coalesce((SELECT max(at) FROM case_event
                         WHERE case_id = a.case_id AND type IN ('case.queued', 'case.routed')), now()),
              1, now(), a.no_candidate
         FROM unnest($1::uuid[], $2::jsonb[]) AS a(case_id, no_candidate)
       ON CONFLICT (case_id) DO UPDATE
         SET attempts = case_assignment.attempts + 1, last_attempt_at = now(),
             no_candidate = EXCLUDED.no_candidate`,
      [
        attempts.map((a) => a.caseId),
        attempts.map((a) => (a.noCandidate === null ? null : JSON.stringify(a.noCandidate))),
      ],
    );
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
    if (caseIds.length === 0) return;
    await manager.query(
      `UPDATE assignment_alert SET resolved_at = now()
        WHERE case_id = ANY($1::uuid[]) AND resolved_at IS NULL`,
      [caseIds],
    );
  }

  /** Asks the engine (again) for the case, once this transaction commits. */
  async requestAssignment(manager: EntityManager, caseId: string): Promise<void> {
    await this.outbox.enqueue(manager, JobName.AssignCase, { caseId });
  }
}
