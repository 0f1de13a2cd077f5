/**
 * The database schema as Kysely types: one schema for the embedded store (PGlite) and PostgreSQL.
 * Timestamps are ISO-8601 text written by the application, so both stores return them identically
 * and the audit chain hashes exactly what is stored.
 */
import type { Generated } from 'kysely';
import type { DocumentKind } from '../core/document.ts';
import type { Light } from '../core/monitoringReport.ts';
import type { ReportState } from '../core/monitoring/reportWorkflow.ts';
import type { EvaluationState } from '../core/evaluation/evaluationWorkflow.ts';
import type { EvaluationGrade } from '../core/selfEvaluation.ts';
import type { Role } from '../core/policy.ts';
import type { DeclarationState, ReviewGrade } from '../core/workflow.ts';

export interface RegionsTable {
  id: string;
  name: string;
  level: 'province' | 'city' | 'district' | 'county';
  parent_id: string | null;
  /** The bureau's settings (RegionSettings), inherited by the regions below. */
  settings: unknown;
}

export interface DepartmentsTable {
  id: string;
  region_id: string;
  name: string;
  /** When it was archived: its forms stay, it takes no new ones. */
  archived_at: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  department_id: string | null;
  region_id: string | null;
  password_hash: string;
  disabled: boolean;
  /** Made by the demo: may sign in only while the server runs with --demo. */
  demo: boolean;
  created_at: string;
  /** Where e-mail notifications go (none: in the app only). */
  email: string | null;
}

