/** Who is signed in: loaded once from the server, changed by signing in and out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from '../api/client.ts';
import { fetchOnce, takeSettled } from '../api/prefetch.ts';
import type { RegionNode, SessionAnswer, SessionUser } from '../api/types.ts';
import { ORGANISATIONS_PATH, SESSION_PATH } from './sessionPaths.ts';

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
export function allDepartments(regions: readonly RegionNode[]): Array<{ id: string; name: string; archivedAt: string | null; regionId: string; regionName: string }> {
  return regions.flatMap((r) => [...r.departments.map((d) => ({ ...d, regionId: r.id, regionName: r.name })), ...allDepartments(r.children)]);
}

/** The part of the tree an admin administers: all of it for the system admin, its own region's subtree for a bureau's admin. */
export function managedRegions(regions: readonly RegionNode[], regionId: string | null): RegionNode[] {
  if (regionId === null) return [...regions];
  const own = allRegions(regions).find((r) => r.id === regionId);
  return own ? [own] : [];
}

/** Every region in the tree, depth first. */
export function allRegions(regions: readonly RegionNode[]): RegionNode[] {
  return regions.flatMap((r) => [r, ...allRegions(r.children)]);
}

/** The session if the entry's request for it has already come back: the first render then knows the user. */
function arrivedSession(): SessionAnswer | undefined {
  const answer = takeSettled<SessionAnswer>(SESSION_PATH);
  if (answer) setCsrfToken(answer.csrfToken);
  return answer;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(() => arrivedSession()?.user);
  const [regions, setRegions] = useState<RegionNode[]>(() => takeSettled<{ regions: RegionNode[] }>(ORGANISATIONS_PATH)?.regions ?? []);

  useEffect(() => {
    let cancelled = false;
    // Whatever the first render did not have: fetched now, or taken from the entry's request still on its way.
    if (user === undefined) {
      fetchOnce<SessionAnswer>(SESSION_PATH)
        .then((answer) => {
          if (cancelled) return;
          setCsrfToken(answer.csrfToken);
          setUser(answer.user);
        })
        .catch(() => !cancelled && setUser(null));
    }
    if (regions.length === 0) {
      fetchOnce<{ regions: RegionNode[] }>(ORGANISATIONS_PATH)
        .then((answer) => !cancelled && setRegions(answer.regions))
        .catch(() => undefined);
    }
    return () => {
      cancelled = true;
    };
    // Once, at mount: later changes come from signing in and out.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
