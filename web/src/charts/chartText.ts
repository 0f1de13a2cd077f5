/**
 * Text in a chart's HTML. ECharts draws tooltips as HTML: its string templates (`'{b}: {c}'`) and its
 * default tooltips escape the names they put in, but a function formatter's string goes in as markup —
 * a department named `<img src=x onerror=…>` would run in the page of whoever hovers its bar. Every
 * function formatter under charts/ and dashboard/ builds its text with `chartText` (a test checks),
 * which escapes with ECharts' own encoder. Labels drawn by the SVG renderer are text nodes already.
 */
import { format } from 'echarts/core';

/** A name or figure as text inside a tooltip's HTML. */
export function chartText(value: string | number | null | undefined): string {
  return format.encodeHTML(value === null || value === undefined ? '' : String(value));
}

/** The round page's execution bar, as its tooltip says it: the department, its rate and money, the time elapsed. */
export function executionTooltip(
  row: { departmentName: string; projectName?: string | null; rate: string | null; executed: string | null; annual: string | null },
  timeElapsed: string,
  t: (zh: string, en: string) => string,
): string {
  // Each bar is a report: the department-wide one and its projects' told apart by name.
  const what = row.projectName === undefined ? '' : row.projectName ? ` · ${chartText(row.projectName)}` : chartText(t(' · 部门整体', ' · department-wide'));
  return `${chartText(row.departmentName)}${what}<br/>${chartText(t('执行率', 'Execution'))} ${chartText(row.rate ?? '—')}%（${chartText(row.executed ?? '—')} / ${chartText(row.annual ?? '—')} ${chartText(t('万元', '10k yuan'))}）<br/>${chartText(t('时间进度', 'Time elapsed'))} ${chartText(timeElapsed)}%`;
}
