/** Who is signed in: loaded once from the server, changed by signing in and out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from '../api/client.ts';
import type { RegionNode, SessionAnswer, SessionUser } from '../api/types.ts';

interface SessionValue {
  /** undefined while loading, null when signed out. */
  readonly user: SessionUser | null | undefined;
  /** The department and region names of the user, from the organisation tree. */
  readonly departmentName: string | null;
  readonly regionName: string | null;
  readonly regions: RegionNode[];
  readonly signIn: (username: string, password: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Every department in the tree with its region. */
export function allDepartments(regions: readonly RegionNode[]): Array<{ id: string; name: string; regionId: string; regionName: string }> {
  return regions.flatMap((r) => [...r.departments.map((d) => ({ ...d, regionId: r.id, regionName: r.name })), ...allDepartments(r.children)]);
}

/** Every region in the tree, depth first. */
export function allRegions(regions: readonly RegionNode[]): RegionNode[] {
  return regions.flatMap((r) => [r, ...allRegions(r.children)]);
}

// Started when the app's code loads, before the first render: every page waits for them.
let firstSession: Promise<SessionAnswer> | null = api<SessionAnswer>('GET', '/api/v1/session');
let firstRegions: Promise<{ regions: RegionNode[] }> | null = api<{ regions: RegionNode[] }>('GET', '/api/v1/organisations');
firstSession.catch(() => undefined);
firstRegions.catch(() => undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [regions, setRegions] = useState<RegionNode[]>([]);

  useEffect(() => {
    let cancelled = false;
    const session = firstSession ?? api<SessionAnswer>('GET', '/api/v1/session');
    const organisations = firstRegions ?? api<{ regions: RegionNode[] }>('GET', '/api/v1/organisations');
    firstSession = null;
    firstRegions = null;
    session
      .then((answer) => {
        if (cancelled) return;
        setCsrfToken(answer.csrfToken);
        setUser(answer.user);
      })
      .catch(() => !cancelled && setUser(null));
    organisations
      .then((answer) => !cancelled && setRegions(answer.regions))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await api<SessionAnswer>('POST', '/api/v1/session', { username, password });
    setCsrfToken(answer.csrfToken);
    setUser(answer.user);
  }, []);

  const signOut = useCallback(async () => {
    await api('DELETE', '/api/v1/session').catch(() => undefined);
    setCsrfToken(null);
    setUser(null);
  }, []);

  const value = useMemo<SessionValue>(() => {
    const departments = allDepartments(regions);
    const department = user?.departmentId ? departments.find((d) => d.id === user.departmentId) : undefined;
    const regionId = user?.regionId ?? department?.regionId;
    const region = regionId ? allRegions(regions).find((r) => r.id === regionId) : undefined;
    return { user, departmentName: department?.name ?? null, regionName: region?.name ?? null, regions, signIn, signOut };
  }, [user, regions, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
