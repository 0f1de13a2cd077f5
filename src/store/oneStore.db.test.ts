/**
 * Migration 10 moves every kind of document into one store without losing or changing a row: the
 * demo as the schema of version 7 held it (a backup made then) is loaded, migrated, and compared field
 * by field — every target form, monitoring report and self-evaluation, every version, comment and
 * review — and the audit chain still verifies. The same backup restores into today's schema, to the
 * same rows.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, STORE_KINDS } from '../server/testing/testStores.ts';
import { verifyAudit } from './auditLog.ts';
import { restoreBackup } from './backup.ts';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/backups/demo-bureau-v7.jsonl.gz', import.meta.url));
const text = gunzipSync(readFileSync(FIXTURE)).toString('utf8');
const lines = text.trim().split('\n').map((line) => JSON.parse(line) as { t?: string; r?: Record<string, unknown>; schemaVersion?: number });
const rowsOf = (table: string): Array<Record<string, unknown>> => lines.filter((l) => l.t === table).map((l) => l.r as Record<string, unknown>);

/** Rows of any table, untyped: the tables of version 7 are not today's. */
type Untyped = Kysely<Record<string, Record<string, unknown>>>;

/** Loads the backup's rows into the tables of its own version, as they were stored. */
async function loadOldRows(db: Kysely<Database>): Promise<void> {
  const untyped = db as unknown as Untyped;
  // What the migrations put in (the built-in library) is replaced by what the backup holds, as a restore does.
  const tables = [...new Set(lines.flatMap((l) => (l.t ? [l.t] : [])))];
  for (const table of tables.reverse()) await untyped.deleteFrom(table).execute();
  for (const line of lines) {
    if (!line.t || !line.r) continue;
    const row = Object.fromEntries(Object.entries(line.r).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v]));
    await untyped.insertInto(line.t).values(row).execute();
  }
  await sql`select setval(pg_get_serial_sequence('audit_log', 'seq'), (select max(seq) from audit_log) + 1, false)`.execute(db);
}

/** A numeric column read back as text, compared as a number (PGlite and PostgreSQL print scales alike, but say so). */
const byId = (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a.id).localeCompare(String(b.id));
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

async function documentsById(db: Kysely<Database>) {
  const rows = await db.selectFrom('documents').selectAll().execute();
  return new Map(rows.map((r) => [r.id, r]));
}

