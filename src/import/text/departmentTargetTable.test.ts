/**
 * The department form read from its cells, as workbooks of other regions lay it out: labels beside
 * their amounts, a header of two rows, the value split into 指标性质 / 指标值 / 计量单位, merged class
 * cells, notes under the table.
 */
import { describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../../core/declaration.ts';
import { importTables } from '../../table/importTables.ts';
import { sheetRef, type TableCell } from '../../table/sourceTable.ts';

/** A sheet from rows of cells: a string, or [text, colSpan, rowSpan]; null leaves a position free. */
function sheet(rows: ReadonlyArray<ReadonlyArray<string | [string, number, number?] | null>>): { format: 'xlsx'; sheets: [{ name: string; rows: TableCell[][] }] } {
  const covered = new Set<string>();
  const out: TableCell[][] = rows.map((row, r) => {
    const cells: TableCell[] = [];
    let c = 0;
    for (const spec of row) {
      while (covered.has(`${r},${c}`)) c++;
      if (spec === null) {
        c++;
        continue;
      }
      const [text, colSpan = 1, rowSpan = 1] = typeof spec === 'string' ? [spec] : spec;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) covered.add(`${r + dr},${c + dc}`);
      cells.push({ text, row: r, col: c, rowSpan, colSpan, ref: sheetRef('表1', r, c) });
      c += colSpan;
    }
    return cells;
  });
  return { format: 'xlsx', sheets: [{ name: '表1', rows: out }] };
}

function read(rows: Parameters<typeof sheet>[0]): DepartmentTargetDeclaration {
  const outcome = importTables(sheet(rows));
  if (!outcome.ok) throw new Error(outcome.message.en);
  return outcome.declaration as DepartmentTargetDeclaration;
}

describe('a department form read from its cells', () => {
  it('reads a header of two rows: 指标值 merged over 实施周期 and 年度', () => {
    const d = read([
      [['2026年部门整体支出绩效目标表', 5]],
      ['部门名称', ['示例局', 4]],
      [['一级指标', 1, 2], ['二级指标', 1, 2], ['三级指标', 1, 2], ['指标值', 2]],
      ['实施周期', '年度'],
      [['产出指标', 1, 2], '数量指标', '培训人次', '≥1500人次', '≥500人次'],
      ['质量指标', '培训合格率', '≥90%', '≥90%'],
    ]);
    expect(d.year).toBe(2026);
    expect(d.department).toBe('示例局');
    expect(d.indicators.map((i) => [i.level1, i.level2, i.name, i.periodTarget, i.annualTarget])).toEqual([
      ['产出指标', '数量指标', '培训人次', '≥1500人次', '≥500人次'],
      ['产出指标', '质量指标', '培训合格率', '≥90%', '≥90%'],
    ]);
    expect(d.unparsed).toEqual([]);
  });

  it('joins a value split into 指标性质, 指标值 and 计量单位, whatever their order', () => {
    const d = read([
      [['部门整体绩效目标申报表', 6]],
      ['一级指标', '二级指标', '三级指标', '计量单位', '指标性质', '指标值'],
      [['产出指标', 1, 2], '数量指标', '培训人次', '人次', '≥', '500'],
      ['时效指标', '完成时间', '', '定性', '11月30日前'],
      ['满意度指标', '服务对象满意度指标', '满意度', '%', '大于等于', '90'],
    ]);
    expect(d.indicators.map((i) => i.annualTarget)).toEqual(['≥500人次', '11月30日前', '大于等于90%']);
    expect(d.indicators[0]?.annualTargetValue).toMatchObject({ kind: 'quantity', operator: '≥', value: '500', unit: '人次' });
  });

  it('reads the budget as 收入构成 / 支出构成 with shares, and keeps a note under the table as unparsed, by its cell', () => {
    const d = read([
      [['部门整体支出绩效目标申报表', 6]],
      [['单位名称：示例局', 4], ['金额单位：万元', 2]],
      ['收入构成', '金额', '占比', '支出构成', '金额', '占比'],
      ['财政拨款', '724.23', '74.80%', '基本支出', '724.23', '74.80%'],
      ['其他资金', '243.96', '25.20%', '项目支出', '243.96', '25.20%'],
      ['一级指标', '二级指标', ['三级指标', 2], '年度指标值', null],
      ['产出指标', '数量指标', ['培训人次', 2], '≥500人次', null],
      [['注：本表由部门填报，财政部门审核。', 6]],
    ]);
    expect(d.department).toBe('示例局');
    expect(d.budget).toMatchObject({ basic: '724.23', project: '243.96', total: '968.19', totalDerived: true, income: { fiscal: '724.23', other: '243.96' } });
    expect(d.indicators).toHaveLength(1);
    expect(d.unparsed).toEqual([{ line: 8, text: '注：本表由部门填报，财政部门审核。', at: '表1!A8' }]);
  });

  it('reads goals numbered 1. 2. in one cell, and leaves a year or a range inside a goal alone', () => {
    const d = read([
      [['部门整体预算绩效目标申报表', 3]],
      ['年度总体目标', '1.完成2025年度培训1-2期。 2.保障机关正常运转。'],
      ['一级指标', '三级指标', '指标值'],
      ['产出指标', '培训期数', '≥2期'],
    ]);
    expect(d.goals).toEqual(['完成2025年度培训1-2期。', '保障机关正常运转。']);
  });
});

describe('amounts in 元', () => {
  it('reads a form that says 单位：元 into 万元, exactly', () => {
    const d = read([
      [['部门整体预算绩效目标申报表', 4]],
      ['部门名称', '示例局', '单位：元', null],
      ['基本支出', '7,242,318.00', '项目支出', '2,439,600.00'],
      ['一级指标', '三级指标', '指标值', null],
      ['产出指标', '培训人次', '≥500人次', null],
    ]);
    expect(d.budget).toMatchObject({ basic: '724.2318', project: '243.96' });
  });
});

describe('the wording of other regions', () => {
  it('reads 单位整体 titles with the year inside, 预算单位名称, and headings with a note in brackets', () => {
    const d = read([
      [['示例县教育局2026年度单位整体支出绩效目标申报表', 5]],
      ['预算单位名称', ['示例县教育局', 4]],
      ['一级指标', '二级指标', '三级指标（指标名称）', '年度指标值（2026年）', '计量单位（个、%）'],
      ['产出指标', '数量指标', '培训人次', '≥500', '人次'],
    ]);
    expect(d.title).toBe('示例县教育局2026年度单位整体支出绩效目标申报表');
    expect(d.year).toBe(2026);
    expect(d.department).toBe('示例县教育局');
    expect(d.indicators.map((i) => [i.name, i.annualTarget])).toEqual([['培训人次', '≥500人次']]);
    expect(d.unparsed).toEqual([]);
  });
});
