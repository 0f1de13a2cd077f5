/**
 * The demo district's 结果应用: Haizhu's 2024 results make its 2025 budget proposals, with every kind of
 * rule deciding at least one row — the grades 优 良 中 (self-evaluations), 差 (a sampling review that
 * replaces a self-evaluation's grade), a key evaluation's grade under the region's own key-evaluation
 * rules, an ex-ante assessment of a continuing project's 2025 form that cuts it and one that rejects
 * another, a red light left unrectified in a 2024 monitoring round, a project with no result, and an
 * exception the bureau recorded with its reason. The rules are saved twice (versions 1 and 2). Run
 * after the district's assessments (demoAssessments.ts), through the same commands people use.
 */
import { sql, type Transaction } from 'kysely';
import { compareMoney, money } from '../core/money.ts';
import type { MonitoringReport } from '../core/monitoringReport.ts';
import type { Actor } from '../core/policy.ts';
import { DEFAULT_RESULT_RULES, type ResultRules } from '../core/results/rules.ts';
import type { Database } from '../store/schema.ts';
import { assign, conclude, score } from './demoAssessments.ts';
import { fillReport } from './demoMonitoring.ts';
import { openAssessment } from './services/assessments.ts';
import { transitionDocument } from './services/documents.ts';
import { openRound, transitionReport, updateReport } from './services/monitoring.ts';
import { addException, resultLines, saveRules } from './services/results.ts';

/** Haizhu's rules for 2025: the defaults, then a key evaluation weighed apart (中 cut 15%). */
export const DEMO_RULES_2025: ResultRules = {
  ...DEFAULT_RESULT_RULES,
  keyEvaluation: { 优: { type: 'raise', percent: '10' }, 良: { type: 'keep' }, 中: { type: 'cut', percent: '15' }, 差: { type: 'cancel' } },
};

async function userActor(trx: Transaction<Database>, where: { username?: string; departmentId?: string; role: Actor['role'] }): Promise<Actor & { displayName: string }> {
  let query = trx.selectFrom('users').select(['id', 'role', 'department_id', 'region_id', 'display_name']).where('role', '=', where.role);
  if (where.username) query = query.where('username', '=', where.username);
  if (where.departmentId) query = query.where('department_id', '=', where.departmentId);
  const user = await query.orderBy('username').limit(1).executeTakeFirstOrThrow();
  return { id: user.id, role: user.role, departmentId: user.department_id, regionId: user.region_id, displayName: user.display_name };
}

/** A sampling review of a self-evaluation the draw did not take, commissioned to the agency. */
async function openSampling(trx: Transaction<Database>, reviewer: Actor, agency: Actor & { displayName: string }, evaluationId: string | undefined): Promise<{ id: string } | null> {
  if (!evaluationId) return null;
  const id = await openAssessment(trx, reviewer, { purpose: 'sampling-review', templateId: 'builtin:sampling-quality', subject: { kind: 'self-evaluation', id: evaluationId } });
  await assign(trx, reviewer, id, agency, 'agency');
  return { id };
}

