import type { Role, SessionUser } from './types';

/** What the console keeps between page loads: the token pair and who is signed in. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
  mediatorId: string | null;
}

const KEY = 'heqi.console.session';

export function loadSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

export function hasRole(session: StoredSession | null, ...roles: Role[]): boolean {
  return !!session && session.user.roles.some((r) => roles.includes(r));
}
