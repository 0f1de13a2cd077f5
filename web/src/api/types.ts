/** The shapes of the API's answers, as the web app reads them (see /api/v1/openapi.json). */
import type { DeclarationViewWithActions, PublicDeclaration as PublicDeclarationAnswer, Refined, StoredVersion as StoredVersionOf } from '../../../src/format/apiTypes.ts';
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

// The answers below are the API's, inferred from the schemas its routes declare (src/format/apiTypes.ts).
export type { AuditEntryView as AuditEntry, AuditVerification, CommentView as Comment, DeclarationList, SessionAnswer, SessionUser, VersionMeta } from '../../../src/format/apiTypes.ts';

/** A published form as the public page reads it. */
export type PublicDeclaration = Refined<PublicDeclarationAnswer, { content: DepartmentTargetDeclaration | ProjectTargetDeclaration }>;

/** One saved version of a department-wide form. */
export type StoredVersion = StoredVersionOf<DepartmentTargetDeclaration>;
