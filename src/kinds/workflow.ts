/**
 * The one workflow engine every kind of document runs on. A kind declares its workflow as data —
 * states, and transitions with who may take them and what each requires — and this module decides,
 * purely, where a request leads or why it is refused. Who the actor is stays the policy's question
 * (`documentPolicy.ts`); the engine only knows which party a transition belongs to.
 */
import type { Finding } from '../core/rules/finding.ts';

/** Chinese and English text. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * The parties of a document's life, as the policy recognises them from kind-independent facts:
 * - `department`: the owning department's editors and approvers;
 * - `department-approver`: its approvers (部门负责人) only;
 * - `oversight`: the finance bureau's reviewers of a region the department lies in;
 * - `assignee`: the people assigned to this one document (experts, agencies).
 */
export type Party = 'department' | 'department-approver' | 'oversight' | 'assignee';

/** One state of a workflow. */
export interface StateDefinition {
  readonly names: Bilingual;
  /** The department may change the content in this state. */
  readonly editable: boolean;
  /** Still the department's own: the bureau's reviewers do not see it (a draft). */
  readonly private?: boolean;
  /** Anyone, signed in or not, may read it. */
  readonly public?: boolean;
}

/** What a user asks the workflow to do. Which fields a transition reads is its own definition's. */
export interface TransitionRequest {
  readonly action: string;
  /** A reviewer's grade (优/良/中/差) where the transition takes one. */
  readonly grade?: string | undefined;
  /** The opinion or reason given with it. */
  readonly reason?: string | undefined;
  /** Advice given with it (rectification advice on accepting a report). */
  readonly advice?: string | undefined;
}

