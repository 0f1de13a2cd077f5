/**
 * Assessments in the store. An assessment is a document of the kind `assessment` (src/kinds/assessment):
 * saved, scored, stepped, commented, assigned, listed and printed by the generic document layer. What is
 * the assessment's own is here: opening one on a subject with a template; the templates of a region and
 * year (versioned once used); 抽评 draws; the figures of a department's year the formulas read; and the
 * effects of its steps — an ex-ante decision written into the project form it assessed, a person
 * assigned listed as a scorer.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, type Transaction } from 'kysely';
import { emptyConclusion, PURPOSE_NAMES, type Assessment, type AssessmentPurpose, type Criterion, type Scorer, type SubjectKind } from '../../core/assessment/assessment.ts';
import { rescorePart } from '../../core/assessment/samplingReview.ts';
import { drawSample, SAMPLE_GRADES, type SampleCandidate } from '../../core/assessment/sampling.ts';
import { templateProblems, weightProblems } from '../../core/assessment/scoring.ts';
import { BUILT_IN_TEMPLATES, builtInTemplate, evidenceChecklist } from '../../core/assessment/templates.ts';
import { twoPlaces } from '../../core/monitoring/ratio.ts';
import { canManageRegion, type Actor } from '../../core/policy.ts';
import type { SelfEvaluation } from '../../core/selfEvaluation.ts';
import { assessmentSettingsOf } from '../../format/assessmentSettingsSchema.ts';
import { canCreateDocument } from '../../kinds/documentPolicy.ts';
import { kindOf } from '../../kinds/registry.ts';
import { scoringSettings } from '../../kinds/selfEvaluation/index.ts';
import { appendAudit } from '../../store/auditLog.ts';
import type { AssessmentTemplatesTable, Database } from '../../store/schema.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { authorizeDocument, createDocument, loadDocument, recheckDocument, saveDocumentVersion } from './documents.ts';
import { registerKindEffects } from './kindEffects.ts';
import { departmentWithPath, effectiveSettings, regionPath, regionSubtree } from './organisations.ts';

type Db = Kysely<Database> | Transaction<Database>;

const ASSESSMENT = ['assessment'] as const;

// ——— templates ———

/** A template as the API gives it: built in (`builtin:<key>`) or a region's for a year. */
export interface TemplateView {
  id: string;
  key: string;
  name: string;
  purpose: AssessmentPurpose;
  builtIn: boolean;
  regionId: string | null;
  year: number | null;
  version: number;
  /** An assessment was opened with it: an edit makes a new version. */
  used: boolean;
  basedOn: string | null;
  source: string | null;
  criteria: Criterion[];
  /** Where the weights do not add up (empty when they do). */
  problems: Array<{ path: string; message: { zh: string; en: string } }>;
  updatedAt: string | null;
}

function builtInView(key: string): TemplateView | null {
  const t = builtInTemplate(key);
  if (!t) return null;
  return { id: `builtin:${t.key}`, key: t.key, name: t.name, purpose: t.purpose, builtIn: true, regionId: null, year: null, version: 1, used: false, basedOn: null, source: t.source, criteria: t.criteria.map((c) => structuredClone(c)), problems: [], updatedAt: null };
}

function rowView(row: AssessmentTemplatesTable): TemplateView {
  const criteria = row.criteria as Criterion[];
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    purpose: row.purpose as AssessmentPurpose,
    builtIn: false,
    regionId: row.region_id,
    year: row.year,
    version: row.version,
    used: row.used_at !== null,
    basedOn: row.based_on,
    source: builtInTemplate(row.key)?.source ?? null,
    criteria,
    problems: weightProblems(criteria, row.purpose as AssessmentPurpose, { template: true }),
    updatedAt: row.updated_at,
  };
}

/** The region the actor works for: a reviewer's or a bureau admin's (the system admin names one). */
async function actorRegion(db: Db, actor: Actor, regionId: string | undefined): Promise<string[]> {
  const id = regionId ?? actor.regionId;
  if (!id) throw new AppError(400, 'validation-failed', '须指定区划', 'a region is required', [{ field: 'regionId', message: 'required' }]);
  return regionPath(db, id);
}

/**
 * The templates in force for a region and year: for each key, the newest version of the nearest region
 * on the path that edited it for the year, else the built-in one; then the region's own templates.
 */
