/**
 * The API's answers as zod schemas: the routes declare them (published in the OpenAPI document and
 * checked in the API tests), and the web app's types are inferred from them (apiTypes.ts), so a shape
 * is written once. Schemas with a meta id become named components of the document.
 */
import { z } from 'zod';
import { assessmentSettingsSchema } from './assessmentSettingsSchema.ts';
import { disclosureSettingsSchema, rectificationSettingsSchema } from './disclosureSettingsSchema.ts';
import { leagueConfigSchema } from './resultsSchema.ts';
import { monitoringConfigSchema } from './monitoringConfigSchema.ts';
import { scoringConfigSchema } from './scoringConfigSchema.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });
/** An exact decimal as text (万元, rates, scores): never a binary float. */
const decimal = z.string().describe('an exact decimal as text, e.g. "1234.50"');
const timestamp = z.string().describe('an ISO 8601 date-time');

/** A plain acknowledgement. */
export const okSchema = z.object({ ok: z.boolean() }).meta({ id: 'Ok' });
/** What was created, by its id. */
export const createdIdSchema = z.object({ id: z.string() }).meta({ id: 'CreatedId' });
/** The version a save or restore made. */
export const savedVersionSchema = z.object({ version: z.number().int() }).meta({ id: 'SavedVersion' });

/** One problem the checker found, anchored by a JSON Pointer. */
export const findingSchema = z
  .object({
    rule: z.string().describe('the stable kebab-case id of the rule'),
    severity: z.enum(['error', 'warning', 'info']),
    path: z.string().describe('a JSON Pointer into the content, e.g. /indicators/8/annualTarget'),
    message: bilingual,
    suggestion: bilingual.optional(),
  })
  .meta({ id: 'Finding' });

/** The latest review of a document: what its department reads first when it is returned. */
export const reviewSchema = z
  .object({ grade: z.string().nullable(), outcome: z.string(), opinion: z.string().nullable(), reviewerName: z.string(), at: timestamp, version: z.number().int() })
  .catchall(z.unknown())
  .meta({ id: 'Review' });

/** What every presentation of a document of any kind says about it. */
export const documentHeadSchema = z
  .object({
    id: z.string(),
    kind: z.string().describe('the kind: department-target, project-target, monitoring-report, self-evaluation, assessment …'),
    departmentId: z.string(),
    departmentName: z.string(),
    year: z.number().int(),
    state: z.string().describe("a state of the kind's workflow"),
    version: z.number().int(),
    title: z.string().nullable(),
    projectName: z.string().nullable(),
    summary: z
      .object({
        amount: decimal.nullable(),
        executed: decimal.nullable(),
        score: decimal.nullable(),
        grade: z.string().nullable(),
        rate: decimal.nullable(),
        light: z.string().nullable(),
        flag: z.boolean(),
        errorCount: z.number().int(),
        warningCount: z.number().int(),
        facts: z.unknown(),
      })
      .describe('the columns lists show; null where the kind has none'),
    target: z.object({ id: z.string(), kind: z.string(), version: z.number().int() }).nullable().describe('the document it is about, and the version measured'),
    parentId: z.string().nullable(),
    reviewGrade: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    submittedAt: timestamp.nullable(),
    decidedAt: timestamp.nullable(),
    publishedAt: timestamp.nullable(),
  })
  .meta({ id: 'DocumentHead' });

/** The canonical JSON of a document, by its kind's format (GET /api/v1/public/schema/{name}). */
const contentSchema = z.unknown().describe("the document's canonical JSON (an object), in its kind's format");

/** A document as GET /api/v1/documents/{id} gives it. */
export const documentViewSchema = documentHeadSchema
  .extend({
    lastReview: reviewSchema.nullable(),
    allowedActions: z.array(z.string()).describe('the steps the user may take now'),
    canEdit: z.boolean(),
    canComment: z.boolean(),
    canDelete: z.boolean(),
    computed: z.unknown().describe("what the kind computes beside the content (lights, scores), or null"),
    content: contentSchema,
    findings: z.array(findingSchema),
  })
  .meta({ id: 'Document' });

