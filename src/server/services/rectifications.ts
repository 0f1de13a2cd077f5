/**
 * What is the rectification ledger's own beside the one document engine: opening an item from where
 * the problem was found (the source's department, year, project and words carried over, the source
 * linked), the ledger as a list and counted by department, overdue notices, and the overdue items a
 * project's next-year form is held by.
 */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Assessment } from '../../core/assessment/assessment.ts';
import type { MonitoringReport } from '../../core/monitoringReport.ts';
import type { Actor } from '../../core/policy.ts';
import { countItems, isOverdue, OWED_STATES, SOURCE_NAMES, type Rectification, type RectificationCounts, type RectificationSource } from '../../core/rectification/rectification.ts';
import type { DocumentPlace, KindContent } from '../../kinds/kindDefinition.ts';
import { kindOf } from '../../kinds/registry.ts';
import type { Database } from '../../store/schema.ts';
import { AppError } from '../appError.ts';
import { authorizeDocument, createDocument, visibleDocuments } from './documents.ts';
import { registerKindEffects } from './kindEffects.ts';
import { notify } from './notifications.ts';
import { remindOverdueOnce } from './overdueReminders.ts';
import { today } from './rectificationLinks.ts';
import { regionSubtree } from './organisations.ts';

type Db = Kysely<Database> | Transaction<Database>;

export { today };


/** What the bureau gives to open an item. */
export interface OpenRectification {
  readonly source: { readonly type: RectificationSource; readonly documentId?: string | undefined; readonly ref?: string | undefined };
  /** By hand: the department and year (from a source: the source's). */
  readonly departmentId?: string | undefined;
  readonly year?: number | undefined;
  /** What the source says is used when these are left out. */
  readonly title?: string | undefined;
  readonly problem?: string | undefined;
  readonly projectName?: string | null | undefined;
  readonly deadline: string;
  readonly requirement?: string | undefined;
  readonly evidenceRequired?: readonly string[] | undefined;
}

const refuse = (field: string, zh: string, en: string, status: 400 | 409 | 422 = 422) => new AppError(status, 'validation-failed', zh, en, [{ field, message: en }]);

/** The problem a source document states, as the item's words: the returned opinion, the advice, the finding. */
async function problemOf(db: Db, actor: Actor, type: RectificationSource, documentId: string, ref: string | undefined): Promise<{ departmentId: string; year: number; projectName: string | null; title: string; problem: string; documentKind: string; ref: string | null }> {
  const loaded = await authorizeDocument(db, actor, documentId, 'read');
  const { row } = loaded;
  const content = (await db.selectFrom('document_versions').select('content').where('document_id', '=', documentId).where('version', '=', row.current_version).executeTakeFirstOrThrow()).content;
  const base = { departmentId: row.department_id, year: row.year, projectName: row.project_name, documentKind: row.kind };
  const wrongKind = (expected: string) => refuse('source.documentId', `${SOURCE_NAMES[type].zh}须关联${expected}`, `${SOURCE_NAMES[type].en} links ${expected}`);
  switch (type) {
    case 'target-return': {
      if (row.kind !== 'project-target' && row.kind !== 'department-target') throw wrongKind('绩效目标申报表');
      const review = await db.selectFrom('document_reviews').select(['id', 'opinion']).where('document_id', '=', documentId).where('outcome', '=', 'returned').orderBy('created_at', 'desc').executeTakeFirst();
      if (!review?.opinion) throw refuse('source.documentId', '该申报表没有退回意见', 'the form has no returned opinion');
      return { ...base, title: review.opinion.split(/[。；\n]/)[0]?.slice(0, 200) ?? '', problem: review.opinion, ref: review.id };
    }
    case 'monitoring-report': {
      if (row.kind !== 'monitoring-report') throw wrongKind('运行监控表');
      const advice = (content as MonitoringReport).rectification.advice.trim();
      if (row.state !== 'accepted' || advice === '') throw refuse('source.documentId', '监控表须经审核通过并提出整改意见', 'the report must be accepted with rectification advice', 409);
      return { ...base, title: advice.split(/[。；\n]/)[0]?.slice(0, 200) ?? '', problem: advice, ref: `v${row.current_version}` };
    }
    case 'assessment':
    case 'sampling-review': {
      if (row.kind !== 'assessment') throw wrongKind('评估评价');
      const assessment = content as Assessment;
      if ((type === 'sampling-review') !== (assessment.purpose === 'sampling-review')) throw wrongKind(type === 'sampling-review' ? '抽评' : '评估评价（非抽评）');
      if (row.state !== 'concluded' && row.state !== 'released') throw refuse('source.documentId', '评估评价出具结论后才能登记整改', 'the assessment must be concluded first', 409);
      const index = ref === undefined ? 0 : Number(ref);
      const finding = Number.isInteger(index) ? assessment.findings[index] : undefined;
      if (!finding) throw refuse('source.ref', `没有第 ${ref ?? 0} 项发现的问题`, `there is no finding ${ref ?? 0}`, 400);
      return { ...base, projectName: assessment.subject.name || base.projectName, title: finding.problem.split(/[。；\n]/)[0]?.slice(0, 200) ?? '', problem: [finding.problem, finding.advice ? `建议：${finding.advice}` : ''].filter(Boolean).join('\n'), ref: String(index) };
    }
    case 'manual':
      throw refuse('source.type', '手工登记不关联文件', 'an item entered by hand links no document', 400);
  }
}

