/**
 * 从文件更新's hand-over to the editor: the page that read the file navigates to the editor with the
 * content in the address's state. Apart from the rest of updateFromFile.ts, which only the form's
 * page needs, so that the editor's chunk does not carry it.
 */
import type { TargetDocument } from '../../../src/core/document.ts';

/** What the editor takes from the address's state: content to apply as one undoable step, and the note of the version it saves. */
export interface ReplaceWith {
  readonly replaceWith: TargetDocument;
  readonly note: string;
}

/** The state of a navigation, if it asks the editor to apply content. */
export function replaceWithOf(state: unknown): ReplaceWith | null {
  const candidate = state as Partial<ReplaceWith> | null;
  return candidate && typeof candidate === 'object' && candidate.replaceWith && typeof candidate.note === 'string' ? (candidate as ReplaceWith) : null;
}
