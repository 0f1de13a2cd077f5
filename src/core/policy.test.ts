/** The full matrix: every role × every action × own department / other department in the region / other region. */
import { describe, expect, it } from 'vitest';
import { canCreateDocument, canOnDocument, type DocumentResource } from '../kinds/documentPolicy.ts';
import { kindOf } from '../kinds/registry.ts';
import { canDo, canManageRegion, canOpenRound, isSystemAdmin, oversightRegion, type Actor, type Role } from './policy.ts';
import type { DeclarationState } from './workflow.ts';

type DeclarationAction = 'read' | 'history' | 'update' | 'comment' | 'submit' | 'review' | 'publish' | 'delete';
const canOnDeclaration = (actor: Actor | null, action: string, form: DocumentResource) => canOnDocument(actor, action, form, kindOf('department-target'));
const canOnReport = (actor: Actor | null, action: string, report: DocumentResource) => canOnDocument(actor, action, report, kindOf('monitoring-report'));
const canOnEvaluation = (actor: Actor | null, action: string, evaluation: DocumentResource) => canOnDocument(actor, action, evaluation, kindOf('self-evaluation'));
const canCreateFor = (actor: Actor | null, departmentId: string, regionPath: readonly string[] = []) => canCreateDocument(actor, kindOf('department-target'), departmentId, regionPath);

// 广东 > 广州 > 海珠区 (dept H1, H2) and 越秀区 (dept Y1).
const own = (state: DeclarationState) => ({ departmentId: 'H1', regionPath: ['haizhu', 'guangzhou', 'guangdong'], state });
const sameRegion = (state: DeclarationState) => ({ departmentId: 'H2', regionPath: ['haizhu', 'guangzhou', 'guangdong'], state });
const otherRegion = (state: DeclarationState) => ({ departmentId: 'Y1', regionPath: ['yuexiu', 'guangzhou', 'guangdong'], state });

const actors: Record<Role, Actor> = {
  editor: { id: 'e', role: 'editor', departmentId: 'H1', regionId: null },
  approver: { id: 'a', role: 'approver', departmentId: 'H1', regionId: null },
  reviewer: { id: 'r', role: 'reviewer', departmentId: null, regionId: 'haizhu' },
  admin: { id: 'm', role: 'admin', departmentId: null, regionId: null },
  // An expert who works in department H1, and an agency of the region: neither is a party to a form.
  expert: { id: 'x', role: 'expert', departmentId: 'H1', regionId: 'haizhu' },
  agency: { id: 'g', role: 'agency', departmentId: null, regionId: 'haizhu' },
};
const ACTIONS: DeclarationAction[] = ['read', 'history', 'update', 'comment', 'submit', 'review', 'publish', 'delete'];

// Expected: the actions each role may take on a submitted form of its own department / another
// department of its region / another region. (Reviewers have no department: their "own" is their region.)
const SUBMITTED: Record<Role | 'public', [DeclarationAction[], DeclarationAction[], DeclarationAction[]]> = {
  editor: [['read', 'history', 'update', 'comment'], [], []],
  approver: [['read', 'history', 'update', 'comment', 'submit', 'publish'], [], []],
  reviewer: [['read', 'history', 'comment', 'review'], ['read', 'history', 'comment', 'review'], []],
  admin: [['read', 'history'], ['read', 'history'], ['read', 'history']],
  expert: [[], [], []],
  agency: [[], [], []],
  public: [[], [], []],
};

describe('declaration policy, submitted forms', () => {
  for (const [role, [ownAllowed, sameAllowed, otherAllowed]] of Object.entries(SUBMITTED)) {
    const actor = role === 'public' ? null : actors[role as Role];
    for (const action of ACTIONS) {
      it(`${role} ${action}: own ${ownAllowed.includes(action)}, same region ${sameAllowed.includes(action)}, other region ${otherAllowed.includes(action)}`, () => {
        expect(canOnDeclaration(actor, action, own('submitted'))).toBe(ownAllowed.includes(action));
        expect(canOnDeclaration(actor, action, sameRegion('submitted'))).toBe(sameAllowed.includes(action));
        expect(canOnDeclaration(actor, action, otherRegion('submitted'))).toBe(otherAllowed.includes(action));
      });
    }
  }
});

