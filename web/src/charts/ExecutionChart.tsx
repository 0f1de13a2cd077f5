/**
 * Budget execution per report against the time elapsed at the cutoff (the round page), in its own
 * chunk (ECharts is large): a bar per report — a department's, and each of its projects', named so —
 * coloured by its light, and a line at the time share.
 */
import { BarChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { use as registerChartParts, type EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import type { RoundOverview } from '../../../src/format/apiTypes.ts';
import { useLocale } from '../i18n/locale.tsx';
import { Chart } from './Chart.tsx';
import { executionTooltip } from './chartText.ts';

registerChartParts([BarChart, GridComponent, TooltipComponent, MarkLineComponent, DataZoomComponent, SVGRenderer]);

/** Bar lengths only: the figures shown in words stay the exact strings of the API. */
const length = (percent: string | null): number => (percent === null ? 0 : Number(percent));

export default function ExecutionChart({ execution, timeElapsed }: { execution: RoundOverview['execution']; timeElapsed: string }) {
  const { t } = useLocale();
  const rows = useMemo(() => [...execution].sort((a, b) => length(a.rate) - length(b.rate)), [execution]);
  const option = useMemo<EChartsCoreOption>(() => {
    // A project's bar says its project; the department-wide one its department (a district's departments share a prefix).
    const label = (r: (typeof rows)[number]) => (r.projectName ? r.projectName : `${r.departmentName.replace(/^广州市..区/, '')}${t('（部门整体）', ' (dept.)')}`);
    const elapsed = length(timeElapsed);
    const colour = (rate: number) => (rate < elapsed * 0.6 ? '#d4380d' : rate < elapsed * 0.8 ? '#faad14' : '#389e0d');
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number }>) => {
          const row = rows[params[0]?.dataIndex ?? 0];
          // The tooltip is HTML: names go in escaped (a department may be named with markup).
          return row ? executionTooltip(row, timeElapsed, t) : '';
        },
      },
      grid: { left: 8, right: 48, top: 24, bottom: rows.length > 20 ? 40 : 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { width: 90, overflow: 'truncate', interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: '%', max: (value: { max: number }) => Math.max(100, Math.ceil(value.max / 10) * 10) },
      dataZoom: rows.length > 20 ? [{ type: 'slider', start: 0, end: Math.max(5, (20 / rows.length) * 100), height: 16, bottom: 4 }] : [],
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          name: t('预算执行率', 'Execution'),
          data: rows.map((r) => ({ value: length(r.rate), itemStyle: { color: colour(length(r.rate)) } })),
          markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#595959' }, label: { position: 'insideEndTop', formatter: `${t('时间进度', 'time elapsed')} ${timeElapsed}%` }, data: [{ yAxis: elapsed }] },
        },
      ],
    };
  }, [rows, timeElapsed, t]);
  const summary = t(`各监控表预算执行率与时间进度 ${timeElapsed}% 的对比，共 ${rows.length} 份`, `Budget execution of ${rows.length} reports against ${timeElapsed}% of the year elapsed`);
  return <Chart option={option} label={summary} testId="execution-chart" height={300} />;
}
