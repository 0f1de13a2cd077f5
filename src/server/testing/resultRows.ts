/**
 * Stored documents as the proposals read them — the summary columns of project forms, self-evaluations,
 * assessments and monitoring reports — written as rows, for tests of who sees which proposal and for the
 * province's benchmark (a hundred thousand projects, where going through the write path would measure
 * the write path). The demo (demoResults.ts) makes the same results through the real commands.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';

/** What a row states; the rest is filled as a stored document of no findings holds it. */
export interface ResultRow {
  readonly id?: string;
  readonly kind: 'department-target' | 'project-target' | 'self-evaluation' | 'assessment' | 'monitoring-report' | 'rectification';
  readonly departmentId: string;
  readonly year: number;
  readonly state: string;
  readonly projectName?: string | null;
  readonly projectCode?: string | null;
  readonly amount?: string | null;
  readonly targetId?: string | null;
  readonly parentId?: string | null;
  readonly grade?: string | null;
  readonly light?: 'red' | 'yellow' | 'green' | 'blue' | null;
  readonly facts?: Record<string, unknown>;
  readonly score?: string | null;
  readonly errors?: number;
  readonly submittedAt?: string | null;
}

/** Inserts document rows in batches; returns their ids in order. */
export async function insertResultRows(db: Kysely<Database>, rows: readonly ResultRow[]): Promise<string[]> {
  const now = new Date().toISOString();
  const ids: string[] = [];
  const values = rows.map((r) => {
    const id = r.id ?? randomUUID();
    ids.push(id);
    return {
      id,
      kind: r.kind,
      department_id: r.departmentId,
      year: r.year,
      state: r.state,
      current_version: 1,
      title: r.projectName ?? null,
      search_text: r.projectName ?? '',
      budget_total: r.amount ?? null,
      error_count: r.errors ?? 0,
      warning_count: 0,
      created_at: now,
      updated_at: now,
      decided_at: now,
      project_name: r.projectName ?? null,
      project_code: r.projectCode ?? null,
      target_id: r.targetId ?? null,
      target_kind: r.targetId ? 'project-target' : null,
      parent_id: r.parentId ?? null,
      grade: r.grade ?? null,
      score: r.score ?? null,
      submitted_at: r.submittedAt ?? null,
      light: r.light ?? null,
      facts: JSON.stringify(r.facts ?? {}),
    };
  });
  for (let i = 0; i < values.length; i += 2000) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated columns (search_tokens …) take their defaults
    await db.insertInto('documents').values(values.slice(i, i + 2000) as any).execute();
  }
  return ids;
}
