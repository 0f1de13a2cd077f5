/** A row of `documents` with every column a new document starts with, for the writers that insert rows themselves (bulk loads, benchmarks). */
import type { DocumentsTable } from './schema.ts';

/** The columns a document has before anything sets them. */
const BLANK: Omit<DocumentsTable, 'id' | 'kind' | 'department_id' | 'year' | 'state' | 'created_at' | 'updated_at'> = {
  current_version: 0,
  title: null,
  search_text: '',
  search_tokens: '',
  budget_total: null,
  review_grade: null,
  error_count: 0,
  warning_count: 0,
  submitted_at: null,
  published_at: null,
  project_name: null,
  project_code: null,
  project_row: null,
  target_id: null,
  target_kind: null,
  target_version: null,
  parent_id: null,
  decided_at: null,
  reminded_at: null,
  budget_executed: null,
  score: null,
  grade: null,
  rate: null,
  light: null,
  light_rank: null,
  flag: false,
  facts: '{}',
};

/** A full row from the columns given; the rest blank. */
export function documentRow(fields: Pick<DocumentsTable, 'id' | 'kind' | 'department_id' | 'year' | 'state' | 'created_at' | 'updated_at'> & Partial<DocumentsTable>): DocumentsTable {
  return { ...BLANK, ...fields };
}

/** A document's row as the services read it: every column but the search's index terms (kilobytes no service reads). */
export type DocumentRow = Omit<DocumentsTable, 'search_tokens'>;

/** The columns of a {@link DocumentRow}, for `select` (what `selectAll` would read, the index terms left out). */
export const DOCUMENT_COLUMNS = [
  'id', 'kind', 'department_id', 'year', 'state', 'current_version', 'title', 'search_text', 'budget_total', 'review_grade', 'error_count', 'warning_count',
  'created_at', 'updated_at', 'submitted_at', 'published_at', 'project_name', 'project_code', 'project_row', 'target_id', 'target_kind', 'target_version',
  'parent_id', 'decided_at', 'reminded_at', 'budget_executed', 'score', 'grade', 'rate', 'light', 'light_rank', 'flag', 'facts',
] as const satisfies ReadonlyArray<keyof DocumentRow>;

/** The same columns qualified by the table, for queries that join others. */
export const DOCUMENT_COLUMNS_QUALIFIED = DOCUMENT_COLUMNS.map((column) => `documents.${column}` as const);