export async function listTemplates(db: Db, actor: Actor, filter: { regionId?: string | undefined; year: number; purpose?: AssessmentPurpose | undefined }): Promise<TemplateView[]> {
  const path = await actorRegion(db, actor, filter.regionId);
  const rows = await db.selectFrom('assessment_templates').selectAll().where('region_id', 'in', path).where('year', '=', filter.year).execute();
  const nearest = new Map<string, AssessmentTemplatesTable>();
  for (const row of rows) {
    const current = nearest.get(row.key);
    const rank = (r: AssessmentTemplatesTable) => path.indexOf(r.region_id);
    if (!current || rank(row) < rank(current) || (rank(row) === rank(current) && row.version > current.version)) nearest.set(row.key, row);
  }
  const views: TemplateView[] = [];
  for (const t of BUILT_IN_TEMPLATES) {
    const own = nearest.get(t.key);
    views.push(own ? rowView(own) : (builtInView(t.key) as TemplateView));
  }
  for (const [key, row] of nearest) if (!builtInTemplate(key)) views.push(rowView(row));
  return filter.purpose ? views.filter((v) => v.purpose === filter.purpose) : views;
}

/** One template, and every version of its key for its region and year. */
export async function getTemplate(db: Db, id: string): Promise<TemplateView & { versions: Array<{ id: string; version: number; used: boolean; updatedAt: string }> }> {
  if (id.startsWith('builtin:')) {
    const view = builtInView(id.slice('builtin:'.length));
    if (!view) throw notFound('template', '指标体系');
    return { ...view, versions: [] };
  }
  const row = await db.selectFrom('assessment_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('template', '指标体系');
  const versions = await db.selectFrom('assessment_templates').select(['id', 'version', 'used_at', 'updated_at']).where('region_id', '=', row.region_id).where('key', '=', row.key).where('year', '=', row.year).orderBy('version', 'desc').execute();
  return { ...rowView(row), versions: versions.map((v) => ({ id: v.id, version: v.version, used: v.used_at !== null, updatedAt: v.updated_at })) };
}

/**
 * Saves a region's template for a year (its admin): the criteria must be well formed and their weights
 * add up. The latest version is changed in place until an assessment uses it; after that, a new version.
 */
export async function saveTemplate(trx: Transaction<Database>, actor: Actor, input: { key: string; regionId: string; year: number; name: string; purpose: AssessmentPurpose; criteria: Criterion[]; basedOn?: string | null | undefined }): Promise<TemplateView> {
  if (!canManageRegion(actor, await regionPath(trx, input.regionId))) throw new AppError(403, 'outside-your-region', '只有本区划的管理员可以修改指标体系', "only the region's administrators edit its templates", [{ field: 'regionId', message: 'outside your region' }]);
  const problems = templateProblems(input.criteria, input.purpose);
  if (problems.length > 0) {
    throw new AppError(400, 'validation-failed', `指标体系有误：${problems[0]?.message.zh ?? ''}`, `the template has problems: ${problems[0]?.message.en ?? ''}`, problems.slice(0, 50).map((p) => ({ field: p.path, message: p.message.en })));
  }
  const builtIn = builtInTemplate(input.key);
  if (builtIn && builtIn.purpose !== input.purpose) throw new AppError(400, 'validation-failed', `「${builtIn.name}」用于${PURPOSE_NAMES[builtIn.purpose].zh}`, `"${builtIn.name}" is for ${PURPOSE_NAMES[builtIn.purpose].en}`, [{ field: 'purpose', message: 'differs from the built-in template' }]);
  const latest = await trx.selectFrom('assessment_templates').selectAll().where('region_id', '=', input.regionId).where('key', '=', input.key).where('year', '=', input.year).orderBy('version', 'desc').limit(1).executeTakeFirst();
  const now = new Date().toISOString();
  let id: string;
  if (latest && latest.used_at === null) {
    id = latest.id;
    await trx.updateTable('assessment_templates').set({ name: input.name, purpose: input.purpose, criteria: JSON.stringify(input.criteria), updated_at: now }).where('id', '=', id).execute();
  } else {
    id = randomUUID();
    await trx
      .insertInto('assessment_templates')
      .values({ id, key: input.key, region_id: input.regionId, year: input.year, version: (latest?.version ?? 0) + 1, name: input.name, purpose: input.purpose, criteria: JSON.stringify(input.criteria), based_on: input.basedOn ?? latest?.id ?? (builtIn ? `builtin:${builtIn.key}` : null), used_at: null, created_by: actor.id, created_at: now, updated_at: now })
      .execute();
  }
  const row = await trx.selectFrom('assessment_templates').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await appendAudit(trx, { actorId: actor.id, action: 'assessment.template-save', entity: 'assessment-template', entityId: id, detail: { key: row.key, regionId: row.region_id, year: row.year, version: row.version, name: row.name } });
  return rowView(row);
}

/** A template to open an assessment with, usable in the department's region path; marks a region's template used. */
async function templateFor(trx: Transaction<Database>, templateId: string, path: readonly string[], purpose: AssessmentPurpose): Promise<{ name: string; version: number; criteria: Criterion[] }> {
  let name: string;
  let version: number;
  let criteria: Criterion[];
  let templatePurpose: AssessmentPurpose;
  if (templateId.startsWith('builtin:')) {
    const t = builtInTemplate(templateId.slice('builtin:'.length));
    if (!t) throw new AppError(400, 'validation-failed', '没有该指标体系', 'no such template', [{ field: 'templateId', message: 'unknown' }]);
    ({ name, purpose: templatePurpose } = t);
    version = 1;
    criteria = t.criteria.map((c) => structuredClone(c));
  } else {
    const row = await trx.selectFrom('assessment_templates').selectAll().where('id', '=', templateId).executeTakeFirst();
    if (!row || !path.includes(row.region_id)) throw new AppError(400, 'validation-failed', '没有该指标体系，或它不属于被评对象所在区划', 'no such template in the region of the subject', [{ field: 'templateId', message: 'unknown' }]);
    name = row.name;
    version = row.version;
    criteria = row.criteria as Criterion[];
    templatePurpose = row.purpose as AssessmentPurpose;
    if (row.used_at === null) await trx.updateTable('assessment_templates').set({ used_at: new Date().toISOString() }).where('id', '=', row.id).execute();
  }
  if (templatePurpose !== purpose) throw new AppError(400, 'validation-failed', `该指标体系用于${PURPOSE_NAMES[templatePurpose].zh}，不是${PURPOSE_NAMES[purpose].zh}`, `the template is for ${PURPOSE_NAMES[templatePurpose].en}, not ${PURPOSE_NAMES[purpose].en}`, [{ field: 'templateId', message: 'another purpose' }]);
  return { name, version, criteria };
}

// ——— opening an assessment ———

/** What opening an assessment takes. */
export interface OpenAssessment {
  readonly purpose: AssessmentPurpose;
  readonly templateId: string;
  readonly year?: number | undefined;
  /** For a policy (or a department's year): the department whose it is. */
  readonly departmentId?: string | undefined;
  readonly subject: { readonly kind: SubjectKind; readonly id?: string | null | undefined; readonly name?: string | undefined; readonly amount?: string | null | undefined; readonly description?: string | undefined };
  readonly title?: string | undefined;
  readonly aggregation?: Assessment['aggregation'] | undefined;
  /** Scorers typed in from paper, or the bureau itself. */
  readonly scorers?: Scorer[] | undefined;
  /** What holds it (a 抽评 draw). */
  readonly parentId?: string | undefined;
}

const PURPOSE_SUBJECTS: Record<AssessmentPurpose, readonly SubjectKind[]> = {
  'ex-ante-project': ['project-target'],
  'ex-ante-policy': ['policy'],
  'key-evaluation': ['project-target', 'department-target', 'policy', 'self-evaluation'],
  'department-evaluation': ['department-year', 'department-target'],
  'sampling-review': ['self-evaluation'],
};

/** Opens an assessment of a subject with a template. Returns its id. */
export async function openAssessment(trx: Transaction<Database>, actor: Actor, input: OpenAssessment): Promise<string> {
  if (!PURPOSE_SUBJECTS[input.purpose].includes(input.subject.kind)) {
    throw new AppError(400, 'validation-failed', `${PURPOSE_NAMES[input.purpose].zh}的对象不能是 ${input.subject.kind}（可选：${PURPOSE_SUBJECTS[input.purpose].join('、')}）`, `a ${PURPOSE_NAMES[input.purpose].en} is not of a ${input.subject.kind} (one of: ${PURPOSE_SUBJECTS[input.purpose].join(', ')})`, [{ field: 'subject.kind', message: 'not for this purpose' }]);
  }
  let departmentId: string;
  let year: number;
  let subject: Assessment['subject'];
  let target: { id: string; kind: string; version: number } | undefined;
  let evaluation: SelfEvaluation | null = null;
  const { kind } = input.subject;
  if (kind === 'project-target' || kind === 'department-target' || kind === 'self-evaluation') {
    if (!input.subject.id) throw new AppError(400, 'validation-failed', '须指定被评的文件', 'the document assessed is required', [{ field: 'subject.id', message: 'required' }]);
    const loaded = await authorizeDocument(trx, actor, input.subject.id, 'read', [kind]);
    departmentId = loaded.row.department_id;
    year = loaded.row.year;
    target = { id: loaded.row.id, kind, version: loaded.row.current_version };
    subject = { kind, id: loaded.row.id, name: loaded.row.project_name ?? `${loaded.departmentName}${loaded.row.year}年部门整体`, department: loaded.departmentName, amount: loaded.row.budget_total === null ? null : twoPlaces(String(loaded.row.budget_total)) };
    if (kind === 'self-evaluation') {
      const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', loaded.row.id).where('version', '=', loaded.row.current_version).executeTakeFirstOrThrow();
      evaluation = version.content as SelfEvaluation;
    }
  } else {
    departmentId = (kind === 'department-year' ? (input.subject.id ?? input.departmentId) : input.departmentId) ?? '';
    if (!departmentId) throw new AppError(400, 'validation-failed', '须指定部门', 'the department is required', [{ field: 'departmentId', message: 'required' }]);
    if (!input.year) throw new AppError(400, 'validation-failed', '须指定年度', 'the year is required', [{ field: 'year', message: 'required' }]);
    year = input.year;
    const department = await departmentWithPath(trx, departmentId);
    if (kind === 'department-year') {
      const form = await trx.selectFrom('documents').select('budget_total').where('kind', '=', 'department-target').where('department_id', '=', departmentId).where('year', '=', year).executeTakeFirst();
      subject = { kind, id: departmentId, name: `${department.name}${year}年部门整体`, department: department.name, amount: form?.budget_total === null || form?.budget_total === undefined ? null : twoPlaces(String(form.budget_total)) };
    } else {
      if (!input.subject.name?.trim()) throw new AppError(400, 'validation-failed', '须写明政策名称', 'the policy needs a name', [{ field: 'subject.name', message: 'required' }]);
      subject = { kind, id: null, name: input.subject.name.trim(), department: department.name, amount: input.subject.amount ?? null };
    }
  }
  if (input.subject.description) subject = { ...subject, description: input.subject.description };
  if (input.subject.amount !== undefined && input.subject.amount !== null && kind !== 'policy') subject = { ...subject, amount: input.subject.amount };
  const department = await departmentWithPath(trx, departmentId);
  if (!canCreateDocument(actor, kindOf('assessment'), departmentId, department.regionPath)) throw forbidden();
  const template = await templateFor(trx, input.templateId, department.regionPath, input.purpose);
  const settings = assessmentSettingsOf((await effectiveSettings(trx, department.regionPath)) as Record<string, unknown>);
  const scorers: Scorer[] = [...(input.scorers ?? [])];
  const scores: Assessment['scores'] = [];
  let criteria = template.criteria;
  if (input.purpose === 'sampling-review' && evaluation) {
    const part = rescorePart(evaluation, scoringSettings((await effectiveSettings(trx, department.regionPath)) as Record<string, unknown>).config);
    criteria = [...criteria.filter((c) => c.parent !== 'rescore'), ...part.criteria];
    scorers.push({ id: 'self', name: `${department.name}（自评）`, role: 'self', weight: null });
    for (const s of part.selfScores) scores.push({ scorer: 'self', criterion: s.criterion, score: s.score, reason: '部门自评' });
  }
  const content: Assessment = {
    kind: 'assessment',
    schemaVersion: 1,
    title: input.title?.trim() || `${year}年「${subject.name}」${PURPOSE_NAMES[input.purpose].zh}`,
    year,
    purpose: input.purpose,
    subject,
    template: { name: template.name, version: template.version, criteria },
    scorers,
    scores,
    aggregation: input.aggregation ?? { method: 'mean', drop: 1 },
    evidence: evidenceChecklist(criteria).map((e) => ({ ...e, status: 'missing', file: null })),
    findings: [],
    conclusion: emptyConclusion(),
    data: {},
    blend: input.purpose === 'sampling-review' ? settings.settings.blend : null,
    result: null,
  };
  const parsed = kindOf('assessment').schema.safeParse(content);
  if (!parsed.success) {
    const fields = parsed.error.issues.slice(0, 20).map((issue) => ({ field: ['content', ...issue.path.map(String)].join('.'), message: issue.message }));
    throw new AppError(400, 'validation-failed', `评估评价的内容有误：${fields[0]?.field ?? ''} ${fields[0]?.message ?? ''}`, `the assessment is not valid: ${fields[0]?.field ?? ''}`, fields);
  }
  return createDocument(trx, actor, { kind: 'assessment', departmentId, year, content, note: `开启${PURPOSE_NAMES[input.purpose].zh} (opened)`, target, parentId: input.parentId });
}

// ——— effects of the generic commands ———

/** The current content of an assessment, for a system change. */
async function currentAssessment(trx: Transaction<Database>, id: string) {
  const loaded = await loadDocument(trx, id, ASSESSMENT);
  const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', loaded.row.current_version).executeTakeFirstOrThrow();
  return { loaded, content: version.content as Assessment };
}

/** A person assigned is on the panel: listed as a scorer with their part (expert, agency, bureau). */
async function listScorer(trx: Transaction<Database>, input: { actor: Actor; id: string; user: { id: string; displayName: string }; role: string }): Promise<void> {
  const { loaded, content } = await currentAssessment(trx, input.id);
  const role = input.role === 'agency' || input.role === 'bureau' ? input.role : 'expert';
  const existing = content.scorers.find((s) => s.id === input.user.id);
  if (existing && existing.role === role) return;
  const scorers = existing ? content.scorers.map((s) => (s.id === input.user.id ? { ...s, role } : s)) : [...content.scorers, { id: input.user.id, name: input.user.displayName, role, weight: null } satisfies Scorer];
  await saveDocumentVersion(trx, { loaded, version: loaded.row.current_version + 1, content: { ...content, scorers } as Assessment, authorId: input.actor.id, note: `评分人：${input.user.displayName} (panel)`, verb: 'panel', fromVersion: loaded.row.current_version });
}

/** A person taken off who never scored leaves the panel; one who scored stays, their scores kept. */
async function unlistScorer(trx: Transaction<Database>, input: { actor: Actor; id: string; userId: string }): Promise<void> {
  const { loaded, content } = await currentAssessment(trx, input.id);
  if (!content.scorers.some((s) => s.id === input.userId) || content.scores.some((s) => s.scorer === input.userId)) return;
  await saveDocumentVersion(trx, { loaded, version: loaded.row.current_version + 1, content: { ...content, scorers: content.scorers.filter((s) => s.id !== input.userId) } as Assessment, authorId: input.actor.id, note: '调整评分人 (panel)', verb: 'panel', fromVersion: loaded.row.current_version });
}

/**
 * When an ex-ante assessment of a project form is concluded (or reopened), the form is saved again:
 * its check writes the decision and the amounts from the store (`exAnte`), its findings and the
 * approval gate follow. The version is the bureau's, noted and audited.
 */
async function writeBackExAnte(trx: Transaction<Database>, input: { actor: Actor; id: string; action: string; to: string }): Promise<void> {
  if (input.action !== 'conclude' && input.action !== 'reopen') return;
  const { loaded, content } = await currentAssessment(trx, input.id);
  if (content.purpose !== 'ex-ante-project') return;
  const formId = loaded.row.target_id ?? content.subject.id;
  if (!formId) return;
  const form = await trx.selectFrom('documents').select(['id', 'kind', 'department_id']).where('id', '=', formId).executeTakeFirst();
  if (!form || form.kind !== 'project-target' || form.department_id !== loaded.row.department_id) return;
  const target = await loadDocument(trx, formId, ['project-target']);
  const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', formId).where('version', '=', target.row.current_version).executeTakeFirstOrThrow();
  const decision = content.conclusion.decision;
  const note =
    input.action === 'conclude' && decision
      ? `事前绩效评估结论：${{ support: '予以支持', 'support-after-adjustment': '调整后予以支持', reject: '不予支持' }[decision]}${content.conclusion.cut ? `，核减 ${content.conclusion.cut} 万元` : ''} (ex-ante assessment concluded)`
      : '事前绩效评估重新评分 (ex-ante assessment reopened)';
  await saveDocumentVersion(trx, { loaded: target, version: target.row.current_version + 1, content: version.content as never, authorId: input.actor.id, note, verb: 'ex-ante', fromVersion: target.row.current_version });
}

registerKindEffects('assessment', { afterAssign: listScorer, afterUnassign: unlistScorer, afterTransition: writeBackExAnte });

// ——— 抽评 ———

export interface SampleRequest {
  readonly regionId?: string | undefined;
  readonly year: number;
  /** How many of each grade (优 / 良 / 中 / 差). */
  readonly counts: Readonly<Record<string, number>>;
  /** Given to repeat a draw; otherwise made from 16 random bytes. */
  readonly seed?: string | undefined;
  /** The quality sheet (default: the built-in 抽评 sheet). */
  readonly templateId?: string | undefined;
}

/** The accepted (or published) self-evaluations of a year in a region's subtree, with their own grade. */
async function sampleCandidates(db: Db, regionId: string, year: number): Promise<SampleCandidate[]> {
  const regions = await regionSubtree(db as Kysely<Database>, regionId);
  const rows = await db
    .selectFrom('documents')
    .innerJoin('departments', 'departments.id', 'documents.department_id')
    .select(['documents.id', 'documents.grade'])
    .where('documents.kind', '=', 'self-evaluation')
    .where('documents.year', '=', year)
    .where('documents.state', 'in', ['accepted', 'published'])
    .where('departments.region_id', 'in', regions.length > 0 ? regions : [''])
    .orderBy('documents.id')
    .execute();
  return rows.map((r) => ({ id: r.id, grade: r.grade }));
}

async function sampleRegion(db: Db, actor: Actor, regionId: string | undefined): Promise<string> {
  const region = regionId ?? actor.regionId;
  if (actor.role !== 'reviewer' || !region || !(await regionPath(db, region)).includes(actor.regionId ?? '')) throw new AppError(403, 'forbidden', '只有本区划的财政审核员可以抽评', "only the region's finance reviewers draw a sample", [{ field: 'regionId', message: 'not yours' }]);
  return region;
}

/** A draw without storing it: what the seed gives over the year's candidates (to check or preview one). */
export async function previewSample(db: Db, actor: Actor, input: SampleRequest): Promise<{ seed: string; candidates: number; drawn: Array<{ id: string; grade: string; department: string; name: string; selfScore: string | null }>; shortfalls: Array<{ grade: string; asked: number; available: number }> }> {
  const region = await sampleRegion(db, actor, input.regionId);
  const candidates = await sampleCandidates(db, region, input.year);
  const seed = input.seed ?? randomBytes(16).toString('hex');
  const draw = drawSample(candidates, input.counts, seed);
  return { seed, candidates: candidates.length, drawn: await namedDrawn(db, draw.drawn), shortfalls: [...draw.shortfalls] };
}

/** The drawn self-evaluations with their department, project and self-score, as the list shows them. */
async function namedDrawn<D extends { id: string }>(db: Db, drawn: readonly D[]): Promise<Array<D & { department: string; name: string; selfScore: string | null }>> {
  const details = drawn.length === 0 ? [] : await db.selectFrom('documents').innerJoin('departments', 'departments.id', 'documents.department_id').select(['documents.id', 'documents.project_name', 'documents.score', 'departments.name as department_name']).where('documents.id', 'in', drawn.map((d) => d.id)).execute();
  const byId = new Map(details.map((d) => [d.id, d]));
  return drawn.map((d) => {
    const doc = byId.get(d.id);
    return { ...d, department: doc?.department_name ?? '', name: doc?.project_name ?? `${doc?.department_name ?? ''}部门整体`, selfScore: doc?.score === null || doc?.score === undefined ? null : twoPlaces(String(doc.score)) };
  });
}

/** A stored draw as the API gives it. */
export interface SampleView {
  id: string;
  regionId: string;
  year: number;
  seed: string;
  counts: Record<string, number>;
  candidates: number;
  drawn: Array<{ id: string; grade: string; assessment: string; department: string; name: string; selfScore: string | null }>;
  shortfalls: Array<{ grade: string; asked: number; available: number }>;
  /** The draw made again from the stored seed and candidates gives the same list. */
  reproduced: boolean;
  createdAt: string;
}

/**
 * Draws a year's sample (the region's reviewers): stratified by grade with the counts asked, from a
 * seed stored and audited; each drawn self-evaluation becomes a sampling review held by the draw.
 */
export async function drawYearSample(trx: Transaction<Database>, actor: Actor, input: SampleRequest): Promise<string> {
  const region = await sampleRegion(trx, actor, input.regionId);
  for (const grade of Object.keys(input.counts)) if (!(SAMPLE_GRADES as readonly string[]).includes(grade)) throw new AppError(400, 'validation-failed', `等级「${grade}」不是优、良、中、差之一`, `"${grade}" is not one of 优, 良, 中, 差`, [{ field: `counts.${grade}`, message: 'unknown grade' }]);
  const candidates = await sampleCandidates(trx, region, input.year);
  const seed = input.seed ?? randomBytes(16).toString('hex');
  const draw = drawSample(candidates, input.counts, seed);
  const id = randomUUID();
  const now = new Date().toISOString();
  const templateId = input.templateId ?? 'builtin:sampling-quality';
  await trx.insertInto('assessment_samples').values({ id, region_id: region, year: input.year, seed, counts: JSON.stringify(input.counts), candidates: JSON.stringify(candidates), drawn: JSON.stringify([]), template: templateId, created_by: actor.id, created_at: now }).execute();
  const drawn: Array<{ id: string; grade: string; assessment: string }> = [];
  for (const item of draw.drawn) {
    const assessment = await openAssessment(trx, actor, { purpose: 'sampling-review', templateId, subject: { kind: 'self-evaluation', id: item.id }, parentId: id });
    drawn.push({ ...item, assessment });
  }
  await trx.updateTable('assessment_samples').set({ drawn: JSON.stringify(drawn) }).where('id', '=', id).execute();
  await appendAudit(trx, { actorId: actor.id, action: 'assessment.sample', entity: 'assessment-sample', entityId: id, detail: { regionId: region, year: input.year, seed, counts: input.counts, candidates: candidates.length, drawn: drawn.map((d) => d.id), shortfalls: draw.shortfalls } });
  return id;
}

/** A stored draw, checked again from its seed. Its region's reviewers and admins read it. */
export async function getSample(db: Db, actor: Actor, id: string): Promise<SampleView> {
  const row = await db.selectFrom('assessment_samples').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('sample', '抽评');
  const path = await regionPath(db, row.region_id);
  const reads = (actor.role === 'reviewer' && actor.regionId !== null && path.includes(actor.regionId)) || canManageRegion(actor, path);
  if (!reads) throw notFound('sample', '抽评');
  const candidates = row.candidates as SampleCandidate[];
  const counts = row.counts as Record<string, number>;
  const drawn = row.drawn as Array<{ id: string; grade: string; assessment: string }>;
  const again = drawSample(candidates, counts, row.seed);
  const reproduced = again.drawn.length === drawn.length && again.drawn.every((d, i) => d.id === drawn[i]?.id);
  return {
    id: row.id,
    regionId: row.region_id,
    year: row.year,
    seed: row.seed,
    counts,
    candidates: candidates.length,
    drawn: await namedDrawn(db, drawn),
    shortfalls: [...again.shortfalls],
    reproduced,
    createdAt: row.created_at,
  };
}

/** The draws of a region (and year), newest first. */
export async function listSamples(db: Db, actor: Actor, filter: { regionId?: string | undefined; year?: number | undefined }): Promise<Array<{ id: string; regionId: string; year: number; seed: string; drawn: number; createdAt: string }>> {
  const region = filter.regionId ?? actor.regionId;
  if (!region || (actor.role !== 'reviewer' && actor.role !== 'admin')) throw forbidden();
  const regions = await regionSubtree(db as Kysely<Database>, region);
  let query = db.selectFrom('assessment_samples').select(['id', 'region_id', 'year', 'seed', 'drawn', 'created_at']).where('region_id', 'in', regions.length > 0 ? regions : ['']);
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  const path = await regionPath(db, region);
  if (!(actor.role === 'reviewer' && actor.regionId !== null && path.includes(actor.regionId)) && !canManageRegion(actor, path)) throw forbidden();
  const rows = await query.orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, regionId: r.region_id, year: r.year, seed: r.seed, drawn: (r.drawn as unknown[]).length, createdAt: r.created_at }));
}

