import { describe, expect, it } from 'vitest';
import type { Finding } from '../rules/finding.ts';
import { exampleReport } from './exampleReport.ts';
import { blockingFindings, isReportEditable, rectificationNeeded, reportActionsFrom, reportTransition } from './reportWorkflow.ts';

const clean = { report: exampleReport(), lights: { overall: 'green' as const }, findings: [] as Finding[] };
const finding = (path: string): Finding => ({ rule: 'r', severity: 'error', path, message: { zh: '', en: '' } });

describe('the monitoring report workflow', () => {
  it('submits a draft or a returned report, and nothing else', () => {
    expect(reportTransition('draft', { action: 'submit' }, clean)).toEqual({ ok: true, state: 'submitted' });
    expect(reportTransition('returned', { action: 'submit' }, clean)).toEqual({ ok: true, state: 'submitted' });
    expect(reportTransition('submitted', { action: 'submit' }, clean)).toEqual({ ok: false, refusal: 'wrong-state' });
    expect(reportTransition('accepted', { action: 'submit' }, clean)).toEqual({ ok: false, refusal: 'wrong-state' });
  });

  it('refuses to submit while an error is open, except the advice that is the bureau’s to give', () => {
    expect(reportTransition('draft', { action: 'submit' }, { ...clean, findings: [finding('/indicators/0/deviation/reason')] })).toEqual({ ok: false, refusal: 'unexplained' });
    expect(reportTransition('draft', { action: 'submit' }, { ...clean, findings: [finding('/rectification/advice')] })).toEqual({ ok: true, state: 'submitted' });
    expect(blockingFindings([{ ...finding('/budget/reason'), severity: 'warning' }])).toEqual([]);
  });

  it('returns only with a reason', () => {
    expect(reportTransition('submitted', { action: 'return', reason: ' ' }, clean)).toEqual({ ok: false, refusal: 'reason-required' });
    expect(reportTransition('submitted', { action: 'return', reason: '请补充' }, clean)).toEqual({ ok: true, state: 'returned' });
    expect(reportTransition('draft', { action: 'return', reason: '请补充' }, clean)).toEqual({ ok: false, refusal: 'wrong-state' });
  });

  it('accepts a red report or an impossible target only with rectification advice', () => {
    const red = { ...clean, lights: { overall: 'red' as const } };
    expect(reportTransition('submitted', { action: 'accept' }, red)).toEqual({ ok: false, refusal: 'advice-required' });
    expect(reportTransition('submitted', { action: 'accept', advice: '暂缓拨款' }, red)).toEqual({ ok: true, state: 'accepted' });
    const impossible = exampleReport();
    (impossible.indicators[0] as { likelihood: string }).likelihood = 'impossible';
    expect(rectificationNeeded(impossible, { overall: 'green' })).toBe(true);
    expect(reportTransition('submitted', { action: 'accept' }, { ...clean, report: impossible })).toEqual({ ok: false, refusal: 'advice-required' });
    expect(reportTransition('submitted', { action: 'accept' }, { ...clean, lights: { overall: 'yellow' } })).toEqual({ ok: true, state: 'accepted' });
  });

  it('offers the actions of each state', () => {
    expect(reportActionsFrom('draft')).toEqual(['submit']);
    expect(reportActionsFrom('submitted')).toEqual(['return', 'accept']);
    expect(reportActionsFrom('accepted')).toEqual([]);
    expect([isReportEditable('draft'), isReportEditable('returned'), isReportEditable('submitted'), isReportEditable('accepted')]).toEqual([true, true, false, false]);
  });
});
