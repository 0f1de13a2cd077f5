/**
 * What a row button does to the editor: a structural step of its own in the undo history, and for
 * a deletion a note saying what went, with a way back.
 */
import type { EditorFields } from './editorFields.tsx';

/** Marks the next change as a structural step (undone on its own, never merged with typing). */
export function structural(fields: EditorFields): void {
  fields.editKind.current = 'structure';
}

/** Marks the next change as a deletion and says what was deleted. */
export function deletion(fields: EditorFields, what: string, t: (zh: string, en: string) => string): void {
  fields.editKind.current = 'structure';
  fields.announce(t(`已删除${what}`, `Deleted ${what}`));
}
