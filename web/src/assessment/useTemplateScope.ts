/** The region and year the template pages work in: from the address, else the user's region and this year. */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { RegionNode } from '../api/types.ts';
import { allRegions, managedRegions, useSession } from '../session/session.tsx';

export interface TemplateScope {
  readonly year: number;
  /** '' while the regions are still loading for someone of no region (the system admin). */
  readonly regionId: string;
  /** The regions the user oversees (their own and those below; every region for the system admin). */
  readonly regions: readonly RegionNode[];
  readonly regionName: (id: string) => string;
  /** Whether the user is an admin whose oversight reaches the region (may save its templates; the server checks again). */
  readonly mayEdit: (regionId: string) => boolean;
}

export function useTemplateScope(): TemplateScope {
  const { user, regions } = useSession();
  const [params] = useSearchParams();
  const own = user?.regionId ?? null;
  const reachable = useMemo(() => allRegions(managedRegions(regions, own)), [regions, own]);
  const everyRegion = useMemo(() => allRegions(regions), [regions]);
  const year = Number(params.get('year')) || new Date().getFullYear();
  const regionId = params.get('regionId') ?? own ?? reachable[0]?.id ?? '';
  return {
    year,
    regionId,
    regions: reachable,
    regionName: (id) => everyRegion.find((r) => r.id === id)?.name ?? id,
    mayEdit: (id) => user?.role === 'admin' && reachable.some((r) => r.id === id),
  };
}