// ——— a department's figures ———

export interface FiguresView {
  departmentId: string;
  year: number;
  establishment: number | null;
  staff: number | null;
  threePublic: string | null;
  threePublicLast: string | null;
  updatedAt: string | null;
}

/** May the actor enter a department's figures: its own editors and approvers, or the region's reviewers? */
async function figuresAccess(db: Db, actor: Actor, departmentId: string): Promise<'write' | 'read' | null> {
  const department = await departmentWithPath(db, departmentId);
  if ((actor.role === 'editor' || actor.role === 'approver') && actor.departmentId === departmentId) return 'write';
  if (actor.role === 'reviewer' && actor.regionId !== null && department.regionPath.includes(actor.regionId)) return 'write';
  if (canManageRegion(actor, department.regionPath)) return 'read';
  return null;
}

export async function getFigures(db: Db, actor: Actor, departmentId: string, year: number): Promise<FiguresView> {
  if ((await figuresAccess(db, actor, departmentId)) === null) throw notFound('department', '部门');
  const row = await db.selectFrom('department_year_figures').selectAll().where('department_id', '=', departmentId).where('year', '=', year).executeTakeFirst();
  const amount = (v: string | null | undefined) => (v === null || v === undefined ? null : twoPlaces(String(v)));
  return { departmentId, year, establishment: row?.establishment ?? null, staff: row?.staff ?? null, threePublic: amount(row?.three_public), threePublicLast: amount(row?.three_public_last), updatedAt: row?.updated_at ?? null };
}

