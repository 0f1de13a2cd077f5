/**
 * The kinds' declared workflows and the one policy decide exactly as the per-kind code they replace:
 * every role × action × place × state, and every state × request.
 */
import { describe, expect, it } from 'vitest';
import { exampleReport } from '../core/monitoring/exampleReport.ts';
import { reportTransition, type ReportRequest } from '../core/monitoring/reportWorkflow.ts';
import { evaluationTransition, type EvaluationRequest } from '../core/evaluation/evaluationWorkflow.ts';
import { canCreateFor, canOnDeclaration, canOnEvaluation, canOnReport, type Actor, type DeclarationAction, type EvaluationPolicyAction, type ReportPolicyAction } from '../core/policy.ts';
import type { Finding } from '../core/rules/finding.ts';
import { transition, type TransitionRequest as DeclarationRequest } from '../core/workflow.ts';
import { canCreateDocument, canOnDocument } from './documentPolicy.ts';
import { kindOf } from './registry.ts';
import { decideTransition, type TransitionRequest } from './workflow.ts';

const PLACES = {
  own: { departmentId: 'H1', regionPath: ['haizhu', 'guangzhou', 'guangdong'] },
  sameRegion: { departmentId: 'H2', regionPath: ['haizhu', 'guangzhou', 'guangdong'] },
  otherRegion: { departmentId: 'Y1', regionPath: ['yuexiu', 'guangzhou', 'guangdong'] },
};
const ACTORS: Array<Actor | null> = [
  null,
  { id: 'e', role: 'editor', departmentId: 'H1', regionId: null },
  { id: 'a', role: 'approver', departmentId: 'H1', regionId: null },
  { id: 'r', role: 'reviewer', departmentId: null, regionId: 'haizhu' },
  { id: 'rc', role: 'reviewer', departmentId: null, regionId: 'guangzhou' },
  { id: 'm', role: 'admin', departmentId: null, regionId: null },
  { id: 'mh', role: 'admin', departmentId: null, regionId: 'haizhu' },
  { id: 'my', role: 'admin', departmentId: null, regionId: 'yuexiu' },
];

function matrix<A extends string, S extends string>(kind: string, actions: readonly A[], states: readonly S[], old: (actor: Actor | null, action: A, resource: { departmentId: string; regionPath: string[]; state: S }) => boolean) {
  const definition = kindOf(kind);
  let cases = 0;
  for (const actor of ACTORS) {
    for (const action of actions) {
      for (const state of states) {
        for (const [place, resource] of Object.entries(PLACES)) {
          const expected = old(actor, action, { ...resource, state });
          const actual = canOnDocument(actor, action, { ...resource, state }, definition);
          expect({ kind, actor: actor?.id ?? 'public', action, state, place, allowed: actual }).toEqual({ kind, actor: actor?.id ?? 'public', action, state, place, allowed: expected });
          cases++;
        }
      }
    }
  }
  return cases;
}

describe('the one policy decides as the per-kind policies did', () => {
  it('for target forms of both kinds', () => {
    const actions: DeclarationAction[] = ['read', 'history', 'update', 'comment', 'submit', 'review', 'publish', 'delete'];
    const states = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
    for (const kind of ['department-target', 'project-target']) expect(matrix(kind, actions, states, canOnDeclaration)).toBe(8 * 8 * 5 * 3);
  });

  it('for monitoring reports', () => {
    const actions: ReportPolicyAction[] = ['read', 'update', 'submit', 'return', 'accept', 'comment', 'history'];
    expect(matrix('monitoring-report', actions, ['draft', 'submitted', 'returned', 'accepted'] as const, canOnReport)).toBeGreaterThan(0);
  });

  it('for self-evaluations', () => {
    const actions: Exclude<EvaluationPolicyAction, 'create'>[] = ['read', 'update', 'submit', 'return', 'accept', 'publish', 'comment', 'history'];
    expect(matrix('self-evaluation', actions, ['draft', 'submitted', 'returned', 'accepted', 'published'] as const, canOnEvaluation)).toBeGreaterThan(0);
  });

  it('for who may create one', () => {
    for (const actor of ACTORS) {
      for (const resource of Object.values(PLACES)) {
        for (const kind of ['department-target', 'project-target']) expect(canCreateDocument(actor, kindOf(kind), resource.departmentId, resource.regionPath)).toBe(canCreateFor(actor, resource.departmentId, resource.regionPath));
        expect(canCreateDocument(actor, kindOf('self-evaluation'), resource.departmentId, resource.regionPath)).toBe(canOnEvaluation(actor, 'create', { ...resource, state: 'draft' }));
      }
    }
  });
});

