/**
 * The types of the API's answers, for the server that builds them and the web app that reads them:
 * inferred from the response schemas the routes declare (apiSchemas.ts), never written a second time.
 * Where a schema leaves a member open (a document's content, a region's scoring config), the domain's
 * own type says what it holds.
 */
import type { z } from 'zod';
import type { TargetDocument } from '../core/document.ts';
import type { DeclarationChange } from '../core/declarationDiff.ts';
import type { TransitionAction } from '../core/workflow.ts';
import type { MonitoringReport } from '../core/monitoringReport.ts';
import type { ReportAction } from '../core/monitoring/reportWorkflow.ts';
import type { IndicatorProgress, MonitoringConfig } from '../core/monitoring/lights.ts';
import type { EvaluationAction } from '../core/evaluation/evaluationWorkflow.ts';
import type { EvaluationScore, ScoringConfig } from '../core/evaluation/scoring.ts';
import type { SelfEvaluation } from '../core/selfEvaluation.ts';
import type { AssessmentPurpose, Criterion } from '../core/assessment/assessment.ts';
import type * as api from './apiSchemas.ts';

/** A schema's answer with its open members given their domain types. */
export type Refined<T, R> = Omit<T, keyof R> & R;

export type UserView = z.infer<typeof api.userViewSchema>;
export type RegionSettings = z.infer<typeof api.regionSettingsSchema>;
export type RegionNode = z.infer<typeof api.regionNodeSchema>;
export type ReviewView = z.infer<typeof api.declarationReviewSchema>;
export type DeclarationHead = z.infer<typeof api.declarationHeadSchema>;
export type DeclarationView = Refined<z.infer<typeof api.declarationViewSchema>, { content: TargetDocument }>;
export type DeclarationViewWithActions = Refined<z.infer<typeof api.declarationWithActionsSchema>, { content: TargetDocument; allowedActions: TransitionAction[] }>;
export type DeclarationSummary = z.infer<typeof api.declarationSummarySchema>;
export type DocumentLinks = z.infer<typeof api.documentLinksSchema>;
export type LibraryEntryView = z.infer<typeof api.libraryEntrySchema>;
export type YearStatistics = z.infer<typeof api.yearStatisticsSchema>;
export type TokenView = z.infer<typeof api.tokenViewSchema>;
export type RoundView = z.infer<typeof api.roundViewSchema>;
export type ReportSummary = z.infer<typeof api.reportSummarySchema>;
type ReportComputed = z.infer<typeof api.reportViewSchema>['computed'];
export type ReportView = Refined<
  z.infer<typeof api.reportViewSchema>,
  { content: MonitoringReport; computed: Refined<ReportComputed, { perIndicator: readonly IndicatorProgress[] }>; allowedActions: ReportAction[]; config: MonitoringConfig }
>;
export type RoundOverview = z.infer<typeof api.roundOverviewSchema>;
export type EvaluationSummary = z.infer<typeof api.evaluationSummarySchema>;
export type EvaluationView = Refined<z.infer<typeof api.evaluationViewSchema>, { content: SelfEvaluation; score: EvaluationScore; allowedActions: EvaluationAction[]; config: ScoringConfig }>;
export type OwedEvaluation = z.infer<typeof api.owedEvaluationSchema>;
export type EvaluationOverview = z.infer<typeof api.evaluationOverviewSchema>;
export type NotificationView = z.infer<typeof api.notificationViewSchema>;
export type DashboardChild = z.infer<typeof api.dashboardChildSchema>;
export type DashboardForm = z.infer<typeof api.dashboardFormSchema>;
export type RegionDashboard = z.infer<typeof api.regionDashboardSchema>;
export type JobInput = z.infer<typeof api.jobInputSchema>;
export type JobView = z.infer<typeof api.jobViewSchema>;
/** A document of any kind as GET /api/v1/documents/{id} gives it. */
export type DocumentView = z.infer<typeof api.documentViewSchema>;
export type DocumentHead = z.infer<typeof api.documentHeadSchema>;
export type SessionUser = z.infer<typeof api.signedInUserSchema>;
export type SessionAnswer = z.infer<typeof api.sessionSchema>;
export type DeclarationList = Refined<z.infer<typeof api.declarationListSchema>, { items: DeclarationSummary[] }>;
export type PublicDeclaration = Refined<z.infer<typeof api.publicDeclarationSchema>, { content: TargetDocument }>;
export type VersionMeta = z.infer<typeof api.versionSummarySchema>;
/** One saved version (content: the kind's; a target form's for the older declaration pages). */
export type StoredVersion<Content = TargetDocument> = Refined<z.infer<typeof api.documentVersionSchema>, { content: Content }>;
export type CommentView = z.infer<typeof api.commentSchema>;
export type AuditEntryView = z.infer<typeof api.auditEntrySchema>;
export type AuditVerification = z.infer<typeof api.auditVerificationSchema>;
/** A field-level change between two versions (the domain's diff). */
export type ChangeView = DeclarationChange;
/** An assessment template (built in or a region's for a year), its criteria the core's. */
export type AssessmentTemplateView = Refined<z.infer<typeof api.templateViewSchema>, { purpose: AssessmentPurpose; criteria: Criterion[] }>;
