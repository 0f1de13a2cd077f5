/** A clean monitoring report every monitoring rule passes: the base of the rules' examples and tests. */
import { noDeviation, type MonitoringReport } from '../monitoringReport.ts';

/** A 1–7月 report on a project form: every light green, every value filled. */
export function exampleReport(): MonitoringReport {
  return {
    schemaVersion: 1,
    kind: 'monitoring-report',
    title: '项目支出绩效运行监控表',
    year: 2025,
    department: '示例局',
    projectName: '基层业务培训',
    target: { id: null, kind: 'project-target', version: 3 },
    round: { name: '1–7月', through: '2025-07-31' },
    reportDate: '2025-08-05',
    budget: { annual: '100.00', executedToDate: '60.00', projectedAnnual: '98.00', reason: '' },
    indicators: [
      { level1: '产出指标', level2: '数量指标', name: '培训人次', annualTarget: '≥500人次', actualToDate: '300人次', stageTarget: null, projectedAnnual: '520人次', likelihood: 'certain', deviation: noDeviation(), light: null },
      { level1: '产出指标', level2: '质量指标', name: '培训合格率', annualTarget: '≥90%', actualToDate: '92%', stageTarget: null, projectedAnnual: '92%', likelihood: 'certain', deviation: noDeviation(), light: null },
      { level1: '产出指标', level2: '时效指标', name: '培训完成时间', annualTarget: '11月30日前', actualToDate: '已完成', stageTarget: null, projectedAnnual: '11月20日', likelihood: 'certain', deviation: noDeviation(), light: null },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '投诉次数', annualTarget: '≤2次', actualToDate: '0次', stageTarget: null, projectedAnnual: '1次', likelihood: 'certain', deviation: noDeviation(), light: null },
    ],
    lights: { budget: null, indicators: null, overall: null },
    rectification: { needed: false, advice: '', result: '' },
    unparsed: [],
  };
}