/** A page of a list of documents. */
export const documentListSchema = z.object({ items: z.array(documentHeadSchema), total: z.number().int(), totalAtLeast: z.boolean().meta({ description: 'True when a searched list found more than it counted: total is then a lower bound (a search counts up to 1,000)' }) }).meta({ id: 'DocumentList' });

/** The kinds of document, with their workflows. */
export const documentKindsSchema = z
  .object({
    kinds: z.array(
      z.object({
        kind: z.string(),
        names: z.record(z.string(), bilingual).describe('the kind’s names: full, short …'),
        states: z.array(z.object({ state: z.string(), names: z.unknown(), editable: z.boolean(), public: z.boolean() })),
        transitions: z.array(z.object({ action: z.string(), names: z.unknown(), from: z.unknown(), by: z.unknown(), grades: z.unknown() })),
      }),
    ),
  })
  .meta({ id: 'DocumentKinds' });

/** One saved version, as a list shows it. */
export const versionSummarySchema = z
  .object({
    version: z.number().int(),
    createdAt: timestamp,
    note: z.string().nullable(),
    autosave: z.boolean(),
    author: z.object({ id: z.string(), displayName: z.string() }).nullable().describe('null: made by the system'),
    authorName: z.string().nullable(),
    errors: z.number().int(),
    warnings: z.number().int(),
  })
  .meta({ id: 'VersionSummary' });

/** One saved version with its content and findings. */
export const documentVersionSchema = z
  .object({ version: z.number().int(), createdAt: timestamp, note: z.string().nullable(), content: contentSchema, findings: z.array(findingSchema) })
  .catchall(z.unknown())
  .meta({ id: 'DocumentVersion' });

/** A field-level change between two versions. */
export const changeSchema = z
  .object({ op: z.enum(['add', 'remove', 'replace', 'move']), path: z.string(), from: z.unknown().optional(), to: z.unknown().optional(), fromIndex: z.number().int().optional(), row: z.boolean().optional() })
  .meta({ id: 'Change' });

/** A comment anchored to a field or row. */
export const commentSchema = z
  .object({
    id: z.string(),
    path: z.string(),
    body: z.string(),
    author: z.object({ id: z.string(), displayName: z.string(), role: z.string() }),
    version: z.number().int(),
    createdAt: timestamp,
    anchored: z.boolean().describe('false when the field it points at no longer exists'),
  })
  .meta({ id: 'Comment' });

/** A person assigned to a document. */
export const assignmentSchema = z
  .object({ userId: z.string(), displayName: z.string(), username: z.string(), role: z.string(), assignedAt: timestamp })
  .meta({ id: 'Assignment' });

/** What a batch of steps did, per document. */
export const batchResultSchema = z
  .object({
    results: z.array(
      z.union([
        z.object({ id: z.string(), ok: z.literal(true), state: z.string() }),
        z.object({ id: z.string(), ok: z.literal(false), error: z.object({ id: z.string(), message: bilingual }) }),
      ]),
    ),
    done: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'BatchResult' });

/** The state a step led to. */
export const transitionResultSchema = z.object({ state: z.string() }).meta({ id: 'TransitionResult' });

/** A user as the API presents it (never the password hash). */
export const userViewSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(['editor', 'approver', 'reviewer', 'admin', 'expert', 'agency']),
    departmentId: z.string().nullable(),
    regionId: z.string().nullable(),
    disabled: z.boolean(),
    demo: z.boolean().describe('an account of the demo: signs in only while the server runs with --demo'),
    email: z.string().nullable().describe('where e-mail notifications go (none: in the app only)'),
  })
  .meta({ id: 'User' });

/** The signed-in user with their role's name. */
export const signedInUserSchema = userViewSchema.extend({ roleName: bilingual }).meta({ id: 'SignedInUser' });

/** Who is signed in (null: nobody) and the CSRF token a cookie session's writes send as x-csrf-token. */
export const sessionSchema = z.object({ user: signedInUserSchema.nullable(), csrfToken: z.string().nullable() }).meta({ id: 'Session' });

/** A new API token: the token itself, shown this once. */
export const newTokenSchema = z.object({ id: z.string(), token: z.string().describe('send as Authorization: Bearer <token>'), expiresAt: timestamp }).meta({ id: 'NewToken' });

