/**
 * The shapes of the API's answers: declared once, used by the server that builds them and the web
 * app that reads them (types only; the OpenAPI document at /api/v1/openapi.json describes the requests).
 */
import type { DocumentKind, TargetDocument } from '../core/document.ts';
import type { Role } from '../core/policy.ts';
import type { Finding } from '../core/rules/finding.ts';
import type { DeclarationState, TransitionAction } from '../core/workflow.ts';
import type { Light, MonitoringReport } from '../core/monitoringReport.ts';
import type { ReportAction, ReportState } from '../core/monitoring/reportWorkflow.ts';
import type { IndicatorProgress, MonitoringConfig } from '../core/monitoring/lights.ts';
import type { MonitoringSettings } from './monitoringConfigSchema.ts';
import type { ScoringSettings } from './scoringConfigSchema.ts';
import type { AssessmentRegionSettings } from './assessmentSettingsSchema.ts';
import type { DisclosureSettings, RectificationSettings } from './disclosureSettingsSchema.ts';
import type { EvaluationAction, EvaluationState } from '../core/evaluation/evaluationWorkflow.ts';
import type { EvaluationScore, ScoringConfig } from '../core/evaluation/scoring.ts';
import type { EvaluationGrade, SelfEvaluation } from '../core/selfEvaluation.ts';

/** A user as the API presents it (never the password hash). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  regionId: string | null;
  disabled: boolean;
  /** An account of the demo: signs in only while the server runs with --demo. */
  demo: boolean;
  /** Where e-mail notifications go (none: in the app only). */
  email: string | null;
}

/** A region with its departments and the regions below it. */
export interface RegionNode {
  id: string;
  name: string;
  level: 'province' | 'city' | 'district' | 'county';
  parentId: string | null;
  /** Archived departments are listed with the date they were archived; they take no new forms. */
  departments: Array<{ id: string; name: string; archivedAt: string | null }>;
  children: RegionNode[];
  settings: RegionSettings;
}

/** A finance bureau's settings for its region and the regions below it (the nearest region that sets one wins). */
export interface RegionSettings {
  /** Refuse to submit a form the checker finds errors in. */
  blockSubmitOnErrors?: boolean;
  /** In-year monitoring: light bands, the deviation threshold and rule settings (format/monitoringConfigSchema.ts). */
  monitoring?: MonitoringSettings;
  /** Year-end scoring: formulas, bands, weights, grades and rule settings (format/scoringConfigSchema.ts). */
  scoring?: ScoringSettings;
  /** Assessments: grades, outliers, the sampling blend, the ex-ante gate, evidence limits (format/assessmentSettingsSchema.ts). */
  assessment?: AssessmentRegionSettings;
  /** The rectification ledger: hold a project's next-year form while its items are overdue (format/disclosureSettingsSchema.ts). */
  rectification?: RectificationSettings;
  /** Disclosure: the days after approval by which forms are public, the share to publish, each year's approval dates. */
  disclosure?: DisclosureSettings;
}

/** The latest review of a declaration: what its department must read first when it is returned. */
export interface ReviewView {
  grade: '优' | '良' | '中' | '差';
  outcome: 'approved' | 'returned';
  opinion: string | null;
  reviewerName: string;
  at: string;
  version: number;
}

/** What every presentation of a declaration says about it. */
export interface DeclarationHead {
  id: string;
  /** Which document of the family it is. */
  kind: DocumentKind;
  /** Project forms: 项目名称 (null for department forms). */
  projectName: string | null;
  departmentId: string;
  departmentName: string;
  year: number;
  state: DeclarationState;
  version: number;
  reviewGrade: string | null;
  updatedAt: string;
  /** When it was first submitted (null: never). */
  submittedAt: string | null;
  /** When it was published (null: not published). */
  publishedAt: string | null;
}

/** A declaration as the API presents it. */
export interface DeclarationView extends DeclarationHead {
  lastReview: ReviewView | null;
  content: TargetDocument;
  findings: Finding[];
}

/** A declaration as `GET /api/v1/declarations/:id` presents it: with what the user may do next. */
export interface DeclarationViewWithActions extends DeclarationView {
  allowedActions: TransitionAction[];
  canEdit: boolean;
  canComment: boolean;
  /** A draft never submitted may be deleted by its department. */
  canDelete: boolean;
  /** Whether the bureau refuses to take a form with errors. */
  blockSubmitOnErrors: boolean;
}

/** One row of a list. */
export interface DeclarationSummary extends DeclarationHead {
  title: string | null;
  budgetTotal: string | null;
  errorCount: number;
  warningCount: number;
}

