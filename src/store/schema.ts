/**
 * The database schema as Kysely types: one schema for the embedded store (PGlite) and PostgreSQL.
 * Timestamps are ISO-8601 text written by the application, so both stores return them identically
 * and the audit chain hashes exactly what is stored.
 */
import type { Generated } from 'kysely';
import type { DocumentKind } from '../core/document.ts';
import type { Light } from '../core/monitoringReport.ts';
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

/**
 * Every document of every kind (src/kinds): target forms, monitoring reports, self-evaluations and the
 * kinds that come. The summary columns are filled by each kind's `summarize` with every version.
 */
export interface DocumentsTable {
  id: string;
  /** A kind of the registry (`src/kinds/registry.ts`). */
  kind: string;
  department_id: string;
  year: number;
  /** A state of the kind's workflow. */
  state: string;
  current_version: number;
  title: string | null;
  /** Names, goals and indicators, for full-text search. */
  search_text: string;
  /** search_text's index terms as a tsvector (store/searchTokens.ts), kept by the write path with it. */
  search_tokens: string;
  /** The money it is about (万元): exact decimal (numeric), returned as a string. */
  budget_total: string | null;
  /** The grade of the bureau's last review (target forms). */
  review_grade: ReviewGrade | null;
  error_count: number;
  warning_count: number;
  created_at: string;
  updated_at: string;
  /** When it was submitted (target forms: first submission; a draft never submitted may be deleted). */
  submitted_at: string | null;
  published_at: string | null;
  /** The project (or other subject) it is about, for lists and uniqueness; 项目编码. */
  project_name: string | null;
  project_code: string | null;
  /** Project forms: the department form's row name the user linked it to (null: automatic). */
  project_row: string | null;
  /** The document it is about (a report's or self-evaluation's target form), its kind and the version measured. */
  target_id: string | null;
  target_kind: string | null;
  target_version: number | null;
  /** What holds it: a report's monitoring round. */
  parent_id: string | null;
  /** When the bureau last decided on it (approved, returned, accepted). */
  decided_at: string | null;
  /** When its department was reminded that it is overdue (once). */
  reminded_at: string | null;
  /** Exact decimals (numeric), returned as strings. */
  budget_executed: string | null;
  score: string | null;
  grade: string | null;
  rate: string | null;
  light: Light | null;
  light_rank: number | null;
  /** Something awaits the bureau (rectification advice is owed). */
  flag: boolean;
  /** What lists show but never sort on, per kind. */
  facts: unknown;
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

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  content: unknown;
  findings: unknown;
  /** A user's id, or `system` for what the system made (a report prefilled when its round opened). */
  author_id: string;
  created_at: string;
  note: string | null;
  /** Saved by the editor's autosave: later autosaves of the same sitting replace it. */
  autosave: boolean;
}

export interface DocumentReviewsTable {
  id: string;
  document_id: string;
  version: number;
  grade: ReviewGrade;
  outcome: 'approved' | 'returned';
  opinion: string | null;
  reviewer_id: string;
  created_at: string;
}

/** A person assigned to a document (an expert or agency scoring an assessment). */
export interface DocumentAssignmentsTable {
  document_id: string;
  user_id: string;
  /** The part they play in it, the kind's word (expert, agency). */
  role: string;
  assigned_by: string;
  assigned_at: string;
}

