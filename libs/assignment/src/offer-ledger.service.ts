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
    const offeredAt = new Date();
    const expiresAt = this.clock.expiry(offeredAt);
    const [offer] = (await manager.query(
      `INSERT INTO case_offer (case_id, mediator_id, role, offered_at, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${OFFER_COLUMNS}`,
      [caseId, mediatorId, role, offeredAt, expiresAt],
    )) as OfferRow[];
    await this.stampAssigned(manager, mediatorId, offeredAt);
    await this.outbox.enqueue(
      manager,
      JobName.ExpireOffer,
      { offerId: offer!.id },
      {
        runAt: expiresAt,
      },
    );
    return offer!;
  }

  /** Round-robin: the mediator was last given a case now. */
  async stampAssigned(manager: EntityManager, mediatorId: string, at = new Date()): Promise<void> {
    await manager.query(`UPDATE mediator SET last_assigned_at = $2 WHERE id = $1`, [
      mediatorId,
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
    const [offer] = (await manager.query(
      `SELECT ${OFFER_COLUMNS} FROM case_offer WHERE case_id = $1 AND role = $2 AND state = 'open'`,
      [caseId, role],
    )) as OfferRow[];
    return offer ?? null;
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
    await manager.query(
      `INSERT INTO case_assignment (case_id, queued_since, attempts, last_attempt_at, no_candidate)
       VALUES ($1, coalesce((SELECT max(at) FROM case_event
                              WHERE case_id = $1 AND type IN ('case.queued', 'case.routed')), now()),
               1, now(), $2)
       ON CONFLICT (case_id) DO UPDATE
         SET attempts = case_assignment.attempts + 1, last_attempt_at = now(),
             no_candidate = EXCLUDED.no_candidate`,
      [caseId, noCandidate === null ? null : JSON.stringify(noCandidate)],
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
    await manager.query(
      `UPDATE assignment_alert SET resolved_at = now() WHERE case_id = $1 AND resolved_at IS NULL`,
      [caseId],
    );
  }

  /** Asks the engine (again) for the case, once this transaction commits. */
  async requestAssignment(manager: EntityManager, caseId: string): Promise<void> {
    await this.outbox.enqueue(manager, JobName.AssignCase, { caseId });
  }
}
