/**
 * Monitoring lights (issue 13): the lights and findings of 10,000 reports on one core, against
 * parsing their targets alone (what any computation of a light must do) in the same run.
 */
import { exampleReport } from '../src/core/monitoring/exampleReport.ts';
import { reportLights } from '../src/core/monitoring/lights.ts';
import { checkMonitoringReport } from '../src/core/monitoring/monitoringRules.ts';
import type { MonitoringReport } from '../src/core/monitoringReport.ts';
import { parseTargetValue } from '../src/core/targetValue.ts';
import { compare, formatRate } from './harness.ts';

const REPORTS = 10_000;

/** 10,000 reports: the example with its values varied, 4–12 indicators each, every light colour. */
function reports(): MonitoringReport[] {
  return Array.from({ length: REPORTS }, (_, i) => {
    const r = exampleReport();
    r.budget.executedToDate = `${(i * 7) % 100}.00`;
    const base = r.indicators;
    r.indicators = Array.from({ length: 4 + (i % 9) }, (_, k) => ({ ...(base[k % base.length] as MonitoringReport['indicators'][number]) }));
    r.indicators.forEach((indicator, k) => {
      if (k % 4 === 0) indicator.actualToDate = `${(i * 13 + k * 37) % 600}人次`;
    });
    return r;
  });
}

export function monitoringBench(): { markdown: string; ok: boolean } {
  const all = reports();
  let sink = 0;
  let at = 0;
  const baseline = (): void => {
    const r = all[at++ % all.length] as MonitoringReport;
    for (const indicator of r.indicators) sink += parseTargetValue(indicator.annualTarget).kind.length + parseTargetValue(indicator.actualToDate).kind.length;
  };
  const lightsOnly = (): void => {
    sink += reportLights(all[at++ % all.length] as MonitoringReport).perIndicator.length;
  };
  const full = (): void => {
    sink += checkMonitoringReport(all[at++ % all.length] as MonitoringReport).findings.length;
  };
  const lights = compare(lightsOnly, baseline);
  const checked = compare(full, baseline);
  if (sink < 0) throw new Error('unreachable');
  const ok = lights.subject.opsPerSecond >= 20_000;
  const markdown = [
    `${REPORTS.toLocaleString('en-US')} generated reports (the example report varied: 4–12 indicators, every light). Median of 5 alternating rounds of 0.4 s, one core.`,
    '',
    '| work | reports/s | baseline: parse the targets and actuals (reports/s) | relative |',
    '| --- | ---: | ---: | ---: |',
    `| \`reportLights\` (budget, every indicator, overall) | ${formatRate(lights.subject.opsPerSecond)} | ${formatRate(lights.baseline.opsPerSecond)} | ${(lights.baseline.opsPerSecond / lights.subject.opsPerSecond).toFixed(1)}× |`,
    `| \`checkMonitoringReport\` (lights and rules M1–M7) | ${formatRate(checked.subject.opsPerSecond)} | ${formatRate(checked.baseline.opsPerSecond)} | ${(checked.baseline.opsPerSecond / checked.subject.opsPerSecond).toFixed(1)}× |`,
    '',
    `Goal: computing the lights of reports ≥ 20,000 reports/s on one core — **${ok ? 'met' : 'NOT met'}**.`,
  ].join('\n');
  return { markdown, ok };
}
