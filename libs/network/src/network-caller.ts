import {
  type Actor,
  type Role,
  type SystemActor,
  hasRole,
  isDeploymentWide,
  reachesPath,
  subtreeCondition,
} from '@heqi/core';

/**
 * Who calls the network services: a signed-in user, or trusted code (the demo loader, the
 * worker), which acts deployment-wide and is audited under its system name.
 */
export type NetworkCaller = Actor | SystemActor;

export const isSystemCaller = (caller: NetworkCaller): caller is SystemActor => 'system' in caller;

/** Role check; trusted code passes every one. */
export const callerHasRole = (caller: NetworkCaller, ...roles: Role[]): boolean =>
  isSystemCaller(caller) || hasRole(caller, ...roles);

/** Whether the caller reaches the unit at `path` (its subtree; trusted code reaches all). */
export const callerReaches = (caller: NetworkCaller, path: string): boolean =>
  isSystemCaller(caller) || reachesPath(caller, path);

/** Whether the caller may work at the root (create districts): deployment-wide callers only. */
export const callerIsDeploymentWide = (caller: NetworkCaller): boolean =>
  isSystemCaller(caller) || isDeploymentWide(caller);

/** The SQL condition narrowing `pathColumn` to the caller's subtree, as `subtreeCondition`. */
export function callerScope(
  caller: NetworkCaller,
  pathColumn: string,
  param?: string,
): { sql: string; params: Record<string, string> } {
  return isSystemCaller(caller)
    ? { sql: 'TRUE', params: {} }
    : subtreeCondition(caller, pathColumn, param);
}