/** An API token as its owner sees it (never the token itself, which is shown once). */
export const tokenViewSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: timestamp, expiresAt: timestamp.nullable(), lastUsedAt: timestamp.nullable(), revokedAt: timestamp.nullable(), userId: z.string() })
  .meta({ id: 'Token' });

/** A message for the signed-in user. */
export const notificationViewSchema = z
  .object({ id: z.string(), kind: z.string(), title: bilingual, body: z.string(), link: z.string(), createdAt: timestamp, read: z.boolean() })
  .meta({ id: 'Notification' });

/** What a background job was asked to do. */
export const jobInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('import-forms'), year: z.number().int().nullable(), departmentId: z.string().nullable(), regionId: z.string().nullable() }),
  z.object({ kind: z.literal('export-forms'), year: z.number().int(), regionId: z.string().nullable() }),
  z.object({ kind: z.literal('rescore-year'), year: z.number().int(), regionId: z.string().nullable() }),
  z.object({ kind: z.literal('load-documents'), regionId: z.string().nullable() }),
]);

/** A background job as its maker sees it: progress, result, and the items that failed with why. */
export const jobViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['import-forms', 'export-forms', 'rescore-year', 'load-documents']),
    state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    input: jobInputSchema,
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    result: z.unknown(),
    error: z.string().nullable(),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
    hasOutput: z.boolean(),
    failures: z.array(z.object({ seq: z.number().int(), label: z.string(), error: z.object({ zh: z.string(), en: z.string(), field: z.string().optional() }) })).describe('the items that failed, with why (the first 500)'),
  })
  .meta({ id: 'Job' });

// ——— Target forms (declarations), the directory, the library, statistics ———

const declarationState = z.enum(['draft', 'submitted', 'returned', 'approved', 'published']);
const reportState = z.enum(['draft', 'submitted', 'returned', 'accepted']);
const evaluationState = z.enum(['draft', 'submitted', 'returned', 'accepted', 'published']);
const targetKind = z.enum(['department-target', 'project-target']);
const light = z.enum(['red', 'yellow', 'green', 'blue']);

/** A count for each of these keys (every key present). */
function countsBy<const K extends string>(keys: readonly K[]) {
  return z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()])) as Record<K, z.ZodNumber>);
}
const grade = z.enum(['优', '良', '中', '差']);

/** A finance bureau's settings for its region and the regions below it (the nearest region that sets one wins). */
export const regionSettingsSchema = z
  .object({
    blockSubmitOnErrors: z.boolean().optional().describe('refuse to submit a form the checker finds errors in'),
    monitoring: monitoringConfigSchema.optional().describe('in-year monitoring: light bands, the deviation threshold, rule settings'),
    scoring: scoringConfigSchema.optional().describe('year-end scoring: formulas, bands, weights, grades, rule settings'),
    assessment: assessmentSettingsSchema.optional().describe('assessments: grades, outliers, the sampling blend, the ex-ante gate, evidence limits'),
    rectification: rectificationSettingsSchema.optional().describe("the rectification ledger: hold a project's next-year form while its items are overdue"),
    disclosure: disclosureSettingsSchema.optional().describe('disclosure: the days after approval by which forms are public, the share to publish, each year’s approval dates'),
    league: leagueConfigSchema.optional().describe('the league table of budget management: points per measure, where each reaches zero'),
  })
  .meta({ id: 'RegionSettings' });

/** A region with its departments and the regions below it. */
export const regionNodeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.enum(['province', 'city', 'district', 'county']),
    parentId: z.string().nullable(),
    departments: z.array(z.object({ id: z.string(), name: z.string(), archivedAt: timestamp.nullable() })).describe('archived departments are listed with the date; they take no new forms'),
    get children(): z.ZodArray<typeof regionNodeSchema> {
      return z.array(regionNodeSchema);
    },
    settings: regionSettingsSchema,
  })
  .meta({ id: 'Region' });

/** The latest review of a target form. */
export const declarationReviewSchema = z.object({ grade, outcome: z.enum(['approved', 'returned']), opinion: z.string().nullable(), reviewerName: z.string(), at: timestamp, version: z.number().int() });

