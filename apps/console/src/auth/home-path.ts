import type { Role } from '../api/types';

/** The first screen of each role. */
export function homePath(roles: Role[]): string {
  if (roles.includes('supervisor')) return '/dashboard';
  if (roles.includes('intake')) return '/triage';
  if (roles.includes('mediator') || roles.includes('volunteer')) return '/offers';
  if (roles.includes('admin')) return '/admin/network';
  return '/cases';
}