/** Why a transition cannot be taken, ready to become an API error: status, stable code, message, fields. */
export interface Refusal {
  readonly status: 400 | 403 | 409 | 422;
  readonly code: string;
  readonly message: Bilingual;
  readonly fields?: ReadonlyArray<{ readonly field: string; readonly message: string }>;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What a guard sees: the document as it stands, its current findings, and its region's settings. */
export interface TransitionContext<C> {
  readonly state: string;
  readonly request: TransitionRequest;
  readonly content: C;
  readonly findings: readonly Finding[];
  /** The kind's settings in force for the document's region (what `check` received). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The documents its kind's relations load (what `check` received), where the caller loaded them. */
  readonly related?: Readonly<Record<string, unknown>>;
}

/** One step a workflow allows. */
export interface TransitionDefinition<C = unknown> {
  readonly action: string;
  /** The verb on a button (提交) and the past participle in messages (submitted). */
  readonly names: { readonly verb: Bilingual; readonly done: Bilingual };
  readonly from: readonly string[];
  /** The state it leads to, or a function of the request (a review's grade decides). */
  readonly to: string | ((request: TransitionRequest) => string);
  /** Who may take it. */
  readonly by: readonly Party[];
  /** The grades a request must carry one of (a review). */
  readonly grades?: readonly string[];
  /** When a reason is required: always, or for some requests (a review graded 中 or 差). */
  readonly reasonRequired?: boolean | ((request: TransitionRequest) => boolean);
  /** What to say when the reason is missing (default: the verb needs an opinion). */
  readonly reasonMessage?: Bilingual;
  /** What else the transition requires, checked after the state and the reason. */
  readonly guard?: (context: TransitionContext<C>) => Refusal | null;
  /** A change of content the transition makes, stored as a version of its own (advice written into a report). */
  readonly revise?: (context: TransitionContext<C>) => { readonly content: C; readonly note: string; /** The audit verb of the version it stores. */ readonly verb: string } | null;
  /** The timestamp it sets: submitted (`submitted-first` keeps the first submission), decided, published. */
  readonly stamp?: 'submitted' | 'submitted-first' | 'decided' | 'published';
  /** It records a review (grade, outcome, opinion) beside the document. */
  readonly review?: boolean;
  /** The comment its reason becomes, anchored to the whole document ('' pointer): the prefix before it. */
  readonly reasonComment?: (request: TransitionRequest) => string;
  /** The notification it sends (to the department, or to the reviewers for a submission), if any. */
  readonly notification?: string | ((request: TransitionRequest, to: string) => string | null);
  /** The notification's body: by default the reason. */
  readonly notificationBody?: (request: TransitionRequest, context: TransitionContext<C>) => string;
}

/** A kind's workflow: its states and the transitions between them. */
export interface WorkflowDefinition<C = unknown> {
  /** What the document is called in messages: 申报表, 监控表. */
  readonly noun: Bilingual;
  readonly states: Readonly<Record<string, StateDefinition>>;
  readonly initial: string;
  readonly transitions: readonly TransitionDefinition<C>[];
}

/** What reading a workflow needs of it (any kind's, whatever its content type). */
export interface WorkflowShape {
  readonly states: Readonly<Record<string, StateDefinition>>;
  readonly initial: string;
  readonly transitions: ReadonlyArray<{ readonly action: string; readonly from: readonly string[]; readonly by: readonly Party[] }>;
}

/** Where a request leads, or why it cannot be taken. */
export type TransitionOutcome<C> = { readonly ok: true; readonly to: string; readonly transition: TransitionDefinition<C> } | { readonly ok: false; readonly refusal: Refusal };

/** The definition of an action, or undefined when the workflow has none such. */
export function transitionOf<T extends WorkflowShape['transitions'][number]>(workflow: { readonly transitions: readonly T[] }, action: string): T | undefined {
  return workflow.transitions.find((t) => t.action === action);
}

/** The state's names, or the state itself for an unknown one (a store edited by hand). */
export function stateNames(workflow: WorkflowShape, state: string): Bilingual {
  return Object.hasOwn(workflow.states, state) ? (workflow.states[state] as StateDefinition).names : { zh: state, en: state };
}

/** True when the department may edit the content in this state. */
export function isEditableState(workflow: WorkflowShape, state: string): boolean {
  return Object.hasOwn(workflow.states, state) && (workflow.states[state] as StateDefinition).editable;
}

/** The actions that can follow a state, for offering buttons (the policy then filters by who asks). */
export function actionsFromState(workflow: WorkflowShape, state: string): string[] {
  return workflow.transitions.filter((t) => t.from.includes(state)).map((t) => t.action);
}

/** The state a request leads to, or why it is refused. Pure: the policy decides whether the actor may ask at all. */
export function decideTransition<C>(workflow: WorkflowDefinition<C>, context: TransitionContext<C>): TransitionOutcome<C> {
  const { state, request } = context;
  const transition = transitionOf(workflow, request.action);
  const names = stateNames(workflow, state);
  if (!transition) {
    return { ok: false, refusal: { status: 400, code: 'validation-failed', message: { zh: `没有“${request.action}”这一步`, en: `there is no step "${request.action}"` }, fields: [{ field: 'action', message: 'unknown' }] } };
  }
  if (!transition.from.includes(state)) {
    return { ok: false, refusal: { status: 409, code: 'wrong-state', message: { zh: `${workflow.noun.zh}${names.zh}，不能${transition.names.verb.zh}`, en: `a ${workflow.noun.en} that is ${names.en} cannot be ${transition.names.done.en}` }, details: { state } } };
  }
  if (transition.grades && (request.grade === undefined || !transition.grades.includes(request.grade))) {
    return { ok: false, refusal: { status: 400, code: 'validation-failed', message: { zh: `须选择评定等级（${transition.grades.join('、')}）`, en: `a grade is required (${transition.grades.join(', ')})` }, fields: [{ field: 'grade', message: 'required' }] } };
  }
  const reasonRequired = typeof transition.reasonRequired === 'function' ? transition.reasonRequired(request) : transition.reasonRequired === true;
  if (reasonRequired && !request.reason?.trim()) {
    return { ok: false, refusal: { status: 400, code: 'reason-required', message: transition.reasonMessage ?? { zh: `${transition.names.verb.zh}时须写明意见`, en: `a reason is required to ${transition.names.verb.en}` }, fields: [{ field: 'reason', message: 'required' }] } };
  }
  const refused = transition.guard?.(context) ?? null;
  if (refused) return { ok: false, refusal: refused };
  const to = typeof transition.to === 'function' ? transition.to(request) : transition.to;
  return { ok: true, to, transition };
}
