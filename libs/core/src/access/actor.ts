import { Role } from './role.enum.js';

/**
 * Who is acting, as every service receives it. Built from the access token on each request (and
 * re-read from the database, so a moved unit or a disabled user takes effect at once).
 */
export interface Actor {
  userId: string;
  username: string;
  roles: Role[];
  /** The user's home unit; null only for a deployment-wide admin. */
  orgUnitId: string | null;
  /**
   * Materialised path of the home unit (`/<districtId>/<townId>/…/`): the caller reaches every
   * unit whose path starts with it. Null only for a deployment-wide admin.
   */
  orgPath: string | null;
  /** The mediator record of a mediator or volunteer user. */
  mediatorId: string | null;
  /** Where the request came from, for the audit log. */
  ip?: string;
  requestId?: string;
}

/** A machine caller (the 12345 platform, the worker) for audit entries. */
export interface SystemActor {
  system: string;
  ip?: string;
  requestId?: string;
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  actor.roles.some((r) => roles.includes(r));

/** True when `actor` has no unit restriction (an admin without a home unit). */
export const isDeploymentWide = (actor: Actor): boolean =>
  actor.orgPath === null && hasRole(actor, Role.Admin);

/** Whether the unit at `path` lies in the actor's subtree. */
export function reachesPath(actor: Actor, path: string): boolean {
  if (isDeploymentWide(actor)) return true;
  return actor.orgPath !== null && path.startsWith(actor.orgPath);
}

/**
 * The SQL condition (TypeORM named parameter) narrowing `pathColumn` to the actor's subtree.
 * Jurisdiction is applied inside the query, never by filtering rows afterwards.
 */
export function subtreeCondition(
  actor: Actor,
  pathColumn: string,
  param = 'scopePath',
): { sql: string; params: Record<string, string> } {
  if (isDeploymentWide(actor)) return { sql: 'TRUE', params: {} };
  if (actor.orgPath === null) return { sql: 'FALSE', params: {} };
  return { sql: `${pathColumn} LIKE :${param}`, params: { [param]: `${actor.orgPath}%` } };
}
