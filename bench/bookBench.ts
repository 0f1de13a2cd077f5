/**
 * The people's congress book of one department (issue 26): gathered from the store, printed as PDF
 * (cover, contents, six sections, page numbers, the CJK font embedded) and as Excel, in a district of
 * 500 departments each with 40 projects (target forms, monitoring reports, self-evaluations),
 * assessments and rectification items — on both stores, against a baseline in the same run: the seed's
 * official form as PDF.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import type { Actor } from '../src/core/policy.ts';
import { importFormText } from '../src/import/text/importFormText.ts';
import { officialLayout } from '../src/layout/officialLayout.ts';
import { bookPdf, bookWorkbook, gatherBook } from '../src/server/services/book.ts';
import { documentRow } from '../src/store/documentRow.ts';
import type { Store } from '../src/store/openStore.ts';
import type { DocumentsTable } from '../src/store/schema.ts';
import { writeLayoutsPdf } from '../src/writers/pdfWriter.ts';
import { onBothStores } from './bothStores.ts';
import { median } from './harness.ts';

const DEPARTMENTS = 500;
const PROJECTS = 40;
const RUNS = 10;
const REVIEWER: Actor = { id: 'bench-reviewer', role: 'reviewer', departmentId: null, regionId: 'bench-region' };
const LIGHTS = ['red', 'yellow', 'green', 'blue'] as const;
const GRADES = ['优', '良', '中', '差'] as const;
const RECTIFICATION_STATES = ['open', 'reported', 'accepted', 'reopened'] as const;

async function load(store: Store): Promise<number> {
  await store.migrate();
  const now = '2025-03-01T00:00:00.000Z';
  await store.db.insertInto('regions').values({ id: 'bench-region', name: '基准区', level: 'district', parent_id: null, settings: JSON.stringify({}) }).execute();
  const departments = Array.from({ length: DEPARTMENTS }, (_, d) => ({ id: `bench-d${d}`, region_id: 'bench-region', name: `基准区第${d}局`, archived_at: null }));
  for (let i = 0; i < departments.length; i += 500) await store.db.insertInto('departments').values(departments.slice(i, i + 500)).execute();
  let count = 0;
  for (let d = 0; d < DEPARTMENTS; d += 20) {
    const rows: DocumentsTable[] = [];
    for (let k = d; k < Math.min(DEPARTMENTS, d + 20); k++) {
      const department = `bench-d${k}`;
      const base = { department_id: department, year: 2025, current_version: 1, created_at: now, updated_at: now, submitted_at: now };
      rows.push(documentRow({ ...base, id: `t${k}`, kind: 'department-target', state: 'published', budget_total: '5000.00', review_grade: '良', published_at: now }));
      for (let p = 0; p < PROJECTS; p++) {
        const n = k * PROJECTS + p;
        const project = `第${k}局项目${p}：${'信息化建设与运维保障'.slice(0, 4 + (n % 6))}`;
        rows.push(documentRow({ ...base, id: `t${k}-${p}`, kind: 'project-target', project_name: project, state: n % 3 === 0 ? 'approved' : 'published', budget_total: `${100 + (n % 900)}.50`, review_grade: n % 2 === 0 ? '优' : '良', published_at: n % 3 === 0 ? null : now }));
        rows.push(documentRow({ ...base, id: `m${k}-${p}`, kind: 'monitoring-report', project_name: project, state: 'accepted', budget_total: `${100 + (n % 900)}.50`, budget_executed: `${(n * 7) % 100}.25`, rate: `${(n * 7) % 100}.00`, light: LIGHTS[n % 4], flag: n % 4 === 0 }));
        rows.push(documentRow({ ...base, id: `e${k}-${p}`, kind: 'self-evaluation', project_name: project, state: 'accepted', budget_total: `${100 + (n % 900)}.50`, budget_executed: `${(n * 7) % 100}.25`, score: `${60 + (n % 40)}.00`, grade: GRADES[n % 4] }));
      }
      for (let a = 0; a < 4; a++) rows.push(documentRow({ ...base, id: `a${k}-${a}`, kind: 'assessment', project_name: `第${k}局项目${a}`, title: `第${k}局项目${a}重点评价`, state: 'concluded', score: `${70 + a * 5}.00`, grade: GRADES[a], facts: JSON.stringify({ purpose: a === 3 ? 'sampling-review' : 'key-evaluation', decision: null, cut: null }) }));
      for (let r = 0; r < 8; r++) rows.push(documentRow({ ...base, id: `r${k}-${r}`, kind: 'rectification', project_name: `第${k}局项目${r}`, title: `预算执行进度滞后，须调整支出计划（${r + 1}）`, state: RECTIFICATION_STATES[r % 4] ?? 'open', facts: JSON.stringify({ deadline: r < 2 ? '2025-06-30' : '2099-06-30', source: { type: 'monitoring-report' } }) }));
    }
    for (let i = 0; i < rows.length; i += 1000) await store.db.insertInto('documents').values(rows.slice(i, i + 1000)).execute();
    count += rows.length;
  }
  await sql`analyze`.execute(store.db);
  return count;
}

const countPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

async function measure(store: Store) {
  const documents = await load(store);
  const query = { year: 2025, departmentId: 'bench-d137' };
  const seed = importFormText(readFileSync(new URL('../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url), 'utf8'), { year: 2025 });
  if (!seed.ok) throw new Error('the seed does not import');
  const layout = officialLayout(seed.declaration);
  // Warm-up: the font parsed, the layout cache filled, the directory read.
  const warm = await gatherBook(store.db, REVIEWER, query);
  const pages = countPages(await bookPdf(warm));
  await bookWorkbook(warm);
  await writeLayoutsPdf([layout]);
  const whole: number[] = [];
  const gather: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    await writeLayoutsPdf([layout]);
    baseline.push(performance.now() - t0);
    t0 = performance.now();
    const data = await gatherBook(store.db, REVIEWER, query);
    gather.push(performance.now() - t0);
    await Promise.all([bookPdf(data), bookWorkbook(data)]);
    whole.push(performance.now() - t0);
  }
  return { documents, rows: warm.rows.length, pages, whole: median(whole), gather: median(gather), baseline: median(baseline) };
}

export async function bookBench(): Promise<{ markdown: string; ok: boolean }> {
  const results = await onBothStores('book', measure);
  const ok = results.every(([, r]) => r.whole < 2000);
  const first = results[0]?.[1];
  const markdown = [
    `A district of ${DEPARTMENTS} departments × (1 department form + ${PROJECTS} projects × target form, monitoring report and self-evaluation + 4 assessments + 8 rectification items) = ${(first?.documents ?? 0).toLocaleString('en-US')} documents of 2025. The book of one department (${first?.rows ?? 0} documents, ${first?.pages ?? 0} pages of PDF): gathered from the store as a reviewer (\`gatherBook\`), then written as PDF (\`bookPdf\`) and Excel (\`bookWorkbook\`) — what \`GET /api/v1/book.pdf\` and \`book.xlsx\` run, without HTTP. Medians of ${RUNS} runs after a warm-up, alternating with the baseline.`,
    '',
    '| store | book of one department: gather + PDF + Excel (ms) | of which gathering (ms) | baseline: the seed’s official form as PDF (ms) |',
    '| --- | ---: | ---: | ---: |',
    ...results.map(([name, r]) => `| ${name} | ${r.whole.toFixed(0)} | ${r.gather.toFixed(0)} | ${r.baseline.toFixed(0)} |`),
    '',
    `Goal: the book of one department in under 2 s on both stores — **${ok ? 'met' : 'NOT met'}**. (Load average of the shared machine during the run: ${loadavg()[0]?.toFixed(1) ?? '?'}.)`,
  ].join('\n');
  return { markdown, ok };
}