/** What every presentation of a target form says about it. */
export const declarationHeadSchema = z
  .object({
    id: z.string(),
    kind: targetKind,
    projectName: z.string().nullable().describe('project forms: 项目名称 (null for department forms)'),
    departmentId: z.string(),
    departmentName: z.string(),
    year: z.number().int(),
    state: declarationState,
    version: z.number().int(),
    reviewGrade: z.string().nullable(),
    updatedAt: timestamp,
    submittedAt: timestamp.nullable(),
    publishedAt: timestamp.nullable(),
  })
  .meta({ id: 'DeclarationHead' });

/** A target form with its content and findings. */
export const declarationViewSchema = declarationHeadSchema
  .extend({ lastReview: declarationReviewSchema.nullable(), content: z.unknown().describe('the target form (docs/format-declaration.md)'), findings: z.array(findingSchema) })
  .meta({ id: 'Declaration' });

/** A target form with what the user may do next. */
export const declarationWithActionsSchema = declarationViewSchema
  .extend({ allowedActions: z.array(z.string()), canEdit: z.boolean(), canComment: z.boolean(), canDelete: z.boolean(), blockSubmitOnErrors: z.boolean() })
  .meta({ id: 'DeclarationWithActions' });

/** One row of a list of target forms. */
export const declarationSummarySchema = declarationHeadSchema
  .extend({ title: z.string().nullable(), budgetTotal: decimal.nullable(), errorCount: z.number().int(), warningCount: z.number().int() })
  .meta({ id: 'DeclarationSummary' });

/** A published target form, as the public reads it. */
export const publicDeclarationSchema = z
  .object({ id: z.string(), departmentName: z.string(), year: z.number().int(), state: declarationState, version: z.number().int(), publishedAt: timestamp.nullable(), content: z.unknown().describe('the target form (docs/format-declaration.md)') })
  .meta({ id: 'PublicDeclaration' });

/** A page of target forms. */
export const declarationListSchema = z.object({ items: z.array(declarationSummarySchema), total: z.number().int(), totalAtLeast: z.boolean().meta({ description: 'True when a searched list found more than it counted: total is then a lower bound (a search counts up to 1,000)' }) }).meta({ id: 'DeclarationList' });

