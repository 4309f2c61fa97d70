import type { EntityManager } from 'typeorm';
import type { AssignableCase } from '@heqi/cases';
import {
  type LockedMediator,
  type CandidateSearch,
  fetchCandidatesMany,
  lockMediators,
} from './candidate-query.js';
import type { OfferRole } from './offer-role.enum.js';
import {
  type Candidate,
  type Exclusion,
  type RankedCandidate,
  type RoutingDecision,
  rankCandidates,
  routingSubjectOf,
} from './routing-policy.js';

/** One case to find a mediator for. */
export interface PickRequest {
  subject: AssignableCase;
  role: OfferRole;
  /** For a co-mediator search: the lead (offered or holding), who cannot also be co. */
  lead: string | null;
}

/** The choice for one case, with the ranking and exclusions the timeline shows. */
export interface Picked {
  chosen: RankedCandidate | null;
  ranked: RankedCandidate[];
  excluded: Exclusion[];
}

/** Every fitting mediator is locked by another transaction: the case must be tried again. */
export const MEDIATORS_BUSY = 'mediators_busy';

/**
 * Chooses mediators for the cases of one engine transaction (whose rows it holds locked) and
 * locks the chosen ones' rows, in a few statements however many cases.
 *
 * Capacity: a mediator's row is locked (FOR NO KEY UPDATE SKIP LOCKED) before it is chosen, and
 * its load recounted after the lock; the offers this transaction has chosen but not yet written
 * are added to that count, so a batch never fills a mediator past capacity, and neither can a
 * concurrent one (it cannot lock the row until this one commits). Nothing is written here: the
 * caller writes every offer chosen, after all its choices, so the recounts never include them.
 *
 * Each case is ranked in the order given, counting the offers chosen before it in the same
 * transaction (load and round-robin), as if the cases had been run one after another. A case
 * whose best candidate is not locked yet waits for the next round, which locks every such
 * candidate at once; a candidate locked by another transaction is skipped for the next one, and a
 * case left with only such candidates is {@link MEDIATORS_BUSY} (never "nobody fits").
 */
export class MediatorPicker {
  /** Rows this transaction holds, as re-read after the lock. */
  private readonly locked = new Map<string, LockedMediator>();
  /** Rows another transaction held when this one asked. */
  private readonly heldElsewhere = new Set<string>();
  /** Offers chosen in this transaction per mediator, not yet written. */
  private readonly chosen = new Map<string, number>();

  constructor(
    private readonly manager: EntityManager,
    private readonly now = new Date(),
  ) {}

  /** Picks for every request; the answers are in the order of `requests`. */
  async pick(requests: readonly PickRequest[]): Promise<(Picked | typeof MEDIATORS_BUSY)[]> {
    const candidates = await fetchCandidatesMany(
      this.manager,
      requests.map((r): CandidateSearch => ({ subject: r.subject, role: r.role })),
    );
    const answers: (Picked | typeof MEDIATORS_BUSY)[] = [];
    let open = requests.map((_, i) => i);
    while (open.length > 0) {
      const wanted = new Set<string>();
      const waiting: number[] = [];
      for (const i of open) {
        const decision = this.rank(requests[i]!, candidates[i]!);
        let busy = false;
        let next: RankedCandidate | undefined;
        for (const candidate of decision.ranked) {
          if (this.heldElsewhere.has(candidate.mediatorId)) busy = true;
          else {
            next = candidate;
            break;
          }
        }
        if (next && !this.locked.has(next.mediatorId)) {
          wanted.add(next.mediatorId);
          waiting.push(i);
        } else if (next) {
          // Locked here and ranked with the fresh facts: it fits.
          this.chosen.set(next.mediatorId, (this.chosen.get(next.mediatorId) ?? 0) + 1);
          answers[i] = { chosen: next, ranked: decision.ranked, excluded: decision.excluded };
        } else {
          answers[i] = busy
            ? MEDIATORS_BUSY
            : { chosen: null, ranked: decision.ranked, excluded: decision.excluded };
        }
      }
      if (wanted.size > 0) {
        const locked = await lockMediators(this.manager, [...wanted], true);
        for (const id of wanted) {
          const row = locked.get(id);
          if (row) this.locked.set(id, row);
          else this.heldElsewhere.add(id);
        }
      }
      open = waiting;
    }
    return answers;
  }

  /**
   * The policy's ranking, on the candidate query's facts overlaid with what this transaction
   * knows better: a locked row's fresh facts (the lock's re-read decides), and the offers chosen
   * here so far (each adds one to the load and makes the mediator the most recently assigned).
   */
  private rank(request: PickRequest, candidates: readonly Candidate[]): RoutingDecision {
    const current = candidates.map((c): Candidate => {
      const fresh = this.locked.get(c.mediatorId);
      const chosen = this.chosen.get(c.mediatorId) ?? 0;
      if (!fresh && chosen === 0) return c;
      return {
        ...c,
        ...(fresh && {
          capacity: fresh.capacity,
          active: fresh.active,
          unavailableUntil: fresh.unavailableUntil,
        }),
        load: (fresh?.load ?? c.load) + chosen,
        ...(chosen > 0 && { lastAssignedAt: this.now }),
      };
    });
    return rankCandidates(
      routingSubjectOf(request.subject, request.lead),
      current,
      request.role,
      this.now,
    );
  }
}