/** Opens an item (the bureau's reviewers of the department's region), tells the department, and returns its id. */
export async function openRectification(trx: Transaction<Database>, actor: Actor, input: OpenRectification): Promise<string> {
  let place: { departmentId: string; year: number; projectName: string | null; title: string; problem: string; documentKind: string | null; ref: string | null };
  if (input.source.type === 'manual') {
    if (!input.departmentId) throw refuse('departmentId', '手工登记须选择责任部门', 'an item entered by hand names its department', 400);
    if (input.year === undefined) throw refuse('year', '手工登记须写明年度', 'an item entered by hand names its year', 400);
    place = { departmentId: input.departmentId, year: input.year, projectName: null, title: '', problem: '', documentKind: null, ref: input.source.ref ?? null };
  } else {
    if (!input.source.documentId) throw refuse('source.documentId', '须关联发现问题的文件', 'link the document the problem was found in', 400);
    place = await problemOf(trx, actor, input.source.type, input.source.documentId, input.source.ref);
  }
  const content: Rectification = {
    kind: 'rectification',
    title: (input.title ?? place.title).trim() || SOURCE_NAMES[input.source.type].zh,
    problem: input.problem ?? place.problem,
    source: { type: input.source.type, documentId: input.source.documentId ?? null, documentKind: place.documentKind, ref: place.ref },
    projectName: input.projectName === undefined ? place.projectName : input.projectName,
    deadline: input.deadline,
    requirement: input.requirement ?? '',
    evidenceRequired: [...(input.evidenceRequired ?? [])],
    response: { text: '', files: [] },
  };
  // The department is told by the kind's afterCreate effect (below), whichever door the item came in by.
  return createDocument(trx, actor, { kind: 'rectification', departmentId: place.departmentId, year: place.year, content, note: `整改事项（${SOURCE_NAMES[input.source.type].zh}）` });
}

/** Tells the department of a new rectification item: what it is and by when. */
async function announceOpened(trx: Transaction<Database>, input: { readonly actor: Actor | null; readonly id: string; readonly place: DocumentPlace; readonly content: KindContent }): Promise<void> {
  const content = input.content as Rectification;
  const kind = kindOf('rectification');
  const subject = kind.subject(input.place, { subjectName: content.projectName });
  await notify(trx, { kind: 'rectification-opened', subject, title: { zh: `${subject.zh}：有新的整改事项，请于 ${content.deadline} 前整改`, en: `${subject.en}: a new rectification item, due ${content.deadline}` }, body: content.title, link: kind.pagePath(input.id), departmentId: input.place.departmentId, authorId: input.actor?.id ?? null, audience: 'department' });
}

registerKindEffects('rectification', { afterCreate: announceOpened });

/** One item as the ledger lists it. */
export interface RectificationRow {
  id: string;
  departmentId: string;
  departmentName: string;
  year: number;
  state: string;
  title: string;
  projectName: string | null;
  deadline: string;
  overdue: boolean;
  source: Rectification['source'];
  files: number;
  required: number;
  updatedAt: string;
}

export interface LedgerFilter {
  readonly year?: number | undefined;
  readonly regionId?: string | undefined;
  readonly departmentId?: string | undefined;
  readonly state?: string | undefined;
  readonly overdue?: boolean | undefined;
}

/** The most items one page of the ledger holds. */
export const LEDGER_PAGE_LIMIT = 5000;

/** The ledger's query: the items the actor may see (see {@link visibleDocuments}) that pass the filter. */
async function ledger(db: Kysely<Database>, actor: Actor | null, filter: LedgerFilter, on: string) {
  let query = await visibleDocuments(db, actor, [kindOf('rectification')]);
  if (filter.year !== undefined) query = query.where('documents.year', '=', filter.year);
  if (filter.departmentId) query = query.where('documents.department_id', '=', filter.departmentId);
  if (filter.state) query = query.where('documents.state', '=', filter.state);
  if (filter.regionId) query = query.where('departments.region_id', 'in', await regionSubtree(db, filter.regionId));
  if (filter.overdue === true) query = query.where('documents.state', 'in', [...OWED_STATES]).where(overdueOn(on));
  return query;
}

/** Past its deadline on the day (the state is checked apart: only owed items are overdue). */
function overdueOn(on: string) {
  return sql<boolean>`documents.facts->>'deadline' < ${on}`;
}

