/**
 * What an assessment and a project form are read with (their kinds' `relations`): the figures an
 * assessment's formulas read — the execution rate of its subject from the self-evaluation or the
 * latest monitoring report, the department's ratios from the figures entered once a year — and a
 * project form's concluded ex-ante assessment. Only summary columns are read, never a form's JSON.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Assessment, Decision, MeasureValue } from '../../core/assessment/assessment.ts';
import { departmentMeasures, type DepartmentFigures } from '../../core/assessment/measures.ts';
import { twoPlaces } from '../../core/monitoring/ratio.ts';
import type { ExAnteRecord } from '../../core/projectTarget.ts';
import type { KindContent } from '../../kinds/kindDefinition.ts';
import type { Database, DocumentsTable } from '../../store/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const decimal = (value: unknown): string | null => (value === null || value === undefined ? null : twoPlaces(String(value)));

/** A project form's newest concluded ex-ante assessment, or null. */
export async function exAnteOf(db: Db, projectFormId: string): Promise<ExAnteRecord | null> {
  const row = await db
    .selectFrom('documents')
    .select(['id', 'facts', 'score', 'grade', 'decided_at'])
    .where('kind', '=', 'assessment')
    .where('target_id', '=', projectFormId)
    .where('state', 'in', ['concluded', 'released'])
    .where(sql<boolean>`facts->>'purpose' = 'ex-ante-project'`)
    .orderBy('decided_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const facts = (row.facts ?? {}) as { decision?: Decision | null; supported?: string | null; cut?: string | null };
  if (!facts.decision) return null;
  return { assessment: row.id, decision: facts.decision, grade: row.grade, total: decimal(row.score), supported: facts.supported ?? null, cut: facts.cut ?? null, concludedAt: row.decided_at };
}

/** The execution rate of a target form: its self-evaluation's, else its latest monitoring report's. */
async function executionRateOf(db: Db, targetId: string): Promise<MeasureValue | null> {
  const evaluation = await db.selectFrom('documents').select(['rate', 'year']).where('kind', '=', 'self-evaluation').where('target_id', '=', targetId).where('state', 'in', ['submitted', 'accepted', 'published']).where('rate', 'is not', null).executeTakeFirst();
  if (evaluation) return { value: decimal(evaluation.rate), source: `${evaluation.year}年绩效自评表（self-evaluation）` };
  const report = await db
    .selectFrom('documents')
    .select(['rate', 'title'])
    .where('kind', '=', 'monitoring-report')
    .where('target_id', '=', targetId)
    .where('state', 'in', ['submitted', 'accepted'])
    .where('rate', 'is not', null)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return report ? { value: decimal(report.rate), source: `${report.title ?? '绩效运行监控表'}（monitoring report）` } : null;
}

/** The figures of a department's year (编制数, 在职人数, 三公经费 this year and last — last year's row when not given). */
export async function departmentFigures(db: Db, departmentId: string, year: number): Promise<DepartmentFigures | null> {
  const rows = await db.selectFrom('department_year_figures').selectAll().where('department_id', '=', departmentId).where('year', 'in', [year, year - 1]).execute();
  const now = rows.find((r) => r.year === year);
  if (!now) return null;
  const last = rows.find((r) => r.year === year - 1);
  return { establishment: now.establishment, staff: now.staff, threePublic: decimal(now.three_public), threePublicLast: decimal(now.three_public_last) ?? decimal(last?.three_public ?? null) };
}

/** The figures an assessment's formulas read, from what Jixiao holds about its subject. */
export async function assessmentData(db: Db, row: Pick<DocumentsTable, 'id' | 'department_id' | 'year' | 'target_id'>, content: KindContent): Promise<Record<string, MeasureValue>> {
  const { subject } = content as Assessment;
  const data: Record<string, MeasureValue> = {};
  const targetId = subject.kind === 'project-target' || subject.kind === 'department-target' || subject.kind === 'self-evaluation' ? (row.target_id ?? subject.id) : null;
  if (subject.kind === 'self-evaluation' && targetId) {
    const evaluation = await db.selectFrom('documents').select(['rate', 'year']).where('id', '=', targetId).where('kind', '=', 'self-evaluation').executeTakeFirst();
    if (evaluation?.rate !== null && evaluation?.rate !== undefined) data['execution-rate'] = { value: decimal(evaluation.rate), source: `${evaluation.year}年绩效自评表（self-evaluation）` };
  } else if (targetId) {
    const rate = await executionRateOf(db, targetId);
    if (rate) data['execution-rate'] = rate;
  }
  if (subject.kind === 'department-year' || subject.kind === 'department-target') {
    const departmentId = subject.kind === 'department-year' ? (subject.id ?? row.department_id) : row.department_id;
    if (subject.kind === 'department-year' && !data['execution-rate']) {
      const form = await db.selectFrom('documents').select('id').where('kind', '=', 'department-target').where('department_id', '=', departmentId).where('year', '=', row.year).executeTakeFirst();
      const rate = form ? await executionRateOf(db, form.id) : null;
      if (rate) data['execution-rate'] = rate;
    }
    const figures = await departmentFigures(db, departmentId, row.year);
    if (figures) Object.assign(data, departmentMeasures(figures, `${row.year}年部门基础数据（department figures）`));
  }
  return data;
}
