import { describe, expect, it } from 'vitest';
import { pastedCells, planPaste, spreadCells, spreadPlanned } from './pasteGrid.ts';

describe('pasting a block from a spreadsheet', () => {
  it('reads tab-separated rows, quoted cells with line breaks, and the trailing newline Excel adds', () => {
    expect(pastedCells('a\tb\r\nc\t"d\nd2"\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd\nd2'],
    ]);
    expect(pastedCells('one cell')).toBeNull();
    expect(pastedCells('one cell\n')).toBeNull();
  });

  it('spreads over rows and columns from the cell pasted into, adding rows', () => {
    const rows = [{ a: '1', b: '2' }];
    const out = spreadCells(rows, { row: 0, column: 1 }, [['x'], ['y']], ['a', 'b'], (row, field, value) => ({ ...row, [field]: value }), () => ({ a: '', b: '' }));
    expect(out).toEqual([
      { a: '1', b: 'x' },
      { a: '', b: 'y' },
    ]);
  });
});

describe('placing a block pasted into the indicator grid', () => {
  const columns = ['level1', 'level2', 'name', 'periodTarget', 'annualTarget'];
  const headers = { level1: ['一级指标'], level2: ['二级指标'], name: ['三级指标'], periodTarget: ['实施周期指标值'], annualTarget: ['年度指标值'] };
  const isClass = (text: string) => ['产出指标', '效益指标', '满意度指标', '成本指标'].includes(text);
  const block = [
    ['产出指标', '数量指标', '培训场次', '≥8场', '≥4场'],
    ['效益指标', '社会效益指标', '合格率', '≥90%', '≥90%'],
  ];

  it('puts a whole copied row (classes first) from the first column, wherever it is pasted', () => {
    expect(planPaste(block, 2, columns, headers, isClass)).toEqual({ rows: block, fields: columns, by: 'classes', dropped: 0 });
  });

  it('places a block with a header row by its headers', () => {
    const withHeader = [['三级指标', '年度指标值'], ['培训场次', '≥4场']];
    expect(planPaste(withHeader, 0, columns, headers, isClass)).toEqual({ rows: [['培训场次', '≥4场']], fields: ['name', 'annualTarget'], by: 'header', dropped: 0 });
  });

  it('otherwise writes from the focused column and counts what falls beyond the grid', () => {
    const plan = planPaste([['培训场次', '≥8场', '≥4场', '备注']], 2, columns, headers, isClass);
    expect(plan).toEqual({ rows: [['培训场次', '≥8场', '≥4场', '备注']], fields: ['name', 'periodTarget', 'annualTarget', null], by: 'position', dropped: 1 });
    const rows = spreadPlanned([{ name: '', periodTarget: '', annualTarget: '' }], 0, plan, (row, field, value) => ({ ...row, [field]: value }), () => ({ name: '', periodTarget: '', annualTarget: '' }));
    expect(rows).toEqual([{ name: '培训场次', periodTarget: '≥8场', annualTarget: '≥4场' }]);
  });
});
