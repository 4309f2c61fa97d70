import type { Actor, SystemActor } from '@heqi/core';
import type { EntityManager } from 'typeorm';

/** What the deadlines context needs to know about a case to act on its clocks. */
export interface CaseFacts {
  id: string;
  caseNo: string;
  status: string;
  orgUnitId: string;
  /** Materialised path of the case's unit. */
  unitPath: string;
  /** The lead holder, if any. */
  mediatorId: string | null;
}

/** One timeline event of one case. */
export interface ClockTimelineEvent {
  caseId: string;
  type: `deadline.${string}`;
  data: Record<string, unknown>;
}

/**
 * The deadlines context's port onto the case aggregate. The cases context implements it (its
 * timeline and access rules) and calls into this context's clocks; declaring the port here keeps
 * the dependency one-way (cases → deadlines) with no import cycle. Apps bind the implementation
 * with `DeadlinesModule.forRoot({ caseGateway })`.
 */
export abstract class CaseGateway {
  /**
   * Locks the case row (FOR UPDATE) inside the caller's transaction and returns it if it exists
   * and lies in the actor's reach (case reach rules); null otherwise — the caller answers 404.
   */
  abstract lockReachable(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
  ): Promise<CaseFacts | null>;

  /** The case if it lies in the actor's reach, without locking it (for reads). */
  abstract findReachable(actor: Actor, caseId: string): Promise<CaseFacts | null>;

  /** Appends timeline events, of one case or many, inside the caller's transaction. */
  abstract appendEvents(
    manager: EntityManager,
    by: Actor | SystemActor,
    events: readonly ClockTimelineEvent[],
  ): Promise<void>;
}