/** Haizhu's 2025 proposals, made from its 2024 results. */
export async function seedDemoResults(trx: Transaction<Database>, options: { haizhu: string; reviewer: Actor }): Promise<void> {
  const { haizhu, reviewer } = options;
  const admin = await userActor(trx, { username: 'haizhu-admin', role: 'admin' });
  const experts = [await userActor(trx, { username: 'expert-li', role: 'expert' }), await userActor(trx, { username: 'expert-wang', role: 'expert' })];
  const agency = await userActor(trx, { username: 'agency-zhongxin', role: 'agency' });

  // The rules, saved twice: the figures show version 2.
  await saveRules(trx, admin, { regionId: haizhu, year: 2025, rules: DEFAULT_RESULT_RULES });
  await saveRules(trx, admin, { regionId: haizhu, year: 2025, rules: DEMO_RULES_2025 });

  // 2024's continuing projects nobody assessed yet, with next year's form as the proposals match it, smallest first.
  const lines = await resultLines(trx, { year: 2025, regionId: haizhu, department: null });
  // 抽评 of a project's self-evaluation: one the draw took, else one the bureau adds (the draw also takes department forms').
  const evaluations = new Set(lines.flatMap((l) => (l.selfEvaluation?.id && !l.keyEvaluation ? [l.selfEvaluation.id] : [])));
  const drawn = await trx
    .selectFrom('documents')
    .select(['id', 'target_id'])
    .where('kind', '=', 'assessment')
    .where('state', '=', 'draft')
    .where(sql<boolean>`facts->>'purpose' = 'sampling-review'`)
    .where('department_id', 'in', trx.selectFrom('departments').select('id').where('region_id', '=', haizhu))
    .orderBy('id')
    .execute();
  const sampled = drawn.find((d) => d.target_id !== null && evaluations.has(d.target_id)) ?? null;
  const projects = lines
    .filter((l) => l.request?.id && !l.keyEvaluation && !l.samplingReview && !l.exAnte && !l.monitoring && l.projectId && l.selfEvaluation?.id !== sampled?.id)
    .sort((x, y) => compareMoney(money(x.amount), money(y.amount)) || ((x.projectId ?? '') < (y.projectId ?? '') ? -1 : 1))
    .slice(0, 4)
    .map((l) => ({ id: l.projectId ?? '', department_id: l.departmentId ?? '', next: l.request?.id ?? '' }));
  const [red, cut, rejected, excepted] = projects;

  // A red light in 2024's January–July round, accepted with rectification advice and never cleared.
  if (red) {
    const round = await openRound(trx, reviewer, { regionId: haizhu, year: 2024, name: '1–7月', through: '2024-07-31', due: '2024-08-15' });
    const report = await trx.selectFrom('documents').select(['id', 'current_version']).where('kind', '=', 'monitoring-report').where('parent_id', '=', round.id).where('target_id', '=', red.id).executeTakeFirstOrThrow();
    const editor = await userActor(trx, { departmentId: red.department_id, role: 'editor' });
    const approver = await userActor(trx, { departmentId: red.department_id, role: 'approver' });
    const current = await trx.selectFrom('document_versions').select('content').where('document_id', '=', report.id).where('version', '=', report.current_version).executeTakeFirstOrThrow();
    await updateReport(trx, editor, report.id, { baseVersion: report.current_version, content: fillReport(current.content as MonitoringReport, 'red', '0.15'), note: '演示数据：执行严重滞后 (demo: far behind)' });
    await transitionReport(trx, approver, report.id, { action: 'submit' });
    await transitionReport(trx, reviewer, report.id, { action: 'accept', advice: '执行严重滞后：9月30日前报送整改情况。' });
  }

  // Ex-ante assessments of two continuing projects' 2025 forms: one cut by a fifth, one rejected.
  for (const [form, decision] of [
    [cut, 'support-after-adjustment'],
    [rejected, 'reject'],
  ] as const) {
    if (!form) continue;
    const id = await openAssessment(trx, reviewer, { purpose: 'ex-ante-project', templateId: 'builtin:ex-ante-project', subject: { kind: 'project-target', id: form.next, description: '延续项目：申请继续安排。' } });
    for (const expert of experts) await assign(trx, reviewer, id, expert, 'expert');
    await transitionDocument(trx, reviewer, id, { action: 'start' });
    for (const [k, expert] of experts.entries()) await score(trx, expert, id, decision === 'reject' ? 0.5 : 0.82, k);
    await conclude(
      trx,
      reviewer,
      id,
      decision === 'reject' ? { decision, advice: '上年绩效目标未完成，延续理由不足，不予安排。' } : { decision, cutShare: 20n, advice: '按上年实际支出核减后予以支持。' },
      [{ criterion: '2', fact: '上年预算执行率偏低。', problem: '预算规模偏大。', analysis: '测算未参考上年实际支出。', conclusion: '投入经济性一般。', advice: '按实际需求重新测算。' }],
      false,
    );
  }

  // 抽评: the agency re-checks a project's self-evaluation and finds it far too generous (差).
  const reviewed = sampled ?? (await openSampling(trx, reviewer, agency, lines.find((l) => l.selfEvaluation?.id && !l.keyEvaluation && !projects.some((p) => p.id === l.projectId))?.selfEvaluation?.id ?? undefined));
  if (reviewed) {
    await transitionDocument(trx, reviewer, reviewed.id, { action: 'start' });
    await score(trx, agency, reviewed.id, 0.1, 0);
    await conclude(trx, reviewer, reviewed.id, { decision: null, advice: '自评严重失实，指标完成值缺乏佐证。' }, [], true);
  }

  // The bureau keeps one project's money against the rules, and says why.
  if (excepted) await addException(trx, reviewer, { year: 2025, projectId: excepted.id, amount: '12.00', reason: '民生兜底项目，保留基本运转经费（演示）' });
}
