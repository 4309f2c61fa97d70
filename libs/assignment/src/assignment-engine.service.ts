import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type IsolatedFailure,
  type SqlStatement,
  isUuid,
  runTogether,
  sharedTransaction,
} from '@heqi/core';
import {
  type AssignableCase,
  CaseStatus,
  CaseTimeline,
  type NewCaseEvent,
  lockCasesForAssignment,
  moveCasesForAssignmentStatement,
} from '@heqi/cases';
import { ClockKind, DeadlinesService } from '@heqi/deadlines';
import { AssignmentEventType } from './assignment-event-type.enum.js';
import { unitsOnPathLiteral } from './candidate-query.js';
import { ExclusionReason } from './exclusion-reason.enum.js';
import {
  MEDIATORS_BUSY,
  MediatorPicker,
  type PickRequest,
  type Picked,
} from './mediator-picker.js';
import { ASSIGNMENT_ACTOR, OfferLedger, type OfferRow } from './offer-ledger.service.js';
import { OfferRole } from './offer-role.enum.js';
import type { Exclusion } from './routing-policy.js';

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

/** Every fitting mediator stayed locked by other transactions through all the tries. */
class MediatorsBusy extends Error {
  constructor() {
    super('every fitting mediator is locked by another assignment; retrying');
  }
}

/** What one transaction did for a case; `again`: run it again shortly (mediators were busy). */
interface CaseRun {
  result: AssignCaseResult;
  again: boolean;
}

interface Waiting {
  caseId: string;
  done: (run: CaseRun | IsolatedFailure) => void;
}

/** Tries of one case while fitting mediators are locked by concurrent runs (short waits). */
const BUSY_RETRIES = 40;
/** How many ranked candidates / exclusions a timeline event lists (the counts are complete). */
const LISTED = 20;
const LISTED_EXCLUSIONS = 50;
/** At most this many cases per transaction. */
const MAX_PER_TRANSACTION = 50;
/** Engine transactions under way at once in one process. */
const TRANSACTIONS = 1;
/** How long an idle lane waits for more cases before it starts a transaction. */
const LINGER_MS = 10;

/**
 * The assignment engine: offers a queued case to the best mediator (and a collective dispute's
 * volunteer lawyer as co-mediator), or records that nobody fits and alerts the supervisors.
 *
 * Concurrent runs in one process wait in one lane and are taken together (up to
 * {@link MAX_PER_TRANSACTION}) into one transaction of a fixed number of multi-row statements:
 * the more waits, the cheaper each case. If a shared transaction fails, it is rolled back and its
 * cases run one per transaction, so only the bad one fails.
 *
 * A transaction holds its cases' row locks (taken in id order), so runs for one case (duplicate
 * deliveries, several workers) serialise and every run after the first finds the offer made.
 * Capacity is kept by {@link MediatorPicker}: chosen mediators' rows locked with SKIP LOCKED and
 * their load recounted after the lock, so a run never waits on a mediator (no deadlocks); a case
 * whose every fitting mediator is locked elsewhere is left as it is and run again a moment later
 * rather than wrongly concluding that nobody fits.
 */
