/**
 * Who may do what to a document of any kind: one function, deciding on kind-independent facts (the
 * actor's role, department and region; the document's department, region path, state and assignees)
 * and on what the kind's workflow says of each transition (which party takes it) and of each state
 * (private to the department, public). Deny by default; pure.
 */
import { adminReaches, type Actor } from '../core/policy.ts';
import { isEditableState, transitionOf, type Party, type WorkflowShape } from './workflow.ts';

/** A document as the policy sees it. */
export interface DocumentResource {
  readonly departmentId: string;
  /** The department's region and all regions above it. */
  readonly regionPath: readonly string[];
  readonly state: string;
  /** The users assigned to this document (experts, agencies), if the kind assigns any. */
  readonly assignees?: readonly string[];
}

/** What the policy needs of a kind. */
export interface KindAccess {
  readonly workflow: WorkflowShape;
  readonly deletable: boolean;
  readonly adminMayCreate: boolean;
  readonly creators?: readonly ('department' | 'oversight')[];
  readonly editors?: readonly Party[];
  readonly assigns?: boolean;
  readonly assigners?: readonly Party[];
}

/** The actions every kind has; any other action is one of the kind's transitions. */
export type DocumentAction = 'read' | 'history' | 'update' | 'comment' | 'delete' | 'assign';

/** The parties the actor is to this document. */
export function partiesOf(actor: Actor, document: DocumentResource, kind: KindAccess): Set<Party> {
  const parties = new Set<Party>();
  const state = Object.hasOwn(kind.workflow.states, document.state) ? kind.workflow.states[document.state] : undefined;
  if ((actor.role === 'editor' || actor.role === 'approver') && actor.departmentId !== null && actor.departmentId === document.departmentId) {
    parties.add('department');
    if (actor.role === 'approver') parties.add('department-approver');
  }
  // Drafts stay with their department until submitted.
  if (actor.role === 'reviewer' && actor.regionId !== null && document.regionPath.includes(actor.regionId) && state?.private !== true) parties.add('oversight');
  if (document.assignees?.includes(actor.id) === true) parties.add('assignee');
  return parties;
}

/** Is the state one anybody may read? */
export function isPublicState(kind: KindAccess, state: string): boolean {
  return Object.hasOwn(kind.workflow.states, state) && kind.workflow.states[state]?.public === true;
}

/**
 * May the actor (null: the public) do this to the document? `action` is one of the common actions or
 * a transition of the kind's workflow (whether the state allows it is the workflow's question; this
 * answers who may ask).
 */
export function canOnDocument(actor: Actor | null, action: DocumentAction | (string & {}), document: DocumentResource, kind: KindAccess): boolean {
  const published = isPublicState(kind, document.state);
  if (actor === null) return action === 'read' && published;
  if (action === 'read' && published) return true;
  const parties = partiesOf(actor, document, kind);
  const involved = parties.size > 0;
  switch (action) {
    case 'read':
    case 'history':
      return involved || (actor.role === 'admin' && adminReaches(actor, document.regionPath));
    case 'comment':
      return involved;
    case 'update':
      // Whether the state allows edits is the workflow's; who edits is the kind's (its department by default).
      return (kind.editors ?? ['department']).some((party) => parties.has(party));
    case 'delete':
      return kind.deletable && parties.has('department') && document.state === kind.workflow.initial;
    case 'assign':
      return kind.assigns === true && (kind.assigners ?? ['oversight']).some((party) => parties.has(party));
  }
  const transition = transitionOf(kind.workflow, action);
  return transition !== undefined && transition.by.some((party) => parties.has(party));
}

/** May the actor make a document of this kind for a department (given the department's region path)? */
export function canCreateDocument(actor: Actor | null, kind: KindAccess, departmentId: string, regionPath: readonly string[]): boolean {
  if (actor === null) return false;
  if (actor.role === 'admin') return kind.adminMayCreate && regionPath.length > 0 && adminReaches(actor, regionPath);
  const creators = kind.creators ?? ['department'];
  if (actor.role === 'reviewer') return creators.includes('oversight') && actor.regionId !== null && regionPath.includes(actor.regionId);
  return creators.includes('department') && (actor.role === 'editor' || actor.role === 'approver') && actor.departmentId === departmentId;
}

/** May the actor edit the content now: theirs to edit, and a state that allows edits? */
export function canEditNow(actor: Actor | null, document: DocumentResource, kind: KindAccess): boolean {
  return canOnDocument(actor, 'update', document, kind) && isEditableState(kind.workflow, document.state);
}