/** What a target form is read with: its department form or project forms, last year's form. */
export const documentLinksSchema = z
  .object({
    departmentForm: z
      .object({ id: z.string(), state: declarationState, row: z.number().int().nullable(), rowName: z.string().nullable(), rowAmount: decimal.nullable(), linkedBy: z.enum(['user', 'code', 'name']).nullable(), rows: z.array(z.string()) })
      .nullable(),
    projectForms: z.array(z.object({ id: z.string(), projectName: z.string().nullable(), state: declarationState, budgetTotal: decimal.nullable(), errorCount: z.number().int(), warningCount: z.number().int(), row: z.number().int().nullable() })),
    rowsWithoutForm: z.array(z.number().int()),
    lastYear: z
      .object({
        id: z.string(),
        year: z.number().int(),
        state: declarationState,
        evaluation: z.object({ id: z.string(), total: decimal.nullable(), grade: grade.nullable(), executionRate: decimal.nullable(), state: evaluationState }).nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'DocumentLinks' });

/** One indicator library entry. */
export const libraryEntrySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    level1: z.string().nullable(),
    level2: z.string().nullable(),
    unit: z.string().nullable(),
    direction: z.enum(['up', 'down', 'equal', 'qualitative']).nullable(),
    builtin: z.boolean(),
    hidden: z.boolean(),
    uses: z.number().int().describe('how many approved or published forms use it'),
    targets: z.array(z.object({ year: z.number().int(), target: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'LibraryEntry' });

/** The home page's figures for one year. */
export const yearStatisticsSchema = z
  .object({
    year: z.number().int(),
    byState: z.partialRecord(declarationState, z.number().int()),
    budgetByDepartment: z.array(z.object({ departmentId: z.string(), departmentName: z.string(), basic: decimal.nullable(), project: decimal.nullable() })),
    indicatorsByLevel1: z.array(z.object({ level1: z.string().nullable(), count: z.number().int() })),
  })
  .meta({ id: 'YearStatistics' });

// ——— Monitoring ———

/** A monitoring round. */
export const roundViewSchema = z
  .object({
    id: z.string(),
    regionId: z.string(),
    regionName: z.string(),
    year: z.number().int(),
    name: z.string(),
    through: z.string().describe('the data cutoff date'),
    due: z.string(),
    createdAt: timestamp,
    canOversee: z.boolean(),
    owed: z.number().int(),
  })
  .meta({ id: 'Round' });

const lights = z.object({ budget: light.nullable(), indicators: light.nullable(), overall: light.nullable() });
const targetRef = z.object({ id: z.string(), kind: targetKind, title: z.string().nullable(), state: declarationState, version: z.number().int(), currentVersion: z.number().int() });

/** A monitoring report as a list shows it. */
export const reportSummarySchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    departmentId: z.string(),
    departmentName: z.string(),
    targetId: z.string(),
    targetKind,
    targetVersion: z.number().int(),
    projectName: z.string().nullable(),
    state: reportState,
    version: z.number().int(),
    lights,
    executionRate: decimal.nullable(),
    errorCount: z.number().int(),
    rectificationNeeded: z.boolean(),
    updatedAt: timestamp,
    submittedAt: timestamp.nullable(),
  })
  .meta({ id: 'ReportSummary' });

/** A monitoring report with its content, findings, lights and what the user may do. */
export const reportViewSchema = reportSummarySchema
  .extend({
    round: roundViewSchema,
    content: z.unknown().describe('the monitoring report (docs/format-monitoring.md)'),
    findings: z.array(findingSchema),
    computed: z.object({ budget: light.nullable(), indicators: light.nullable(), overall: light.nullable(), budgetProgress: decimal.nullable(), executionRate: decimal.nullable(), perIndicator: z.array(z.unknown()).readonly() }),
    required: z.object({ budget: z.boolean(), indicators: z.array(z.boolean()) }),
    target: targetRef,
    allowedActions: z.array(z.string()),
    canEdit: z.boolean(),
    returnReason: z.string().nullable(),
    config: z.unknown().describe("the region's bands and thresholds"),
  })
  .meta({ id: 'Report' });

/** The round page. */
export const roundOverviewSchema = z
  .object({
    round: roundViewSchema,
    counts: z.object({ total: z.number().int(), byLight: countsBy(['red', 'yellow', 'green', 'blue', 'none']), byState: countsBy(reportState.options) }),
    items: z.array(reportSummarySchema),
    total: z.number().int(),
    execution: z.array(z.object({ reportId: z.string(), departmentId: z.string(), departmentName: z.string(), projectName: z.string().nullable(), annual: decimal.nullable(), executed: decimal.nullable(), rate: decimal.nullable() })),
    timeElapsed: decimal,
    overdue: z.array(reportSummarySchema),
    overdueTotal: z.number().int(),
  })
  .meta({ id: 'RoundOverview' });

// ——— Self-evaluations ———

/** A self-evaluation as a list shows it. */
export const evaluationSummarySchema = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    departmentName: z.string(),
    targetId: z.string(),
    targetKind,
    targetVersion: z.number().int(),
    year: z.number().int(),
    projectName: z.string().nullable(),
    state: evaluationState,
    version: z.number().int(),
    total: decimal.nullable(),
    grade: grade.nullable(),
    executionRate: decimal.nullable(),
    errorCount: z.number().int(),
    updatedAt: timestamp,
    publishedAt: timestamp.nullable(),
  })
  .meta({ id: 'EvaluationSummary' });

/** A self-evaluation with its content, scores, findings and what the user may do. */
export const evaluationViewSchema = evaluationSummarySchema
  .extend({
    content: z.unknown().describe('the self-evaluation (docs/format-evaluation.md)'),
    findings: z.array(findingSchema),
    score: z.unknown().describe('the computed scores'),
    target: targetRef,
    allowedActions: z.array(z.string()),
    canEdit: z.boolean(),
    canComment: z.boolean(),
    returnReason: z.string().nullable(),
    config: z.unknown().describe("the region's scoring settings"),
  })
  .meta({ id: 'Evaluation' });

