import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useNavigate } from 'react-router';
import { onSessionExpired } from '../api/api-client';
import { api } from '../api/endpoints';
import { clearSession, loadSession, saveSession, type StoredSession } from '../api/session-store';
import type { Role } from '../api/types';

interface SessionValue {
  session: StoredSession | null;
  /** Why the user was sent back to login (an expired session), until the next sign-in. */
  notice: string | null;
  login(username: string, password: string): Promise<StoredSession>;
  logout(): void;
  is(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Who is signed in; sends the user back to login (with a message) when the session expires. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const navigate = useNavigate();

  useEffect(
    () =>
      onSessionExpired((message) => {
        setNotice(message);
        setSession(null);
        navigate('/login', { replace: true, state: { message } });
      }),
    [navigate],
  );

  const login = useCallback(async (username: string, password: string) => {
    const pair = await api.login(username, password);
    saveSession({ ...pair, mediatorId: null });
    const me = await api.me().catch(() => null);
    const stored: StoredSession = {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      user: { ...pair.user, displayName: me?.user.displayName ?? pair.user.displayName },
      mediatorId: me?.scope.mediatorId ?? me?.user.mediatorId ?? null,
    };
    // The /me call may have refreshed the tokens.
    const latest = loadSession();
    saveSession({
      ...stored,
      accessToken: latest?.accessToken ?? stored.accessToken,
      refreshToken: latest?.refreshToken ?? stored.refreshToken,
    });
    setNotice(null);
    setSession(loadSession());
    return stored;
  }, []);

  const logout = useCallback(() => {
    clearSession();
    setSession(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo<SessionValue>(
    () => ({
      session,
      notice,
      login,
      logout,
      is: (...roles) => !!session && session.user.roles.some((r) => roles.includes(r)),
    }),
    [session, notice, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
