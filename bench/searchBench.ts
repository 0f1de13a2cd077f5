/**
 * The forms list's search over a province (issue 22, item 16): 110,000 forms (the province bench's:
 * for each of 10,000 departments its department form and 10 project forms) stored with their search
 * text and index terms on the PostgreSQL server, and the list searched for words and substrings as
 * users type them — the search by index terms (migration 9: bigrams in a GIN-indexed tsvector, the
 * query cut into words by jieba) against the substring search it replaced (`like '%…%'`, answered
 * by pg_trgm's index), in alternating rounds, p50 and p99. The same on the embedded store with a
 * district's 11,000 forms (no pg_trgm there: the old search scanned).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { documentRow } from '../src/store/documentRow.ts';
import { sql, type Kysely } from 'kysely';
import type { DepartmentTargetDeclaration } from '../src/core/declaration.ts';
import type { Actor } from '../src/core/policy.ts';
import { importFormText } from '../src/import/text/importFormText.ts';
import { districtVariant } from '../src/server/demoDistrict.ts';
import { listDeclarations, searchText, visibleDeclarations } from '../src/server/services/declarations.ts';
import { countFound, filterDocuments, SEARCH_COUNT_LIMIT } from '../src/server/services/documents.ts';
import { searchTokens } from '../src/store/searchTokens.ts';
import { openStore, type Store } from '../src/store/openStore.ts';
import type { Database } from '../src/store/schema.ts';
import { percentile } from './harness.ts';
import { projectFormOf } from './provinceBench.ts';

/** BENCH_SEARCH_SCALE (default 1) shrinks the province for a quick look (0.1: a tenth). */
const SCALE = Number(process.env.BENCH_SEARCH_SCALE ?? '1');

const ADMIN: Actor = { id: 'bench-admin', role: 'admin', departmentId: null, regionId: null };

/** What users type: common and rare words, a place, a longer term, a letter-and-digit term, one character. */
const QUERIES = ['信息化', '运维', '满意度', '政务信息化建设', '第7市第3区', '2025年', '局'];

