/**
 * The in-year monitoring report (绩效运行监控表, "双监控") as plain data: for one approved or published
 * target form (a project's or the department's) and one round (the data cutoff), how far the money
 * has been spent and how far each indicator has got, the projections to the year's end, the reasons
 * for deviations and the traffic lights. See docs/format-monitoring.md.
 *
 * Actual values are typed like targets (the same grammar: numbers with units, dates, and the grades
 * 达成 / 部分达成 / 未达成), so that each can be compared with its target.
 */
import { SCHEMA_VERSION, type Amount, type UnparsedText } from './document.ts';
import type { DocumentKind } from './document.ts';

/** A traffic light: red (behind), yellow (at risk), green (on track), blue (well ahead). */
export type Light = 'red' | 'yellow' | 'green' | 'blue';
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'blue'];

/** The words shown with each colour, for readers who cannot tell the colours apart. */
export const LIGHT_NAMES: Record<Light, { zh: string; en: string }> = {
  red: { zh: '红灯（严重滞后）', en: 'red (well behind)' },
  yellow: { zh: '黄灯（进度偏慢）', en: 'yellow (behind)' },
  green: { zh: '绿灯（正常）', en: 'green (on track)' },
  blue: { zh: '蓝灯（超进度）', en: 'blue (ahead)' },
};

/** 完成目标可能性. */
export type Likelihood = 'certain' | 'possible' | 'impossible';
export const LIKELIHOOD_NAMES: Record<Likelihood, { zh: string; en: string }> = {
  certain: { zh: '确定能', en: 'certain' },
  possible: { zh: '有可能', en: 'possible' },
  impossible: { zh: '完全不可能', en: 'impossible' },
};

/** 偏差原因类别 (财预〔2019〕136号 annex). */
export const DEVIATION_CATEGORIES = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'] as const;
export type DeviationCategory = (typeof DEVIATION_CATEGORIES)[number];

/** What the department says about an indicator (or the budget) that deviates. */
export interface Deviation {
  categories: DeviationCategory[];
  /** 偏差原因分析 */
  reason: string;
  /** 纠偏措施 / 整改措施 */
  measures: string;
}

/** One indicator of the target form with its progress. Values are as typed, like targets. */
export interface MonitoringIndicator {
  level1: string | null;
  level2: string | null;
  name: string;
  /** 年度指标值, as the target form printed it. */
  annualTarget: string;
  /** 1–7月执行情况 / 截至目前完成值. */
  actualToDate: string;
  /** 阶段性目标: what the indicator should have reached by the cutoff (milestones, rates); null when the time share applies. */
  stageTarget: string | null;
  /** 全年预计完成情况. */
  projectedAnnual: string;
  likelihood: Likelihood | null;
  deviation: Deviation;
  /** The light as reported (a report made elsewhere may carry its own); Jixiao recomputes it. */
  light: Light | null;
}

/** A monitoring report on one target form and one round. */
export interface MonitoringReport {
  schemaVersion: typeof SCHEMA_VERSION;
  kind: 'monitoring-report';
  title: string | null;
  year: number | null;
  department: string | null;
  /** The project's name, for a report on a project form; null for the department-wide form. */
  projectName: string | null;
  /** The target form measured: its id in Jixiao (null for a report made elsewhere), kind and version. */
  target: { id: string | null; kind: DocumentKind; version: number | null };
  /** The round: its name (1–7月) and the data cutoff (YYYY-MM-DD). */
  round: { name: string; through: string };
  /** 填报日期 (YYYY-MM-DD), when given. */
  reportDate: string | null;
  /** 万元, exact: the year's budget, spent to the cutoff, projected for the year, and why it lags. */
  budget: { annual: Amount; executedToDate: Amount; projectedAnnual: Amount; reason: string };
  indicators: MonitoringIndicator[];
  /** The lights as reported; Jixiao recomputes them (core/monitoring/lights.ts). */
  lights: { budget: Light | null; indicators: Light | null; overall: Light | null };
  /** 是否需要整改, 整改意见 and 整改结果. */
  rectification: { needed: boolean; advice: string; result: string };
  unparsed: UnparsedText[];
}

/** An empty deviation. */
export function noDeviation(): Deviation {
  return { categories: [], reason: '', measures: '' };
}

/** A report with nothing filled in, for a target form and a round. */
export function emptyMonitoringReport(target: MonitoringReport['target'], round: MonitoringReport['round']): MonitoringReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'monitoring-report',
    title: '绩效运行监控表',
    year: Number(round.through.slice(0, 4)) || null,
    department: null,
    projectName: null,
    target,
    round,
    reportDate: null,
    budget: { annual: null, executedToDate: null, projectedAnnual: null, reason: '' },
    indicators: [],
    lights: { budget: null, indicators: null, overall: null },
    rectification: { needed: false, advice: '', result: '' },
    unparsed: [],
  };
}