/** A region's template of assessment criteria for a year, versioned once an assessment used it. */
export interface AssessmentTemplatesTable {
  id: string;
  /** The family its versions share: a built-in template's key, or the region's own. */
  key: string;
  region_id: string;
  year: number;
  version: number;
  name: string;
  purpose: string;
  criteria: unknown;
  /** The built-in key or template it was copied from. */
  based_on: string | null;
  /** When an assessment was first opened with it: edits from then on make a new version. */
  used_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** An evidence file of an assessment, its bytes in chunks (assessment_file_chunks). */
export interface AssessmentFilesTable {
  id: string;
  document_id: string;
  criterion: string | null;
  /** The checklist item it answers. */
  item: string;
  name: string;
  /** The type its bytes show, never the one the client claimed. */
  content_type: string;
  size: number;
  sha256: string | null;
  /** False while it streams in; an upload that stopped is never served. */
  complete: boolean;
  uploaded_by: string;
  uploaded_at: string;
}

export interface AssessmentFileChunksTable {
  file_id: string;
  seq: number;
  data: Uint8Array;
}

/** A 抽评 draw: its seed, counts, the candidates it drew from, and what it drew. */
export interface AssessmentSamplesTable {
  id: string;
  region_id: string;
  year: number;
  seed: string;
  counts: unknown;
  candidates: unknown;
  drawn: unknown;
  template: string | null;
  created_by: string;
  created_at: string;
}

/** The figures of a department's year Jixiao holds nowhere else (编制数, 在职人数, 三公经费). */
export interface DepartmentYearFiguresTable {
  department_id: string;
  year: number;
  establishment: number | null;
  staff: number | null;
  three_public: string | null;
  three_public_last: string | null;
  updated_by: string;
  updated_at: string;
}

/** A comment anchored to a field or row of a document (a JSON Pointer; '' for the whole document). */
export interface DocumentCommentsTable {
  id: string;
  document_id: string;
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
  /** What the item is (JSON): a file's name, a form id. */
  payload: unknown;
  /** A file's bytes (bulk import), dropped once the item is done. */
  data: Uint8Array | null;
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

/** A kind's documents of a department's year for the overview of a year: counts by state, grade and light, and money (kept by the write path). */
export interface DepartmentYearOverviewTable {
  kind: string;
  department_id: string;
  year: number;
  /** `[state, grade, light, n]` for each combination present. */
  cells: ReadonlyArray<readonly [string, string | null, string | null, number]>;
  /** How many are not drafts. */
  shown: number;
  /** Budgeted and executed, of what is not a draft: the department-wide document's, else the projects' sum. */
  annual: string | null;
  executed: string | null;
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

/** Why a department has not published a project form (非公开原因), as it recorded it: one per form. */
export interface DisclosureReasonsTable {
  document_id: string;
  reason: string;
  recorded_by: string;
  recorded_at: string;
}

export interface Database {
  regions: RegionsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_comments: DocumentCommentsTable;
  document_reviews: DocumentReviewsTable;
  document_assignments: DocumentAssignmentsTable;
  assessment_templates: AssessmentTemplatesTable;
  assessment_files: AssessmentFilesTable;
  disclosure_reasons: DisclosureReasonsTable;
  assessment_file_chunks: AssessmentFileChunksTable;
  assessment_samples: AssessmentSamplesTable;
  department_year_figures: DepartmentYearFiguresTable;
  audit_log: AuditLogTable;
  indicator_library: IndicatorLibraryTable;
  indicator_uses: IndicatorUsesTable;
  indicator_library_state: IndicatorLibraryStateTable;
  monitoring_rounds: MonitoringRoundsTable;
  notifications: NotificationsTable;
  declaration_findings: DeclarationFindingsTable;
  declaration_budget_lines: DeclarationBudgetLinesTable;
  jobs: JobsTable;
  notification_deliveries: NotificationDeliveriesTable;
  department_year_forms: DepartmentYearFormsTable;
  department_year_findings: DepartmentYearFindingsTable;
  department_year_lines: DepartmentYearLinesTable;
  department_year_overview: DepartmentYearOverviewTable;
  job_items: JobItemsTable;
  result_rules: ResultRulesTable;
  result_exceptions: ResultExceptionsTable;
  result_approvals: ResultApprovalsTable;
}

/** A region's rules for a budget year, a version per save (结果应用 `proposal`, 综合考核 `league`). */
export interface ResultRulesTable {
  id: string;
  region_id: string;
  year: number;
  kind: 'proposal' | 'league';
  version: number;
  rules: unknown;
  created_by: string;
  created_at: string;
}

/** The bureau's exception to the rules for one project of a budget year: the latest per project counts. */
export interface ResultExceptionsTable {
  id: string;
  region_id: string;
  year: number;
  /** The results year's project form (the row's key). */
  project_key: string;
  department_id: string;
  /** 万元, exact (numeric), returned as a string. */
  amount: string;
  reason: string;
  created_by: string;
  created_at: string;
}

/** A proposals' table approved by the bureau: which rules produced it and its sum. */
export interface ResultApprovalsTable {
  id: string;
  region_id: string;
  year: number;
  rules_version: number | null;
  row_count: number;
  total: string;
  approved_by: string;
  approved_at: string;
}
