import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '@heqi/core';
import {
  type AssignableCase,
  CaseStatus,
  CaseTimeline,
  lockCaseForAssignment,
  moveCaseForAssignment,
} from '@heqi/cases';
import { ClockKind, DeadlinesService } from '@heqi/deadlines';
import { AssignmentEventType } from './assignment-event-type.enum.js';
import { fetchCandidates, lockMediator, unitsOnPath } from './candidate-query.js';
import { ExclusionReason } from './exclusion-reason.enum.js';
import { ASSIGNMENT_ACTOR, OfferLedger } from './offer-ledger.service.js';
import { OfferRole } from './offer-role.enum.js';
import { type Exclusion, type RankedCandidate, rankCandidates } from './routing-policy.js';

/** What one run of the engine did for a case (the AssignCase job's return value). */
export interface AssignCaseResult {
  caseId: string;
  /**
   * `offered`: a lead offer was made; `no_candidate`: nobody fits, the case waits (alerted);
   * `not_queued`: unknown case, or it moved on (offered, held, closed, returned) — nothing to do.
   */
  outcome: 'offered' | 'no_candidate' | 'not_queued';
  mediatorId?: string;
  /** For collective disputes: the co-mediator search, when it ran. */
  coMediator?: 'offered' | 'none';
}

/** Another transaction holds every fitting mediator's row: try the whole run again. */
class MediatorsBusy extends Error {
  constructor() {
    super('every fitting mediator is locked by another assignment; retrying');
  }
}

/** Tries of one run while fitting mediators are locked by concurrent runs (short waits). */
const BUSY_RETRIES = 40;
/** How many ranked candidates / exclusions a timeline event lists (the counts are complete). */
const LISTED = 20;
const LISTED_EXCLUSIONS = 50;

/**
 * The assignment engine: offers a queued case to the best mediator (and a collective dispute's
 * volunteer lawyer as co-mediator), or records that nobody fits and alerts the supervisors.
 *
 * One run is one transaction holding the case's row lock, so runs for one case (duplicate
 * deliveries, several workers) serialise and every run after the first finds the offer made.
 * Capacity is kept by locking the chosen mediator's row with SKIP LOCKED and recounting the
 * load after the lock: a run never waits on a mediator (no deadlocks), and a mediator locked by
 * another run is skipped for the next candidate; if every fitting one is locked, the run starts
 * over a moment later rather than wrongly concluding that nobody fits.
 */
