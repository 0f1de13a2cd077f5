/**
 * The demo's in-year monitoring: a 1–7月 round of 2025 for Haizhu, with the reports of the approved
 * and published project forms in every state (to fill in, submitted, returned, accepted) and every
 * light colour, filled as a department would (values found with the same pure core that lights them).
 */
import type { Transaction } from 'kysely';
import { indicatorProgress, needsExplanation, projectionMisses } from '../core/monitoring/lights.ts';
import type { Light, MonitoringIndicator, MonitoringReport } from '../core/monitoringReport.ts';
import { parseTargetValue } from '../core/targetValue.ts';
import { ratio, ratioOf, times, toFixed2 } from '../core/monitoring/ratio.ts';
import type { Database } from '../store/schema.ts';
import type { DemoActors } from './demoProjects.ts';
import { openRound, transitionReport, updateReport } from './services/monitoring.ts';

export const THROUGH = '2025-07-31';

/** Values to try for an indicator, from far behind to well ahead. */
function candidates(annualTarget: string): string[] {
  const target = parseTargetValue(annualTarget);
  if (target.kind === 'quantity') {
    const unit = target.unit ?? '';
    const n = Number(target.value);
    const at = (k: number) => `${Number((n * k).toFixed(2))}${unit}`;
    if (target.operator === '≤' || target.operator === '<') return [`${Number((n * 2 + 1).toFixed(2))}${unit}`, `0${unit}`];
    return [at(0.2), at(0.45), at(0.55), at(0.62), at(0.85), at(1), at(1.05), at(1.2)];
  }
  if (target.kind === 'deadline') return ['未完成', '2025-06-30'];
  return ['未达成', '部分达成', '达成'];
}

/** The indicator filled to reach a light (or as near as its target allows), with reasons where it lags. */
export function fillTo(indicator: MonitoringIndicator, light: Light): MonitoringIndicator {
  const tries = candidates(indicator.annualTarget).map((actual) => ({ actual, light: indicatorProgress({ ...indicator, actualToDate: actual, stageTarget: null }, THROUGH).light }));
  const hit = tries.find((c) => c.light === light) ?? tries.find((c) => c.light === 'green') ?? tries[tries.length - 1];
  const actual = hit?.actual ?? '达成';
  const behind = hit?.light === 'red' || hit?.light === 'yellow';
  const target = indicator.annualTarget.replace(/^[≥≤=<>＞＜]+/, '');
  const projections = [/\d/.test(target) ? target : '达成', ...[...candidates(indicator.annualTarget)].reverse(), actual];
  // Far behind stays behind to the year's end; otherwise the first projection that meets the target.
  const projectedAnnual = hit?.light === 'red' ? actual : (projections.find((p) => !projectionMisses({ annualTarget: indicator.annualTarget, projectedAnnual: p })) ?? actual);
  const filled: MonitoringIndicator = {
    ...indicator,
    actualToDate: actual,
    projectedAnnual,
    likelihood: hit?.light === 'red' ? 'impossible' : behind ? 'possible' : 'certain',
  };
  // Explained exactly where the rules ask, as a department must.
  return needsExplanation(filled, THROUGH) ? { ...filled, deviation: { categories: ['人员保障'], reason: '上半年业务骨干调整，部分工作延后启动。', measures: '下半年增配人员，按月调度进度，9月底前追平。' } } : filled;
}

/** A report filled so that its worst indicator shows `light`, the rest on track, the budget spent at `spentShare`. */
export function fillReport(report: MonitoringReport, light: Light, spentShare: string): MonitoringReport {
  const annual = report.budget.annual ?? '0.00';
  const spent = toFixed2(times(ratioOf(annual) ?? ratio(0n), ratioOf(spentShare) ?? ratio(0n)));
  const lagging = report.indicators.findIndex((i) => candidates(i.annualTarget).length > 3);
  return {
    ...report,
    reportDate: '2025-08-08',
    budget: { ...report.budget, executedToDate: spent, projectedAnnual: annual, reason: light === 'red' ? '项目采购流程延后，合同款尚未支付。' : '' },
    indicators: report.indicators.map((indicator, i) => fillTo(indicator, i === lagging ? light : light === 'blue' ? 'blue' : 'green')),
  };
}

/** Opens the demo round and takes its reports through the cycle. */
export async function seedDemoMonitoring(trx: Transaction<Database>, actors: DemoActors, regionId: string): Promise<void> {
  await openRound(trx, actors.reviewer, { regionId, year: 2025, name: '1–7月', through: THROUGH, due: '2025-08-15' });
  const reports = await trx.selectFrom('documents').select(['id', 'current_version']).where('kind', '=', 'monitoring-report').orderBy('project_name').execute();
  const plan: ReadonlyArray<{ light: Light; spent: string; steps: ReadonlyArray<'submit' | 'return' | 'accept'> }> = [
    { light: 'red', spent: '0.30', steps: ['submit', 'accept'] },
    { light: 'blue', spent: '0.70', steps: ['submit'] },
    { light: 'yellow', spent: '0.45', steps: ['submit', 'return'] },
    { light: 'green', spent: '0.55', steps: [] },
  ];
  for (const [i, report] of reports.entries()) {
    const step = plan[i % plan.length];
    if (!step) continue;
    const current = await trx.selectFrom('document_versions').select('content').where('document_id', '=', report.id).where('version', '=', report.current_version).executeTakeFirstOrThrow();
    await updateReport(trx, actors.editor, report.id, { baseVersion: report.current_version, content: fillReport(current.content as MonitoringReport, step.light, step.spent), note: '演示数据：1–7月执行情况 (demo: January–July)' });
    for (const action of step.steps) {
      if (action === 'submit') await transitionReport(trx, actors.approver, report.id, { action });
      else if (action === 'return') await transitionReport(trx, actors.reviewer, report.id, { action, reason: '黄灯指标的阶段性目标未填写，请补充并核实完成值。' });
      else await transitionReport(trx, actors.reviewer, report.id, { action, advice: '预算执行严重滞后：暂缓下达下半年资金，9月30日前报送整改情况。' });
    }
  }
}
