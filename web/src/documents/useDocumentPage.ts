/**
 * What every document page does whatever its kind (a target form, a monitoring report, a
 * self-evaluation, the kinds to come): the editor over the server's version (autosave, undo and redo,
 * the copy kept in the browser, a lost race merged field by field — or, for a kind that asks, put to
 * the user), Ctrl+S/Z, the question before leaving unsaved work, one busy flag and one error for the
 * page's requests, a word to the user (a banner, or a passing note with 撤销), the review comments, a
 * step of the workflow, a row comment and a file imported over the document. A kind's page adds only
 * its sections.
 */
import { useCallback, useRef, useState } from 'react';
import type { Blocker } from 'react-router';
import type { Bilingual } from '../../../src/core/rules/finding.ts';
import { api, ApiError } from '../api/client.ts';
import { fileToBase64 } from '../api/fileData.ts';
import { fetchOnce, takeSettled } from '../api/prefetch.ts';
import type { Comment } from '../api/types.ts';
import { useResource, type Resource } from '../api/useResource.ts';
import { mergeWithCurrent } from '../editor/mergeWithCurrent.ts';
import { useDocumentEditor, type ConflictOutcome, type DocumentEditor } from '../editor/useDocumentEditor.ts';
import { useEditorKeys } from '../editor/useEditorKeys.ts';
import { useLeavePrompt } from '../editor/useLeavePrompt.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { documentPath } from './documentPath.ts';
import { useRequests } from './useRequests.ts';

/** What a kind's view of one document carries for the shell (ReportView, EvaluationView …). */
export interface DocumentViewBase<T> {
  readonly id: string;
  readonly version: number;
  readonly content: T;
  readonly state: string;
  readonly canEdit: boolean;
  readonly allowedActions: readonly string[];
  /** Why it was returned, for kinds that say it in a banner (a target form says it in its review banner). */
  readonly returnReason?: string | null;
}

/** A step of a kind's workflow as the server takes it: the action and what that step asks (a reason, advice, a grade). */
export interface TransitionRequest {
  readonly action: string;
  readonly reason?: string;
  readonly advice?: string;
  readonly grade?: string;
}

/** A comment anchored to a field or row by its JSON Pointer ("" for the whole document). */
export type DocumentComment = Comment;

/** A save that lost a race: the merge to save over the newer version, or null while the user is asked; `tell` says what was merged. */
export type ConflictHandler<T> = (error: ApiError, base: T, mine: T, tell: (text: string) => void) => Promise<ConflictOutcome<T>>;


/** A document as its page received it: the view, and how to replace or reload it. */
export interface LoadedDocument<V> {
  readonly id: string;
  readonly view: V;
  readonly setView: (view: V) => void;
  /** Loads the view again (after a step of the workflow). */
  readonly reload: () => void;
}

export interface DocumentPageOptions<T, V extends DocumentViewBase<T>> {
  readonly loaded: LoadedDocument<V>;
  /** Where the kind's view is read and saved (its own path: the view carries what the kind computes). */
  readonly viewPath: string;
  /** False for a reader who may not edit here (the public). */
  readonly editable: boolean;
  /** False where comments are not shown (the public). */
  readonly withComments: boolean;
  /** Said when a save is refused while an amount is not one: the message and the field. */
  readonly invalidAmount: { readonly message: Bilingual; readonly field: string };
  /** Said when the document could not be saved before a step. */
  readonly notSaved: Bilingual;
  /** A lost race: by default what the server holds now is merged field by field, the editor's kept where both changed one. */
  readonly onConflict?: ConflictHandler<T>;
  /** Derived fields kept in step after each change (a total that follows its parts). */
  readonly derive?: (content: T) => T;
  /** How notices are shown: a banner above the sections (default), or a passing note at the foot of the window. */
  readonly noticeAs?: 'banner' | 'toast';
}

