/**
 * The round page's query (issue 13): p50/p99 of `roundOverview` (what `GET /api/v1/monitoring/rounds/:id`
 * runs: counts by light and state, a page red first, execution per department, the overdue list) over
 * 2,000 departments × (1 department-wide + 10 project reports), on both stores, against a baseline
 * measured in the same run: reading one report by its key.
 */
import { sql } from 'kysely';
import { LIGHTS } from '../src/core/monitoringReport.ts';
import type { Actor } from '../src/core/policy.ts';
import { roundOverview, type OverviewQuery } from '../src/server/services/monitoring.ts';
import type { Store } from '../src/store/openStore.ts';
import { onBothStores } from './bothStores.ts';
import { latency } from './harness.ts';
import type { DocumentsTable } from '../src/store/schema.ts';
import { documentRow } from '../src/store/documentRow.ts';

const DEPARTMENTS = 2000;
const PROJECTS = 10;
const QUERIES = 200;
const ADMIN: Actor = { id: 'bench-admin', role: 'admin', departmentId: null, regionId: null };
const REVIEWER: Actor = { id: 'bench-reviewer', role: 'reviewer', departmentId: null, regionId: 'bench-region' };
const STATES = ['draft', 'submitted', 'submitted', 'returned', 'accepted', 'accepted'] as const;

/** The page's usual requests in turn: red first, a light, a state, a search, the slowest execution, a later page. */
const VARIANTS: ReadonlyArray<Partial<OverviewQuery>> = [{}, { light: 'red' }, { state: 'returned' }, { q: '局17' }, { sort: 'execution' }, { page: 40 }];


/** The region, its departments, their target forms and one round's reports, written in bulk. */
async function load(store: Store): Promise<{ roundId: string; reportId: string; reports: number }> {
  await store.migrate();
  const now = '2025-08-01T00:00:00.000Z';
  await store.db.insertInto('regions').values({ id: 'bench-region', name: '基准区', level: 'district', parent_id: null, settings: JSON.stringify({}) }).execute();
  const departments = Array.from({ length: DEPARTMENTS }, (_, d) => ({ id: `bench-d${d}`, region_id: 'bench-region', name: `基准局${d}`, archived_at: null }));
  for (let i = 0; i < departments.length; i += 1000) await store.db.insertInto('departments').values(departments.slice(i, i + 1000)).execute();
  await store.db.insertInto('monitoring_rounds').values({ id: 'bench-round', region_id: 'bench-region', year: 2025, name: '1–7月', through: '2025-07-31', due: '2025-08-15', created_by: 'bench', created_at: now }).execute();
  let reports = 0;
  for (let d = 0; d < DEPARTMENTS; d += 100) {
    const declarations = [];
    const rows: DocumentsTable[] = [];
    for (let k = d; k < Math.min(DEPARTMENTS, d + 100); k++) {
      for (let p = 0; p <= PROJECTS; p++) {
        const id = `bench-t${k}-${p}`;
        const project = p === 0 ? null : `项目${p}`;
        declarations.push(documentRow({ id, department_id: `bench-d${k}`, year: 2025, state: 'approved', current_version: 1, budget_total: '100.00', review_grade: '良', created_at: now, updated_at: now, submitted_at: now, kind: p === 0 ? 'department-target' : 'project-target', project_name: project }));
        const n = k * 11 + p;
        const state = STATES[n % STATES.length] ?? 'draft';
        const light = LIGHTS[(n * 7) % LIGHTS.length] ?? 'green';
        rows.push(
          documentRow({
            id: `bench-r${k}-${p}`, kind: 'monitoring-report', year: 2025, parent_id: 'bench-round', department_id: `bench-d${k}`, target_id: id, target_kind: p === 0 ? 'department-target' : 'project-target', target_version: 1, project_name: project, state, current_version: 1,
            light, light_rank: state === 'draft' ? 5 : LIGHTS.indexOf(light), budget_total: p === 0 ? '1000.00' : '100.00', budget_executed: `${(n * 37) % 100}.00`,
            flag: light === 'red', facts: JSON.stringify({ lights: { budget: light, indicators: light, overall: light } }), created_at: now, updated_at: now, submitted_at: state === 'draft' ? null : now,
          }),
        );
      }
    }
    await store.db.insertInto('documents').values(declarations).execute();
    await store.db.insertInto('documents').values(rows).execute();
    reports += rows.length;
  }
  await sql`analyze`.execute(store.db);
  return { roundId: 'bench-round', reportId: 'bench-r17-3', reports };
}

async function measure(store: Store) {
  const { roundId, reportId, reports } = await load(store);
  const query = (i: number): OverviewQuery => ({ sort: 'light', page: 1, pageSize: 50, ...VARIANTS[i % VARIANTS.length] });
  const admin = await latency(QUERIES, (i) => roundOverview(store.db, ADMIN, roundId, query(i)));
  const reviewer = await latency(QUERIES, (i) => roundOverview(store.db, REVIEWER, roundId, query(i)));
  const baseline = await latency(QUERIES, () => store.db.selectFrom('documents').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow());
  return { admin, reviewer, baseline, reports };
}

export async function roundBench(): Promise<{ markdown: string; ok: boolean }> {
  const results = await onBothStores('round', measure);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const ok = results.every(([, r]) => r.admin.p99 < 200 && r.reviewer.p99 < 200);
  const markdown = [
    `${DEPARTMENTS.toLocaleString('en-US')} departments × (1 department-wide + ${PROJECTS} project reports) = ${(results[0]?.[1].reports ?? 0).toLocaleString('en-US')} reports in one round, in every state and light. ${QUERIES} calls of \`roundOverview\` (the service behind \`GET /api/v1/monitoring/rounds/:id\`, without HTTP) per row, one at a time, cycling through the page's requests: red first, one light, one state, a search, lowest execution first, page 40.`,
    '',
    '| store | as an admin p50 / p99 | as the region’s reviewer p50 / p99 | baseline: one report by key p50 / p99 |',
    '| --- | ---: | ---: | ---: |',
    ...results.map(([name, r]) => `| ${name} | ${ms(r.admin.p50)} / ${ms(r.admin.p99)} | ${ms(r.reviewer.p50)} / ${ms(r.reviewer.p99)} | ${ms(r.baseline.p50)} / ${ms(r.baseline.p99)} |`),
    '',
    `Goal: the round page's query over 2,000 departments × 10 projects under 200 ms p99 on both stores — **${ok ? 'met' : 'NOT met'}**.`,
  ].join('\n');
  return { markdown, ok };
}
