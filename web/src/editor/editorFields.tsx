/**
 * What every field of the editor shares without threading it through each section: the review
 * comments by field, where boxes report text they cannot take (the form is not saved while any
 * does), and how a section says what it just did (`第 3 行已删除 — 撤销`).
 */
import { createContext, useContext } from 'react';
import type { Comment } from '../api/types.ts';
import type { EditKind } from './useUndoHistory.ts';

export interface EditorFields {
  readonly comments: ReadonlyMap<string, Comment[]>;
  /** A box holds text it cannot take (a message), or no longer does (null). */
  readonly setInvalid: (path: string, message: string | null) => void;
  /** The boxes holding text they cannot take, by path: a total over one of them is not shown as if it were right. */
  readonly invalid?: ReadonlyMap<string, string>;
  /** Tells the user what a structural change did, with a way to undo it. */
  readonly announce: (message: string) => void;
  /** How the next change is being made (typing in a box, or a row action). */
  readonly editKind: { current: EditKind };
}

const noop = () => undefined;
const EditorFieldsContext = createContext<EditorFields>({ comments: new Map(), setInvalid: noop, announce: noop, editKind: { current: 'typing' } });

export const EditorFieldsProvider = EditorFieldsContext.Provider;

export function useEditorFields(): EditorFields {
  return useContext(EditorFieldsContext);
}
