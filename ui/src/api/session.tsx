import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, enc, onUnauthorized } from './client';
import type { UserInfo } from './types';

interface Session {
  user: UserInfo | null;
  /** Whether the first userinfo call has answered. */
  loaded: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserInfo | null>(null);
  const [loaded, setLoaded] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setUser(await api.get<UserInfo>('/api/v1/session/userinfo', { allowUnauthorized: true }));
    } catch {
      setUser({ loggedIn: false });
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthorized(() => setUser({ loggedIn: false }));
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      await api.post('/api/v1/session', { username, password }, { allowUnauthorized: true });
      canICache.clear();
      await refresh();
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.delete('/api/v1/session', { allowUnauthorized: true });
    } finally {
      canICache.clear();
      setUser({ loggedIn: false });
    }
  }, []);

  const value = useMemo(() => ({ user, loaded, login, logout, refresh }), [user, loaded, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

const canICache = new Map<string, Promise<boolean>>();

/** Asks the server (GET /api/v1/account/can-i/…) whether the caller may do something; answers are cached per session. */
export function canI(resource: string, action: string, object: string): Promise<boolean> {
  const key = `${resource}/${action}/${object}`;
  let answer = canICache.get(key);
  if (!answer) {
    answer = api
      .get<{ value: string }>(`/api/v1/account/can-i/${enc(resource)}/${enc(action)}/${object.split('/').map(enc).join('/')}`)
      .then((r) => r.value === 'yes')
      .catch(() => false);
    canICache.set(key, answer);
  }
  return answer;
}

/** The answer of {@link canI} for a control; undefined until known (render the control disabled meanwhile). */
export function useCanI(resource: string, action: string, object: string): boolean | undefined {
  const [allowed, setAllowed] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setAllowed(undefined);
    void canI(resource, action, object).then((a) => live && setAllowed(a));
    return () => {
      live = false;
    };
  }, [resource, action, object]);
  return allowed;
}

/** The tooltip a disabled control shows: why the caller may not use it. */
export function deniedReason(resource: string, action: string, object: string): string {
  return `You may not ${action} ${resource} ${object} (RBAC: ${resource}, ${action}, ${object})`;
}
