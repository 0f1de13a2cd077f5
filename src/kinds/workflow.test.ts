/** Each kind's workflow, walked through the one engine: where every request leads from every state, and why it is refused. */
import { describe, expect, it } from 'vitest';
import { exampleReport } from '../core/monitoring/exampleReport.ts';
import { blockingFindings, rectificationNeeded } from '../core/monitoring/reportWorkflow.ts';
import type { MonitoringReport } from '../core/monitoringReport.ts';
import type { Finding } from '../core/rules/finding.ts';
import { kindOf } from './registry.ts';
import { actionsFromState, decideTransition, isEditableState, type TransitionRequest } from './workflow.ts';

const error = (path: string): Finding => ({ rule: 'r', severity: 'error', path, message: { zh: '缺', en: 'missing' } });

/** Where a request leads for a kind, or the code of its refusal. */
function step(kind: string, state: string, request: TransitionRequest, context: { content?: unknown; findings?: Finding[]; settings?: Record<string, unknown> } = {}): string {
  const outcome = decideTransition(kindOf(kind).workflow, { state, request, content: (context.content ?? {}) as never, findings: context.findings ?? [], settings: context.settings ?? {} });
  return outcome.ok ? outcome.to : `refused: ${outcome.refusal.code}`;
}

describe('target forms (财预〔2015〕88号 arts. 25–26)', () => {
  it('walks draft → submitted → returned → submitted → approved → published', () => {
    expect(step('department-target', 'draft', { action: 'submit' })).toBe('submitted');
    expect(step('department-target', 'submitted', { action: 'review', grade: '中', reason: '指标不够量化' })).toBe('returned');
    expect(step('department-target', 'returned', { action: 'submit' })).toBe('submitted');
    expect(step('project-target', 'submitted', { action: 'review', grade: '良' })).toBe('approved');
    expect(step('project-target', 'approved', { action: 'publish' })).toBe('published');
  });

  it('sends back on 中 and 差, only with a reason; a grade is one of four', () => {
    expect(step('department-target', 'submitted', { action: 'review', grade: '差' })).toBe('refused: reason-required');
    expect(step('department-target', 'submitted', { action: 'review', grade: '差', reason: '  ' })).toBe('refused: reason-required');
    expect(step('department-target', 'submitted', { action: 'review', grade: '差', reason: '目标与预算不匹配' })).toBe('returned');
    expect(step('department-target', 'submitted', { action: 'review', grade: '优' })).toBe('approved');
    expect(step('department-target', 'submitted', { action: 'review', grade: 'A' })).toBe('refused: validation-failed');
    expect(step('department-target', 'submitted', { action: 'review' })).toBe('refused: validation-failed');
  });

  it.each([
    ['draft', 'review'],
    ['draft', 'publish'],
    ['submitted', 'submit'],
    ['submitted', 'publish'],
    ['approved', 'submit'],
    ['published', 'submit'],
    ['published', 'publish'],
  ])('refuses from %s: %s', (state, action) => {
    expect(step('department-target', state, { action, grade: '优' })).toBe('refused: wrong-state');
  });

  it('refuses to submit with errors where the bureau says so, and only there', () => {
    expect(step('department-target', 'draft', { action: 'submit' }, { findings: [error('/budget/total')], settings: { blockSubmitOnErrors: true } })).toBe('refused: has-errors');
    expect(step('department-target', 'draft', { action: 'submit' }, { findings: [error('/budget/total')], settings: { blockSubmitOnErrors: false } })).toBe('submitted');
  });

  it('allows edits in draft and returned only, and lists what can follow', () => {
    const workflow = kindOf('department-target').workflow;
    expect(['draft', 'submitted', 'returned', 'approved', 'published'].filter((s) => isEditableState(workflow, s))).toEqual(['draft', 'returned']);
    expect(actionsFromState(workflow, 'draft')).toEqual(['submit']);
    expect(actionsFromState(workflow, 'submitted')).toEqual(['review']);
    expect(actionsFromState(workflow, 'approved')).toEqual(['publish']);
    expect(actionsFromState(workflow, 'published')).toEqual([]);
  });
});