const NO_FINDINGS: Finding[] = [];
const ERROR: Finding[] = [{ rule: 'x', severity: 'error', path: '/indicators/0/actual', message: { zh: '缺', en: 'missing' } }];

describe('the one workflow engine decides as the per-kind workflows did', () => {
  it('for target forms, with every request in every state', () => {
    const requests: DeclarationRequest[] = [{ action: 'submit' }, { action: 'publish' }, ...(['优', '良', '中', '差'] as const).flatMap((grade) => [{ action: 'review' as const, grade }, { action: 'review' as const, grade, reason: ' ' }, { action: 'review' as const, grade, reason: '指标不够量化' }])];
    for (const state of ['draft', 'submitted', 'returned', 'approved', 'published'] as const) {
      for (const request of requests) {
        const old = transition(state, request);
        const now = decideTransition(kindOf('department-target').workflow, { state, request: request as TransitionRequest, content: {} as never, findings: NO_FINDINGS, settings: {} });
        expect(now.ok ? { ok: true, state: now.to } : { ok: false, refusal: now.refusal.code }).toEqual(old.ok ? old : { ok: false, refusal: old.refusal });
      }
    }
  });

  it('for monitoring reports, advice and blocking findings included', () => {
    const report = exampleReport();
    const red = { ...report, lights: { ...report.lights, overall: 'red' as const } };
    const requests: ReportRequest[] = [{ action: 'submit' }, { action: 'return', reason: '' }, { action: 'return', reason: '请补充' }, { action: 'accept' }, { action: 'accept', advice: '加快进度' }];
    const codes: Record<string, string> = { unexplained: 'report-incomplete' };
    for (const state of ['draft', 'submitted', 'returned', 'accepted'] as const) {
      for (const request of requests) {
        for (const content of [report, red]) {
          for (const findings of [NO_FINDINGS, ERROR]) {
            const old = reportTransition(state, request, { report: content, lights: content.lights, findings });
            const now = decideTransition(kindOf('monitoring-report').workflow, { state, request, content: content as never, findings, settings: {} });
            expect(now.ok ? { ok: true, state: now.to } : { ok: false, refusal: now.refusal.code }).toEqual(old.ok ? old : { ok: false, refusal: codes[old.refusal] ?? old.refusal });
          }
        }
      }
    }
  });

  it('for self-evaluations', () => {
    const requests: EvaluationRequest[] = [{ action: 'submit' }, { action: 'return', reason: ' ' }, { action: 'return', reason: '请说明偏差' }, { action: 'accept' }, { action: 'publish' }];
    const codes: Record<string, string> = { incomplete: 'evaluation-incomplete' };
    for (const state of ['draft', 'submitted', 'returned', 'accepted', 'published'] as const) {
      for (const request of requests) {
        for (const findings of [NO_FINDINGS, ERROR]) {
          const old = evaluationTransition(state, request, findings);
          const now = decideTransition(kindOf('self-evaluation').workflow, { state, request, content: {} as never, findings, settings: {} });
          expect(now.ok ? { ok: true, state: now.to } : { ok: false, refusal: now.refusal.code }).toEqual(old.ok ? old : { ok: false, refusal: codes[old.refusal] ?? old.refusal });
        }
      }
    }
  });
});