/**
 * A page of the items the actor may see (a department its own; the bureau its region's; an admin their
 * region's), deadline first, and how many there are in all: a province's ledger outgrows one answer.
 */
export async function listRectifications(db: Kysely<Database>, actor: Actor | null, filter: LedgerFilter, on = today(), paging: { readonly page: number; readonly pageSize: number } = { page: 1, pageSize: LEDGER_PAGE_LIMIT }): Promise<{ items: RectificationRow[]; total: number }> {
  const query = await ledger(db, actor, filter, on);
  const pageSize = Math.min(Math.max(1, paging.pageSize), LEDGER_PAGE_LIMIT);
  const [rows, counted] = await Promise.all([
    query
      .select(['documents.id', 'documents.department_id', 'departments.name as department_name', 'documents.year', 'documents.state', 'documents.title', 'documents.project_name', 'documents.facts', 'documents.updated_at'])
      .orderBy(sql`documents.facts->>'deadline'`)
      .orderBy('departments.name')
      .orderBy('documents.id')
      .limit(pageSize)
      .offset((Math.max(1, paging.page) - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => {
    const facts = (r.facts ?? {}) as { deadline?: string; source?: Rectification['source']; files?: number; required?: number };
    const deadline = facts.deadline ?? '';
    return { id: r.id, departmentId: r.department_id, departmentName: r.department_name, year: r.year, state: r.state, title: r.title ?? '', projectName: r.project_name, deadline, overdue: isOverdue(r.state, deadline, on), source: facts.source ?? { type: 'manual', documentId: null, documentKind: null, ref: null }, files: facts.files ?? 0, required: facts.required ?? 0, updatedAt: r.updated_at };
  });
  return { items, total: Number(counted.n) };
}

/** The ledger counted by department (the dashboard's rectification table), every item counted: most overdue first. */
export async function rectificationsByDepartment(db: Kysely<Database>, actor: Actor, filter: LedgerFilter, on = today()): Promise<Array<{ departmentId: string; departmentName: string } & RectificationCounts>> {
  const query = await ledger(db, actor, { ...filter, overdue: undefined }, on);
  const owed = sql<boolean>`documents.state in (${sql.join([...OWED_STATES])})`;
  const rows = await query
    .select((eb) => [
      'documents.department_id',
      'departments.name as department_name',
      'documents.state',
      eb.fn.countAll<string>().as('n'),
      eb.fn.count<string>(sql`case when ${owed} and ${overdueOn(on)} then 1 end`).as('overdue'),
    ])
    .groupBy(['documents.department_id', 'departments.name', 'documents.state'])
    .execute();
  const byDepartment = new Map<string, { departmentName: string } & RectificationCounts>();
  for (const row of rows) {
    const entry = byDepartment.get(row.department_id) ?? { departmentName: row.department_name, ...countItems([], on) };
    const n = Number(row.n);
    entry.total += n;
    if (row.state === 'open' || row.state === 'reported' || row.state === 'accepted' || row.state === 'reopened') entry[row.state] += n;
    entry.overdue += Number(row.overdue);
    byDepartment.set(row.department_id, entry);
  }
  return [...byDepartment.entries()]
    .map(([departmentId, entry]) => ({ departmentId, ...entry }))
    .sort((a, b) => b.overdue - a.overdue || b.total - a.total || a.departmentName.localeCompare(b.departmentName, 'zh'));
}

/**
 * Tells each department, once per item, of its items past their deadline and not yet reported. Run by
 * every server process's dispatcher beside the monitoring reminders (see overdueReminders.ts).
 */
export async function notifyOverdueRectifications(db: Kysely<Database>, on: string): Promise<number> {
  const kind = kindOf('rectification');
  return remindOverdueOnce(db, {
    overdue: (candidates) =>
      candidates
        .select(['documents.id', 'documents.department_id', 'documents.project_name', 'documents.title', 'documents.year', 'documents.facts', 'departments.name as department_name'])
        .where('documents.kind', '=', 'rectification')
        .where('documents.state', 'in', [...OWED_STATES])
        .where(sql<boolean>`documents.facts->>'deadline' < ${on}`),
    remind: (trx, row) => {
      const deadline = (row.facts as { deadline?: string }).deadline ?? '';
      const subject = kind.subject({ id: row.id, departmentId: row.department_id, departmentName: row.department_name, year: row.year, state: 'open' }, { subjectName: row.project_name });
      return notify(trx, { kind: 'rectification-overdue', subject, title: { zh: `${subject.zh}：整改事项已逾期（${deadline} 截止），请尽快整改并报送`, en: `${subject.en}: a rectification item is overdue (due ${deadline}); fix it and report` }, body: row.title ?? '', link: kind.pagePath(row.id), departmentId: row.department_id, authorId: null, audience: 'department' });
    },
  });
}
