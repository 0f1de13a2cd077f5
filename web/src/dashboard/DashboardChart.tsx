/**
 * The dashboard's charts, in their own chunk (ECharts is large): one option per table of
 * format/dashboardTables.ts, drawn from the same rows the table under it shows. Bar lengths are the
 * one place an amount becomes a float; every figure in words stays the API's exact string.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use as registerChartParts, type EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { STATE_NAMES, type DeclarationState } from '../../../src/core/workflow.ts';
import type { RegionDashboard } from '../../../src/format/apiTypes.ts';
import { budgetLineName, familyName, lightName, type DashboardTableKey } from '../../../src/format/dashboardTables.ts';
import { Chart } from '../charts/Chart.tsx';
import { useLocale } from '../i18n/locale.tsx';

registerChartParts([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, SVGRenderer]);

const LIGHT_COLOURS: Record<string, string> = { red: '#d4380d', yellow: '#faad14', green: '#389e0d', blue: '#1677ff', none: '#bfbfbf' };
const GRADE_COLOURS: Record<string, string> = { 优: '#389e0d', 良: '#1677ff', 中: '#faad14', 差: '#d4380d', none: '#bfbfbf' };
const STATES: readonly DeclarationState[] = ['draft', 'submitted', 'returned', 'approved', 'published'];
const float = (text: string | null): number => (text === null ? 0 : Number(text));
/** An amount in a tooltip with thousands separators and two decimals (a chart's value is a float already). */
const grouped = (value: number): string => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Pie labels wrap instead of being cut to 产出…. */
const PIE_LABEL = { width: 96, overflow: 'break' as const, lineHeight: 14 };

/** A department's bar is clicked: the page drills into it. */
export type Drill = (target: { kind: 'region' | 'department'; id: string }) => void;

