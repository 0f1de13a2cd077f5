/**
 * The API's answers as zod schemas: the routes declare them (published in the OpenAPI document and
 * checked in the API tests), and the web app's types are inferred from them (apiTypes.ts), so a shape
 * is written once. Schemas with a meta id become named components of the document.
 */
import { z } from 'zod';

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
export const documentListSchema = z.object({ items: z.array(documentHeadSchema), total: z.number().int() }).meta({ id: 'DocumentList' });

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