describe.each(STORE_KINDS)('one store for every kind of document, migrated from version 7 (%s)', (_name, open) => {
  afterAll(() => dropTestSchemas());

  it('moves every target form, report and self-evaluation with its versions, comments and reviews, changing nothing; the audit chain verifies', { timeout: 120_000 }, async () => {
    expect(lines[0]?.schemaVersion).toBe(7);
    const store = await open();
    try {
      await migrateToLatest(store.db, 7);
      await loadOldRows(store.db);
      expect(await verifyAudit(store.db)).toMatchObject({ ok: true });
      await migrateToLatest(store.db);
      const documents = await documentsById(store.db);

      const declarations = rowsOf('declarations');
      const reports = rowsOf('monitoring_reports');
      const evaluations = rowsOf('self_evaluations');
      expect(declarations.length).toBeGreaterThan(0);
      expect(reports.length).toBeGreaterThan(0);
      expect(evaluations.length).toBeGreaterThan(0);
      expect(documents.size).toBe(declarations.length + reports.length + evaluations.length);

      // Target forms: every column as it was, the new ones empty.
      for (const old of declarations) {
        const now = documents.get(old.id as string);
        expect(now, `declaration ${String(old.id)}`).toBeDefined();
        for (const [column, value] of Object.entries(old)) {
          if (column === 'budget_total') expect(num(now?.budget_total)).toBe(num(value));
          else expect((now as Record<string, unknown> | undefined)?.[column], `declarations.${column}`).toEqual(value);
        }
        expect(now?.target_id).toBeNull();
      }

      const rounds = new Map(rowsOf('monitoring_rounds').map((r) => [r.id, r]));
      for (const old of reports) {
        const now = documents.get(old.id as string);
        expect(now).toMatchObject({
          kind: 'monitoring-report',
          department_id: old.department_id,
          year: rounds.get(old.round_id)?.year,
          state: old.state,
          current_version: old.current_version,
          project_name: old.project_name,
          target_id: old.target_id,
          target_kind: old.target_kind,
          target_version: old.target_version,
          parent_id: old.round_id,
          light: old.light_overall,
          light_rank: old.light_rank,
          error_count: old.error_count,
          flag: old.rectification_needed,
          created_at: old.created_at,
          updated_at: old.updated_at,
          submitted_at: old.submitted_at,
          decided_at: old.accepted_at,
          reminded_at: old.overdue_notified_at,
        });
        expect(num(now?.budget_total)).toBe(num(old.budget_annual));
        expect(num(now?.budget_executed)).toBe(num(old.budget_executed));
        expect(json(now?.facts)).toMatchObject({ lights: { budget: old.light_budget, indicators: old.light_indicators, overall: old.light_overall }, targetKind: old.target_kind });
      }

      for (const old of evaluations) {
        const now = documents.get(old.id as string);
        expect(now).toMatchObject({
          kind: 'self-evaluation',
          department_id: old.department_id,
          year: old.year,
          state: old.state,
          current_version: old.current_version,
          project_name: old.project_name,
          target_id: old.target_id,
          target_kind: old.target_kind,
          target_version: old.target_version,
          grade: old.grade,
          error_count: old.error_count,
          created_at: old.created_at,
          updated_at: old.updated_at,
          submitted_at: old.submitted_at,
          decided_at: old.accepted_at,
          published_at: old.published_at,
        });
        expect(num(now?.score)).toBe(num(old.total));
        expect(num(now?.rate)).toBe(num(old.execution_rate));
        expect(num(now?.budget_total)).toBe(num(old.budget_annual));
        expect(num(now?.budget_executed)).toBe(num(old.budget_executed));
      }

      // Every version and comment of every kind, field by field.
      const versions = await store.db.selectFrom('document_versions').selectAll().execute();
      const versionOf = new Map(versions.map((v) => [`${v.document_id}:${v.version}`, v]));
      const oldVersions: Array<Record<string, unknown>> = [
        ...rowsOf('declaration_versions').map((v) => ({ ...v, id: v.declaration_id })),
        ...rowsOf('monitoring_report_versions').map((v) => ({ ...v, id: v.report_id, autosave: false })),
        ...rowsOf('self_evaluation_versions').map((v) => ({ ...v, id: v.evaluation_id, autosave: false })),
      ];
      expect(versions).toHaveLength(oldVersions.length);
      for (const old of oldVersions) {
        const now = versionOf.get(`${String(old.id)}:${String(old.version)}`);
        expect({ content: json(now?.content), findings: json(now?.findings), author: now?.author_id, at: now?.created_at, note: now?.note, autosave: now?.autosave }).toEqual({
          content: old.content,
          findings: old.findings,
          author: old.author_id,
          at: old.created_at,
          note: old.note,
          autosave: old.autosave,
        });
      }

      const comments = await store.db.selectFrom('document_comments').selectAll().orderBy('id').execute();
      const oldComments: Array<Record<string, unknown>> = [
        ...rowsOf('review_comments').map(({ declaration_id, ...c }) => ({ ...c, document_id: declaration_id })),
        ...rowsOf('monitoring_comments').map(({ report_id, ...c }) => ({ ...c, document_id: report_id })),
        ...rowsOf('self_evaluation_comments').map(({ evaluation_id, ...c }) => ({ ...c, document_id: evaluation_id })),
      ].sort(byId);
      expect(comments.map((c) => ({ ...c }))).toEqual(oldComments.map((c) => expect.objectContaining(c)));
      expect(comments).toHaveLength(oldComments.length);

      const reviews = await store.db.selectFrom('document_reviews').selectAll().orderBy('id').execute();
      const oldReviews: Array<Record<string, unknown>> = rowsOf('reviews').map(({ declaration_id, ...r }): Record<string, unknown> => ({ ...r, document_id: declaration_id })).sort(byId);
      expect(reviews).toEqual(oldReviews.map((r) => expect.objectContaining(r)));

      // The audit log was not touched: its chain still verifies, entry for entry.
      expect(await verifyAudit(store.db)).toEqual({ ok: true, entries: rowsOf('audit_log').length });

      // A backup made before the migration restores into the new schema, to the same rows.
      const restored = await open();
      try {
        await restored.migrate();
        await restoreBackup(restored.db, Readable.from([text]));
        const again = await documentsById(restored.db);
        expect(again.size).toBe(documents.size);
        for (const [id, row] of documents) {
          const other = again.get(id);
          expect({ ...other, budget_total: num(other?.budget_total), budget_executed: num(other?.budget_executed), score: num(other?.score), rate: num(other?.rate), facts: json(other?.facts) }).toEqual({
            ...row,
            budget_total: num(row.budget_total),
            budget_executed: num(row.budget_executed),
            score: num(row.score),
            rate: num(row.rate),
            facts: json(row.facts),
          });
        }
        expect(await restored.db.selectFrom('document_versions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: String(versions.length) });
        expect(await verifyAudit(restored.db)).toEqual({ ok: true, entries: rowsOf('audit_log').length });
      } finally {
        await restored.close();
      }
    } finally {
      await store.close();
    }
  });
});
