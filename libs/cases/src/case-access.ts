import { type Actor, Role, hasRole, reachesPath, subtreeCondition } from '@heqi/core';

/** Roles that reach every case of their unit's subtree. */
const UNIT_ROLES = [Role.Admin, Role.Supervisor, Role.Intake] as const;
/** Roles that reach the cases they hold, are offered, or co-mediate. */
const MEDIATING_ROLES = [Role.Mediator, Role.Volunteer] as const;

/** What decides whether a case is in an actor's reach. */
export interface CaseReachFacts {
  /** Materialised path of the case's unit. */
  unitPath: string;
  mediatorId: string | null;
}

/**
 * The cases a mediator or volunteer reaches: held, offered (an offeree must see what it is asked
 * to take on) or co-mediated (it works the case alongside the holder).
 */
export const MEDIATOR_REACH_SQL = `(c.mediator_id = :reachMediatorId
  OR EXISTS (SELECT 1 FROM case_offer o WHERE o.case_id = c.id AND o.state = 'open'
               AND o.mediator_id = :reachMediatorId)
  OR EXISTS (SELECT 1 FROM case_co_mediator cm WHERE cm.case_id = c.id AND cm.until IS NULL
               AND cm.mediator_id = :reachMediatorId))`;

/**
 * The SQL condition narrowing cases (alias `c`, their unit joined as `ou`) to the actor's reach:
 * admins, supervisors and intake staff see their unit's subtree, mediators and volunteers the
 * cases they hold, are offered or co-mediate. A user with several roles sees the union. Named
 * TypeORM parameters. (Acting on a case — reveal, clocks — still needs {@link reachesCase}.)
 */
export function caseReachCondition(actor: Actor): {
  sql: string;
  params: Record<string, string>;
} {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (hasRole(actor, ...UNIT_ROLES)) {
    const subtree = subtreeCondition(actor, 'ou.path', 'reachPath');
    parts.push(subtree.sql);
    Object.assign(params, subtree.params);
  }
  if (hasRole(actor, ...MEDIATING_ROLES) && actor.mediatorId) {
    parts.push(MEDIATOR_REACH_SQL);
    params.reachMediatorId = actor.mediatorId;
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}

/** {@link caseReachCondition} for one case already loaded (e.g. locked for an update). */
export function reachesCase(actor: Actor, facts: CaseReachFacts): boolean {
  if (hasRole(actor, ...UNIT_ROLES) && reachesPath(actor, facts.unitPath)) return true;
  return (
    hasRole(actor, ...MEDIATING_ROLES) &&
    actor.mediatorId !== null &&
    facts.mediatorId === actor.mediatorId
  );
}

/**
 * Whether the actor may see the clear phone and ID numbers of the case's claimants: unit roles
 * inside their subtree, and the mediators working the case — its holder and an active
 * co-mediator (a collective dispute's volunteer lawyer) — who have to call the parties.
 */
export function mayReveal(actor: Actor, facts: CaseReachFacts & { coMediates: boolean }): boolean {
  return reachesCase(actor, facts) || (hasRole(actor, ...MEDIATING_ROLES) && facts.coMediates);
}