/** The list searched as before migration 9: the words as one substring of the search text. */
async function substringSearch(db: Kysely<Database>, q: string): Promise<number> {
  const query = (await visibleDeclarations(db, ADMIN)).where('documents.year', '=', 2025).where('documents.search_text', 'like', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [, count] = await Promise.all([
    query.select(['documents.id', 'departments.name as department_name', 'documents.title', 'documents.updated_at']).orderBy('documents.updated_at', 'desc').orderBy('documents.id').limit(50).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return Number(count.n);
}

/** The list searched as users search it now: page 1 and the count, up to SEARCH_COUNT_LIMIT ("more than" past it). */
async function termSearch(db: Kysely<Database>, q: string): Promise<string> {
  const list = await listDeclarations(db, ADMIN, { year: 2025, q, page: 1, pageSize: 50, sort: 'updated' });
  return `${list.totalAtLeast ? 'more than ' : ''}${list.total.toLocaleString('en-US')}`;
}

/** Every form the search by index terms finds, counted to the end (outside the timed rounds). */
async function termCount(db: Kysely<Database>, q: string): Promise<number> {
  return (await countFound(db, await filterDocuments(db, await visibleDeclarations(db, ADMIN), { year: 2025, q }), Number.MAX_SAFE_INTEGER)).total;
}

/** The forms of `departments` departments, stored with their search text and terms (as the write path stores them). */
export async function load(store: Store, departments: number): Promise<{ forms: number; seconds: number; tableMb: number }> {
  const seed = importFormText(readFileSync(new URL('../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url), 'utf8'), { year: 2025 });
  if (!seed.ok || seed.declaration.kind !== 'department-target') throw new Error('the seed does not import');
  const province = randomUUID();
  const regions = [{ id: province, name: '示例省', level: 'province' as const, parent_id: null, settings: '{}' }];
  const districts: Array<{ id: string; name: string }> = [];
  for (let c = 0; c < 20; c++) {
    const city = randomUUID();
    regions.push({ id: city, name: `第${c + 1}市`, level: 'city' as never, parent_id: province as never, settings: '{}' });
    for (let d = 0; d < 10; d++) {
      const district = { id: randomUUID(), name: `第${c + 1}市第${d + 1}区` };
      districts.push(district);
      regions.push({ id: district.id, name: district.name, level: 'district' as never, parent_id: city as never, settings: '{}' });
    }
  }
  await store.db.insertInto('regions').values(regions).execute();
  const started = performance.now();
  let forms = 0;
  const now = new Date().toISOString();
  for (let from = 0; from < departments; from += 100) {
    const batch = Array.from({ length: Math.min(100, departments - from) }, (_, k) => {
      const i = from + k;
      const district = districts[i % districts.length] ?? { id: '', name: '' };
      return { id: randomUUID(), name: `${district.name}第${Math.floor(i / districts.length) + 1}局`, region_id: district.id, archived_at: null };
    });
    await store.db.insertInto('departments').values(batch).execute();
    const rows = batch.flatMap((department, k) => {
      const form: DepartmentTargetDeclaration = districtVariant(seed.declaration as DepartmentTargetDeclaration, from + k, department.name, 2025, 'none');
      return [form, ...Array.from({ length: 10 }, (_, p) => projectFormOf(form, p))].map((doc, p) => {
        const text = searchText(doc, department.name);
        const state = (['draft', 'submitted', 'published'] as const)[(from + k + p) % 3] ?? 'draft';
        return documentRow({ id: randomUUID(), department_id: department.id, year: 2025, kind: doc.kind, state, current_version: 1, title: doc.title, search_text: text, search_tokens: searchTokens(text), created_at: now, updated_at: new Date(Date.parse(now) - (from + k) * 60_000 - p * 1000).toISOString(), project_name: doc.kind === 'project-target' ? doc.project.name : null });
      });
    });
    await store.db.insertInto('documents').values(rows).execute();
    forms += rows.length;
  }
  const seconds = (performance.now() - started) / 1000;
  // What autovacuum would have done by the time anyone searches: statistics and visibility maps.
  await sql`vacuum analyze`.execute(store.db);
  const size = await sql<{ mb: number }>`select (pg_total_relation_size('documents') / 1048576.0)::float8 as mb`.execute(store.db);
  return { forms, seconds, tableMb: size.rows[0]?.mb ?? 0 };
}

/** p50 and p99 (ms) of each search, the old and the new in alternating rounds; and whether they agree on what they find. */
async function compare(db: Kysely<Database>, rounds: number, perRound: number): Promise<string[]> {
  const rows: string[] = [];
  for (const q of QUERIES) {
    const before: number[] = [];
    const after: number[] = [];
    const found = { before: await substringSearch(db, q), after: await termCount(db, q), says: await termSearch(db, q) };
    for (let i = 0; i < 3; i++) {
      await substringSearch(db, q);
      await termSearch(db, q);
    }
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < perRound; i++) {
        const start = performance.now();
        await substringSearch(db, q);
        before.push(performance.now() - start);
      }
      for (let i = 0; i < perRound; i++) {
        const start = performance.now();
        await termSearch(db, q);
        after.push(performance.now() - start);
      }
    }
    const p99 = percentile(after, 99);
    rows.push(`| ${q} | ${found.before.toLocaleString('en-US')} | ${found.after.toLocaleString('en-US')} | ${found.says} | ${percentile(before, 50).toFixed(0)} / ${percentile(before, 99).toFixed(0)} | ${percentile(after, 50).toFixed(0)} / **${p99.toFixed(0)}** |`);
  }
  return rows;
}

export async function searchBench(): Promise<{ markdown: string; ok: boolean }> {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `jixiao_bench_${randomUUID().slice(0, 8)}`;
  const server = await openStore({ kind: 'postgres', url, schema });
  let serverRows: string[];
  let serverLoad: Awaited<ReturnType<typeof load>>;
  let p99s: number[] = [];
  try {
    await server.migrate();
    serverLoad = await load(server, Math.round(10_000 * SCALE));
    serverRows = await compare(server.db, 5, 10);
    p99s = serverRows.map((row) => Number(/\*\*(\d+)\*\*/.exec(row)?.[1] ?? Infinity));
  } finally {
    await sql.raw(`drop schema if exists ${schema} cascade`).execute(server.db).catch(() => undefined);
    await server.close();
  }
  const embedded = await openStore({ kind: 'embedded', dataDir: 'memory://' });
  let embeddedRows: string[];
  let embeddedLoad: Awaited<ReturnType<typeof load>>;
  try {
    await embedded.migrate();
    embeddedLoad = await load(embedded, Math.max(10, Math.round(1_000 * SCALE)));
    embeddedRows = await compare(embedded.db, 3, 5);
  } finally {
    await embedded.close();
  }
  // The goal is judged on what the index answers (every query but one character, which reads the text as before).
  const ok = p99s.slice(0, -1).every((p) => p < 100);
  const header = ['| typed | forms found before | forms found now | the list says | before: substring (`like`), p50 / p99 ms | now: index terms, p50 / p99 ms |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  const markdown = [
    ...(SCALE !== 1 ? [`**Scaled to ${SCALE}** (BENCH_SEARCH_SCALE).`, ''] : []),
    `${serverLoad.forms.toLocaleString('en-US')} forms of a synthetic province (the province bench's: 10,000 departments, each its department form and 10 project forms, the search text as the write path makes it) on the PostgreSQL server (${url.replace(/\/\/[^@]*@/, '//')}), stored in ${serverLoad.seconds.toFixed(0)} s with their index terms; the table with its indexes ${serverLoad.tableMb.toFixed(0)} MB. The forms list of 2025 as an admin sees it, page 1 of 50 and the count, searched the old way and the new in alternating rounds (5 × 10 each), in this process:`,
    '',
    ...header,
    ...serverRows,
    '',
    `Goal: p99 < 100 ms on a province — **${ok ? 'met' : 'NOT met'}** (judged on every query the index answers; a single character is read from the text, as before, and costs what it did). A form is found by the bigrams of each word the user typed (jieba cuts the words; any substring of two characters or more is made of bigrams the form holds), so every form the substring search found is found (the counts above); a longer term's words may stand apart (政务信息化建设 also finds forms with 政务, 信息化 and 建设 in different places), and a term with letters or digits must stand in the text as typed, read only where the form holds all its bigrams (2025年: the 10,000 forms that hold 20, 02, 25 and 5年, not every form's text). The count stops at ${SEARCH_COUNT_LIMIT.toLocaleString('en-US')} ("the list says": more than ${SEARCH_COUNT_LIMIT.toLocaleString('en-US')}, add a word to narrow the search): counting all 110,000 forms a common word finds reads each of them, and nobody pages a search to page 21; "forms found now" is counted to the end outside the timed rounds, so no form is lost. Page 1 comes from the index of the list's order, reading forms only until 50 are found.`,
    '',
    `On the embedded store (PGlite, no pg_trgm: the old search read every text), a district's ${embeddedLoad.forms.toLocaleString('en-US')} forms, stored in ${embeddedLoad.seconds.toFixed(0)} s (3 × 5 each):`,
    '',
    ...header,
    ...embeddedRows,
  ].join('\n');
  return { markdown, ok };
}
