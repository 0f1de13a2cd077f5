/**
 * The assessment's score sheet as an official form (评分表): one row per criterion with nothing below
 * it, its first- and second-level criteria beside it, points, standard, the self-score and the
 * aggregate, then the first-level sums and the total — for the PDF, the Excel file and the print view.
 * The report (report.ts) is the longer document.
 */
import { PURPOSE_NAMES, type Assessment } from '../../core/assessment/assessment.ts';
import { criteriaTree } from '../../core/assessment/scoring.ts';
import type { CellRole, FormLayout, LayoutCell } from '../../layout/officialLayout.ts';
import { sheetRef } from '../../table/sourceTable.ts';

const SHEET = '评分表';

/** The text of a criterion's standard, in a line. */
export function standardText(standard: Assessment['template']['criteria'][number]['standard']): string {
  if (standard.type === 'bands') return standard.text || standard.bands.map((b) => `${b.name} ${b.from}%–${b.to}%`).join('；');
  return standard.text;
}

export function assessmentLayout(content: Assessment): FormLayout {
  const rows: LayoutCell[][] = [];
  const put = (row: LayoutCell[], col: number, text: string, role: CellRole, span: { colSpan?: number } = {}) => row.push({ text, row: rows.length, col, rowSpan: 1, colSpan: span.colSpan ?? 1, ref: sheetRef(SHEET, rows.length, col), role });
  const line = (fill: (row: LayoutCell[]) => void) => {
    const row: LayoutCell[] = [];
    fill(row);
    rows.push(row);
  };
  line((r) => put(r, 0, content.title || PURPOSE_NAMES[content.purpose].zh, 'title', { colSpan: 7 }));
  line((r) => {
    put(r, 0, '评价对象', 'label');
    put(r, 1, `${content.subject.name}${content.subject.department ? `（${content.subject.department}）` : ''}`, 'text', { colSpan: 3 });
    put(r, 4, '金额（万元）', 'label');
    put(r, 5, content.subject.amount ?? '', 'amount', { colSpan: 2 });
  });
  const header = rows.length;
  line((r) => ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评分', '得分'].forEach((h, i) => put(r, i, h, 'header')));
  const tree = criteriaTree(content.template.criteria);
  const results = new Map((content.result?.criteria ?? []).map((c) => [c.id, c]));
  const ancestry = (id: string): string[] => {
    const names: string[] = [];
    let at = tree.byId.get(id);
    while (at) {
      names.unshift(at.name);
      at = at.parent === null ? undefined : tree.byId.get(at.parent);
    }
    return names;
  };
  for (const c of content.template.criteria) {
    if ((tree.children.get(c.id)?.length ?? 0) > 0 || !tree.level.has(c.id)) continue;
    const names = ancestry(c.id);
    const r = results.get(c.id);
    line((row) => {
      put(row, 0, names[0] ?? '', 'class');
      put(row, 1, names.length > 2 ? (names[1] ?? '') : '', 'text');
      put(row, 2, names.length > 2 ? names.slice(2).join(' / ') : names.length === 2 ? (names[1] ?? '') : '', 'text');
      put(row, 3, c.weight, 'amount');
      put(row, 4, standardText(c.standard), 'text');
      put(row, 5, r?.self ?? '', 'amount');
      put(row, 6, r?.score ?? '', 'amount');
    });
  }
  for (const level of content.result?.levels ?? []) {
    line((row) => {
      put(row, 0, `${level.name}小计`, 'label', { colSpan: 3 });
      put(row, 3, level.weight, 'amount');
      put(row, 4, '', 'text', { colSpan: 2 });
      put(row, 6, level.score ?? '', 'amount');
    });
  }
  line((row) => {
    put(row, 0, '总分', 'label', { colSpan: 3 });
    put(row, 3, content.result?.grade ? `等级：${content.result.grade}` : '', 'text', { colSpan: 3 });
    put(row, 6, content.result?.total ?? '', 'amount');
  });
  return { sheetName: SHEET, runningHead: content.title, columns: 7, widths: [10, 12, 16, 6, 36, 7, 7], rows, header: { from: header, to: header }, classColumn: 0 };
}
