/**
 * The demo's year-end self-evaluations: the 2024 forms (the department's and its projects') scored as a
 * department would, in every state of the cycle — most published with the final accounts, one accepted,
 * one returned — so that the whole year, targets to scores, can be seen in one place.
 */
import { DOCUMENT_KINDS } from '../core/document.ts';
import type { Transaction } from 'kysely';
import { checkSelfEvaluation } from '../core/evaluation/evaluationRules.ts';
import { qualitativeGrade } from '../core/evaluation/scoring.ts';
import type { EvaluationIndicator, SelfEvaluation } from '../core/selfEvaluation.ts';
import { ratio, ratioOf, times, toFixed2 } from '../core/monitoring/ratio.ts';
import { parseTargetValue } from '../core/targetValue.ts';
import type { Database } from '../store/schema.ts';
import type { DemoActors } from './demoProjects.ts';
import { createEvaluation, transitionEvaluation, updateEvaluation } from './services/evaluations.ts';

/** An actual for a target: met, or `shortfall` of the way there (0.9: nine tenths). */
export function actualFor(indicator: EvaluationIndicator, shortfall: number, year: number): string {
  const target = parseTargetValue(indicator.annualTarget);
  if (target.kind === 'quantity') {
    const unit = target.unit ?? '';
    const n = Number(target.value);
    if (target.operator === '≤' || target.operator === '<') return `${target.operator === '<' ? Number((n * 0.8).toFixed(2)) : n}${unit}`;
    return `${Number((n * shortfall).toFixed(2))}${unit}`;
  }
  if (target.kind === 'deadline') return `${year}-${String(target.month).padStart(2, '0')}-01`;
  return shortfall < 1 ? '部分达成' : '达成';
}

/** The evaluation filled: actuals, the money spent, causes where a score falls short, the closing texts. */
export function fillEvaluation(e: SelfEvaluation, shortfall: number, spent: string): SelfEvaluation {
  const annual = e.funds.annualBudget ?? '0.00';
  const executed = toFixed2(times(ratioOf(annual) ?? ratio(0n), ratioOf(spent) ?? ratio(0n)));
  const indicators = e.indicators.map((indicator, i) => {
    const actual = actualFor(indicator, i % 2 === 0 ? shortfall : 1, e.year ?? 2024);
    const partial = qualitativeGrade(actual) === 'partial' && indicator.points !== null ? ((Number(indicator.points) * 70) / 100).toFixed(2) : null;
    return { ...indicator, actual, ...(partial ? { score: partial } : {}) };
  });
  const filled: SelfEvaluation = {
    ...e,
    funds: { ...e.funds, executed, items: e.funds.items.map((item, k) => (k === 0 ? { ...item, executed } : item)), reason: Number(spent) < 0.9 ? '部分采购合同年底前未完成验收，尾款结转下年支付。' : '' },
    goals: e.goals.map((g) => ({ ...g, achieved: shortfall < 1 ? '主要任务按计划推进，个别指标未完全达到目标。' : '全年目标均已完成。' })),
    indicators,
    conclusion: shortfall < 1 ? '项目总体完成年度目标，个别指标未达预期。' : '项目全面完成年度目标。',
    problems: shortfall < 1 ? '个别任务启动较晚，进度前松后紧。' : '绩效指标的细化程度还可提高。',
    improvements: '年初细化任务分解，按季度开展绩效监控。',
  };
  // A cause and a measure exactly where the rules ask for one, as a department must.
  const { findings } = checkSelfEvaluation(filled);
  const needs = new Set(findings.filter((f) => f.rule === 'evaluation-deviation-unexplained').map((f) => Number(f.path.split('/')[2])));
  return { ...filled, indicators: filled.indicators.map((indicator, i) => (needs.has(i) ? { ...indicator, deviation: { reason: '年中任务调整，部分工作量顺延。', measures: '下年度提前安排，按月跟踪进度。' } } : indicator)) };
}

/** Self-evaluations of the 2024 forms, through the cycle. */
export async function seedDemoEvaluations(trx: Transaction<Database>, actors: DemoActors, departmentId: string): Promise<void> {
  const targets = await trx.selectFrom('documents').select(['id', 'kind', 'project_name']).where('kind', 'in', DOCUMENT_KINDS).where('department_id', '=', departmentId).where('year', '=', 2024).where('state', 'in', ['approved', 'published']).orderBy('kind').orderBy('project_name').execute();
  const plan: ReadonlyArray<{ shortfall: number; spent: string; steps: ReadonlyArray<'submit' | 'accept' | 'publish' | 'return'> }> = [
    { shortfall: 1, spent: '0.97', steps: ['submit', 'accept', 'publish'] },
    { shortfall: 0.9, spent: '0.92', steps: ['submit', 'accept', 'publish'] },
    { shortfall: 0.3, spent: '0.70', steps: ['submit', 'accept', 'publish'] },
    { shortfall: 1, spent: '1.00', steps: ['submit', 'accept', 'publish'] },
    { shortfall: 0.5, spent: '0.85', steps: ['submit', 'accept'] },
    { shortfall: 0.95, spent: '0.95', steps: ['submit', 'return'] },
  ];
  for (const [i, target] of targets.entries()) {
    const step = plan[i % plan.length];
    if (!step) continue;
    const id = await createEvaluation(trx, actors.editor, { targetId: target.id });
    const current = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', 1).executeTakeFirstOrThrow();
    await updateEvaluation(trx, actors.editor, id, { baseVersion: 1, content: fillEvaluation(current.content as SelfEvaluation, step.shortfall, step.spent), note: '演示数据：年度自评 (demo: the year scored)' });
    for (const action of step.steps) {
      if (action === 'return') await transitionEvaluation(trx, actors.reviewer, id, { action, reason: '请补充未达标指标的具体原因和数据来源。' });
      else if (action === 'accept') await transitionEvaluation(trx, actors.reviewer, id, { action });
      else await transitionEvaluation(trx, actors.approver, id, { action });
    }
  }
}
