/**
 * The reviewer's self-evaluation overview (issue 14): p50/p99 of `evaluationOverview` (what
 * `GET /api/v1/evaluations/overview` runs: counts by grade and state, a page lowest total first,
 * execution by department) over 2,000 departments × (1 department-wide + 10 project evaluations), on
 * both stores, against a baseline in the same run: reading one evaluation by its key.
 */
import { sql } from 'kysely';
import { EVALUATION_GRADES } from '../src/core/selfEvaluation.ts';
import type { Actor } from '../src/core/policy.ts';
import { evaluationOverview, type EvaluationOverviewQuery } from '../src/server/services/evaluations.ts';
import type { Store } from '../src/store/openStore.ts';
import type { DocumentsTable } from '../src/store/schema.ts';
import { documentRow } from '../src/store/documentRow.ts';
import { refreshAllYearOverviews } from '../src/store/departmentYearOverview.ts';
import { onBothStores } from './bothStores.ts';
import { latency } from './harness.ts';

const DEPARTMENTS = 2000;
const PROJECTS = 10;
const QUERIES = 200;
const ADMIN: Actor = { id: 'bench-admin', role: 'admin', departmentId: null, regionId: null };
const REVIEWER: Actor = { id: 'bench-reviewer', role: 'reviewer', departmentId: null, regionId: 'bench-region' };
const STATES = ['draft', 'submitted', 'returned', 'accepted', 'published', 'published'] as const;
const VARIANTS: ReadonlyArray<Partial<EvaluationOverviewQuery>> = [{}, { grade: '差' }, { state: 'returned' }, { q: '局17' }, { sort: 'execution' }, { page: 40 }];

async function load(store: Store): Promise<{ id: string; evaluations: number }> {
  await store.migrate();
  const now = '2025-03-01T00:00:00.000Z';
  await store.db.insertInto('regions').values({ id: 'bench-region', name: '基准区', level: 'district', parent_id: null, settings: JSON.stringify({}) }).execute();
  const departments = Array.from({ length: DEPARTMENTS }, (_, d) => ({ id: `bench-d${d}`, region_id: 'bench-region', name: `基准局${d}`, archived_at: null }));
  for (let i = 0; i < departments.length; i += 1000) await store.db.insertInto('departments').values(departments.slice(i, i + 1000)).execute();
  let count = 0;
  for (let d = 0; d < DEPARTMENTS; d += 100) {
    const declarations = [];
    const rows: DocumentsTable[] = [];
    for (let k = d; k < Math.min(DEPARTMENTS, d + 100); k++) {
      for (let p = 0; p <= PROJECTS; p++) {
        const id = `bench-t${k}-${p}`;
        const project = p === 0 ? null : `项目${p}`;
        declarations.push(documentRow({ id, department_id: `bench-d${k}`, year: 2024, state: 'published', current_version: 1, budget_total: '100.00', review_grade: '良', created_at: now, updated_at: now, submitted_at: now, published_at: now, kind: p === 0 ? 'department-target' : 'project-target', project_name: project }));
        const n = k * 11 + p;
        const total = 40 + ((n * 37) % 6000) / 100;
        rows.push(
          documentRow({
            id: `bench-e${k}-${p}`, kind: 'self-evaluation', department_id: `bench-d${k}`, target_id: id, target_kind: p === 0 ? 'department-target' : 'project-target', target_version: 1, year: 2024, project_name: project, state: STATES[n % STATES.length] ?? 'draft', current_version: 1,
            score: total.toFixed(2), grade: EVALUATION_GRADES[total >= 90 ? 0 : total >= 80 ? 1 : total >= 60 ? 2 : 3] ?? null, rate: `${(n * 13) % 101}.00`, budget_total: p === 0 ? '1000.00' : '100.00', budget_executed: `${(n * 13) % 101}.00`,
            created_at: now, updated_at: now, submitted_at: now,
          }),
        );
      }
    }
    await store.db.insertInto('documents').values(declarations).execute();
    await store.db.insertInto('documents').values(rows).execute();
    count += rows.length;
  }
  // What the write path keeps of each department-year for the overview, as saving each evaluation would have.
  await refreshAllYearOverviews(store.db, ['self-evaluation']);
  await sql`analyze`.execute(store.db);
  return { id: 'bench-e17-3', evaluations: count };
}

async function measure(store: Store) {
  const { id, evaluations } = await load(store);
  const query = (i: number): EvaluationOverviewQuery => ({ year: 2024, sort: 'total', page: 1, pageSize: 50, ...VARIANTS[i % VARIANTS.length] });
  const admin = await latency(QUERIES, (i) => evaluationOverview(store.db, ADMIN, query(i)));
  const reviewer = await latency(QUERIES, (i) => evaluationOverview(store.db, REVIEWER, query(i)));
  const baseline = await latency(QUERIES, () => store.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  return { admin, reviewer, baseline, evaluations };
}

export async function evaluationOverviewBench(): Promise<{ markdown: string; ok: boolean }> {
  const results = await onBothStores('evaluation-overview', measure);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const ok = results.every(([, r]) => r.admin.p99 < 200 && r.reviewer.p99 < 200);
  const markdown = [
    `${DEPARTMENTS.toLocaleString('en-US')} departments × (1 department-wide + ${PROJECTS} project self-evaluations) = ${(results[0]?.[1].evaluations ?? 0).toLocaleString('en-US')} in one year, in every state and grade. ${QUERIES} calls of \`evaluationOverview\` (the service behind \`GET /api/v1/evaluations/overview\`, without HTTP) per row, one at a time, cycling through the page's requests: lowest total first, one grade, one state, a search, lowest execution first, page 40.`,
    '',
    '| store | as an admin p50 / p99 | as the region’s reviewer p50 / p99 | baseline: one evaluation by key p50 / p99 |',
    '| --- | ---: | ---: | ---: |',
    ...results.map(([name, r]) => `| ${name} | ${ms(r.admin.p50)} / ${ms(r.admin.p99)} | ${ms(r.reviewer.p50)} / ${ms(r.reviewer.p99)} | ${ms(r.baseline.p50)} / ${ms(r.baseline.p99)} |`),
    '',
    `Goal: the reviewer's overview over 2,000 departments × 10 projects under 200 ms p99 on both stores — **${ok ? 'met' : 'NOT met'}**.`,
  ].join('\n');
  return { markdown, ok };
}
