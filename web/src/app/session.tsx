// Who is logged in. The session lives in an HttpOnly cookie; the page only asks /api/auth/me.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from './api.ts';

export interface Me { kind: 'user' | 'token'; id: number; name: string; role: string; storeCodes: string[] | null; permissions: string[] }

interface SessionValue {
  me: Me | null;
  loading: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  can: (action: string) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    api<Me>('/api/auth/me')
      .then(setMe)
      .catch((e: unknown) => { if (!(e instanceof ApiError && e.status === 401)) console.error(e); })
      .finally(() => setLoading(false));
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const { user } = await api<{ user: Me }>('/api/auth/login', { method: 'POST', json: { username, password } });
    setMe(user);
  }, []);
  const logout = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST', json: {} }).catch(() => undefined);
    setMe(null);
  }, []);
  const can = useCallback((action: string) => me?.permissions.includes(action) ?? false, [me]);
  return <SessionContext value={{ me, loading, login, logout, can }}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
