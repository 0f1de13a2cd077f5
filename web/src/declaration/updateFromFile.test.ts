import { describe, expect, it } from 'vitest';
import { exampleDeclaration } from '../../../src/core/rules/exampleDeclaration.ts';
import { exampleProject } from '../../../src/core/rules/exampleProject.ts';
import { asUpdateOf, matchingDocument } from './updateFromFile.ts';

describe('a file brought into its draft', () => {
  it('takes the file’s form of the draft’s kind, a project form by its name', () => {
    const draft = exampleProject();
    const other = { ...exampleProject(), project: { ...exampleProject().project, name: '另一个项目' } };
    const same = { ...exampleProject(), project: { ...exampleProject().project, name: ` ${draft.project.name ?? ''}` } };
    expect(matchingDocument([exampleDeclaration(), other, same], draft)).toMatchObject({ ok: true, index: 2 });
    expect(matchingDocument([exampleDeclaration(), other, { ...other }], draft)).toEqual({ ok: false, problem: 'which-project' });
    expect(matchingDocument([exampleDeclaration()], draft)).toEqual({ ok: false, problem: 'no-form-of-kind' });
    expect(matchingDocument([exampleProject(), exampleDeclaration()], exampleDeclaration())).toMatchObject({ ok: true, index: 1 });
  });

  it('keeps the draft’s department and year, whatever the file prints', () => {
    const draft = { ...exampleDeclaration(), year: 2027, department: '甲局' };
    const read = { ...exampleDeclaration(), year: 2025, department: '乙局', title: '改过的表题' };
    expect(asUpdateOf(read, draft)).toMatchObject({ year: 2027, department: '甲局', title: '改过的表题' });
  });
});