export default function DashboardChart({ chart, dashboard, onDrill }: { chart: DashboardTableKey; dashboard: RegionDashboard; onDrill: Drill }) {
  const { t, lang } = useLocale();
  const bar = (names: string[], rotate = names.length > 6) => ({
    grid: { left: 8, right: 24, top: 32, bottom: names.length > 15 ? 36 : 8, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { width: 90, overflow: 'truncate', interval: 0, rotate: rotate ? 30 : 0 } },
    dataZoom: names.length > 15 ? [{ type: 'slider', start: 0, end: (15 / names.length) * 100, height: 14, bottom: 4 }] : [],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  });
  const option = useMemo<EChartsCoreOption>(() => {
    switch (chart) {
      case 'forms': {
        const kinds = ['department-target', 'project-target'] as const;
        return {
          ...bar(STATES.map((s) => STATE_NAMES[s][lang]), false),
          legend: { top: 0 },
          yAxis: { type: 'value', minInterval: 1 },
          series: kinds.map((kind) => ({ type: 'bar', stack: 'forms', name: kind === 'department-target' ? t('部门整体', 'Department-wide') : t('项目', 'Project'), data: STATES.map((s) => dashboard.formsByState.find((r) => r.kind === kind && r.state === s)?.n ?? 0) })),
        };
      }
      case 'findings': {
        const families = [...new Set(dashboard.findingsByFamily.map((f) => f.family))];
        return {
          ...bar(families.map((f) => familyName(f, lang)), false),
          legend: { top: 0 },
          yAxis: { type: 'value', minInterval: 1 },
          series: (['error', 'warning', 'info'] as const).map((severity) => ({
            type: 'bar',
            stack: 'findings',
            name: { error: t('错误', 'Errors'), warning: t('警告', 'Warnings'), info: t('提示', 'Notes') }[severity],
            itemStyle: { color: { error: '#d4380d', warning: '#faad14', info: '#8c8c8c' }[severity] },
            data: families.map((f) => dashboard.findingsByFamily.find((r) => r.family === f && r.severity === severity)?.n ?? 0),
          })),
        };
      }
      case 'budget': {
        const rows = dashboard.budgetByDepartment;
        return {
          ...bar(rows.map((r) => r.departmentName.replace(/^广州市..区/, ''))),
          // Amounts as forms print them: 7,250.05.
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${grouped(v)} ${t('万元', '(10k yuan)')}` },
          legend: { top: 0 },
          yAxis: { type: 'value', name: t('万元', '10k yuan') },
          series: [
            { type: 'bar', stack: 'budget', name: t('基本支出', 'Basic'), data: rows.map((r) => float(r.basic)) },
            { type: 'bar', stack: 'budget', name: t('项目支出', 'Projects'), data: rows.map((r) => float(r.project)) },
          ],
        };
      }
      case 'lines': {
        const categories = dashboard.budgetByLine.filter((l) => l.line.startsWith('category:'));
        return {
          tooltip: { trigger: 'item', valueFormatter: (v: number) => `${grouped(v)} ${t('万元', '(10k yuan)')}` },
          legend: { bottom: 0, type: 'scroll' },
          series: [{ type: 'pie', radius: ['30%', '58%'], center: ['50%', '45%'], label: PIE_LABEL, data: categories.map((l) => ({ name: budgetLineName(l.line, lang), value: float(l.amount) })) }],
        };
      }
      case 'lights':
        return {
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          legend: { bottom: 0 },
          series: [{ type: 'pie', radius: ['30%', '58%'], center: ['50%', '45%'], label: PIE_LABEL, data: dashboard.lights.counts.map((c) => ({ name: lightName(c.light, lang), value: c.n, itemStyle: { color: LIGHT_COLOURS[c.light] } })) }],
        };
      case 'grades':
        return {
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          legend: { bottom: 0 },
          series: [{ type: 'pie', radius: ['30%', '58%'], center: ['50%', '45%'], label: PIE_LABEL, data: dashboard.grades.map((g) => ({ name: g.grade === 'none' ? t('未提交', 'Not submitted') : g.grade, value: g.n, itemStyle: { color: GRADE_COLOURS[g.grade] } })) }],
        };
      case 'scores':
        return { ...bar(dashboard.scores.map((s) => s.band), false), yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', barMaxWidth: 48, name: t('份数', 'Evaluations'), data: dashboard.scores.map((s) => s.n) }] };
      case 'execution': {
        const rows = dashboard.execution;
        return {
          ...bar(rows.map((r) => r.departmentName.replace(/^广州市..区/, ''))),
          legend: { top: 0 },
          yAxis: { type: 'value', name: '%', max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10) },
          series: [
            { type: 'bar', name: t('监控执行率', 'Monitoring'), data: rows.map((r) => float(r.monitoring)) },
            { type: 'bar', name: t('年末执行率', 'Year-end'), data: rows.map((r) => float(r.evaluation)) },
          ],
        };
      }
      case 'children': {
        const rows = dashboard.children;
        return {
          ...bar(rows.map((r) => r.name.replace(/^广州市..区/, ''))),
          legend: { top: 0 },
          yAxis: [{ type: 'value', name: t('万元', '10k yuan') }, { type: 'value', name: t('错误', 'Errors'), minInterval: 1 }],
          series: [
            { type: 'bar', name: t('部门预算', 'Budget'), data: rows.map((r) => float(r.budget)), cursor: 'pointer' },
            { type: 'line', yAxisIndex: 1, name: t('错误', 'Errors'), data: rows.map((r) => r.errors) },
          ],
        };
      }
      case 'trends': {
        const rows = dashboard.trends;
        return {
          ...bar(rows.map((r) => String(r.year)), false),
          legend: { top: 0 },
          yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', name: t('分', 'points'), max: 100 }],
          series: [
            { type: 'bar', barMaxWidth: 40, name: t('申报表', 'Forms'), data: rows.map((r) => r.forms) },
            { type: 'line', yAxisIndex: 1, name: t('平均自评得分', 'Average score'), data: rows.map((r) => (r.averageScore === null ? null : float(r.averageScore))) },
            { type: 'line', name: t('每表错误', 'Errors per form'), data: rows.map((r) => float(r.errorsPerForm)) },
          ],
        };
      }
    }
  }, [chart, dashboard, lang, t]);
  const drill = (index: number) => {
    if (chart === 'children') {
      const row = dashboard.children[index];
      if (row) onDrill({ kind: row.kind, id: row.id });
    } else if (chart === 'budget' || chart === 'execution') {
      const row = chart === 'budget' ? dashboard.budgetByDepartment[index] : dashboard.execution[index];
      if (row) onDrill({ kind: 'department', id: row.departmentId });
    }
  };
  return <Chart option={option} label={t('图表', 'Chart')} testId={`dashboard-chart-${chart}`} onItemClick={drill} />;
}
