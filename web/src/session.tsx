/** The signed-in user (or none), the CSRF token and whether this is a demo workspace. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiGet, apiSend, clearCache, setCsrfToken } from './api';
import type { Role, Session, User } from './types';

export interface SessionState {
  ready: boolean;
  user: User | null;
  demo: boolean;
  role: Role;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState>({
  ready: false,
  user: null,
  demo: false,
  role: 'public',
  login: () => Promise.reject(new Error('no session provider')),
  logout: () => Promise.resolve(),
});

export function SessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [session, setSession] = useState<Session | null>(null);

  useEffect(() => {
    apiGet<Session>('/api/v1/auth/session')
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      })
      .catch(() => setSession({ user: null, csrfToken: null, demo: false }));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await apiSend<{ user: User; csrfToken: string }>('POST', '/api/v1/auth/login', { username, password });
    setCsrfToken(r.csrfToken);
    clearCache();
    setSession((s) => ({ user: r.user, csrfToken: r.csrfToken, demo: s?.demo ?? false }));
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiSend('POST', '/api/v1/auth/logout');
    } finally {
      setCsrfToken(null);
      clearCache();
      setSession((s) => ({ user: null, csrfToken: null, demo: s?.demo ?? false }));
    }
  }, []);

  const value = useMemo<SessionState>(
    () => ({
      ready: session !== null,
      user: session?.user ?? null,
      demo: session?.demo ?? false,
      role: session?.user?.role ?? 'public',
      login,
      logout,
    }),
    [session, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}