export interface DocumentPage<T, V> {
  readonly doc: DocumentEditor<T>;
  readonly view: V;
  readonly editable: boolean;
  readonly busy: boolean;
  readonly error: unknown;
  /** A word to the user: what was merged or loaded, or what a change just did. */
  readonly notice: string | null;
  /** The notice tells of a change that 撤销 takes back. */
  readonly noticeUndo: boolean;
  readonly noticeAs: 'banner' | 'toast';
  readonly setNotice: (notice: string | null) => void;
  /** Says something to the user (`undo`: with a way to undo what was just done). */
  readonly tell: (text: string, undo?: boolean) => void;
  /** Undo and redo from the toolbar and the keys: a passing note about the step undone goes with it. */
  readonly undo: () => void;
  readonly redo: () => void;
  readonly blocker: Blocker;
  readonly comments: Resource<{ comments: DocumentComment[] }>;
  /** Saves unless nothing is unsaved (Ctrl+S, Enter at a grid's last row). */
  readonly saveNow: () => void;
  /** Runs a request with the busy flag; its error is shown. */
  readonly run: (work: () => Promise<void>) => Promise<void>;
  /** Shows an error of the page's own (a part's request that failed), or forgets it (null: a dialog opened afresh). */
  readonly showError: (error: unknown) => void;
  /** Saves what is unsaved; throws when it cannot be. */
  readonly saveFirst: () => Promise<void>;
  /** Saves first, then takes a step of the kind's workflow and reloads. */
  readonly transition: (request: TransitionRequest) => Promise<void>;
  /** Adds a comment anchored at `path`. */
  readonly addComment: (path: string, body: string) => Promise<void>;
  /** Saves first, then fills the document from a file (Excel, CSV, PDF…) on top of what is there. */
  readonly importFile: (file: File) => boolean;
  /** Takes what the server holds now as the editor's (after a version was restored). */
  readonly refresh: () => Promise<void>;
}

