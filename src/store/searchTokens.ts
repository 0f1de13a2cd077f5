/**
 * The forms list's search in the database: each form's index terms (core/searchTerms.ts) as a
 * tsvector (`declarations.search_tokens`, GIN-indexed, migration 9), matched by a tsquery of the
 * terms the user's words are made of. Written as tsvector and tsquery literals, lexemes quoted, so
 * PostgreSQL takes each term as it is: no text search parser or dictionary runs (none for Chinese
 * exists without an extension), and PGlite and a PostgreSQL server behave the same.
 */
import { sql, type Transaction } from 'kysely';
import { indexTerms } from '../core/searchTerms.ts';
import type { Database } from './schema.ts';

/** A lexeme quoted for a tsvector or tsquery literal (a quote doubled, a backslash escaped). */
function quoted(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** The tsvector literal of these terms. */
export function tsvectorLiteral(terms: readonly string[]): string {
  return terms.map(quoted).join(' ');
}

/** The tsquery literal that matches a tsvector holding all of these terms (null for none). */
export function tsqueryLiteral(terms: readonly string[]): string | null {
  return terms.length === 0 ? null : terms.map(quoted).join(' & ');
}

/** The `search_tokens` of a form's search text. */
export function searchTokens(searchText: string): string {
  return tsvectorLiteral(indexTerms(searchText));
}

/** Writes the index terms of every row's search text, a page at a time (`where` narrows the rows). */
export async function backfillSearchTokens(trx: Transaction<Database>, table: 'declarations' | 'documents', where: ReturnType<typeof sql>): Promise<void> {
  let after = '';
  for (;;) {
    const page = await sql<{ id: string; search_text: string }>`select id, search_text from ${sql.table(table)} where id > ${after} ${where} order by id limit 1000`.execute(trx);
    if (page.rows.length === 0) return;
    const ids = page.rows.map((row) => row.id);
    const tokens = page.rows.map((row) => searchTokens(row.search_text));
    await sql`update ${sql.table(table)} set search_tokens = u.tokens::tsvector from unnest(${ids}::text[], ${tokens}::text[]) as u(id, tokens) where ${sql.ref(`${table}.id`)} = u.id`.execute(trx);
    after = ids[ids.length - 1] ?? after;
  }
}