/** A target form a department owes a self-evaluation on. */
export const owedEvaluationSchema = z
  .object({ targetId: z.string(), targetKind, title: z.string().nullable(), projectName: z.string().nullable(), evaluation: evaluationSummarySchema.nullable() })
  .meta({ id: 'OwedEvaluation' });

/** The reviewer's overview of a year's self-evaluations. */
export const evaluationOverviewSchema = z
  .object({
    year: z.number().int(),
    counts: z.object({ total: z.number().int(), byGrade: countsBy(['优', '良', '中', '差', 'none']), byState: countsBy(evaluationState.options) }),
    items: z.array(evaluationSummarySchema),
    total: z.number().int(),
    execution: z.array(z.object({ departmentId: z.string(), departmentName: z.string(), annual: decimal.nullable(), executed: decimal.nullable() })),
  })
  .meta({ id: 'EvaluationOverview' });

// ——— Dashboard ———

/** A department or sub-region as one row of a dashboard's drill-down table. */
export const dashboardChildSchema = z
  .object({
    kind: z.enum(['region', 'department']),
    id: z.string(),
    name: z.string(),
    departments: z.number().int(),
    forms: z.number().int(),
    submitted: z.number().int(),
    errors: z.number().int(),
    budget: decimal,
    averageScore: decimal.nullable(),
    redLights: z.number().int(),
  })
  .meta({ id: 'DashboardChild' });

/** One form of a department, in a department's dashboard. */
export const dashboardFormSchema = z
  .object({
    id: z.string(),
    kind: targetKind,
    projectName: z.string().nullable(),
    state: declarationState,
    budget: decimal.nullable(),
    errors: z.number().int(),
    warnings: z.number().int(),
    light: light.nullable(),
    grade: grade.nullable(),
    score: decimal.nullable(),
    canOpen: z.boolean(),
  })
  .meta({ id: 'DashboardForm' });

/** A region's (or one department's) year across departments. */
export const regionDashboardSchema = z
  .object({
    scope: z.object({
      region: z.object({ id: z.string(), name: z.string() }),
      path: z.array(z.object({ id: z.string(), name: z.string(), reachable: z.boolean() })),
      department: z.object({ id: z.string(), name: z.string() }).nullable(),
      year: z.number().int(),
      years: z.array(z.number().int()),
    }),
    formsByState: z.array(z.object({ kind: targetKind, state: declarationState, n: z.number().int() })),
    findingsByFamily: z.array(z.object({ family: z.string(), severity: z.enum(['error', 'warning', 'info']), n: z.number().int(), forms: z.number().int() })),
    budgetByDepartment: z.array(z.object({ departmentId: z.string(), departmentName: z.string(), basic: decimal, project: decimal, projectForms: decimal })),
    budgetByLine: z.array(z.object({ line: z.string(), amount: decimal })),
    lights: z.object({ round: z.object({ id: z.string(), name: z.string(), through: z.string() }).nullable(), counts: z.array(z.object({ light: z.enum(['red', 'yellow', 'green', 'blue', 'none']), n: z.number().int() })) }),
    grades: z.array(z.object({ grade: z.enum(['优', '良', '中', '差', 'none']), n: z.number().int() })),
    scores: z.array(z.object({ band: z.string(), n: z.number().int() })),
    execution: z.array(z.object({ departmentId: z.string(), departmentName: z.string(), monitoring: decimal.nullable(), evaluation: decimal.nullable() })),
    omitted: z.object({ budgetByDepartment: z.number().int(), execution: z.number().int() }),
    children: z.array(dashboardChildSchema),
    trends: z.array(z.object({ year: z.number().int(), forms: z.number().int(), budget: decimal, errorsPerForm: decimal, averageScore: decimal.nullable(), published: z.number().int() })),
    forms: z.array(dashboardFormSchema).nullable(),
    rectification: z
      .array(z.object({ departmentId: z.string(), departmentName: z.string(), total: z.number().int(), open: z.number().int(), reported: z.number().int(), accepted: z.number().int(), reopened: z.number().int(), overdue: z.number().int() }))
      .describe("the year's rectification items by department, most overdue first"),
  })
  .meta({ id: 'RegionDashboard' });

// ——— Administration ———