describe('monitoring reports (财预〔2019〕136号)', () => {
  const clean = exampleReport();
  const red: MonitoringReport = { ...clean, lights: { ...clean.lights, overall: 'red' } };

  it('submits a draft or a returned report, and nothing else', () => {
    expect(step('monitoring-report', 'draft', { action: 'submit' }, { content: clean })).toBe('submitted');
    expect(step('monitoring-report', 'returned', { action: 'submit' }, { content: clean })).toBe('submitted');
    expect(step('monitoring-report', 'submitted', { action: 'submit' }, { content: clean })).toBe('refused: wrong-state');
    expect(step('monitoring-report', 'accepted', { action: 'submit' }, { content: clean })).toBe('refused: wrong-state');
  });

  it('refuses to submit while an error is open, except the advice that is the bureau’s to give', () => {
    expect(step('monitoring-report', 'draft', { action: 'submit' }, { content: clean, findings: [error('/indicators/0/deviation/reason')] })).toBe('refused: report-incomplete');
    expect(step('monitoring-report', 'draft', { action: 'submit' }, { content: clean, findings: [error('/rectification/advice')] })).toBe('submitted');
    expect(blockingFindings([{ ...error('/budget/reason'), severity: 'warning' }])).toEqual([]);
  });

  it('returns only with a reason', () => {
    expect(step('monitoring-report', 'submitted', { action: 'return', reason: ' ' }, { content: clean })).toBe('refused: reason-required');
    expect(step('monitoring-report', 'submitted', { action: 'return', reason: '请补充' }, { content: clean })).toBe('returned');
    expect(step('monitoring-report', 'draft', { action: 'return', reason: '请补充' }, { content: clean })).toBe('refused: wrong-state');
  });

  it('accepts a red report or an impossible target only with rectification advice, which it writes into the report', () => {
    expect(step('monitoring-report', 'submitted', { action: 'accept' }, { content: red })).toBe('refused: advice-required');
    expect(step('monitoring-report', 'submitted', { action: 'accept', advice: '暂缓拨款' }, { content: red })).toBe('accepted');
    const impossible = exampleReport();
    (impossible.indicators[0] as { likelihood: string }).likelihood = 'impossible';
    expect(rectificationNeeded(impossible, { overall: 'green' })).toBe(true);
    expect(step('monitoring-report', 'submitted', { action: 'accept' }, { content: impossible })).toBe('refused: advice-required');
    expect(step('monitoring-report', 'submitted', { action: 'accept' }, { content: { ...clean, lights: { ...clean.lights, overall: 'yellow' } } })).toBe('accepted');
    const accept = kindOf('monitoring-report').workflow.transitions.find((t) => t.action === 'accept');
    const revised = accept?.revise?.({ state: 'submitted', request: { action: 'accept', advice: ' 暂缓拨款 ' }, content: red, findings: [], settings: {} });
    expect(revised?.content).toMatchObject({ rectification: { needed: true, advice: '暂缓拨款' } });
  });

  it('offers the actions of each state', () => {
    const workflow = kindOf('monitoring-report').workflow;
    expect(actionsFromState(workflow, 'draft')).toEqual(['submit']);
    expect(actionsFromState(workflow, 'submitted')).toEqual(['return', 'accept']);
    expect(actionsFromState(workflow, 'accepted')).toEqual([]);
    expect(['draft', 'returned', 'submitted', 'accepted'].map((s) => isEditableState(workflow, s))).toEqual([true, true, false, false]);
  });
});

describe('self-evaluations (财预〔2020〕10号)', () => {
  it('walks draft → submitted → returned → submitted → accepted → published; errors stop a submission', () => {
    expect(step('self-evaluation', 'draft', { action: 'submit' }, { findings: [error('/indicators/0/actual')] })).toBe('refused: evaluation-incomplete');
    expect(step('self-evaluation', 'draft', { action: 'submit' })).toBe('submitted');
    expect(step('self-evaluation', 'submitted', { action: 'return', reason: '' })).toBe('refused: reason-required');
    expect(step('self-evaluation', 'submitted', { action: 'return', reason: '请说明偏差' })).toBe('returned');
    expect(step('self-evaluation', 'submitted', { action: 'accept' })).toBe('accepted');
    expect(step('self-evaluation', 'accepted', { action: 'publish' })).toBe('published');
    expect(step('self-evaluation', 'submitted', { action: 'publish' })).toBe('refused: wrong-state');
  });
});
