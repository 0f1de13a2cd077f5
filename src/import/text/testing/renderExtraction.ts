/**
 * Test support: renders a declaration the way a PDF text extraction of the published form lays it
 * out (the seed's layout), with chosen column widths and page breaks. Property tests import the
 * rendering back and expect the same declaration.
 */
import type { DepartmentTargetDeclaration, Indicator } from '../../../core/declaration.ts';
import { formatMoneyGrouped, money } from '../../../core/money.ts';
import { charWidth, displayWidth } from '../sourceText.ts';

/** Column widths (in display columns) and page layout of a rendering. */
export interface ExtractionLayout {
  readonly projectName: number;
  readonly projectContent: number;
  readonly outcome: number;
  readonly goal: number;
  readonly indicatorName: number;
  readonly periodTarget: number;
  readonly annualTarget: number;
  /** Projects printed on the first page; the rest continue after the first page's outcomes. */
  readonly projectsOnFirstPage: number;
  /** Indicator rows after which a page break repeats the table heading and current labels. */
  readonly indicatorPageBreaks: readonly number[];
  /** Put a blank line between every two lines, as many extractors do. */
  readonly blankBetweenLines: boolean;
  /** Print a page number line (第 N 页) at each page break. */
  readonly pageNumbers: boolean;
}

/** The seed's own widths. */
export const SEED_LAYOUT: ExtractionLayout = {
  projectName: 20,
  projectContent: 44,
  outcome: 54,
  goal: 153,
  indicatorName: 30,
  periodTarget: 26,
  annualTarget: 28,
  projectsOnFirstPage: 8,
  indicatorPageBreaks: [20],
  blankBetweenLines: true,
  pageNumbers: false,
};

/** Wraps text greedily at a display width, as a PDF table cell does. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (currentWidth + w > width && current !== '') {
      lines.push(current);
      current = '';
      currentWidth = 0;
    }
    current += ch;
    currentWidth += w;
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** Renders the declaration as extracted text. */
export function renderExtraction(d: DepartmentTargetDeclaration, layout: ExtractionLayout): string {
  const out: string[] = [];
  let page = 1;
  const emit = (...lines: string[]): void => {
    out.push(...lines);
  };
  const pageBreak = (): void => {
    emit('');
    if (layout.pageNumbers) emit(`第 ${page} 页`);
    page++;
    emit('');
  };
  const amount = (value: string | null): string => (value === null ? '' : formatMoneyGrouped(money(value)));
  const b = d.budget;

  emit(
    '部门预算支出 预算金额（万元） 收入来源',
    `基本支出 ${amount(b.basic)} 财政拨款`,
    `项目支出 ${amount(b.project)} 其他资金`,
    '事业发展性支出 预算金额（万元） 按预算级次划分',
    `财政专项资金 ${amount(b.developmental.specialFiscal)} 区本级使用资金`,
    `其他事业发展性支出 ${amount(b.developmental.other)} 拟用于对下转移支付资金`,
    '名称 主要实施内容 拟投入的资金（万元）',
  );
  const firstPage = d.projects.slice(0, layout.projectsOnFirstPage);
  const secondPage = d.projects.slice(layout.projectsOnFirstPage);
  const projectRows = (projects: typeof d.projects): void => {
    for (const p of projects) emit(...wrap(p.name, layout.projectName), ...wrap(p.content, layout.projectContent), amount(p.amount));
  };
  projectRows(firstPage);
  emit(d.title ?? '部门整体预算绩效目标申报表', `部门名称 ${d.department ?? ''}`, '预算整体情况');
  emit('预算金额（万元）', amount(b.income.fiscal), amount(b.income.other));
  emit('预算金额（万元）', amount(b.byLevel.ownLevel), amount(b.byLevel.transferDown));
  emit('总体绩效目标');
  d.goals.forEach((goal, i) => emit(...wrap(`目标${i + 1}：${goal}`, layout.goal)));
  emit('年度重点工作', '任务', '期望达到的目标（概述）');
  for (const p of firstPage) emit(...wrap(p.expectedOutcome, layout.outcome));
  if (secondPage.length > 0) {
    pageBreak();
    projectRows(secondPage);
    emit('二级指标 三级指标 实施周期指标值 年度指标值', '年度重点工作', '任务');
    for (const p of secondPage) emit(...wrap(p.expectedOutcome, layout.outcome));
  }
  emit('其他需完成的', '任务（可选', '填）');
  for (const task of d.otherTasks) emit(...wrap(task, layout.outcome));
  emit('绩效指标', '一级指标');
  renderIndicators(d, layout, emit, pageBreak);

  const lines = out.filter((line) => line !== '' || !layout.blankBetweenLines);
  return `${layout.blankBetweenLines ? lines.flatMap((line) => ['', line]).join('\n') : lines.join('\n')}\n`;
}

function renderIndicators(d: DepartmentTargetDeclaration, layout: ExtractionLayout, emit: (...lines: string[]) => void, pageBreak: () => void): void {
  // Empty groups go at the end of their first-level block, or at the very end.
  const groups: Array<{ level1: string | null; level2: string | null; rows: Indicator[] }> = [];
  for (const indicator of d.indicators) {
    const last = groups[groups.length - 1];
    if (last && last.level1 === indicator.level1 && last.level2 === indicator.level2) last.rows.push(indicator);
    else groups.push({ level1: indicator.level1, level2: indicator.level2, rows: [indicator] });
  }
  for (const [level1, level2] of d.emptyLevel2) {
    let at = groups.length;
    for (let i = groups.length - 1; i >= 0; i--) {
      if (groups[i]?.level1 === level1) {
        at = i + 1;
        break;
      }
    }
    groups.splice(at, 0, { level1, level2, rows: [] });
  }
  let level1: string | null = null;
  let rowNumber = 0;
  for (const group of groups) {
    if (group.level1 !== level1 && group.level1 !== null) emit(group.level1);
    level1 = group.level1;
    if (group.level2 !== null) emit(group.level2);
    for (const row of group.rows) {
      emit(...renderRow(row, layout));
      rowNumber++;
      if (layout.indicatorPageBreaks.includes(rowNumber)) {
        pageBreak();
        emit('绩效指标');
        if (group.level1 !== null) emit(group.level1);
        if (group.level2 !== null) emit(group.level2);
      }
    }
  }
}

function renderRow(row: Indicator, layout: ExtractionLayout): string[] {
  const fits =
    displayWidth(row.name) <= layout.indicatorName &&
    displayWidth(row.periodTarget) <= layout.periodTarget &&
    displayWidth(row.annualTarget) <= layout.annualTarget;
  if (fits) return [`${row.name} ${row.periodTarget} ${row.annualTarget}`];
  const name = wrap(row.name, layout.indicatorName);
  const targetsFit = displayWidth(row.periodTarget) <= layout.periodTarget && displayWidth(row.annualTarget) <= layout.annualTarget;
  if (targetsFit) return [...name, `${row.periodTarget} ${row.annualTarget}`];
  return [...name, ...wrap(row.periodTarget, layout.periodTarget), ...wrap(row.annualTarget, layout.annualTarget)];
}
