/**
 * Indicator-library look-up benchmark: p50/p99 of `lookUpLibrary` (what `GET /api/v1/indicator-library`
 * runs) over 100,000 entries, on both stores, against two baselines measured in the same run: the
 * one-row read it cannot do without (the library's generation), and the plain SQL it replaces
 * (`name like '%q%'` ordered by use, limit 20).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { COMMON_INDICATORS, libraryKey } from '../src/core/indicatorLibrary.ts';
import type { Actor } from '../src/core/policy.ts';
import { lookUpLibrary } from '../src/server/services/indicatorLibrary.ts';
import { openStore, type Store } from '../src/store/openStore.ts';
import { latency } from './harness.ts';

const ENTRIES = 100_000;
const QUERIES = ['满意度', '培训', '运维', '系统正常运行', '完成率', '数量', '政务外网', '投诉', '成本', '率'];
const READER: Actor = { id: 'bench', role: 'editor', departmentId: null, regionId: null };

const SUBJECTS = ['政务外网', '培训', '会议', '课题', '信息系统', '采购设备', '宣传活动', '补助资金', '工程', '档案', '数据共享', '网站', '热线', '窗口', '执法', '监测', '应急', '安全生产', '社区', '学校'];
const MEASURES = ['完成率', '数量', '覆盖率', '满意度', '合格率', '及时率', '运行率', '次数', '成本', '达标率'];

/** 100,000 distinct entries: subject × measure × a numbered variant, as many departments would write them. */
function entry(i: number): { id: string; key: string; name: string; level1: string; level2: string; unit: string; direction: 'up' | 'down'; builtin: boolean; hidden: boolean; merged_into: null; updated_at: string; use_count: number } {
  const subject = SUBJECTS[i % SUBJECTS.length] as string;
  const measure = MEASURES[Math.floor(i / SUBJECTS.length) % MEASURES.length] as string;
  const name = `${subject}${measure}${Math.floor(i / (SUBJECTS.length * MEASURES.length))}`;
  const level2 = measure.includes('满意') ? '服务对象满意度指标' : measure === '成本' ? '经济成本指标' : '数量指标';
  const level1 = measure.includes('满意') ? '满意度指标' : measure === '成本' ? '成本指标' : '产出指标';
  return { id: `bench-${i}`, key: libraryKey(name, level2), name, level1, level2, unit: measure.includes('率') || measure.includes('满意') ? '%' : measure === '成本' ? '万元' : '个', direction: measure === '成本' ? 'down' : 'up', builtin: false, hidden: false, merged_into: null, updated_at: '2026-12-01T00:00:00.000Z', use_count: i % 17 };
}


async function measure(store: Store): Promise<{ index: { p50: number; p99: number }; generation: { p50: number; p99: number }; naive: { p50: number; p99: number }; loadMs: number }> {
  await store.migrate();
  for (let from = 0; from < ENTRIES; from += 2000) {
    const rows = Array.from({ length: Math.min(2000, ENTRIES - from) }, (_, k) => entry(from + k));
    await store.db.insertInto('indicator_library').values(rows).execute();
  }
  await store.db.updateTable('indicator_library_state').set({ generation: sql`generation + 1` }).where('id', '=', 1).execute();
  // The first look-up after a change loads the index: timed on its own.
  const loadStart = performance.now();
  await lookUpLibrary(store.db, READER, { q: '培训' });
  const loadMs = performance.now() - loadStart;
  const index = await latency(500, (i) => lookUpLibrary(store.db, READER, { q: QUERIES[i % QUERIES.length] as string }));
  const generation = await latency(500, () => store.db.selectFrom('indicator_library_state').select('generation').where('id', '=', 1).executeTakeFirstOrThrow());
  const naive = await latency(100, (i) =>
    store.db
      .selectFrom('indicator_library')
      .select(['id', 'name', 'level1', 'level2', 'unit', 'use_count'])
      .where('hidden', '=', false)
      .where('name', 'like', `%${QUERIES[i % QUERIES.length] as string}%`)
      .orderBy('use_count', 'desc')
      .limit(20)
      .execute(),
  );
  return { index, generation, naive, loadMs };
}

export async function libraryBench(): Promise<{ markdown: string; ok: boolean }> {
  const results: Array<[string, Awaited<ReturnType<typeof measure>>]> = [];
  const embedded = await openStore({ kind: 'embedded', dataDir: mkdtempSync(join(tmpdir(), 'jixiao-library-bench-')) });
  try {
    results.push(['embedded (PGlite)', await measure(embedded)]);
  } finally {
    await embedded.close();
  }
  const schema = `jixiao_bench_${randomUUID().slice(0, 8)}`;
  const postgres = await openStore({ kind: 'postgres', url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema });
  try {
    results.push(['PostgreSQL 15', await measure(postgres)]);
    await sql.raw(`drop schema if exists ${schema} cascade`).execute(postgres.db);
  } finally {
    await postgres.close();
  }
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const ok = results.every(([, r]) => r.index.p99 < 50);
  const markdown = [
    `${(ENTRIES + COMMON_INDICATORS.length).toLocaleString('en-US')} library entries (100,000 generated + the built-in ones); 500 look-ups of ten queries in turn (“满意度”, “培训”, … “率”, the last matching most entries), one at a time, through \`lookUpLibrary\` (the service behind \`GET /api/v1/indicator-library\`, without HTTP).`,
    '',
    '| store | look-up p50 | look-up p99 | baseline: the generation read (p50 / p99) | baseline: SQL `like` over the table (p50 / p99) | index (re)load after a change |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(([name, r]) => `| ${name} | ${ms(r.index.p50)} | ${ms(r.index.p99)} | ${ms(r.generation.p50)} / ${ms(r.generation.p99)} | ${ms(r.naive.p50)} / ${ms(r.naive.p99)} | ${ms(r.loadMs)} |`),
    '',
    `Goal: p99 under 50 ms with 100,000 entries on both stores — **${ok ? 'met' : 'NOT met'}**. The first look-up after a write to the library reloads the index (last column); every other one reads one row and scans memory.`,
  ].join('\n');
  return { markdown, ok };
}
