/**
 * The demo district's assessments (评估评价): two ex-ante assessments of new project forms — one
 * supported after a cut, one rejected —, a key evaluation of a 2024 project scored by three experts
 * and an agency, a department-wide evaluation of a department's 2024 year (its figures entered), and a
 * 抽评 sample of Haizhu's 2024 self-evaluations, commissioned to the agency.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Assessment, Decision } from '../core/assessment/assessment.ts';
import { formatCents, parseCents } from '../core/assessment/decimal.ts';
import type { Actor } from '../core/policy.ts';
import type { Database } from '../store/schema.ts';
import { drawYearSample, openAssessment, putFigures } from './services/assessments.ts';
import { transitionDocument, updateDocument } from './services/documents.ts';
import { kindEffects } from './services/kindEffects.ts';

/** A demo account made straight in the store (the district's hash, computed once). */
async function panelUser(trx: Transaction<Database>, passwordHash: string, user: { username: string; displayName: string; role: 'expert' | 'agency'; regionId: string }): Promise<Actor & { displayName: string }> {
  const id = randomUUID();
  await trx.insertInto('users').values({ id, username: user.username, display_name: user.displayName, role: user.role, department_id: null, region_id: user.regionId, password_hash: passwordHash, disabled: false, demo: true, created_at: new Date().toISOString() }).execute();
  return { id, role: user.role, departmentId: null, regionId: user.regionId, displayName: user.displayName };
}

/** Assigns a person as the bureau does (the generic assignment, then the assessment lists them as a scorer). */
export async function assign(trx: Transaction<Database>, reviewer: Actor, id: string, user: Actor & { displayName: string }, role: 'expert' | 'agency'): Promise<void> {
  await trx.insertInto('document_assignments').values({ document_id: id, user_id: user.id, role, assigned_by: reviewer.id, assigned_at: new Date().toISOString() }).execute();
  await kindEffects('assessment')?.afterAssign?.(trx, { actor: reviewer, id, user: { id: user.id, displayName: user.displayName }, role });
}

async function current(trx: Transaction<Database>, id: string): Promise<{ version: number; content: Assessment }> {
  const row = await trx.selectFrom('documents').select('current_version').where('id', '=', id).executeTakeFirstOrThrow();
  const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  return { version: row.current_version, content: version.content as Assessment };
}

/** A scorer's scores: a share of each criterion's points (0.9: nine tenths), varied a little, to the half point. */
export async function score(trx: Transaction<Database>, scorer: Actor, id: string, level: number, offset: number): Promise<void> {
  const { version, content } = await current(trx, id);
  const computed = new Set((content.result?.criteria ?? []).filter((c) => c.source === 'data' || !c.leaf).map((c) => c.id));
  const steps = [0, 5, -5, 10, -10, 0, 5];
  const scores = content.template.criteria
    .filter((c) => !computed.has(c.id))
    .map((c, i) => {
      const weight = parseCents(c.weight) ?? 0n;
      const share = BigInt(Math.max(0, Math.min(100, Math.round(level * 100) + (steps[(i + offset) % steps.length] ?? 0))));
      const cents = ((weight * share) / 100n / 50n) * 50n;
      return { scorer: scorer.id, criterion: c.id, score: formatCents(cents), reason: i % 3 === 0 ? '依据佐证材料评分' : '' };
    });
  await updateDocument(trx, scorer, id, { baseVersion: version, content: { ...content, scores: [...content.scores.filter((s) => s.scorer !== scorer.id), ...scores] } as Assessment, note: '演示数据：评分 (demo: scored)' });
}

export async function conclude(trx: Transaction<Database>, reviewer: Actor, id: string, conclusion: { decision: Decision | null; cutShare?: bigint; advice: string }, findings: Assessment['findings'], release: boolean): Promise<void> {
  const { version, content } = await current(trx, id);
  const asked = content.subject.amount === null ? null : BigInt(content.subject.amount.replace('.', '').padEnd(3, '0'));
  const fmt = (n: bigint) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;
  const cut = asked === null || conclusion.decision === null ? null : conclusion.decision === 'reject' ? asked : (asked * (conclusion.cutShare ?? 0n)) / 100n;
  const filled: Assessment = {
    ...content,
    findings,
    conclusion: { grade: null, decision: conclusion.decision, supported: asked === null || cut === null ? null : fmt(asked - cut), cut: cut === null ? null : fmt(cut), advice: conclusion.advice },
  };
  await updateDocument(trx, reviewer, id, { baseVersion: version, content: filled, note: '演示数据：结论 (demo: conclusion)' });
  await transitionDocument(trx, reviewer, id, { action: 'conclude' });
  if (release) await transitionDocument(trx, reviewer, id, { action: 'release' });
}

