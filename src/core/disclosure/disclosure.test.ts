import { describe, expect, it } from 'vitest';
import { byDepartment, deadlineOf, disclosureRules, formDisclosure, percent, type DisclosedForm } from './disclosure.ts';

const form = (over: Partial<DisclosedForm>): DisclosedForm => ({ id: 'f', departmentId: 'd', departmentName: '教育局', kind: 'project-target', projectName: '校舍维修', state: 'approved', decidedAt: '2025-01-05T08:00:00Z', publishedAt: null, reason: null, ...over });

describe('disclosure on time', () => {
  const rules = disclosureRules({ years: { '2025': { budgetApproved: '2025-01-20', accountsApproved: null } } }, 2025);

  it('dates targets from the budget’s approval and self-evaluations from their own acceptance while the accounts are not approved (20 days)', () => {
    expect(rules).toMatchObject({ days: 20, goalPercent: 100 });
    expect(deadlineOf({ kind: 'project-target', decidedAt: '2025-01-05T00:00:00Z' }, rules)).toBe('2025-02-09');
    expect(deadlineOf({ kind: 'self-evaluation', decidedAt: '2025-06-01T00:00:00Z' }, rules)).toBe('2025-06-21');
    expect(deadlineOf({ kind: 'self-evaluation', decidedAt: null }, rules)).toBeNull();
  });

  it('says on time, late, overdue or pending; an overdue project form owes its reason', () => {
    expect(formDisclosure(form({ publishedAt: '2025-02-09T23:00:00Z' }), rules, '2025-03-01').status).toBe('on-time');
    expect(formDisclosure(form({ publishedAt: '2025-02-10T01:00:00Z' }), rules, '2025-03-01').status).toBe('late');
    expect(formDisclosure(form({}), rules, '2025-02-09')).toMatchObject({ status: 'pending', reasonMissing: false });
    expect(formDisclosure(form({}), rules, '2025-02-10')).toMatchObject({ status: 'overdue', reasonMissing: true });
    expect(formDisclosure(form({ reason: '涉密' }), rules, '2025-02-10').reasonMissing).toBe(false);
    expect(formDisclosure(form({ kind: 'department-target', projectName: null }), rules, '2025-02-10').reasonMissing).toBe(false);
  });

  it('counts each department’s share of project forms published against the goal, exactly', () => {
    const forms = [form({ id: 'a', publishedAt: '2025-02-01' }), form({ id: 'b', publishedAt: '2025-03-01' }), form({ id: 'c' })].map((f) => formDisclosure(f, { ...rules, goalPercent: 60 }, '2025-04-01'));
    expect(byDepartment(forms, { ...rules, goalPercent: 60 })).toEqual([{ departmentId: 'd', departmentName: '教育局', forms: 3, published: 2, onTime: 1, late: 2, overdue: 1, reasonsMissing: 1, projectForms: 3, projectPublished: 2, share: '66.7', meetsGoal: true }]);
    expect(percent(1, 3)).toBe('33.3');
    expect(percent(2, 3)).toBe('66.7');
    expect(percent(1, 8)).toBe('12.5');
    expect(percent(0, 0)).toBeNull();
  });
});