describe('deleting', () => {
  it('lets the department delete its own draft, and nobody delete anything else', () => {
    expect(canOnDeclaration(actors.editor, 'delete', own('draft'))).toBe(true);
    expect(canOnDeclaration(actors.approver, 'delete', own('draft'))).toBe(true);
    expect(canOnDeclaration(actors.editor, 'delete', own('returned'))).toBe(false);
    expect(canOnDeclaration(actors.editor, 'delete', sameRegion('draft'))).toBe(false);
    for (const actor of [null, actors.reviewer, actors.admin]) expect(canOnDeclaration(actor, 'delete', own('draft'))).toBe(false);
  });
});

describe('drafts and published forms', () => {
  it('keeps drafts from reviewers and the public', () => {
    expect(canOnDeclaration(actors.reviewer, 'read', own('draft'))).toBe(false);
    expect(canOnDeclaration(null, 'read', own('draft'))).toBe(false);
    expect(canOnDeclaration(actors.editor, 'read', sameRegion('draft'))).toBe(false);
    expect(canOnDeclaration(actors.editor, 'read', own('draft'))).toBe(true);
  });

  it('lets everyone read published forms, and nobody edit them through the policy of another department', () => {
    for (const actor of [null, ...Object.values(actors)]) expect(canOnDeclaration(actor, 'read', otherRegion('published'))).toBe(true);
    expect(canOnDeclaration(null, 'history', own('published'))).toBe(false);
    expect(canOnDeclaration(actors.editor, 'update', otherRegion('published'))).toBe(false);
  });
});

describe('system actions', () => {
  it.each<[Role | 'public', boolean, boolean]>([
    ['editor', false, true],
    ['approver', false, true],
    ['reviewer', false, false],
    ['admin', true, false],
    ['expert', false, false],
    ['agency', false, false],
    ['public', false, false],
  ])('%s: manage %s, create declarations %s', (role, manage, create) => {
    const actor = role === 'public' ? null : actors[role];
    expect(canDo(actor, 'manage-users')).toBe(manage);
    expect(canDo(actor, 'manage-organisations')).toBe(manage);
    expect(canDo(actor, 'read-audit')).toBe(manage);
    expect(canDo(actor, 'backup')).toBe(manage);
    expect(canDo(actor, 'create-declaration')).toBe(create);
    expect(canCreateFor(actor, 'H1')).toBe(create);
    expect(canCreateFor(actor, 'Y1')).toBe(false);
    // A self-evaluation is started by the department only, never by an admin.
    expect(canCreateDocument(actor, kindOf('self-evaluation'), 'H1', ['haizhu'])).toBe(create);
  });
});

describe('monitoring report policy', () => {
  const path = ['haizhu', 'guangzhou'];
  const report = (state: 'draft' | 'submitted' | 'returned' | 'accepted') => ({ departmentId: 'bureau', regionPath: path, state });
  const editor: Actor = { id: 'e', role: 'editor', departmentId: 'bureau', regionId: null };
  const approver: Actor = { id: 'a', role: 'approver', departmentId: 'bureau', regionId: null };
  const stranger: Actor = { id: 's', role: 'approver', departmentId: 'health', regionId: null };
  const reviewer: Actor = { id: 'r', role: 'reviewer', departmentId: null, regionId: 'guangzhou' };
  const farReviewer: Actor = { id: 'f', role: 'reviewer', departmentId: null, regionId: 'yuexiu' };
  const admin: Actor = { id: 'x', role: 'admin', departmentId: null, regionId: null };

  it('lets the department fill, its approver submit, and the region’s reviewers decide once submitted', () => {
    expect(canOnReport(editor, 'update', report('draft'))).toBe(true);
    expect(canOnReport(editor, 'submit', report('draft'))).toBe(false);
    expect(canOnReport(approver, 'submit', report('draft'))).toBe(true);
    expect(canOnReport(reviewer, 'read', report('draft'))).toBe(false);
    expect(canOnReport(reviewer, 'accept', report('submitted'))).toBe(true);
    expect(canOnReport(reviewer, 'update', report('submitted'))).toBe(false);
    expect(canOnReport(admin, 'read', report('accepted'))).toBe(true);
    expect(canOnReport(admin, 'accept', report('submitted'))).toBe(false);
  });

  it('keeps reports from other departments, other regions and the public', () => {
    for (const state of ['draft', 'submitted', 'returned', 'accepted'] as const) {
      expect(canOnReport(stranger, 'read', report(state))).toBe(false);
      expect(canOnReport(farReviewer, 'read', report(state))).toBe(false);
      expect(canOnReport(null, 'read', report(state))).toBe(false);
    }
  });

  it('lets admins open rounds anywhere and reviewers in their own region', () => {
    expect(canOpenRound(admin, ['yuexiu'])).toBe(true);
    expect(canOpenRound(reviewer, path)).toBe(true);
    expect(canOpenRound(farReviewer, path)).toBe(false);
    expect(canOpenRound(editor, path)).toBe(false);
  });
});

