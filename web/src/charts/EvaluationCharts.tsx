/**
 * The overview's two charts, in their own chunk (ECharts is large): the grade distribution and each
 * department's budget execution rate.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use as registerChartParts, type EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EVALUATION_GRADES } from '../../../src/core/selfEvaluation.ts';
import type { EvaluationOverview } from '../../../src/format/apiTypes.ts';
import { gradeName } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';
import { Chart } from './Chart.tsx';

registerChartParts([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const COLOURS: Record<string, string> = { 优: '#389e0d', 良: '#1677ff', 中: '#faad14', 差: '#d4380d' };

/** Bar lengths only: the figures in words stay the API's exact strings. */
const length = (text: string | null) => (text === null ? 0 : Number(text));

export default function EvaluationCharts({ overview }: { overview: EvaluationOverview }) {
  const { t } = useLocale();
  const grades = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '62%'], data: EVALUATION_GRADES.map((g) => ({ name: gradeName(g, t), value: overview.counts.byGrade[g], itemStyle: { color: COLOURS[g] } })).filter((d) => d.value > 0) }],
  }), [overview, t]);
  const rates = overview.execution.map((e) => ({ name: e.departmentName, rate: e.annual && length(e.annual) > 0 ? (length(e.executed) / length(e.annual)) * 100 : 0 }));
  const execution = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v.toFixed(2)}%` },
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rates.map((r) => r.name), axisLabel: { width: 100, overflow: 'truncate', rotate: rates.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: '%', max: 100 },
    series: [{ type: 'bar', barMaxWidth: 48, name: t('预算执行率', 'Execution'), data: rates.map((r) => ({ value: Number(r.rate.toFixed(2)), itemStyle: { color: r.rate < 60 ? '#d4380d' : r.rate < 90 ? '#faad14' : '#389e0d' } })) }],
  }), [rates, t]);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 16 }}>
      <Chart option={grades} label={t('自评等级分布', 'Grades')} testId="grade-chart" />
      <Chart option={execution} label={t('各部门预算执行率', 'Execution rate by department')} testId="execution-rate-chart" />
    </div>
  );
}
