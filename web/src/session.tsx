/**
 * The signed-in user (or none), the CSRF token, whether this is a demo workspace, and what the user
 * may do: the abilities the server computes from its permission table and sends with the session
 * (the way Outline sends policies), read through `useCan`. The browser never derives a permission
 * from a role.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiGet, apiSend, clearCache, setCsrfToken } from './api';
import type { Abilities, Action, Session, User } from './types';

export interface SessionState {
  ready: boolean;
  user: User | null;
  demo: boolean;
  /** Sign-in through the identity platform, when the server has it: the login page's button. */
  oidc: Session['oidc'];
  /** Empty until the session has loaded (and if it could not be): nothing is allowed. */
  abilities: Partial<Abilities>;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState>({
  ready: false,
  user: null,
  demo: false,
  oidc: null,
  abilities: {},
  login: () => Promise.reject(new Error('no session provider')),
  logout: () => Promise.resolve(),
});

type Loaded = Omit<Session, 'abilities'> & { abilities: Partial<Abilities> };

export function SessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [session, setSession] = useState<Loaded | null>(null);

  const load = useCallback(async (fresh: boolean) => {
    try {
      const s = await apiGet<Session>('/api/v1/auth/session', { fresh });
      setCsrfToken(s.csrfToken);
      setSession(s);
    } catch {
      setSession((s) => ({ user: null, csrfToken: null, demo: s?.demo ?? false, oidc: s?.oidc ?? null, abilities: {} }));
    }
  }, []);

  useEffect(() => void load(false), [load]);

  const login = useCallback(async (username: string, password: string) => {
    const r = await apiSend<{ user: User; csrfToken: string; abilities: Abilities }>('POST', '/api/v1/auth/login', { username, password });
    setCsrfToken(r.csrfToken);
    clearCache();
    setSession((s) => ({ user: r.user, csrfToken: r.csrfToken, demo: s?.demo ?? false, oidc: s?.oidc ?? null, abilities: r.abilities }));
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiSend('POST', '/api/v1/auth/logout');
    } finally {
      setCsrfToken(null);
      clearCache();
      // The public's abilities come from the server like everyone's: the session is read again.
      await load(true);
    }
  }, [load]);

  const value = useMemo<SessionState>(
    () => ({
      ready: session !== null,
      user: session?.user ?? null,
      demo: session?.demo ?? false,
      oidc: session?.oidc ?? null,
      abilities: session?.abilities ?? {},
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

/** Whatever carries its own abilities: an indicator's or a project's detail response. */
export interface WithAbilities {
  abilities: Partial<Abilities>;
}

/**
 * Whether the user may do `action`: on `on` (a detail response, whose abilities the server computed
 * for that object) or, without it, on some object at all (the session's).
 */
export function can(session: Pick<SessionState, 'abilities'>, action: Action, on?: WithAbilities | null): boolean {
  return (on ?? session).abilities[action] === true;
}

/** `can` for the signed-in user: `useCan('value.review')`, `useCan('value.submit', detail)`. */
export function useCan(action: Action, on?: WithAbilities | null): boolean {
  return can(useSession(), action, on);
}
