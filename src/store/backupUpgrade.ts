/**
 * Backups made by an older schema, restored into today's: each row of the older tables becomes the
 * row (or rows) today's tables hold, as the migrations in between would have made it. Pure: the
 * restore streams rows through here.
 *
 * Migration 10 put every kind of document into one store: `declarations` became `documents`, and the
 * monitoring reports and self-evaluations (with their versions and comments) became documents of
 * their kinds. A backup of version 7 to 9 is read as if it had been made after that migration.
 */
import { executionRate } from '../kinds/monitoringReport/index.ts';

/** A row of a table, as a backup holds it. */
export interface BackupRow {
  readonly table: string;
  readonly row: Record<string, unknown>;
}

/** The oldest schema whose backups can be restored (the first with the JSON Lines layout's tables). */
export const BACKUP_UPGRADE_FROM = 7;

/** The version that made one store of documents. */
const ONE_STORE = 10;

/** The columns migration 10 added to documents, as a row of another kind leaves them. */
const NEW_DOCUMENT_COLUMNS = { target_id: null, target_kind: null, target_version: null, parent_id: null, decided_at: null, reminded_at: null, budget_executed: null, score: null, grade: null, rate: null, light: null, light_rank: null, flag: false, facts: {} };

/** A renamed column. */
function renamed(row: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const { [from]: value, ...rest } = row;
  return { ...rest, [to]: value };
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * Reads the rows of a backup of `version` as today's tables hold them. It remembers what later rows
 * need of earlier ones (a round's year for its reports, a department's name for their search text):
 * the backup's order — parents before children — provides them first.
 */
export function backupUpgrader(version: number): (input: BackupRow) => BackupRow[] {
  const roundYears = new Map<unknown, unknown>();
  const departmentNames = new Map<unknown, string>();
  return (input) => {
    if (version >= ONE_STORE) return [input];
    if (input.table === 'monitoring_rounds') roundYears.set(input.row.id, input.row.year);
    if (input.table === 'departments') departmentNames.set(input.row.id, String(input.row.name ?? ''));
    const searchText = [departmentNames.get(input.row.department_id) ?? '', text(input.row.project_name) ?? ''].join('\n');
    return upgradeRow(input, { year: roundYears.get(input.row.round_id) ?? null, searchText });
  };
}

function upgradeRow(input: BackupRow, known: { year: unknown; searchText: string }): BackupRow[] {
  const { table, row } = input;
  switch (table) {
    case 'declarations':
      return [{ table: 'documents', row: { ...row, ...NEW_DOCUMENT_COLUMNS } }];
    case 'declaration_versions':
      return [{ table: 'document_versions', row: renamed(row, 'declaration_id', 'document_id') }];
    case 'review_comments':
      return [{ table: 'document_comments', row: renamed(row, 'declaration_id', 'document_id') }];
    case 'reviews':
      return [{ table: 'document_reviews', row: renamed(row, 'declaration_id', 'document_id') }];
    case 'monitoring_reports': {
      const lights = { budget: row.light_budget ?? null, indicators: row.light_indicators ?? null, overall: row.light_overall ?? null };
      return [
        {
          table: 'documents',
          row: {
            id: row.id,
            kind: 'monitoring-report',
            department_id: row.department_id,
            // A report's year is its round's.
            year: known.year,
            state: row.state,
            current_version: row.current_version,
            title: null,
            search_text: known.searchText,
            budget_total: row.budget_annual ?? null,
            review_grade: null,
            error_count: row.error_count ?? 0,
            warning_count: 0,
            created_at: row.created_at,
            updated_at: row.updated_at,
            submitted_at: row.submitted_at ?? null,
            published_at: null,
            project_name: row.project_name ?? null,
            project_code: null,
            project_row: null,
            target_id: row.target_id,
            target_kind: row.target_kind,
            target_version: row.target_version,
            parent_id: row.round_id,
            decided_at: row.accepted_at ?? null,
            reminded_at: row.overdue_notified_at ?? null,
            budget_executed: row.budget_executed ?? null,
            score: null,
            grade: null,
            rate: executionRate(text(row.budget_annual), text(row.budget_executed)),
            light: row.light_overall ?? null,
            light_rank: row.light_rank ?? null,
            flag: row.rectification_needed === true,
            facts: { lights, targetKind: row.target_kind },
          },
        },
      ];
    }
    case 'monitoring_report_versions':
      return [{ table: 'document_versions', row: { ...renamed(row, 'report_id', 'document_id'), autosave: false } }];
    case 'monitoring_comments':
      return [{ table: 'document_comments', row: renamed(row, 'report_id', 'document_id') }];
    case 'self_evaluations':
      return [
        {
          table: 'documents',
          row: {
            id: row.id,
            kind: 'self-evaluation',
            department_id: row.department_id,
            year: row.year,
            state: row.state,
            current_version: row.current_version,
            title: null,
            search_text: known.searchText,
            budget_total: row.budget_annual ?? null,
            review_grade: null,
            error_count: row.error_count ?? 0,
            warning_count: 0,
            created_at: row.created_at,
            updated_at: row.updated_at,
            submitted_at: row.submitted_at ?? null,
            published_at: row.published_at ?? null,
            project_name: row.project_name ?? null,
            project_code: null,
            project_row: null,
            target_id: row.target_id,
            target_kind: row.target_kind,
            target_version: row.target_version,
            parent_id: null,
            decided_at: row.accepted_at ?? null,
            reminded_at: null,
            budget_executed: row.budget_executed ?? null,
            score: row.total ?? null,
            grade: row.grade ?? null,
            rate: row.execution_rate ?? null,
            light: null,
            light_rank: null,
            flag: false,
            facts: { targetKind: row.target_kind },
          },
        },
      ];
    case 'self_evaluation_versions':
      return [{ table: 'document_versions', row: { ...renamed(row, 'evaluation_id', 'document_id'), autosave: false } }];
    case 'self_evaluation_comments':
      return [{ table: 'document_comments', row: renamed(row, 'evaluation_id', 'document_id') }];
    default:
      return [input];
  }
}
