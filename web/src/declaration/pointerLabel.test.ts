import { describe, expect, it } from 'vitest';
import { exampleDeclaration } from '../../../src/core/rules/exampleDeclaration.ts';
import { exampleProject } from '../../../src/core/rules/exampleProject.ts';
import { pointerLabel } from './pointerLabel.ts';

const zh = (a: string) => a;
const en = (_: string, b: string) => b;

describe('a pointer said in words', () => {
  it('names rows of the department form by number and name', () => {
    const form = exampleDeclaration();
    expect(pointerLabel(form, '/indicators/0/annualTarget', zh)).toBe(`绩效指标第 1 行「${form.indicators[0]?.name ?? ''}」 · 年度指标值`);
    expect(pointerLabel(form, '/budget/project', zh)).toBe('部门预算 · 项目支出');
  });

  it('names the project form’s own fields, not the department form’s', () => {
    const project = exampleProject();
    expect(pointerLabel(project, '/project/period/text', zh)).toBe('项目基本情况 · 实施期 · 文字');
    expect(pointerLabel(project, '/project/period/text', en)).toBe('the project · period · as written');
    expect(pointerLabel(project, '/funds/items/1/amount', zh)).toBe('资金来源 2 · 金额');
    expect(pointerLabel(project, '/annualGoal/0', zh)).toBe('年度目标 1');
  });
});
