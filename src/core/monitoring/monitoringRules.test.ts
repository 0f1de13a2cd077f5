/** Each monitoring rule on its own examples: the bad one is found, the good one (the clean report) is not. */
import { describe, expect, it } from 'vitest';
import { exampleReport } from './exampleReport.ts';
import { checkMonitoringReport, MONITORING_RULES } from './monitoringRules.ts';

describe.each(MONITORING_RULES.map((rule) => [rule.code, rule.id, rule] as const))('%s %s', (_code, id, rule) => {
  it(`finds: ${rule.examples.bad.shows}`, () => {
    const report = exampleReport();
    rule.examples.bad.edit(report);
    expect(checkMonitoringReport(report).findings.map((f) => f.rule)).toContain(id);
  });

  it(`passes: ${rule.examples.good.shows}`, () => {
    const report = exampleReport();
    rule.examples.good.edit(report);
    expect(checkMonitoringReport(report).findings.filter((f) => f.rule === id)).toEqual([]);
  });

  it('says what it checks in both languages, with its source', () => {
    expect(rule.description.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(rule.description.en).toMatch(/[a-z]/);
    expect(rule.source.length).toBeGreaterThan(10);
  });
});

describe('checking a report', () => {
  it('finds nothing in the clean example', () => {
    expect(checkMonitoringReport(exampleReport()).findings).toEqual([]);
  });

  it('asks for reasons and measures exactly where the rules need them, naming the field', () => {
    const report = exampleReport();
    Object.assign(report.indicators[0] as object, { actualToDate: '100人次', likelihood: 'impossible' });
    const { findings } = checkMonitoringReport(report);
    expect(findings.filter((f) => f.rule === 'monitoring-deviation-unexplained').map((f) => f.path)).toEqual(['/indicators/0/deviation/categories', '/indicators/0/deviation/reason', '/indicators/0/deviation/measures']);
    expect(findings.find((f) => f.rule === 'monitoring-likelihood')?.path).toBe('/rectification/advice');
    Object.assign(report.indicators[0] as object, { deviation: { categories: ['人员保障'], reason: '师资不足，培训推迟', measures: '8月增开两期' } });
    report.rectification.advice = '调整培训计划';
    expect(checkMonitoringReport(report).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('takes a region’s settings: a rule off, or another severity', () => {
    const report = exampleReport();
    report.budget.executedToDate = '120.00';
    expect(checkMonitoringReport(report, undefined, { 'monitoring-budget-inconsistent': 'off' }).findings.map((f) => f.rule)).not.toContain('monitoring-budget-inconsistent');
    expect(checkMonitoringReport(report, undefined, { 'monitoring-budget-inconsistent': 'warning' }).findings.find((f) => f.rule === 'monitoring-budget-inconsistent')?.severity).toBe('warning');
  });
});