/** Adds the demo district's assessments. */
export async function seedDemoAssessments(trx: Transaction<Database>, options: { passwordHash: string; haizhu: string; reviewer: Actor }): Promise<void> {
  const { reviewer, haizhu } = options;
  const experts = [
    await panelUser(trx, options.passwordHash, { username: 'expert-wang', displayName: '王建国（财政专家）', role: 'expert', regionId: haizhu }),
    await panelUser(trx, options.passwordHash, { username: 'expert-li', displayName: '李敏（行业专家）', role: 'expert', regionId: haizhu }),
    await panelUser(trx, options.passwordHash, { username: 'expert-chen', displayName: '陈立（财务专家）', role: 'expert', regionId: haizhu }),
  ];
  const agency = await panelUser(trx, options.passwordHash, { username: 'agency-zhongxin', displayName: '中信达绩效评价咨询有限公司', role: 'agency', regionId: haizhu });

  const submitted = await trx
    .selectFrom('documents')
    .innerJoin('departments', 'departments.id', 'documents.department_id')
    .select(['documents.id', 'documents.budget_total'])
    .where('documents.kind', '=', 'project-target')
    .where('documents.year', '=', 2025)
    .where('documents.state', '=', 'submitted')
    .where('departments.region_id', '=', haizhu)
    .orderBy('documents.budget_total', 'desc')
    .orderBy('documents.id')
    .limit(2)
    .execute();

  // Ex-ante: the larger project supported after a cut of a tenth, the other rejected.
  for (const [i, form] of submitted.entries()) {
    const id = await openAssessment(trx, reviewer, { purpose: 'ex-ante-project', templateId: 'builtin:ex-ante-project', subject: { kind: 'project-target', id: form.id, description: i === 0 ? '新增项目：升级业务系统，扩展线上办理事项。' : '新增项目：购置设备并委托运维。' } });
    for (const expert of experts.slice(0, 2)) await assign(trx, reviewer, id, expert, 'expert');
    await transitionDocument(trx, reviewer, id, { action: 'start' });
    for (const [k, expert] of experts.slice(0, 2).entries()) await score(trx, expert, id, i === 0 ? 0.9 : 0.55, k);
    await conclude(
      trx,
      reviewer,
      id,
      i === 0 ? { decision: 'support-after-adjustment', cutShare: 10n, advice: '按询价结果核减设备购置费后予以支持。' } : { decision: 'reject', advice: '立项依据不足，建议暂不安排预算。' },
      i === 0
        ? [{ criterion: '2', fact: '设备购置单价高于近三年同类采购均价约15%。', problem: '设备购置预算偏高。', analysis: '测算未采用询价结果。', conclusion: '投入经济性一般。', advice: '按询价结果重新测算设备购置预算。' }]
        : [{ criterion: '1', fact: '申报材料未提供需求调研和政策依据。', problem: '立项必要性论证不足。', analysis: '与现有系统功能重复。', conclusion: '不具备立项条件。', advice: '整合现有系统功能，补充需求论证后再行申报。' }],
      false,
    );
  }

  // A key evaluation of a 2024 project: three experts and an agency, concluded and released.
  const published = await trx
    .selectFrom('documents')
    .innerJoin('departments', 'departments.id', 'documents.department_id')
    .select(['documents.id', 'documents.department_id'])
    .where('documents.kind', '=', 'project-target')
    .where('documents.year', '=', 2024)
    .where('documents.state', '=', 'published')
    .where('departments.region_id', '=', haizhu)
    .orderBy('documents.budget_total', 'desc')
    .orderBy('documents.id')
    .limit(1)
    .executeTakeFirst();
  if (published) {
    const id = await openAssessment(trx, reviewer, { purpose: 'key-evaluation', templateId: 'builtin:key-evaluation-2020', subject: { kind: 'project-target', id: published.id } });
    for (const expert of experts) await assign(trx, reviewer, id, expert, 'expert');
    await assign(trx, reviewer, id, agency, 'agency');
    await transitionDocument(trx, reviewer, id, { action: 'start' });
    for (const [k, who] of [...experts, agency].entries()) await score(trx, who, id, k === 3 ? 0.7 : 0.86, k);
    await conclude(trx, reviewer, id, { decision: null, advice: '加强预算执行进度管理，完善绩效指标。' }, [{ criterion: '2', fact: '资金到位后执行进度前慢后快。', problem: '预算执行进度不均衡。', analysis: '采购计划下达较晚。', conclusion: '过程管理有待加强。', advice: '提前编制采购计划，按季度监控执行进度。' }], true);
  }

  // A department's 2024 year, on the 53号 framework, its figures entered.
  const department = await trx.selectFrom('departments').select('id').where('region_id', '=', haizhu).where('name', 'like', '%教育局').executeTakeFirst();
  if (department) {
    await putFigures(trx, reviewer, department.id, 2024, { establishment: 120, staff: 124, threePublic: '38.50', threePublicLast: '40.20' });
    const id = await openAssessment(trx, reviewer, { purpose: 'department-evaluation', templateId: 'builtin:department-53', subject: { kind: 'department-year', id: department.id }, year: 2024 });
    for (const expert of experts) await assign(trx, reviewer, id, expert, 'expert');
    await transitionDocument(trx, reviewer, id, { action: 'start' });
    for (const [k, expert] of experts.entries()) await score(trx, expert, id, 0.84, k);
    await conclude(trx, reviewer, id, { decision: null, advice: '控制在职人员规模，提高支出进度。' }, [{ criterion: '1.2.1', fact: '在职人数超过编制数4人。', problem: '在职人员超编。', analysis: '临时借调人员未及时清理。', conclusion: '预算配置有待规范。', advice: '清理借调人员，严格按编制配备。' }], false);
  }

  // 抽评 of Haizhu's 2024 self-evaluations, commissioned to the agency.
  const sample = await drawYearSample(trx, reviewer, { regionId: haizhu, year: 2024, counts: { 优: 2, 良: 2, 中: 1, 差: 1 }, seed: 'haizhu-2024-抽评' });
  const drawn = await trx.selectFrom('documents').select('id').where('parent_id', '=', sample).where('kind', '=', 'assessment').orderBy('id').execute();
  for (const review of drawn) await assign(trx, reviewer, review.id, agency, 'agency');
}