/** What a document is read with: a project form's department form, a department form's project forms. */
export interface DocumentLinks {
  /** Project forms: the department form of the same department and year, and the row this project is. */
  departmentForm: { id: string; state: DeclarationState; row: number | null; rowName: string | null; rowAmount: string | null; linkedBy: 'user' | 'code' | 'name' | null; rows: string[] } | null;
  /** Department forms: the project forms of the same department and year, with the row each is linked to. */
  projectForms: Array<{ id: string; projectName: string | null; state: DeclarationState; budgetTotal: string | null; errorCount: number; warningCount: number; row: number | null }>;
  /** Department forms: rows with no project form yet. */
  rowsWithoutForm: number[];
  /** Last year's form of the same department (and project): its id, for "copy from last year". */
  /** Last year's form, with its self-evaluation's result once submitted: what this year's targets build on. */
  lastYear: { id: string; year: number; state: DeclarationState; evaluation: { id: string; total: string | null; grade: '优' | '良' | '中' | '差' | null; executionRate: string | null; state: EvaluationState } | null } | null;
}

/** One indicator library entry, as the editor's suggestions and the admin page show it. */
export interface LibraryEntryView {
  id: string;
  name: string;
  level1: string | null;
  level2: string | null;
  unit: string | null;
  direction: 'up' | 'down' | 'equal' | 'qualitative' | null;
  builtin: boolean;
  hidden: boolean;
  /** How many approved or published forms use it. */
  uses: number;
  /** The most recent targets used, newest year first. */
  targets: Array<{ year: number; target: string; count: number }>;
}

/** The home page's figures for one year. */
export interface YearStatistics {
  year: number;
  byState: Partial<Record<DeclarationState, number>>;
  /** Amounts as exact decimal strings (万元), largest total first. */
  budgetByDepartment: Array<{ departmentId: string; departmentName: string; basic: string | null; project: string | null }>;
  /** Indicator rows by their first-level class as printed (null: none printed). */
  indicatorsByLevel1: Array<{ level1: string | null; count: number }>;
}

/** An API token as its owner sees it (never the token itself, which is shown once). */
export interface TokenView {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  userId: string;
}

/** A monitoring round: a region's data cutoff for a year, and when its reports are due. */
export interface RoundView {
  id: string;
  regionId: string;
  regionName: string;
  year: number;
  name: string;
  through: string;
  due: string;
  createdAt: string;
  /** May the user see the round's overview (reviewers of its region, admins)? */
  canOversee: boolean;
  /** Reports the user's department owes in it (department users), not yet submitted. */
  owed: number;
}

/** A report as a list shows it. Lights are null until the department has submitted it once. */
export interface ReportSummary {
  id: string;
  roundId: string;
  departmentId: string;
  departmentName: string;
  targetId: string;
  targetKind: DocumentKind;
  targetVersion: number;
  projectName: string | null;
  state: ReportState;
  version: number;
  lights: { budget: Light | null; indicators: Light | null; overall: Light | null };
  /** 预算执行率 executed ÷ annual × 100, two decimals. */
  executionRate: string | null;
  errorCount: number;
  rectificationNeeded: boolean;
  updatedAt: string;
  submittedAt: string | null;
}

/** A report with its content, what the checker and the lights say, and what the user may do. */
export interface ReportView extends ReportSummary {
  round: RoundView;
  content: MonitoringReport;
  findings: Finding[];
  computed: { budget: Light | null; indicators: Light | null; overall: Light | null; budgetProgress: string | null; executionRate: string | null; perIndicator: readonly IndicatorProgress[] };
  /** Which rows the rules ask to explain (reason and measures required). */
  required: { budget: boolean; indicators: boolean[] };
  /** The target form measured: its title, state and current version (a later revision is shown). */
  target: { id: string; kind: DocumentKind; title: string | null; state: DeclarationState; version: number; currentVersion: number };
  allowedActions: ReportAction[];
  canEdit: boolean;
  /** The latest return's reason, for the department to read first. */
  returnReason: string | null;
  /** The region's bands and thresholds, so that a client computes the same lights as it types. */
  config: MonitoringConfig;
}

/** The round page: counts by light and state, the reports (red first), execution by department, overdue reports. */
export interface RoundOverview {
  round: RoundView;
  counts: { total: number; byLight: Record<Light | 'none', number>; byState: Record<ReportState, number> };
  items: ReportSummary[];
  total: number;
  /** Budget execution per report submitted (the department-wide one and each project's, up to 500), against the time elapsed. */
  execution: Array<{ reportId: string; departmentId: string; departmentName: string; projectName: string | null; annual: string | null; executed: string | null; rate: string | null }>;
  /** Percent of the year elapsed at the cutoff. */
  timeElapsed: string;
  overdue: ReportSummary[];
  overdueTotal: number;
}

/** A self-evaluation as a list shows it. */
export interface EvaluationSummary {
  id: string;
  departmentId: string;
  departmentName: string;
  targetId: string;
  targetKind: DocumentKind;
  targetVersion: number;
  year: number;
  projectName: string | null;
  state: EvaluationState;
  version: number;
  total: string | null;
  grade: EvaluationGrade | null;
  executionRate: string | null;
  errorCount: number;
  updatedAt: string;
  publishedAt: string | null;
}

