/** A monitoring report prefilled from the approved target form it measures. */
import { documentTotal, type TargetDocument } from '../document.ts';
import { emptyMonitoringReport, noDeviation, type MonitoringIndicator, type MonitoringReport } from '../monitoringReport.ts';

/** The annual target as the report prints it: a project form's separate unit column joined to the value. */
function printedTarget(annualTarget: string, unit: string | null): string {
  return annualTarget !== '' && unit && !annualTarget.endsWith(unit) ? `${annualTarget}${unit}` : annualTarget;
}

/** The report for a target form (at a version) and a round: its indicators and budget copied, nothing filled. */
export function prefillReport(target: TargetDocument, ref: { id: string; version: number }, round: MonitoringReport['round']): MonitoringReport {
  const report = emptyMonitoringReport({ id: ref.id, kind: target.kind, version: ref.version }, round);
  const indicators: MonitoringIndicator[] = target.indicators.map((indicator) => ({
    level1: indicator.level1,
    level2: indicator.level2,
    name: indicator.name,
    annualTarget: printedTarget(indicator.annualTarget, 'core' in indicator ? indicator.unit : null),
    actualToDate: '',
    stageTarget: null,
    projectedAnnual: '',
    likelihood: null,
    deviation: noDeviation(),
    light: null,
  }));
  const project = target.kind === 'project-target';
  return {
    ...report,
    title: project ? '项目支出绩效运行监控表' : '部门整体绩效运行监控表',
    year: target.year ?? report.year,
    department: target.department,
    projectName: project ? target.project.name : null,
    budget: { ...report.budget, annual: documentTotal(target) },
    indicators,
  };
}

/**
 * A report with the parts that come from the target and the round put back: a department fills in
 * actual values, projections and reasons, but cannot change what it is measured against.
 */
export function lockTargetParts(submitted: MonitoringReport, prefilled: MonitoringReport): MonitoringReport {
  const byKey = new Map(submitted.indicators.map((indicator, i) => [`${i}\u0000${indicator.name}`, indicator]));
  const indicators = prefilled.indicators.map((locked, i) => {
    const given = byKey.get(`${i}\u0000${locked.name}`);
    if (!given) return locked;
    return { ...given, level1: locked.level1, level2: locked.level2, name: locked.name, annualTarget: locked.annualTarget };
  });
  return {
    ...submitted,
    kind: 'monitoring-report',
    schemaVersion: prefilled.schemaVersion,
    target: prefilled.target,
    round: prefilled.round,
    year: prefilled.year,
    department: prefilled.department,
    projectName: prefilled.projectName,
    title: prefilled.title,
    budget: { ...submitted.budget, annual: prefilled.budget.annual },
    indicators,
  };
}

const key = (name: string) => name.replace(/[\s\u3000:：（）()]/g, '');

/**
 * The values of a report filled elsewhere (an Excel sheet sent back by the department) put into the
 * report Jixiao made: indicators matched by name, the rest named so nothing is silently dropped.
 */
export function fillFrom(report: MonitoringReport, filled: MonitoringReport): { report: MonitoringReport; matched: number; unmatched: string[] } {
  const given = new Map<string, MonitoringIndicator>();
  for (const indicator of filled.indicators) if (!given.has(key(indicator.name))) given.set(key(indicator.name), indicator);
  const used = new Set<string>();
  const indicators = report.indicators.map((indicator) => {
    const match = given.get(key(indicator.name));
    if (!match) return indicator;
    used.add(key(indicator.name));
    return { ...indicator, actualToDate: match.actualToDate, stageTarget: match.stageTarget ?? indicator.stageTarget, projectedAnnual: match.projectedAnnual, likelihood: match.likelihood ?? indicator.likelihood, deviation: match.deviation };
  });
  const budget = {
    ...report.budget,
    executedToDate: filled.budget.executedToDate ?? report.budget.executedToDate,
    projectedAnnual: filled.budget.projectedAnnual ?? report.budget.projectedAnnual,
    reason: filled.budget.reason || report.budget.reason,
  };
  const unmatched = filled.indicators.filter((i) => !used.has(key(i.name))).map((i) => i.name);
  return { report: { ...report, budget, indicators, reportDate: filled.reportDate ?? report.reportDate }, matched: used.size, unmatched };
}