@Injectable()
export class AssignmentEngine {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(OfferLedger) private readonly ledger: OfferLedger,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
  ) {}

  /** Runs the engine for one case. Harmless to run twice or concurrently. */
  async assign(caseId: string): Promise<AssignCaseResult> {
    if (!isUuid(caseId)) return { caseId, outcome: 'not_queued' };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.run(manager, caseId));
      } catch (err) {
        if (!(err instanceof MediatorsBusy) || attempt >= BUSY_RETRIES) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  private async run(manager: EntityManager, caseId: string): Promise<AssignCaseResult> {
    const subject = await lockCaseForAssignment(manager, caseId);
    if (!subject) return { caseId, outcome: 'not_queued' };
    const result: AssignCaseResult = { caseId, outcome: 'not_queued' };
    let lead: string | null = subject.mediatorId;

    if (subject.status === CaseStatus.Queued) {
      const existing = await this.ledger.openOfCase(manager, caseId, OfferRole.Lead);
      if (existing) return result; // cannot happen with the status kept in step; never re-offer
      lead = await this.offerLead(manager, subject);
      result.outcome = lead ? 'offered' : 'no_candidate';
      if (lead) {
        result.mediatorId = lead;
        subject.status = CaseStatus.Offered;
      }
    } else if (subject.status === CaseStatus.Offered) {
      lead = (await this.ledger.openOfCase(manager, caseId, OfferRole.Lead))?.mediator_id ?? null;
    }

    const mediating =
      subject.status === CaseStatus.Offered || subject.status === CaseStatus.InMediation;
    if (subject.collective && mediating && lead) {
      const co = await this.seekCoMediator(manager, subject, lead);
      if (co) result.coMediator = co;
    }
    return result;
  }

  /** Offers the case to the best lead mediator; returns who, or null after recording nobody. */
  private async offerLead(manager: EntityManager, subject: AssignableCase): Promise<string | null> {
    const found = await this.pick(manager, subject, OfferRole.Lead, null);
    if (!found.chosen) {
      await this.recordNoCandidate(manager, subject, found.excluded);
      return null;
    }
    const offer = await this.ledger.open(
      manager,
      subject.id,
      found.chosen.mediatorId,
      OfferRole.Lead,
    );
    await moveCaseForAssignment(manager, subject.id, [CaseStatus.Queued], {
      to: CaseStatus.Offered,
    });
    await this.ledger.markAttempt(manager, subject.id, null);
    await this.ledger.resolveAlerts(manager, subject.id);
    // 签收: the network has taken the 12345 order on once it is first offered (later offers
    // find the clock stopped already).
    await this.deadlines.stopClock(manager, subject.id, ClockKind.HotlineSignFor, {
      reason: 'offered',
    });
    await this.timeline.append(manager, subject.id, ASSIGNMENT_ACTOR, [
      {
        type: AssignmentEventType.Offered,
        data: {
          offerId: offer.id,
          role: OfferRole.Lead,
          expiresAt: offer.expires_at.toISOString(),
          ...this.explain(found),
        },
      },
    ]);
    return found.chosen.mediatorId;
  }

  /**
   * A collective dispute also gets a volunteer lawyer as co-mediator when one fits: searched
   * once the lead is offered, again after a co offer is declined or lapses, and not again after
   * a search found nobody (the lead mediates alone; a supervisor may still add one later).
   */
  private async seekCoMediator(
    manager: EntityManager,
    subject: AssignableCase,
    lead: string,
  ): Promise<'offered' | 'none' | null> {
    const [state] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM case_offer WHERE case_id = $1 AND role = 'co' AND state = 'open')
                OR EXISTS (SELECT 1 FROM case_co_mediator WHERE case_id = $1 AND until IS NULL)
                OR EXISTS (SELECT 1 FROM case_assignment WHERE case_id = $1 AND co_none_at IS NOT NULL)
                OR EXISTS (SELECT 1 FROM mediator WHERE id = $2 AND kind = 'volunteer_lawyer')
                AS settled`,
      [subject.id, lead],
    )) as { settled: boolean }[];
    if (state?.settled) return null;

    const found = await this.pick(manager, subject, OfferRole.Co, lead);
    if (!found.chosen) {
      await this.ledger.setCoNone(manager, subject.id, true);
      await this.timeline.append(manager, subject.id, ASSIGNMENT_ACTOR, [
        { type: AssignmentEventType.CoNone, data: this.explain(found) },
      ]);
      return 'none';
    }
    const offer = await this.ledger.open(
      manager,
      subject.id,
      found.chosen.mediatorId,
      OfferRole.Co,
    );
    await this.timeline.append(manager, subject.id, ASSIGNMENT_ACTOR, [
      {
        type: AssignmentEventType.CoOffered,
        data: {
          offerId: offer.id,
          role: OfferRole.Co,
          expiresAt: offer.expires_at.toISOString(),
          ...this.explain(found),
        },
      },
    ]);
    return 'offered';
  }

  /**
   * Ranks the candidates and locks the best one that still fits once locked. Candidates locked
   * by concurrent runs are skipped; if that left nobody, the run is retried (MediatorsBusy).
   */
  private async pick(
    manager: EntityManager,
    subject: AssignableCase,
    role: OfferRole,
    lead: string | null,
  ): Promise<Picked> {
    const now = new Date();
    const candidates = await fetchCandidates(manager, subject, role);
    const decision = rankCandidates(
      {
        unitPath: subject.unitPath,
        category: subject.category,
        townLevel: subject.townLevel || subject.collective,
        leadMediatorId: lead,
      },
      candidates,
      role,
      now,
    );
    const excluded = [...decision.excluded];
    let busy = false;
    for (const candidate of decision.ranked) {
      const locked = await lockMediator(manager, candidate.mediatorId, true);
      if (!locked) {
        busy = true;
        continue;
      }
      // The ranking read the facts before the lock; the lock's fresh read decides.
      if (!locked.active || (locked.unavailableUntil && locked.unavailableUntil > now)) {
        excluded.push({
          mediatorId: candidate.mediatorId,
          name: candidate.name,
          reason: locked.active ? ExclusionReason.Unavailable : ExclusionReason.Inactive,
        });
        continue;
      }
      if (locked.load >= locked.capacity) {
        excluded.push({
          mediatorId: candidate.mediatorId,
          name: candidate.name,
          reason: ExclusionReason.AtCapacity,
          detail: { load: locked.load, capacity: locked.capacity },
        });
        continue;
      }
      return {
        chosen: { ...candidate, load: locked.load, capacity: locked.capacity },
        ranked: decision.ranked,
        excluded,
      };
    }
    if (busy) throw new MediatorsBusy();
    return { chosen: null, ranked: decision.ranked, excluded };
  }

  /**
   * Nobody fits: the case stays queued, the attempt and its reasons are kept for the unassigned
   * view, and the supervisors of the case's unit (and the units above it) get one alert — one
   * open alert per case, however many retries follow, each timeline entry marking a new wait.
   */
  private async recordNoCandidate(
    manager: EntityManager,
    subject: AssignableCase,
    excluded: Exclusion[],
  ): Promise<void> {
    const summary = {
      at: new Date().toISOString(),
      reasons: countReasons(excluded),
      excluded: excluded.slice(0, LISTED_EXCLUSIONS),
      excludedCount: excluded.length,
    };
    await this.ledger.markAttempt(manager, subject.id, summary);
    const raised = (await manager.query(
      `INSERT INTO assignment_alert (case_id, kind, org_unit_id, supervisor_ids, data)
       SELECT $1, 'no_candidate', $2,
              coalesce(array_agg(u.id ORDER BY u.id), '{}'), $4
         FROM app_user u
        WHERE u.active AND 'supervisor' = ANY (u.roles) AND u.org_unit_id = ANY ($3::uuid[])
       ON CONFLICT (case_id, kind) WHERE resolved_at IS NULL DO NOTHING
       RETURNING id, supervisor_ids`,
      [subject.id, subject.orgUnitId, unitsOnPath(subject.unitPath), JSON.stringify(summary)],
    )) as { id: string; supervisor_ids: string[] }[];
    if (raised.length === 0) {
      await manager.query(
        `UPDATE assignment_alert SET last_seen_at = now(), data = $2
          WHERE case_id = $1 AND kind = 'no_candidate' AND resolved_at IS NULL`,
        [subject.id, JSON.stringify(summary)],
      );
      return;
    }
    await this.timeline.append(manager, subject.id, ASSIGNMENT_ACTOR, [
      {
        type: AssignmentEventType.NoCandidate,
        data: {
          alertId: raised[0]!.id,
          supervisorsAlerted: raised[0]!.supervisor_ids.length,
          reasons: summary.reasons,
          excluded: summary.excluded,
          excludedCount: summary.excludedCount,
        },
      },
    ]);
  }

  /** The timeline's account of a choice: who, the ranking's figures, who was passed over why. */
  private explain(found: Picked): Record<string, unknown> {
    return {
      chosen: found.chosen,
      candidates: found.ranked.slice(0, LISTED),
      candidateCount: found.ranked.length,
      excluded: found.excluded.slice(0, LISTED_EXCLUSIONS),
      excludedCount: found.excluded.length,
    };
  }
}

interface Picked {
  chosen: RankedCandidate | null;
  ranked: RankedCandidate[];
  excluded: Exclusion[];
}

function countReasons(excluded: readonly Exclusion[]): Partial<Record<ExclusionReason, number>> {
  const counts: Partial<Record<ExclusionReason, number>> = {};
  for (const { reason } of excluded) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
}
