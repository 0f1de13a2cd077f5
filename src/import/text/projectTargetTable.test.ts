/** A project form read from a workbook's cells, in layouts the text importer's fixtures do not show. */
import { describe, expect, it } from 'vitest';
import type { ProjectTargetDeclaration } from '../../core/projectTarget.ts';
import { importTables } from '../../table/importTables.ts';
import { sheetRef, type TableCell } from '../../table/sourceTable.ts';

function read(rows: string[][]): ProjectTargetDeclaration {
  const width = Math.max(...rows.map((r) => r.length));
  const cells: TableCell[][] = rows.map((row, r) => row.flatMap((text, c) => (text === '' ? [] : [{ text, row: r, col: c, rowSpan: 1, colSpan: row.length === 1 ? width : 1, ref: sheetRef('S', r, c) }])));
  const outcome = importTables({ format: 'xlsx', sheets: [{ name: 'S', rows: cells }] });
  if (!outcome.ok) throw new Error(outcome.message.en);
  return outcome.declaration as ProjectTargetDeclaration;
}

describe('a project form from its cells', () => {
  it('pairs a row of funds labels with the row of amounts under it', () => {
    const d = read([
      ['2025年度项目支出绩效目标申报表'],
      ['项目名称', '社区养老服务补贴', '主管部门', '示例民政局'],
      ['项目资金（万元）', '年度资金总额', '财政拨款', '其他资金'],
      ['', '120.50', '100.50', '20.00'],
      ['年度绩效目标', '为全区3000名老人提供居家养老服务补贴。', '', ''],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '补贴人数', '≥3000人'],
    ]);
    expect(d.funds).toEqual({ total: '120.50', fiscal: '100.50', other: '20.00', items: [{ label: '财政拨款', amount: '100.50' }, { label: '其他资金', amount: '20.00' }] });
    expect(d.indicators.map((i) => i.annualTarget)).toEqual(['≥3000人']);
    expect(d.unparsed).toEqual([]);
  });
});