describe('self-evaluation policy', () => {
  const path = ['haizhu', 'guangzhou'];
  const evaluation = (state: string) => ({ departmentId: 'bureau', regionPath: path, state });
  const editor: Actor = { id: 'e', role: 'editor', departmentId: 'bureau', regionId: null };
  const approver: Actor = { id: 'a', role: 'approver', departmentId: 'bureau', regionId: null };
  const reviewer: Actor = { id: 'r', role: 'reviewer', departmentId: null, regionId: 'guangzhou' };
  const admin: Actor = { id: 'x', role: 'admin', departmentId: null, regionId: null };

  it('lets the department fill it, its approver submit and publish, the reviewers decide; anyone reads it once published', () => {
    expect(canOnEvaluation(editor, 'update', evaluation('draft'))).toBe(true);
    expect(canOnEvaluation(editor, 'publish', evaluation('accepted'))).toBe(false);
    expect(canOnEvaluation(approver, 'publish', evaluation('accepted'))).toBe(true);
    expect(canOnEvaluation(reviewer, 'read', evaluation('draft'))).toBe(false);
    expect(canOnEvaluation(reviewer, 'return', evaluation('submitted'))).toBe(true);
    expect(canOnEvaluation(admin, 'read', evaluation('draft'))).toBe(true);
    expect(canOnEvaluation(admin, 'comment', evaluation('submitted'))).toBe(false);
    expect(canOnEvaluation(null, 'read', evaluation('published'))).toBe(true);
    expect(canOnEvaluation(null, 'read', evaluation('accepted'))).toBe(false);
  });
});

