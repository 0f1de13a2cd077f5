/**
 * Whether a department already has the form one is about to create (one department-wide form a
 * year; one project form per project and year): asked as soon as the department, year or project is
 * chosen, so that the user hears it before saving, not after.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { DeclarationSummary } from '../api/types.ts';

export interface FormKey {
  readonly departmentId: string;
  readonly year: number;
  readonly kind: 'department-target' | 'project-target';
  /** For a project form: its project's name. */
  readonly projectName?: string | null;
}

const norm = (name: string | null | undefined) => (name ?? '').replace(/[\s\u3000]/g, '');

/** The existing forms for each key, in the same order (null: none); undefined while asking. */
export function useExistingForms(keys: readonly FormKey[]): ReadonlyArray<DeclarationSummary | null> | undefined {
  const signature = JSON.stringify(keys);
  const [found, setFound] = useState<{ signature: string; forms: Array<DeclarationSummary | null> } | null>(null);
  useEffect(() => {
    const wanted = JSON.parse(signature) as FormKey[];
    let live = true;
    void Promise.all(
      wanted.map(async (key) => {
        if (!key.departmentId) return null;
        const query = new URLSearchParams({ departmentId: key.departmentId, year: String(key.year), kind: key.kind, pageSize: '100', ...(key.projectName ? { q: key.projectName } : {}) });
        const answer = await api<{ items: DeclarationSummary[] }>('GET', `/api/v1/declarations?${query.toString()}`).catch(() => ({ items: [] }));
        const same = answer.items.filter((d) => d.departmentId === key.departmentId && d.year === key.year && d.kind === key.kind && (key.kind === 'department-target' || norm(d.projectName) === norm(key.projectName)));
        return same[0] ?? null;
      }),
    ).then((forms) => live && setFound({ signature, forms }));
    return () => {
      live = false;
    };
  }, [signature]);
  return found?.signature === signature ? found.forms : undefined;
}
