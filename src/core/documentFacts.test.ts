import { describe, expect, it } from 'vitest';
import { budgetLines, countFindingsByFamily, UNCATEGORISED } from './documentFacts.ts';
import { checkDeclaration } from './rules/checkDeclaration.ts';
import { exampleDeclaration } from './rules/exampleDeclaration.ts';
import { exampleProject } from './rules/exampleProject.ts';

describe('the facts a dashboard adds up', () => {
  it('splits a department form by kind of spending, source and level', () => {
    const form = exampleDeclaration();
    const lines = Object.fromEntries(budgetLines(form).map((l) => [l.line, l.amount]));
    expect(lines.basic).toBe(form.budget.basic);
    expect(lines.project).toBe(form.budget.project);
    expect(lines.fiscal).toBe(form.budget.income.fiscal);
  });

  it('files a project form under its category, or 未分类, and leaves out what is blank or malformed', () => {
    const project = exampleProject();
    expect(budgetLines(project)[0]).toEqual({ line: 'category:运转类', amount: project.funds.total });
    project.project.category = '  ';
    project.funds.other = null;
    project.funds.fiscal = '12,3x';
    expect(budgetLines(project).map((l) => l.line)).toEqual([`category:${UNCATEGORISED}`]);
  });

  it('counts findings by the family of their rule and their severity', () => {
    const form = exampleDeclaration();
    form.budget.basic = '1.00';
    const findings = checkDeclaration(form);
    const counts = countFindingsByFamily(findings);
    expect(counts.reduce((n, c) => n + c.n, 0)).toBe(findings.length);
    expect(counts.find((c) => c.family === 'arithmetic' && c.severity === 'error')?.n).toBeGreaterThan(0);
    expect(countFindingsByFamily([{ rule: 'no-such-rule', severity: 'error', path: '', message: { zh: '', en: '' } }])).toEqual([]);
  });
});
