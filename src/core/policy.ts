/**
 * Who may do what: the one place access is decided, deny by default. Pure: the caller loads the
 * actor and the resource, the policy answers.
 */
import type { DeclarationState } from './workflow.ts';

/** Roles of signed-in users. The public has no role (a null actor). */
export type Role = 'editor' | 'approver' | 'reviewer' | 'admin';

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  editor: { zh: '部门填报员', en: 'Department editor' },
  approver: { zh: '部门负责人', en: 'Department approver' },
  reviewer: { zh: '财政审核员', en: 'Finance reviewer' },
  admin: { zh: '管理员', en: 'Administrator' },
};

/** A signed-in user as the policy sees them. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  /** The department of editors and approvers. */
  readonly departmentId: string | null;
  /**
   * The region a reviewer reviews, or a bureau's admin administers (its whole subtree). An admin
   * without one administers the whole system.
   */
  readonly regionId: string | null;
}

/** Is the actor the system's administrator (an admin bound to no region)? */
export function isSystemAdmin(actor: Actor | null): boolean {
  return actor !== null && actor.role === 'admin' && actor.regionId === null;
}

/**
 * The region the actor's oversight is confined to (a reviewer's, a bureau admin's), or null for the
 * whole system (the system admin). Only meaningful for reviewers and admins.
 */
export function oversightRegion(actor: Actor): string | null {
  return actor.role === 'reviewer' || actor.role === 'admin' ? actor.regionId : null;
}

/**
 * May the actor administer what lies in a region — its sub-regions, departments, users and
 * settings? The system admin everywhere; a bureau's admin in its own region and below.
 */
export function canManageRegion(actor: Actor | null, regionPath: readonly string[]): boolean {
  return actor !== null && actor.role === 'admin' && adminReaches(actor, regionPath);
}

/** Does an admin's oversight reach a region (always for the system admin)? */
function adminReaches(actor: Actor, regionPath: readonly string[]): boolean {
  return actor.regionId === null || regionPath.includes(actor.regionId);
}

/** A declaration as the policy sees it. */
export interface DeclarationResource {
  readonly departmentId: string;
  /** The department's region and all regions above it. */
  readonly regionPath: readonly string[];
  readonly state: DeclarationState;
}

export type DeclarationAction = 'read' | 'update' | 'submit' | 'review' | 'publish' | 'comment' | 'history' | 'delete';
export type SystemAction = 'manage-organisations' | 'manage-users' | 'read-audit' | 'create-declaration' | 'backup' | 'manage-library' | 'read-library';

/** May the actor (null: the public) do this to the declaration? */
export function canOnDeclaration(actor: Actor | null, action: DeclarationAction, declaration: DeclarationResource): boolean {
  const published = declaration.state === 'published';
  if (actor === null) return action === 'read' && published;
  if (action === 'read' && published) return true;
  const ownDepartment = actor.departmentId !== null && actor.departmentId === declaration.departmentId;
  const inRegion = actor.regionId !== null && declaration.regionPath.includes(actor.regionId);
  switch (actor.role) {
    case 'editor':
      return ownDepartment && (action === 'read' || action === 'history' || action === 'update' || action === 'comment' || (action === 'delete' && declaration.state === 'draft'));
    case 'approver':
      return ownDepartment && (action === 'read' || action === 'history' || action === 'update' || action === 'comment' || action === 'submit' || action === 'publish' || (action === 'delete' && declaration.state === 'draft'));
    case 'reviewer':
      // Drafts stay with their department until submitted.
      return inRegion && declaration.state !== 'draft' && (action === 'read' || action === 'history' || action === 'comment' || action === 'review');
    case 'admin':
      return adminReaches(actor, declaration.regionPath) && (action === 'read' || action === 'history');
  }
}

/**
 * May the actor create a declaration for this department? Its editors and approvers; and an admin
 * who administers its region (bulk imports of published forms), given the department's region path.
 * The draft is the department's: admins still cannot edit it.
 */
export function canCreateFor(actor: Actor | null, departmentId: string, regionPath: readonly string[] = []): boolean {
  if (actor === null) return false;
  if (actor.role === 'admin') return regionPath.length > 0 && canManageRegion(actor, regionPath);
  return (actor.role === 'editor' || actor.role === 'approver') && actor.departmentId === departmentId;
}

