/** A document page that only reads (apart from useDocumentPage.ts, so the editor's chunk does not carry it for the form's page). */
import { useDocumentPage, type DocumentPage, type DocumentViewBase, type LoadedDocument } from './useDocumentPage.ts';

/**
 * The shell's state for a page that only reads its document (a target form's page, where editing is
 * the editor's): the steps of the workflow, the comments, one busy flag and one error; nothing to save.
 */
export function useDocumentReader<T, V extends DocumentViewBase<T>>({ loaded, viewPath }: { loaded: LoadedDocument<V>; viewPath: string }): DocumentPage<T, V> {
  return useDocumentPage<T, V>({ loaded, viewPath, editable: false, withComments: true, invalidAmount: NOTHING_TO_SAVE, notSaved: NOTHING_TO_SAVE.message });
}

/** Never said: a reader has nothing unsaved, so its steps save nothing first. */
const NOTHING_TO_SAVE = { message: { zh: '没有可保存的内容', en: 'nothing to save' }, field: 'content' } as const;
