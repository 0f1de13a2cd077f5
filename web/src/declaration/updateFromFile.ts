/**
 * 从文件更新: a form read from a file (an edited Excel export, a PDF, any format) brought into an
 * existing draft. Which of the file's forms is the draft's (the same kind; a project form by its
 * project's name), and that form as the draft's next content — the draft's department and year
 * kept, whatever the file prints.
 */
import type { TargetDocument } from '../../../src/core/document.ts';

const key = (name: string | null | undefined) => (name ?? '').replace(/[\s\u3000（）()]/g, '');

export type Match = { readonly ok: true; readonly document: TargetDocument; readonly index: number } | { readonly ok: false; readonly problem: 'no-form-of-kind' | 'which-project' };

/** The file's form that is the draft's. */
export function matchingDocument(documents: readonly TargetDocument[], draft: TargetDocument): Match {
  const ofKind = documents.map((document, index) => ({ document, index })).filter(({ document }) => document.kind === draft.kind);
  if (ofKind.length === 0) return { ok: false, problem: 'no-form-of-kind' };
  if (draft.kind === 'department-target') return { ok: true, ...(ofKind[0] as { document: TargetDocument; index: number }) };
  const name = key(draft.project.name);
  const same = ofKind.filter(({ document }) => document.kind === 'project-target' && key(document.project.name) === name);
  const found = same[0] ?? (ofKind.length === 1 ? ofKind[0] : undefined);
  return found ? { ok: true, ...found } : { ok: false, problem: 'which-project' };
}

/** The file's form as the draft's next content: the draft's department and year stay. */
export function asUpdateOf(document: TargetDocument, draft: TargetDocument): TargetDocument {
  return { ...document, department: draft.department, year: draft.year };
}