/** May the actor do a system-wide action? */
export function canDo(actor: Actor | null, action: SystemAction): boolean {
  if (actor === null) return false;
  switch (action) {
    case 'manage-organisations':
    case 'manage-users':
      // Which regions, departments and users: canManageRegion decides for each.
      return actor.role === 'admin';
    case 'read-audit':
    case 'backup':
    case 'manage-library':
      // The whole store's log, backup and shared library belong to the system, not to one bureau.
      return isSystemAdmin(actor);
    case 'read-library':
      // Indicator names and targets are published with the forms; every signed-in user may look them up.
      return true;
    case 'create-declaration':
      return actor.role === 'editor' || actor.role === 'approver';
  }
}

/** A monitoring report as the policy sees it. */
export interface ReportResource {
  readonly departmentId: string;
  readonly regionPath: readonly string[];
  readonly state: 'draft' | 'submitted' | 'returned' | 'accepted';
}

export type ReportPolicyAction = 'read' | 'update' | 'submit' | 'return' | 'accept' | 'comment' | 'history';

/**
 * May the actor do this to a monitoring report? Reports are never public: they are the bureau's
 * working papers until a self-evaluation publishes results. The department fills them (its approver
 * submits, as for targets); reviewers of its region see them once submitted and decide.
 */
export function canOnReport(actor: Actor | null, action: ReportPolicyAction, report: ReportResource): boolean {
  if (actor === null) return false;
  const ownDepartment = actor.departmentId !== null && actor.departmentId === report.departmentId;
  const inRegion = actor.regionId !== null && report.regionPath.includes(actor.regionId);
  switch (actor.role) {
    case 'editor':
      return ownDepartment && (action === 'read' || action === 'history' || action === 'update' || action === 'comment');
    case 'approver':
      return ownDepartment && (action === 'read' || action === 'history' || action === 'update' || action === 'comment' || action === 'submit');
    case 'reviewer':
      return inRegion && report.state !== 'draft' && (action === 'read' || action === 'history' || action === 'comment' || action === 'return' || action === 'accept');
    case 'admin':
      return adminReaches(actor, report.regionPath) && (action === 'read' || action === 'history');
  }
}

/** May the actor open a monitoring round for a region (admins anywhere; reviewers in their own region's subtree)? */
export function canOpenRound(actor: Actor | null, regionPath: readonly string[]): boolean {
  if (actor === null) return false;
  if (actor.role === 'admin') return adminReaches(actor, regionPath);
  return actor.role === 'reviewer' && actor.regionId !== null && regionPath.includes(actor.regionId);
}

/** A self-evaluation as the policy sees it. */
export interface EvaluationResource {
  readonly departmentId: string;
  readonly regionPath: readonly string[];
  readonly state: 'draft' | 'submitted' | 'returned' | 'accepted' | 'published';
}

export type EvaluationPolicyAction = 'read' | 'create' | 'update' | 'submit' | 'return' | 'accept' | 'publish' | 'comment' | 'history';

/**
 * May the actor do this to a self-evaluation? Like a target form: the department fills it (its
 * approver submits and publishes), reviewers of its region decide once submitted, anyone reads it
 * once published with the final accounts.
 */
export function canOnEvaluation(actor: Actor | null, action: EvaluationPolicyAction, evaluation: EvaluationResource): boolean {
  const published = evaluation.state === 'published';
  if (actor === null || (action === 'read' && published)) return action === 'read' && published;
  const ownDepartment = actor.departmentId !== null && actor.departmentId === evaluation.departmentId;
  const inRegion = actor.regionId !== null && evaluation.regionPath.includes(actor.regionId);
  switch (actor.role) {
    case 'editor':
      return ownDepartment && (action === 'read' || action === 'history' || action === 'create' || action === 'update' || action === 'comment');
    case 'approver':
      return ownDepartment && (action === 'read' || action === 'history' || action === 'create' || action === 'update' || action === 'comment' || action === 'submit' || action === 'publish');
    case 'reviewer':
      return inRegion && evaluation.state !== 'draft' && (action === 'read' || action === 'history' || action === 'comment' || action === 'return' || action === 'accept');
    case 'admin':
      return adminReaches(actor, evaluation.regionPath) && (action === 'read' || action === 'history');
  }
}
