/**
 * The home page's two charts, in their own chunk (ECharts is large): budget by department (basic vs
 * project, stacked) and indicators by first-level class. Only the ECharts parts used are bundled.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use as registerChartParts, type EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import type { YearStatistics } from '../api/types.ts';
import { className } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';
import { Chart } from './Chart.tsx';

registerChartParts([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/**
 * Chart heights only: amounts stay exact decimal strings everywhere else; a bar's length is the one
 * place a float is the right type.
 */
const toNumber = (amount: string | null): number => (amount === null ? 0 : Number(amount));

export default function HomeCharts({ statistics }: { statistics: YearStatistics }) {
  const { t } = useLocale();
  const departments = statistics.budgetByDepartment;
  // Options are rebuilt only when the figures or the language change: a new option re-draws the chart.
  const budgetOption = useMemo<EChartsCoreOption>(() => ({
    // Amounts as forms print them: 2,507.50.
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${t('万元', '(10k yuan)')}` },
    legend: { data: [t('基本支出', 'Basic'), t('项目支出', 'Projects')], top: 0, left: 'center' },
    // Room under the legend, so that it never sits on the axis name.
    grid: { left: 8, right: 40, bottom: 8, top: 56, containLabel: true },
    xAxis: { type: 'value', name: t('万元', '10k yuan'), nameLocation: 'end', nameGap: 8, nameTextStyle: { padding: [28, 0, 0, 0] } },
    yAxis: { type: 'category', data: departments.map((d) => d.departmentName), axisLabel: { width: 180, overflow: 'truncate' } },
    series: [
      { name: t('基本支出', 'Basic'), type: 'bar', stack: 'budget', data: departments.map((d) => toNumber(d.basic)) },
      { name: t('项目支出', 'Projects'), type: 'bar', stack: 'budget', data: departments.map((d) => toNumber(d.project)) },
    ],
  }), [departments, t]);
  const indicatorOption = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '62%'],
        // Each slice says its count, not only its share; a long class name wraps rather than being cut.
        label: { formatter: '{b}\n{c}', width: 96, overflow: 'break' },
        data: statistics.indicatorsByLevel1.map((l) => ({ name: l.level1 === null ? t('（未分类）', '(unclassified)') : className(l.level1, t), value: l.count })),
      },
    ],
  }), [statistics.indicatorsByLevel1, t]);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: 16 }}>
      <section aria-label={t('各部门预算', 'Budget by department')}>
        <h2 style={{ fontSize: 16 }}>{t('各部门预算（基本支出 / 项目支出）', 'Budget by department (basic / projects)')}</h2>
        <Chart height={320} option={budgetOption} label={t('各部门预算柱状图', 'bar chart of budget by department')} />
      </section>
      <section aria-label={t('指标按一级指标分布', 'Indicators by first-level class')}>
        <h2 style={{ fontSize: 16 }}>{t('绩效指标按一级指标分布', 'Indicators by first-level class')}</h2>
        <Chart height={320} option={indicatorOption} label={t('指标分布饼图', 'pie chart of indicators by class')} />
      </section>
    </div>
  );
}