@Injectable()
export class AssignmentEngine {
  private readonly logger = new Logger(AssignmentEngine.name);
  private readonly waiting: Waiting[] = [];
  private running = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(OfferLedger) private readonly ledger: OfferLedger,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
  ) {}

  /** Runs the engine for one case. Harmless to run twice or concurrently. */
  async assign(caseId: string): Promise<AssignCaseResult> {
    if (!isUuid(caseId)) return { caseId, outcome: 'not_queued' };
    // A run that offered the lead but left the co-mediator search for later (every fitting
    // lawyer busy) answers with that offer once the search is done.
    let lead: Pick<AssignCaseResult, 'outcome' | 'mediatorId'> | null = null;
    for (let attempt = 1; ; attempt++) {
      const run = await this.inLane(caseId);
      const result: AssignCaseResult = lead ? { ...run.result, ...lead } : run.result;
      if (!run.again) return result;
      if (attempt >= BUSY_RETRIES) throw new MediatorsBusy();
      if (result.outcome === 'offered')
        lead = { outcome: 'offered', mediatorId: result.mediatorId };
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }

  private inLane(caseId: string): Promise<CaseRun> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        caseId,
        done: (run) => ('failed' in run ? reject(run.failed) : resolve(run)),
      });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running >= TRANSACTIONS) return;
    this.running++;
    try {
      // An idle lane lingers a moment: the jobs of one outbox relay arrive a few ms apart, and
      // starting with the first alone would make the others wait for its transaction.
      await new Promise((resolve) => setTimeout(resolve, LINGER_MS));
      while (this.waiting.length > 0) {
        const taken = this.take();
        const runs = await this.runIsolated(taken.map((w) => w.caseId));
        taken.forEach((w, i) => w.done(runs[i]!));
      }
    } finally {
      this.running--;
    }
  }

  /**
   * The next transaction's cases, first come first: each case once (a second run of a case
   * waiting with it stays for the next transaction, which finds what the first did).
   */
  private take(): Waiting[] {
    const taken: Waiting[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < this.waiting.length && taken.length < MAX_PER_TRANSACTION;) {
      const w = this.waiting[i]!;
      if (ids.has(w.caseId)) {
        i++;
        continue;
      }
      ids.add(w.caseId);
      taken.push(w);
      this.waiting.splice(i, 1);
    }
    return taken;
  }

  /** All of `caseIds` in one transaction, or, if that fails, one per transaction. */
  private runIsolated(caseIds: readonly string[]): Promise<(CaseRun | IsolatedFailure)[]> {
    return sharedTransaction(
      this.dataSource,
      caseIds,
      (manager, some) => this.run(manager, some),
      (failed) =>
        this.logger.warn(
          `assignment of ${caseIds.length} cases failed, running one by one: ${String(failed)}`,
        ),
    );
  }

  /**
   * One transaction for distinct cases: every choice first (leads, then collective disputes'
   * co-mediators), then the writes for all the cases — one statement, plus the no-candidate
   * alerts' when some case found nobody. Each round trip is also time the case and mediator rows
   * locked above stay locked.
   */
  private async run(manager: EntityManager, caseIds: readonly string[]): Promise<CaseRun[]> {
    const runs = new Map(
      caseIds.map((caseId): [string, CaseRun] => [
        caseId,
        { result: { caseId, outcome: 'not_queued' }, again: false },
      ]),
    );
    const subjects = await lockCasesForAssignment(manager, caseIds);
    const queued = subjects.filter((s) => s.status === CaseStatus.Queued);
    const leadOffers = await this.ledger.openOfCases(
      manager,
      subjects
        .filter(
          (s) =>
            s.status === CaseStatus.Queued || (s.collective && s.status === CaseStatus.Offered),
        )
        .map((s) => s.id),
      OfferRole.Lead,
    );
    // An open lead offer of a queued case cannot happen with the status kept in step; never
    // re-offer.
    const toOffer = queued.filter((s) => !leadOffers.has(s.id));
    const picker = new MediatorPicker(manager);
    const leadPicks = await picker.pick(
      toOffer.map((subject): PickRequest => ({ subject, role: OfferRole.Lead, lead: null })),
    );

    const offered: { subject: AssignableCase; found: Picked }[] = [];
    const nobody: { subject: AssignableCase; excluded: Exclusion[] }[] = [];
    const leads = new Map<string, string>();
    toOffer.forEach((subject, i) => {
      const found = leadPicks[i]!;
      const run = runs.get(subject.id)!;
      if (found === MEDIATORS_BUSY) run.again = true;
      else if (found.chosen) {
        offered.push({ subject, found });
        leads.set(subject.id, found.chosen.mediatorId);
        run.result = {
          caseId: subject.id,
          outcome: 'offered',
          mediatorId: found.chosen.mediatorId,
        };
      } else {
        nobody.push({ subject, excluded: found.excluded });
        run.result = { caseId: subject.id, outcome: 'no_candidate' };
      }
    });
    for (const s of subjects) {
      if (s.status === CaseStatus.Offered) {
        const offer = leadOffers.get(s.id);
        if (offer) leads.set(s.id, offer.mediator_id);
      } else if (s.status === CaseStatus.InMediation && s.mediatorId) {
        leads.set(s.id, s.mediatorId);
      }
    }
    const co = await this.pickCoMediators(
      manager,
      picker,
      subjects.filter((s) => s.collective && leads.has(s.id)),
      leads,
    );

    // Who gets a co-mediator offer is known now too: every offer of the run is planned at once
    // (ids and instants fixed here), so the writes below need nothing back from each other.
    const coSearches = [...co].flatMap(([caseId, found]) => {
      const run = runs.get(caseId)!;
      if (found === MEDIATORS_BUSY) {
        run.again = true;
        return [];
      }
      run.result.coMediator = found.chosen ? 'offered' : 'none';
      return [{ caseId, found }];
    });
    const coOffered = coSearches.filter(({ found }) => found.chosen);
    const offers = this.ledger.plan([
      ...offered.map(({ subject, found }) => ({
        caseId: subject.id,
        mediatorId: found.chosen!.mediatorId,
        role: OfferRole.Lead,
      })),
      ...coOffered.map(({ caseId, found }) => ({
        caseId,
        mediatorId: found.chosen!.mediatorId,
        role: OfferRole.Co,
      })),
    ]);
    const coOffers = new Map(
      coOffered.map(({ caseId }, i) => [caseId, offers[offered.length + i]!]),
    );

    const events: (NewCaseEvent & { caseId: string })[] = [];
    const leadWrites = this.offerLeads(offered, offers.slice(0, offered.length), events);
    const at = new Date().toISOString();
    const waits = nobody.map(({ subject, excluded }) => ({
      subject,
      summary: {
        at,
        reasons: countReasons(excluded),
        excluded: excluded.slice(0, LISTED_EXCLUSIONS),
        excludedCount: excluded.length,
      },
    }));
    // Its own round trips, ahead of the rest: the alerts raised are read back for the timeline.
    await this.alertNoCandidate(manager, waits, events);
    for (const { caseId, found } of coSearches) {
      events.push(this.coSearchEvent(caseId, found, coOffers.get(caseId)));
    }
    // Everything else in one statement (`withWrites`): none reads another's rows (the attempts'
    // wait is dated by `case.queued`/`case.routed` events, not the `assignment.*` ones written
    // beside them), and no row is written twice — offers of the run made in one go (each
    // mediator stamped once), the cases moved / alerts resolved / clocks stopped / attempts
    // recorded are the offered ones, plus the waiting ones for the attempts.
    await runTogether(manager, [
      ...this.ledger.openStatements(offers),
      ...leadWrites,
      this.ledger.markAttemptsStatement([
        ...offered.map(({ subject }) => ({ caseId: subject.id, noCandidate: null })),
        ...waits.map(({ subject, summary }) => ({ caseId: subject.id, noCandidate: summary })),
      ]),
      this.timeline.appendStatement(ASSIGNMENT_ACTOR, events),
    ]);
    // After the attempts: for a case offered in this run it updates the row they create (rare:
    // one by one).
    for (const { caseId, found } of coSearches) {
      if (!found.chosen) await this.ledger.setCoNone(manager, caseId, true);
    }
    return caseIds.map((id) => runs.get(id)!);
  }

  /**
   * The writes (besides the offers themselves) of the lead offers chosen: their cases move to
   * `offered`; and their timeline events.
   */
  private offerLeads(
    offered: readonly { subject: AssignableCase; found: Picked }[],
    offers: readonly OfferRow[],
    events: (NewCaseEvent & { caseId: string })[],
  ): (SqlStatement | null)[] {
    if (offered.length === 0) return [];
    const ids = offered.map((o) => o.subject.id);
    offered.forEach(({ subject, found }, i) =>
      events.push({
        caseId: subject.id,
        type: AssignmentEventType.Offered,
        data: {
          offerId: offers[i]!.id,
          role: OfferRole.Lead,
          expiresAt: offers[i]!.expires_at.toISOString(),
          ...explain(found),
        },
      }),
    );
    return [
      moveCasesForAssignmentStatement(ids, [CaseStatus.Queued], { to: CaseStatus.Offered }),
      this.ledger.resolveAlertsStatement(ids),
      // 签收: the network has taken the 12345 order on once it is first offered (later offers
      // find the clock stopped already).
      this.deadlines.stopClocksStatement(ids, ClockKind.HotlineSignFor, { reason: 'offered' }),
    ];
  }

  /**
   * Nobody fits: the case stays queued (its attempt and the reasons are kept for the unassigned
   * view), and the supervisors of its unit (and the units above it) get one alert — one open
   * alert per case, however many retries follow, each timeline entry marking a new wait.
   */
  private async alertNoCandidate(
    manager: EntityManager,
    waits: readonly { subject: AssignableCase; summary: NoCandidateSummary }[],
    events: (NewCaseEvent & { caseId: string })[],
  ): Promise<void> {
    if (waits.length === 0) return;
    const raised = (await manager.query(
      `INSERT INTO assignment_alert (case_id, kind, org_unit_id, supervisor_ids, data)
       SELECT w.case_id, 'no_candidate', w.org_unit_id,
              coalesce((SELECT array_agg(u.id ORDER BY u.id) FROM app_user u
                         WHERE u.active AND 'supervisor' = ANY (u.roles)
                           AND u.org_unit_id = ANY (w.units::uuid[])), '{}'),
              w.data
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[])
                WITH ORDINALITY AS w(case_id, org_unit_id, units, data, n)
        ORDER BY w.n
       ON CONFLICT (case_id, kind) WHERE resolved_at IS NULL DO NOTHING
       RETURNING case_id, id, supervisor_ids`,
      [
        waits.map((w) => w.subject.id),
        waits.map((w) => w.subject.orgUnitId),
        waits.map((w) => unitsOnPathLiteral(w.subject.unitPath)),
        waits.map((w) => JSON.stringify(w.summary)),
      ],
    )) as { case_id: string; id: string; supervisor_ids: string[] }[];
    const alerts = new Map(raised.map((r) => [r.case_id, r]));
    const seen = waits.filter((w) => !alerts.has(w.subject.id));
    if (seen.length > 0) {
      await manager.query(
        `UPDATE assignment_alert a SET last_seen_at = now(), data = w.data
           FROM unnest($1::uuid[], $2::jsonb[]) AS w(case_id, data)
          WHERE a.case_id = w.case_id AND a.kind = 'no_candidate' AND a.resolved_at IS NULL`,
        [seen.map((w) => w.subject.id), seen.map((w) => JSON.stringify(w.summary))],
      );
    }
    for (const { subject, summary } of waits) {
      const alert = alerts.get(subject.id);
      if (!alert) continue;
      events.push({
        caseId: subject.id,
        type: AssignmentEventType.NoCandidate,
        data: {
          alertId: alert.id,
          supervisorsAlerted: alert.supervisor_ids.length,
          reasons: summary.reasons,
          excluded: summary.excluded,
          excludedCount: summary.excludedCount,
        },
      });
    }
  }

  /**
   * A collective dispute also gets a volunteer lawyer as co-mediator when one fits: searched
   * once the lead is offered, again after a co offer is declined or lapses, and not again after
   * a search found nobody (the lead mediates alone; a supervisor may still add one later).
   * Returns the search's result per case that needed one.
   */
  private async pickCoMediators(
    manager: EntityManager,
    picker: MediatorPicker,
    collective: readonly AssignableCase[],
    leads: ReadonlyMap<string, string>,
  ): Promise<Map<string, Picked | typeof MEDIATORS_BUSY>> {
    const mediating = collective.filter(
      (s) =>
        s.status === CaseStatus.Queued ||
        s.status === CaseStatus.Offered ||
        s.status === CaseStatus.InMediation,
    );
    if (mediating.length === 0) return new Map();
    const settled = new Set(
      (
        (await manager.query(
          `SELECT s.case_id FROM unnest($1::uuid[], $2::uuid[]) AS s(case_id, lead)
            WHERE EXISTS (SELECT 1 FROM case_offer
                           WHERE case_id = s.case_id AND role = 'co' AND state = 'open')
               OR EXISTS (SELECT 1 FROM case_co_mediator WHERE case_id = s.case_id AND until IS NULL)
               OR EXISTS (SELECT 1 FROM case_assignment
                           WHERE case_id = s.case_id AND co_none_at IS NOT NULL)
               OR EXISTS (SELECT 1 FROM mediator WHERE id = s.lead AND kind = 'volunteer_lawyer')`,
          [mediating.map((s) => s.id), mediating.map((s) => leads.get(s.id))],
        )) as { case_id: string }[]
      ).map((r) => r.case_id),
    );
    const seeking = mediating.filter((s) => !settled.has(s.id));
    const found = await picker.pick(
      seeking.map((subject) => ({ subject, role: OfferRole.Co, lead: leads.get(subject.id)! })),
    );
    return new Map(seeking.map((s, i) => [s.id, found[i]!]));
  }

  /** The timeline's record of a co-mediator search: the offer made, or that nobody fits. */
  private coSearchEvent(
    caseId: string,
    found: Picked,
    offer: OfferRow | undefined,
  ): NewCaseEvent & { caseId: string } {
    if (!offer) return { caseId, type: AssignmentEventType.CoNone, data: explain(found) };
    return {
      caseId,
      type: AssignmentEventType.CoOffered,
      data: {
        offerId: offer.id,
        role: OfferRole.Co,
        expiresAt: offer.expires_at.toISOString(),
        ...explain(found),
      },
    };
  }
}

/** The timeline's account of a choice: who, the ranking's figures, who was passed over why. */
function explain(found: Picked): Record<string, unknown> {
  return {
    chosen: found.chosen,
    candidates: found.ranked.slice(0, LISTED),
    candidateCount: found.ranked.length,
    excluded: found.excluded.slice(0, LISTED_EXCLUSIONS),
    excludedCount: found.excluded.length,
  };
}

interface NoCandidateSummary {
  at: string;
  reasons: Partial<Record<ExclusionReason, number>>;
  excluded: Exclusion[];
  excludedCount: number;
}

function countReasons(excluded: readonly Exclusion[]): Partial<Record<ExclusionReason, number>> {
  const counts: Partial<Record<ExclusionReason, number>> = {};
  for (const { reason } of excluded) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
}