/**
 * Enters a department's figures for a year (编制数, 在职人数, 三公经费 this year and last), once: the
 * department's assessments still open are checked again with them. Audited.
 */
export async function putFigures(trx: Transaction<Database>, actor: Actor, departmentId: string, year: number, input: Omit<FiguresView, 'departmentId' | 'year' | 'updatedAt'>): Promise<FiguresView> {
  const access = await figuresAccess(trx, actor, departmentId);
  if (access === null) throw notFound('department', '部门');
  if (access !== 'write') throw forbidden();
  const now = new Date().toISOString();
  const values = { establishment: input.establishment, staff: input.staff, three_public: input.threePublic, three_public_last: input.threePublicLast, updated_by: actor.id, updated_at: now };
  await trx
    .insertInto('department_year_figures')
    .values({ department_id: departmentId, year, ...values })
    .onConflict((oc) => oc.columns(['department_id', 'year']).doUpdateSet(values))
    .execute();
  await appendAudit(trx, { actorId: actor.id, action: 'assessment.figures', entity: 'department', entityId: departmentId, detail: { year, ...input } });
  const open = await trx.selectFrom('documents').select('id').where('kind', '=', 'assessment').where('department_id', '=', departmentId).where('year', 'in', [year, year + 1]).where('state', 'in', ['draft', 'scoring']).execute();
  for (const doc of open) await recheckDocument(trx, actor.id, doc.id);
  return getFigures(trx, actor, departmentId, year);
}

/** A person the bureau may put on a panel: an expert or an agency engaged in its region or above. */
export interface PanelMember {
  id: string;
  displayName: string;
  username: string;
  role: 'expert' | 'agency';
  departmentId: string | null;
}

/**
 * The experts and agencies a region's reviewer may assign (those of the reviewer's region, the regions
 * above and below it): the bureau picks from them, since only an admin lists the users.
 */
export async function listPanelMembers(db: Db, actor: Actor): Promise<PanelMember[]> {
  if (actor.role !== 'reviewer' || actor.regionId === null) throw forbidden();
  const regions = [...new Set([...(await regionPath(db, actor.regionId)), ...(await regionSubtree(db as Kysely<Database>, actor.regionId))])];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'username', 'role', 'department_id'])
    .where('role', 'in', ['expert', 'agency'])
    .where('disabled', '=', false)
    .where('region_id', 'in', regions)
    .orderBy('role')
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, role: r.role as 'expert' | 'agency', departmentId: r.department_id }));
}