describe("a bureau's admin (an admin bound to a region)", () => {
  const bureauAdmin: Actor = { id: 'b', role: 'admin', departmentId: null, regionId: 'haizhu' };
  const systemAdmin = actors.admin;

  it('administers its own region and below, never another region or the region above', () => {
    expect(canManageRegion(bureauAdmin, ['haizhu', 'guangzhou', 'guangdong'])).toBe(true);
    expect(canManageRegion(bureauAdmin, ['haizhu-street', 'haizhu', 'guangzhou'])).toBe(true);
    expect(canManageRegion(bureauAdmin, ['yuexiu', 'guangzhou', 'guangdong'])).toBe(false);
    expect(canManageRegion(bureauAdmin, ['guangzhou', 'guangdong'])).toBe(false);
    expect(canManageRegion(systemAdmin, ['yuexiu', 'guangzhou'])).toBe(true);
    for (const role of ['editor', 'approver', 'reviewer'] as const) expect(canManageRegion(actors[role], ['haizhu', 'guangzhou'])).toBe(false);
    expect(canManageRegion(null, ['haizhu'])).toBe(false);
  });

  it("reads its region's forms (drafts too), not another region's unpublished ones, and decides none", () => {
    for (const state of ['draft', 'submitted', 'approved'] as const) {
      expect(canOnDeclaration(bureauAdmin, 'read', own(state))).toBe(true);
      expect(canOnDeclaration(bureauAdmin, 'read', otherRegion(state))).toBe(false);
      expect(canOnDeclaration(bureauAdmin, 'review', own(state))).toBe(false);
    }
    expect(canOnDeclaration(bureauAdmin, 'read', otherRegion('published'))).toBe(true);
    const report = { departmentId: 'Y1', regionPath: ['yuexiu', 'guangzhou'], state: 'submitted' as const };
    expect(canOnReport(bureauAdmin, 'read', report)).toBe(false);
    expect(canOnReport(bureauAdmin, 'read', { ...report, regionPath: ['haizhu', 'guangzhou'] })).toBe(true);
    expect(canOpenRound(bureauAdmin, ['yuexiu', 'guangzhou'])).toBe(false);
    expect(canOpenRound(bureauAdmin, ['haizhu', 'guangzhou'])).toBe(true);
  });

  it("leaves the system's audit log, backup and shared library to the system admin", () => {
    for (const action of ['read-audit', 'backup', 'manage-library'] as const) {
      expect(canDo(bureauAdmin, action)).toBe(false);
      expect(canDo(systemAdmin, action)).toBe(true);
    }
    expect(canDo(bureauAdmin, 'manage-organisations')).toBe(true);
    expect(isSystemAdmin(bureauAdmin)).toBe(false);
    expect(isSystemAdmin(systemAdmin)).toBe(true);
    expect(oversightRegion(bureauAdmin)).toBe('haizhu');
    expect(oversightRegion(actors.reviewer)).toBe('haizhu');
    expect(oversightRegion(systemAdmin)).toBeNull();
  });
});

describe('assessment policy: experts and agencies see what they are assigned, and nothing else', () => {
  const kind = kindOf('assessment');
  const assessment = (state: string, assignees: string[] = []): DocumentResource => ({ departmentId: 'H1', regionPath: ['haizhu', 'guangzhou', 'guangdong'], state, assignees });
  const other: Actor = { id: 'g2', role: 'agency', departmentId: null, regionId: 'haizhu' };
  const ACTIONS_ALL = ['read', 'history', 'update', 'comment', 'assign', 'start', 'conclude', 'release', 'reopen', 'delete'];
  const allowed = (actor: Actor | null, state: string, assignees: string[] = []) => ACTIONS_ALL.filter((a) => canOnDocument(actor, a, assessment(state, assignees), kind));

  it.each<[string, Actor | null, string, string[], string[]]>([
    // Which steps a state allows is the workflow's; the policy says who may ask.
    ['the region’s reviewer', actors.reviewer, 'scoring', [], ['read', 'history', 'update', 'comment', 'assign', 'start', 'conclude', 'release', 'reopen']],
    ['the department’s editor', actors.editor, 'scoring', [], ['read', 'history', 'update', 'comment']],
    ['the department’s approver', actors.approver, 'concluded', [], ['read', 'history', 'update', 'comment']],
    ['an assigned agency', actors.agency, 'scoring', ['g'], ['read', 'history', 'update', 'comment']],
    ['another agency, not assigned', other, 'scoring', ['g'], []],
    ['an expert of the department, not assigned', actors.expert, 'scoring', [], []],
    ['an admin', actors.admin, 'scoring', [], ['read', 'history']],
    ['the public', null, 'released', [], []],
  ])('%s', (_who, actor, state, assignees, expected) => {
    expect(allowed(actor, state, assignees)).toEqual(expected);
  });

  it('opened by the bureau’s reviewers of the region, or by a department for its own; never by experts and agencies', () => {
    expect(canCreateDocument(actors.reviewer, kind, 'H1', ['haizhu', 'guangzhou'])).toBe(true);
    expect(canCreateDocument(actors.reviewer, kind, 'Y1', ['yuexiu', 'guangzhou'])).toBe(false);
    expect(canCreateDocument(actors.editor, kind, 'H1', ['haizhu'])).toBe(true);
    expect(canCreateDocument(actors.editor, kind, 'H2', ['haizhu'])).toBe(false);
    for (const actor of [actors.expert, actors.agency, actors.admin, null]) expect(canCreateDocument(actor, kind, 'H1', ['haizhu'])).toBe(false);
  });
});
