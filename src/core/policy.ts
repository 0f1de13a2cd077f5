/**
 * Who may do what, deny by default. Pure: the caller loads the actor and the resource, the policy
 * answers. Documents of every kind are decided by the one document policy (`src/kinds/documentPolicy.ts`)
 * from these roles and facts; what is not a document (the system's administration, monitoring rounds) is here.
 */

/**
 * Roles of signed-in users. The public has no role (a null actor). Experts (专家) and third-party
 * agencies (第三方机构) see only the documents they are assigned to.
 */
export type Role = 'editor' | 'approver' | 'reviewer' | 'admin' | 'expert' | 'agency';

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  editor: { zh: '部门填报员', en: 'Department editor' },
  approver: { zh: '部门负责人', en: 'Department approver' },
  reviewer: { zh: '财政审核员', en: 'Finance reviewer' },
  admin: { zh: '管理员', en: 'Administrator' },
  expert: { zh: '专家', en: 'Expert' },
  agency: { zh: '第三方机构', en: 'Third-party agency' },
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
export function adminReaches(actor: Actor, regionPath: readonly string[]): boolean {
  return actor.regionId === null || regionPath.includes(actor.regionId);
}

export type SystemAction = 'manage-organisations' | 'manage-users' | 'read-audit' | 'create-declaration' | 'backup' | 'manage-library' | 'read-library';

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

/** May the actor open a monitoring round for a region (admins anywhere; reviewers in their own region's subtree)? */
export function canOpenRound(actor: Actor | null, regionPath: readonly string[]): boolean {
  if (actor === null) return false;
  if (actor.role === 'admin') return adminReaches(actor, regionPath);
  return actor.role === 'reviewer' && actor.regionId !== null && regionPath.includes(actor.regionId);
}