/** A directory sheet's import: each row's plan, and what was stored when committed. */
export const directoryImportSchema = z
  .object({
    plans: z.array(
      z.object({
        line: z.number().int(),
        at: z.string(),
        department: z.object({ name: z.string(), regionId: z.string(), regionName: z.string(), existingId: z.string().nullable() }).nullable(),
        user: z.object({ username: z.string(), displayName: z.string(), role: z.string(), password: z.string().nullable(), regionId: z.string().nullable() }).nullable(),
        problems: z.array(z.unknown()).readonly(),
      }),
    ),
    created: z.object({ departments: z.number().int(), users: z.array(z.object({ username: z.string(), password: z.string().nullable() })) }).nullable().describe('set when stored: the counts, and the passwords generated (shown once)'),
  })
  .meta({ id: 'DirectoryImport' });

/** An entry of the audit log, presented. */
export const auditEntrySchema = z
  .object({
    seq: z.string(),
    at: timestamp,
    actorId: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    fromVersion: z.number().int().nullable(),
    toVersion: z.number().int().nullable(),
    detail: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
    actorName: z.string().nullable(),
    entityLabel: bilingual,
    summary: bilingual,
  })
  .meta({ id: 'AuditEntry' });

/** Whether the audit log's hash chain is whole. */
export const auditVerificationSchema = z
  .union([z.object({ ok: z.literal(true), entries: z.number().int() }), z.object({ ok: z.literal(false), entries: z.number().int(), brokenAt: z.string(), reason: z.enum(['edited', 'removed-or-reordered']) })])
  .meta({ id: 'AuditVerification' });

// ——— Assessments ———

const problem = z.object({ path: z.string(), message: bilingual });

/** An assessment template. */
export const templateViewSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    purpose: z.string(),
    builtIn: z.boolean(),
    regionId: z.string().nullable(),
    year: z.number().int().nullable(),
    version: z.number().int(),
    used: z.boolean().describe('an assessment was opened with it: an edit makes a new version'),
    basedOn: z.string().nullable(),
    source: z.string().nullable(),
    criteria: z.array(z.unknown()).describe('the criteria (docs/format-assessment.md)'),
    problems: z.array(problem).describe('where the weights do not add up (empty when they do)'),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: 'AssessmentTemplate' });

/** An evidence file of an assessment. */
export const evidenceFileSchema = z
  .object({
    id: z.string(),
    criterion: z.string().nullable(),
    item: z.string(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string().nullable(),
    uploadedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    uploadedAt: timestamp,
  })
  .meta({ id: 'EvidenceFile' });

/** A sampling draw (抽评) as a preview gives it. */
export const samplePreviewSchema = z
  .object({ seed: z.string(), candidates: z.number().int(), drawn: z.array(z.object({ id: z.string(), grade: z.string() })), shortfalls: z.array(z.object({ grade: z.string(), asked: z.number().int(), available: z.number().int() })) })
  .meta({ id: 'SamplePreview' });

/** A stored sampling draw. */
export const sampleViewSchema = z
  .object({
    id: z.string(),
    regionId: z.string(),
    year: z.number().int(),
    seed: z.string(),
    counts: z.record(z.string(), z.number().int()),
    candidates: z.number().int(),
    drawn: z.array(z.object({ id: z.string(), grade: z.string(), assessment: z.string(), department: z.string(), name: z.string(), selfScore: decimal.nullable() })),
    shortfalls: z.array(z.object({ grade: z.string(), asked: z.number().int(), available: z.number().int() })),
    reproduced: z.boolean().describe('the draw made again from the stored seed gives the same list'),
    createdAt: timestamp,
  })
  .meta({ id: 'Sample' });

/** A draw as a list shows it. */
export const sampleSummarySchema = z.object({ id: z.string(), regionId: z.string(), year: z.number().int(), seed: z.string(), drawn: z.number().int(), createdAt: timestamp }).meta({ id: 'SampleSummary' });

/** A department's figures of a year that formulas read. */
export const figuresSchema = z
  .object({ departmentId: z.string(), year: z.number().int(), establishment: z.number().int().nullable(), staff: z.number().int().nullable(), threePublic: decimal.nullable(), threePublicLast: decimal.nullable(), updatedAt: timestamp.nullable() })
  .meta({ id: 'DepartmentFigures' });
