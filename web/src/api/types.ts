/** The shapes of the API's answers, as the web app reads them (see /api/v1/openapi.json). */
import type { DeclarationSummary, DeclarationViewWithActions, UserView } from '../../../src/format/apiTypes.ts';
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import type { ProjectTargetDeclaration } from '../../../src/core/projectTarget.ts';
import type { DeclarationChange as Change } from '../../../src/core/declarationDiff.ts';
import type { Role } from '../../../src/core/policy.ts';
import type { Finding } from '../../../src/core/rules/finding.ts';
import type { DeclarationState, TransitionAction } from '../../../src/core/workflow.ts';

export type { Change, DeclarationState, DepartmentTargetDeclaration, Finding, Role, TransitionAction };
export type { DeclarationSummary, RegionNode, UserView as UserRow, YearStatistics } from '../../../src/format/apiTypes.ts';
/** A document of any kind as the web app reads it: with what the user may do next. */
export type AnyDeclarationView = DeclarationViewWithActions;
/**
 * A department-wide form's view, the one the editor and most panels were written for; a page that
 * may receive a project form tells them apart by `content.kind` first (see isDepartmentView).
 */
export type DeclarationView = Omit<DeclarationViewWithActions, 'content'> & { content: DepartmentTargetDeclaration };
export type { DocumentLinks, LibraryEntryView } from '../../../src/format/apiTypes.ts';

/** True when the view is of a department-wide form. */
export function isDepartmentView(view: AnyDeclarationView | DeclarationView): view is DeclarationView {
  return view.content.kind === 'department-target';
}

/** The signed-in user, with the name of their role. */
export type SessionUser = UserView & { roleName: { zh: string; en: string } };

export interface SessionAnswer {
  user: SessionUser | null;
  csrfToken: string | null;
}

export interface DeclarationList {
  items: DeclarationSummary[];
  total: number;
}

export interface PublicDeclaration {
  id: string;
  departmentName: string;
  year: number;
  state: DeclarationState;
  version: number;
  content: DepartmentTargetDeclaration | ProjectTargetDeclaration;
}

export interface VersionMeta {
  version: number;
  createdAt: string;
  note: string | null;
  /** Saved by autosave (later autosaves of the same sitting replace it). */
  autosave: boolean;
  author: { id: string; displayName: string };
  errors: number;
  warnings: number;
}

export interface StoredVersion {
  version: number;
  createdAt: string;
  note: string | null;
  content: DepartmentTargetDeclaration;
  findings: Finding[];
}

export interface Comment {
  id: string;
  path: string;
  body: string;
  author: { id: string; displayName: string; role: string };
  version: number;
  createdAt: string;
  anchored: boolean;
}

export interface AuditEntry {
  seq: string;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  fromVersion: number | null;
  toVersion: number | null;
  detail: unknown;
  prevHash: string;
  hash: string;
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: string; reason: 'edited' | 'removed-or-reordered' };
