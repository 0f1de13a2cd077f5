import { describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration, Indicator } from './declaration.ts';
import { alignRows, diffDeclarations, followPointer, mergeDeclarations, resolveMerge } from './declarationDiff.ts';
import { exampleDeclaration, indicatorRow } from './rules/exampleDeclaration.ts';

const base = (): DepartmentTargetDeclaration => exampleDeclaration();

/** The indicator at a position of a declaration (the examples have them all). */
function row(d: DepartmentTargetDeclaration, i: number): Indicator {
  const found = d.indicators[i];
  if (!found) throw new Error(`no indicator ${i}`);
  return found;
}

describe('diffDeclarations: rows matched by identity', () => {
  it('shows one deleted row as one removed row, not a cascade', () => {
    const before = base();
    const after = base();
    after.indicators.splice(2, 1);
    const changes = diffDeclarations(before, after);
    expect(changes).toEqual([{ op: 'remove', path: '/indicators/2', from: before.indicators[2], row: true }]);
  });

  it('shows an added row as a row, and an edited row as its field', () => {
    const before = base();
    const after = base();
    const added = indicatorRow('产出指标', '数量指标', '新增培训场次', '≥4场');
    after.indicators.splice(1, 0, added);
    after.indicators[4] = { ...row(after, 4), annualTarget: '≥95%', annualTargetValue: indicatorRow(null, null, '', '≥95%').annualTargetValue };
    const changes = diffDeclarations(before, after);
    expect(changes).toEqual([
      { op: 'add', path: '/indicators/1', to: added, row: true },
      { op: 'replace', path: '/indicators/4/annualTarget', from: row(before, 3).annualTarget, to: '≥95%' },
    ]);
  });

  it('pairs edited goals by position and budget fields by name', () => {
    const before = base();
    const after = base();
    after.goals[0] = `${after.goals[0]}（修订）`;
    after.budget.basic = '650.00';
    expect(diffDeclarations(before, after).map((c) => `${c.op} ${c.path}`)).toEqual(['replace /budget/basic', 'replace /goals/0']);
  });

  it('aligns rows moved as they were', () => {
    const { forward } = alignRows('indicators', ['a', 'b', 'c'].map((n) => indicatorRow('产出指标', '数量指标', n, '1个')), ['c', 'a', 'b'].map((n) => indicatorRow('产出指标', '数量指标', n, '1个')));
    expect(forward).toEqual([1, 2, 0]);
  });
});

describe('mergeDeclarations: two people editing one version', () => {
  it('merges edits of different fields with no question (the other tab edited 目标1, I the department name)', () => {
    const start = base();
    const theirs = base();
    theirs.goals[0] = '保障电子政务外网全年稳定运行（另一窗口）';
    const mine = base();
    mine.department = '示例区数据局';
    const { merged, conflicts } = mergeDeclarations(start, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.goals[0]).toBe('保障电子政务外网全年稳定运行（另一窗口）');
    expect(merged.department).toBe('示例区数据局');
  });

  it('keeps a row they added and a row I deleted, each where it belongs', () => {
    const start = base();
    const theirs = base();
    const added = indicatorRow('效益指标', '社会效益指标', '群众办事时间缩短', '≥20%');
    theirs.indicators.push(added);
    const mine = base();
    const deleted = mine.indicators.splice(1, 1)[0];
    const { merged, conflicts } = mergeDeclarations(start, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.indicators).not.toContainEqual(deleted);
    expect(merged.indicators.at(-1)).toEqual(added);
    expect(merged.indicators).toHaveLength(start.indicators.length);
  });

  it('asks only about a field both changed, and settles it as chosen', () => {
    const start = base();
    const theirs = base();
    theirs.budget.basic = '610.00';
    theirs.title = '2025年部门整体预算绩效目标申报表';
    const mine = base();
    mine.budget.basic = '620.00';
    const merge = mergeDeclarations(start, mine, theirs);
    expect(merge.conflicts).toEqual([{ path: '/budget/basic', kind: 'field', base: '600.00', mine: '620.00', theirs: '610.00' }]);
    expect(merge.merged.title).toBe('2025年部门整体预算绩效目标申报表');
    expect(resolveMerge(merge, new Map([['/budget/basic', 'theirs']])).budget.basic).toBe('610.00');
    expect(resolveMerge(merge, new Map()).budget.basic).toBe('620.00');
  });

  it('asks when one deleted a row the other edited, and a target chosen brings its parsed form', () => {
    const start = base();
    const theirs = base();
    theirs.indicators[0] = { ...row(theirs, 0), annualTarget: '≥99%' };
    const mine = base();
    mine.indicators.splice(0, 1);
    const merge = mergeDeclarations(start, mine, theirs);
    expect(merge.conflicts.map((c) => [c.kind, c.path])).toEqual([['row', '/indicators/0']]);
    expect(resolveMerge(merge, new Map([['/indicators/0', 'mine']])).indicators).toHaveLength(start.indicators.length - 1);
    const kept = resolveMerge(merge, new Map([['/indicators/0', 'theirs']]));
    expect(kept.indicators[0]?.annualTarget).toBe('≥99%');
    expect(kept.indicators[0]?.annualTargetValue).toMatchObject({ kind: 'quantity', operator: '≥', value: '99' });
  });

  it('asks about one cell of a row both edited, and takes the rest of both', () => {
    const start = base();
    const theirs = base();
    theirs.indicators[2] = { ...row(theirs, 2), name: '他们改的名称', annualTarget: '≥1次' };
    const mine = base();
    mine.indicators[2] = { ...row(mine, 2), annualTarget: '≥2次' };
    const merge = mergeDeclarations(start, mine, theirs);
    expect(merge.conflicts.map((c) => c.path)).toEqual(['/indicators/2/annualTarget']);
    expect(merge.merged.indicators[2]?.name).toBe('他们改的名称');
  });
});

describe('followPointer: a comment stays on its row', () => {
  const rows = (names: string[]) => names.map((n) => indicatorRow('产出指标', '数量指标', n, '≥1个'));

  it('follows a row when one is inserted above rows that differ only by name, whatever the key order', () => {
    const before = { ...base(), indicators: rows(['甲', '乙', '丙', '丁']) };
    // As read back from the database: the same rows with their keys in another order.
    const reordered = before.indicators.map((r) => Object.fromEntries(Object.entries(r).reverse())) as typeof before.indicators;
    const after = { ...base(), indicators: rows(['新增', '甲', '乙', '丙', '丁']) };
    expect(followPointer({ ...before, indicators: reordered }, after, '/indicators/2/annualTarget')).toBe('/indicators/3/annualTarget');
  });

  it('says nowhere when the row was deleted, and leaves other fields alone', () => {
    const before = { ...base(), indicators: rows(['甲', '乙', '丙']) };
    const after = { ...base(), indicators: rows(['甲', '丙']) };
    expect(followPointer(before, after, '/indicators/1')).toBeNull();
    expect(followPointer(before, after, '/indicators/2/name')).toBe('/indicators/1/name');
    expect(followPointer(before, after, '/budget/basic')).toBe('/budget/basic');
  });
});