/** A self-evaluation with its content, computed scores and findings, and what the user may do. */
export interface EvaluationView extends EvaluationSummary {
  content: SelfEvaluation;
  findings: Finding[];
  score: EvaluationScore;
  target: { id: string; kind: DocumentKind; title: string | null; state: DeclarationState; version: number; currentVersion: number };
  allowedActions: EvaluationAction[];
  canEdit: boolean;
  canComment: boolean;
  returnReason: string | null;
  /** The region's scoring settings, so that a client scores the same as it types. */
  config: ScoringConfig;
}

/** A target form of the year a department owes a self-evaluation on, and the one begun if any. */
export interface OwedEvaluation {
  targetId: string;
  targetKind: DocumentKind;
  title: string | null;
  projectName: string | null;
  evaluation: EvaluationSummary | null;
}

/** The reviewer's overview of a year's self-evaluations. */
export interface EvaluationOverview {
  year: number;
  counts: { total: number; byGrade: Record<EvaluationGrade | 'none', number>; byState: Record<EvaluationState, number> };
  items: EvaluationSummary[];
  total: number;
  execution: Array<{ departmentId: string; departmentName: string; annual: string | null; executed: string | null }>;
}

/** A message for the signed-in user: what happened, the opinion if any, and the page it opens. */
export interface NotificationView {
  id: string;
  kind: string;
  title: { zh: string; en: string };
  body: string;
  link: string;
  createdAt: string;
  read: boolean;
}

/** A department or sub-region as one row of a dashboard's drill-down table. */
export interface DashboardChild {
  kind: 'region' | 'department';
  id: string;
  name: string;
  departments: number;
  forms: number;
  /** Forms past the department's hands (submitted, returned, approved, published). */
  submitted: number;
  errors: number;
  /** Department forms' totals, exact 万元. */
  budget: string;
  averageScore: string | null;
  redLights: number;
}

/** One form of a department, in a department's dashboard. */
export interface DashboardForm {
  id: string;
  kind: DocumentKind;
  projectName: string | null;
  state: DeclarationState;
  budget: string | null;
  errors: number;
  warnings: number;
  light: Light | null;
  grade: EvaluationGrade | null;
  score: string | null;
  /** May the viewer open it (drafts stay with their department). */
  canOpen: boolean;
}

/** A region's (or one department's) year across departments: what every dashboard chart draws, as tables. */
export interface RegionDashboard {
  scope: {
    region: { id: string; name: string };
    /** From the top down to the region shown (for the breadcrumb); the viewer may go up to where their oversight starts. */
    path: Array<{ id: string; name: string; reachable: boolean }>;
    department: { id: string; name: string } | null;
    year: number;
    years: number[];
  };
  formsByState: Array<{ kind: DocumentKind; state: DeclarationState; n: number }>;
  findingsByFamily: Array<{ family: string; severity: 'error' | 'warning' | 'info'; n: number; forms: number }>;
  budgetByDepartment: Array<{ departmentId: string; departmentName: string; basic: string; project: string; projectForms: string }>;
  budgetByLine: Array<{ line: string; amount: string }>;
  lights: { round: { id: string; name: string; through: string } | null; counts: Array<{ light: Light | 'none'; n: number }> };
  grades: Array<{ grade: EvaluationGrade | 'none'; n: number }>;
  scores: Array<{ band: string; n: number }>;
  execution: Array<{ departmentId: string; departmentName: string; monitoring: string | null; evaluation: string | null }>;
  /** Departments left out of the two per-department charts (each shows at most 200: the largest budgets, the lowest execution). */
  omitted: { budgetByDepartment: number; execution: number };
  children: DashboardChild[];
  trends: Array<{ year: number; forms: number; budget: string; errorsPerForm: string; averageScore: string | null; published: number }>;
  forms: DashboardForm[] | null;
  /** The year's rectification items by department, most overdue first. */
  rectification: Array<{ departmentId: string; departmentName: string; total: number; open: number; reported: number; accepted: number; reopened: number; overdue: number }>;
}

/** What a background job was asked to do. */
export type JobInput =
  | { readonly kind: 'import-forms'; readonly year: number | null; readonly departmentId: string | null; readonly regionId: string | null }
  | { readonly kind: 'export-forms'; readonly year: number; readonly regionId: string | null }
  | { readonly kind: 'rescore-year'; readonly year: number; readonly regionId: string | null }
  | { readonly kind: 'load-documents'; readonly regionId: string | null };

/** A background job as its maker sees it: progress, result, and the items that failed with why. */
export interface JobView {
  id: string;
  kind: JobInput['kind'];
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  input: JobInput;
  total: number;
  done: number;
  failed: number;
  result: unknown;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  hasOutput: boolean;
  /** The items that failed, with why (the first 500). */
  failures: Array<{ seq: number; label: string; error: { zh: string; en: string; field?: string | undefined } }>;
}