/** The shell's state and requests for one document page. */
export function useDocumentPage<T, V extends DocumentViewBase<T>>(options: DocumentPageOptions<T, V>): DocumentPage<T, V> {
  const { viewPath, editable } = options;
  const { id, view, setView, reload } = options.loaded;
  const { t } = useLocale();
  const { busy, error, setError, run } = useRequests();
  const [said, setSaid] = useState<{ text: string; undo: boolean } | null>(null);
  const noticeAs = options.noticeAs ?? 'banner';
  const tell = useCallback((text: string, undo = false) => setSaid({ text, undo }), []);
  const setNotice = useCallback((text: string | null) => setSaid(text === null ? null : { text, undo: false }), []);
  // A prefetched answer (the app opened at this page) is taken, not asked for again.
  const commentsPath = documentPath(id, '/comments');
  const comments = useResource(
    options.withComments ? `document-comments:${id}` : null,
    () => fetchOnce<{ comments: DocumentComment[] }>(commentsPath),
    () => takeSettled<{ comments: DocumentComment[] }>(commentsPath),
  );
  // A save answers with the document as stored; what only the view carries (the steps allowed) is kept.
  const viewRef = useRef(view);
  viewRef.current = view;

  const current = useCallback(async () => {
    const answer = await api<V>('GET', viewPath);
    return { version: answer.version, content: answer.content };
  }, [viewPath]);
  const doc = useDocumentEditor<T>({
    id,
    content: view.content,
    version: view.version,
    canEdit: editable,
    derive: options.derive,
    put: async ({ baseVersion, content, autosave, note }) => {
      const saved = await api<V>('PUT', viewPath, { baseVersion, content, autosave, ...(note ? { note } : {}) });
      setView({ ...viewRef.current, ...saved });
      return saved;
    },
    onConflict: (error, base, mine) =>
      options.onConflict
        ? options.onConflict(error, base, mine, tell)
        : mergeWithCurrent(current, (version, clashes) =>
            tell(
              clashes > 0
                ? t(`他人或另一窗口保存了第 ${version} 版，已与你的修改合并；${clashes} 处两边都改过，保留了你的填写`, `Version ${version} was saved elsewhere and merged with yours; ${clashes} fields changed on both sides keep what you typed`)
                : t(`他人或另一窗口保存了第 ${version} 版，已与你的修改合并`, `Version ${version} was saved elsewhere and merged with yours`),
            ),
          )(error, base, mine),
    current,
    onNewer: (version) => tell(t(`已载入第 ${version} 版（在另一窗口或由他人保存）`, `Loaded version ${version} (saved in another window or by someone else)`)),
  });
  const saveNow = () => {
    if (!doc.blocked && (doc.status === 'dirty' || doc.status === 'failed')) void doc.save();
  };
  const step = (direction: 'undo' | 'redo') => {
    if (direction === 'undo') doc.undo();
    else doc.redo();
    if (noticeAs === 'toast') setNotice(null);
  };
  const undo = () => step('undo');
  const redo = () => step('redo');
  useEditorKeys({ save: saveNow, undo, redo }, editable);
  const blocker = useLeavePrompt(editable && doc.unsaved);

  const saveFirst = async (): Promise<void> => {
    if (doc.blocked) throw new ApiError(400, 'validation-failed', options.invalidAmount.message, [{ field: options.invalidAmount.field, message: 'invalid' }]);
    if (doc.status === 'saved') return;
    if (!(await doc.save())) throw doc.saveError ?? new ApiError(409, 'not-saved', options.notSaved);
  };
  const transition = async (request: TransitionRequest) => {
    if (request.action === 'return' && (request.reason ?? '').trim() === '') throw new ApiError(400, 'reason-required', { zh: '退回时须写明退回意见', en: 'a return needs a reason' }, [{ field: 'reason', message: 'required' }]);
    // Unsaved work is saved before any step but a return (a reviewer who returns has nothing of theirs unsaved).
    if (request.action !== 'return') await saveFirst();
    await api('POST', documentPath(id, '/transitions'), request);
    reload();
    comments.reload();
  };
  const addComment = async (path: string, body: string) => {
    await api('POST', documentPath(id, '/comments'), { path, body });
    comments.reload();
  };
  const importFile = (file: File) => {
    void run(async () => {
      // Unsaved values are saved first, so the file fills in on top of them and nothing typed is lost.
      await saveFirst();
      const data = await fileToBase64(file);
      const answer = await api<V & { matched: number; unmatched: string[] }>('POST', `${viewPath}/import`, { baseVersion: doc.baseVersion, file: { name: file.name, data } });
      setView(answer);
      doc.adopt({ content: answer.content, saved: answer.content, version: answer.version });
      const filled =
        answer.unmatched.length > 0
          ? t(`已填入 ${answer.matched} 项指标；${answer.unmatched.length} 项未找到同名指标：${answer.unmatched.join('、')}`, `${answer.matched} indicators filled; ${answer.unmatched.length} not found by name: ${answer.unmatched.join(', ')}`)
          : t(`已填入 ${answer.matched} 项指标`, `${answer.matched} indicators filled`);
      // Ant Design's message is fetched only here, after an import: the target form's editor, which
      // shares this hook and imports no files, does not download it on its way to the first paint.
      void import('antd/es/message').then(({ default: antdMessage }) => antdMessage.success(filled));
    });
    return false;
  };

  const refresh = async () => {
    const answer = await api<V>('GET', viewPath);
    setView(answer);
    doc.adopt({ content: answer.content, saved: answer.content, version: answer.version });
  };

  return { doc, view, editable, busy, error, notice: said?.text ?? null, noticeUndo: said?.undo ?? false, noticeAs, setNotice, tell, undo, redo, blocker, comments, saveNow, run, showError: setError, saveFirst, transition, addComment, importFile, refresh };
}