export interface SessionsTable {
  /** sha256 of the session token; the token itself is only in the cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** sha256 of the token. */
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface DeclarationsTable {
  id: string;
  department_id: string;
  year: number;
  state: DeclarationState;
  current_version: number;
  title: string | null;
  /** Names, goals and indicators, for full-text search. */
  search_text: string;
  /** search_text's index terms as a tsvector (store/searchTokens.ts), kept by the write path with it. */
  search_tokens: Generated<string>;
  /** Exact decimal (numeric), returned as a string. */
  budget_total: string | null;
  review_grade: ReviewGrade | null;
  error_count: number;
  warning_count: number;
  created_at: string;
  updated_at: string;
  /** First submission: a draft never submitted may be deleted by its department. */
  submitted_at: string | null;
  published_at: string | null;
  kind: DocumentKind;
  /** Project forms: 项目名称 and 项目编码, for links and uniqueness. */
  project_name: string | null;
  project_code: string | null;
  /** Project forms: the department form's row name the user linked it to (null: automatic). */
  project_row: string | null;
}

export interface IndicatorLibraryTable {
  id: string;
  /** Normalised name and 二级 class: one entry per indicator of a class. */
  key: string;
  name: string;
  level1: string | null;
  level2: string | null;
  unit: string | null;
  direction: 'up' | 'down' | 'equal' | 'qualitative' | null;
  builtin: boolean;
  hidden: boolean;
  merged_into: string | null;
  updated_at: string;
  /** Approved or published forms using it, kept by the write path. */
  use_count: number;
}

export interface IndicatorLibraryStateTable {
  id: number;
  generation: string;
}

export interface IndicatorUsesTable {
  entry_id: string;
  declaration_id: string;
  year: number;
  department_id: string;
  annual_target: string;
}

export interface DeclarationVersionsTable {
  declaration_id: string;
  version: number;
  content: unknown;
  findings: unknown;
  author_id: string;
  created_at: string;
  note: string | null;
  /** Saved by the editor's autosave: later autosaves of the same sitting replace it. */
  autosave: boolean;
}

export interface ReviewsTable {
  id: string;
  declaration_id: string;
  version: number;
  grade: ReviewGrade;
  outcome: 'approved' | 'returned';
  opinion: string | null;
  reviewer_id: string;
  created_at: string;
}

export interface CommentsTable {
  id: string;
  declaration_id: string;
  path: string;
  body: string;
  author_id: string;
  version: number;
  created_at: string;
}

export interface AuditLogTable {
  seq: Generated<string>;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  from_version: number | null;
  to_version: number | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

export interface MonitoringRoundsTable {
  id: string;
  region_id: string;
  year: number;
  /** 1–7月 */
  name: string;
  /** The data cutoff, YYYY-MM-DD. */
  through: string;
  /** When reports are due, YYYY-MM-DD. */
  due: string;
  created_by: string;
  created_at: string;
}

export interface MonitoringReportsTable {
  id: string;
  round_id: string;
  department_id: string;
  target_id: string;
  target_kind: DocumentKind;
  /** The target form's version the report measures. */
  target_version: number;
  project_name: string | null;
  state: ReportState;
  current_version: number;
  light_budget: Light | null;
  light_indicators: Light | null;
  light_overall: Light | null;
  /** 0 red, 1 yellow, 2 green, 3 blue, 4 none. */
  light_rank: number;
  /** Exact decimals (numeric), returned as strings. */
  budget_annual: string | null;
  budget_executed: string | null;
  error_count: number;
  rectification_needed: boolean;
  /** When the department was told the report is overdue (once per report). */
  overdue_notified_at: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  accepted_at: string | null;
}

export interface MonitoringReportVersionsTable {
  report_id: string;
  version: number;
  content: unknown;
  findings: unknown;
  author_id: string;
  created_at: string;
  note: string | null;
}

export interface MonitoringCommentsTable {
  id: string;
  report_id: string;
  path: string;
  body: string;
  author_id: string;
  version: number;
  created_at: string;
}

export interface SelfEvaluationsTable {
  id: string;
  department_id: string;
  target_id: string;
  target_kind: DocumentKind;
  target_version: number;
  year: number;
  project_name: string | null;
  state: EvaluationState;
  current_version: number;
  /** Exact decimals (numeric), returned as strings. */
  total: string | null;
  grade: EvaluationGrade | null;
  execution_rate: string | null;
  budget_annual: string | null;
  budget_executed: string | null;
  error_count: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  accepted_at: string | null;
  published_at: string | null;
}

export interface SelfEvaluationVersionsTable {
  evaluation_id: string;
  version: number;
  content: unknown;
  findings: unknown;
  author_id: string;
  created_at: string;
  note: string | null;
}

export interface SelfEvaluationCommentsTable {
  id: string;
  evaluation_id: string;
  path: string;
  body: string;
  author_id: string;
  version: number;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title_zh: string;
  title_en: string;
  body: string;
  /** The web app's page it opens. */
  link: string;
  created_at: string;
  read_at: string | null;
  /** Handed to the delivery channels (e-mail, webhook) already. */
  fanned_out: boolean;
}

/** A form's current findings counted by rule family and severity (kept by the write path, for dashboards). */
export interface DeclarationFindingsTable {
  declaration_id: string;
  family: string;
  severity: 'error' | 'warning' | 'info';
  n: number;
}

/** A form's current money by budget line (kept by the write path, for dashboards); exact numeric, read as a string. */
export interface DeclarationBudgetLinesTable {
  declaration_id: string;
  line: string;
  amount: string;
}

export type JobKind = 'import-forms' | 'export-forms' | 'rescore-year' | 'load-documents';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A background job: bulk import, export or rescoring, with its progress. */
export interface JobsTable {
  id: string;
  kind: JobKind;
  state: JobState;
  created_by: string;
  /** What the job works on (JSON): the department, year, files. */
  input: unknown;
  total: number;
  done: number;
  failed: number;
  /** The job's outcome (JSON): counts, the export's file. */
  result: unknown;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** The process working on it and until when it holds it (a lease: a dead process's job is taken over). */
  locked_by: string | null;
  locked_until: string | null;
  /** The file a job made (an export's zip). */
  output: Uint8Array | null;
}

/** One item of a job (a file to import, a form to rescore): done once, with its own error. */
export interface JobItemsTable {
  job_id: string;
  seq: number;
  label: string;
  /** What the item is (JSON): a file's name and bytes, a form id. */
  payload: unknown;
  state: 'pending' | 'done' | 'failed';
  error: unknown;
  /** What doing it made (JSON): the created form's id. */
  outcome: unknown;
}

/** One notification's sending through one channel (e-mail, webhook …), retried until sent or given up. */
export interface NotificationDeliveriesTable {
  id: string;
  notification_id: string;
  channel: string;
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  next_at: string;
  locked_until: string | null;
  last_error: string | null;
  sent_at: string | null;
}

/** A department's forms of a year by kind and state, summed (kept by the write path). */
export interface DepartmentYearFormsTable {
  department_id: string;
  year: number;
  kind: DocumentKind;
  state: DeclarationState;
  forms: number;
  errors: number;
  budget: string;
}

/** A department's findings of a year by rule family and severity, and how many forms have them. */
export interface DepartmentYearFindingsTable {
  department_id: string;
  year: number;
  family: string;
  severity: 'error' | 'warning' | 'info';
  n: number;
  forms: number;
}

/** A department's money of a year by kind of form and budget line. */
export interface DepartmentYearLinesTable {
  department_id: string;
  year: number;
  kind: DocumentKind;
  line: string;
  amount: string;
}

export interface Database {
  regions: RegionsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  declarations: DeclarationsTable;
  declaration_versions: DeclarationVersionsTable;
  review_comments: CommentsTable;
  reviews: ReviewsTable;
  audit_log: AuditLogTable;
  indicator_library: IndicatorLibraryTable;
  indicator_uses: IndicatorUsesTable;
  indicator_library_state: IndicatorLibraryStateTable;
  monitoring_rounds: MonitoringRoundsTable;
  monitoring_reports: MonitoringReportsTable;
  monitoring_report_versions: MonitoringReportVersionsTable;
  monitoring_comments: MonitoringCommentsTable;
  self_evaluations: SelfEvaluationsTable;
  self_evaluation_versions: SelfEvaluationVersionsTable;
  self_evaluation_comments: SelfEvaluationCommentsTable;
  notifications: NotificationsTable;
  declaration_findings: DeclarationFindingsTable;
  declaration_budget_lines: DeclarationBudgetLinesTable;
  jobs: JobsTable;
  notification_deliveries: NotificationDeliveriesTable;
  department_year_forms: DepartmentYearFormsTable;
  department_year_findings: DepartmentYearFindingsTable;
  department_year_lines: DepartmentYearLinesTable;
  job_items: JobItemsTable;
}
