/**
 * What every document editor shares, whatever the kind of document (a target form, a monitoring
 * report, a self-evaluation): the content being edited beside what the server holds, every change
 * through one `edit()` with undo and redo, a copy of unsaved work kept in the browser, saves over
 * the version the editor started from, autosave after a pause in typing (and again after a lost
 * connection), nothing saved while a box holds text it cannot take, and a save that lost a race
 * (409) handed to the page to merge.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { unsavedWork, writeUnsaved, type UnsavedCopy } from './unsavedCopy.ts';
import { useUndoHistory, type EditKind } from './useUndoHistory.ts';

/** How long typing must pause before a draft is saved. */
export const AUTOSAVE_DELAY_MS = 2000;
/** How long to wait before trying again after the server could not be reached. */
export const RETRY_DELAY_MS = 15000;

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'failed' | 'conflict';

export interface SaveRequest<T> {
  readonly baseVersion: number;
  readonly content: T;
  readonly autosave: boolean;
  readonly note?: string;
}

/**
 * After a save lost a race: the merge of my work with theirs, saved at once over their version; or
 * null when the page holds the clash for the user to decide (status `conflict`).
 */
export type ConflictOutcome<T> = { readonly merged: T; readonly theirs: T; readonly version: number } | null;

export interface DocumentEditorOptions<T> {
  /** The document's id: the key of the copy kept in the browser. */
  readonly id: string;
  /** What the server holds, and its version. */
  readonly content: T;
  readonly version: number;
  readonly canEdit: boolean;
  /** Stores a version; answers with its number. */
  readonly put: (request: SaveRequest<T>) => Promise<{ version: number }>;
  /** A save answered 409 `version-conflict`: what the server holds now merged with `mine` (the work now in the editor). */
  readonly onConflict?: (error: ApiError, base: T, mine: T) => Promise<ConflictOutcome<T>>;
  /** Derived fields kept in step after each change (a total that follows its parts). */
  readonly derive?: (content: T) => T;
  /**
   * What the server holds now, asked when the window regains focus: a tab left open while another
   * (or another person) saved never claims 已保存 over an older version. Newer work replaces the
   * editor's when it has nothing unsaved (`onNewer` tells the page); unsaved work is merged on its next save.
   */
  readonly current?: () => Promise<{ version: number; content: T; savedBy?: string | null }>;
  readonly onNewer?: (version: number, savedBy: string | null) => void;
}

export interface DocumentEditor<T> {
  readonly content: T;
  /** What the server holds at `baseVersion`: the common ancestor when a save collides. */
  readonly savedContent: T;
  readonly baseVersion: number;
  readonly status: SaveStatus;
  readonly saveError: ApiError | null;
  readonly lastSavedAt: Date | null;
  /** Boxes holding text they cannot take, by path, with why. */
  readonly invalid: ReadonlyMap<string, string>;
  /** True while any box is invalid: nothing is saved. */
  readonly blocked: boolean;
  /** True while leaving would lose something: changes not on the server, or invalid boxes. */
  readonly unsaved: boolean;
  readonly edit: (change: (content: T) => T, kind?: EditKind) => void;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Saves now (resolves true when stored). */
  readonly save: (options?: { note?: string; autosave?: boolean; content?: T; baseVersion?: number }) => Promise<boolean>;
  readonly setInvalid: (path: string, message: string | null) => void;
  /** Work left in this browser by an earlier visit, offered back. */
  readonly restorable: UnsavedCopy<T> | null;
  readonly restore: () => void;
  readonly discard: () => void;
  /** Takes another state as the editor's (a clash resolved, a file imported over it): `saved` is then what the server holds at `version`. */
  readonly adopt: (state: { content: T; saved: T; version: number }) => void;
  /** Clears the status after the page dealt with a clash itself. */
  readonly setStatus: (status: SaveStatus) => void;
  /** The content now, for handlers that must not wait for a render. */
  readonly contentRef: { readonly current: T };
}

/** Autosave: a pause after the last change; after a lost connection, again a little later. */
export function useAutosave({ enabled, status, saveError, save, change }: { enabled: boolean; status: SaveStatus; saveError: ApiError | null; save: () => void; change: unknown }): void {
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    if (!enabled) return;
    if (status === 'dirty') {
      const timer = setTimeout(() => saveRef.current(), AUTOSAVE_DELAY_MS);
      return () => clearTimeout(timer);
    }
    if (status === 'failed' && saveError?.status === 0) {
      const timer = setTimeout(() => saveRef.current(), RETRY_DELAY_MS);
      return () => clearTimeout(timer);
    }
    return undefined;
    // Each change (a new `change`) restarts the pause.
  }, [enabled, status, saveError, change]);
}

export function useDocumentEditor<T>(options: DocumentEditorOptions<T>): DocumentEditor<T> {
  const { id, canEdit } = options;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const [content, setContentState] = useState<T>(options.content);
  const [savedContent, setSavedState] = useState<T>(options.content);
  const [baseVersion, setBaseState] = useState(options.version);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [lastSavedAt, setLastSavedAt] = useState<Date | null>(null);
  const [invalid, setInvalidMap] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [restorable, setRestorable] = useState<UnsavedCopy<T> | null>(() => (canEdit ? unsavedWork(id, options.content) : null));
  const history = useUndoHistory<T>();
  const contentRef = useRef(content);
  const savedRef = useRef(savedContent);
  const baseRef = useRef(baseVersion);

  const setContent = useCallback((next: T) => {
    contentRef.current = next;
    setContentState(next);
  }, []);
  const setSaved = useCallback((next: T) => {
    savedRef.current = next;
    setSavedState(next);
  }, []);
  const setBase = useCallback((next: number) => {
    baseRef.current = next;
    setBaseState(next);
  }, []);

  const markChanged = useCallback(
    (next: T) => {
      // Undone back to what the server has: nothing is unsaved any more.
      if (next === savedRef.current) {
        writeUnsaved(id, null);
        setStatus((s) => (s === 'conflict' ? s : 'saved'));
        return;
      }
      writeUnsaved(id, { baseVersion: baseRef.current, content: next, at: new Date().toISOString() });
      setStatus((s) => (s === 'conflict' ? s : 'dirty'));
    },
    [id],
  );

  const edit = useCallback(
    (change: (content: T) => T, kind: EditKind = 'typing') => {
      const previous = contentRef.current;
      const changed = change(previous);
      const next = optionsRef.current.derive ? optionsRef.current.derive(changed) : changed;
      if (next === previous) return;
      history.record(previous, kind);
      setContent(next);
      markChanged(next);
    },
    [history, markChanged, setContent],
  );

  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      const target = direction === 'undo' ? history.undo(contentRef.current) : history.redo(contentRef.current);
      if (target === null) return;
      setContent(target);
      markChanged(target);
    },
    [history, markChanged, setContent],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  const setInvalid = useCallback((path: string, message: string | null) => {
    setInvalidMap((previous) => {
      if ((previous.get(path) ?? null) === message) return previous;
      const next = new Map(previous);
      if (message === null) next.delete(path);
      else next.set(path, message);
      return next;
    });
  }, []);

  const save = useCallback(
    async (opts: { note?: string; autosave?: boolean; content?: T; baseVersion?: number } = {}): Promise<boolean> => {
      const snapshot = opts.content ?? contentRef.current;
      const base = opts.baseVersion ?? baseRef.current;
      const autosave = opts.autosave ?? false;
      setStatus('saving');
      setSaveError(null);
      try {
        const answer = await optionsRef.current.put({ baseVersion: base, content: snapshot, autosave, ...(opts.note ? { note: opts.note } : {}) });
        setBase(answer.version);
        setSaved(snapshot);
        setLastSavedAt(new Date());
        // Typing during the save leaves the page dirty; the next autosave takes it.
        const latest = contentRef.current;
        writeUnsaved(id, latest === snapshot ? null : { baseVersion: answer.version, content: latest, at: new Date().toISOString() });
        setStatus(latest === snapshot ? 'saved' : 'dirty');
        return true;
      } catch (caught) {
        const error = caught instanceof ApiError ? caught : new ApiError(0, 'unknown', { zh: '保存失败', en: 'saving failed' });
        const onConflict = optionsRef.current.onConflict;
        if (error.id === 'version-conflict' && onConflict) {
          let outcome: ConflictOutcome<T>;
          try {
            outcome = await onConflict(error, savedRef.current, contentRef.current);
          } catch (failed) {
            setSaveError(failed instanceof ApiError ? failed : error);
            setStatus('failed');
            return false;
          }
          if (outcome === null) {
            setStatus('conflict');
            return false;
          }
          // Both kept: saved at once over their version.
          setContent(outcome.merged);
          setSaved(outcome.theirs);
          setBase(outcome.version);
          return save({ ...opts, content: outcome.merged, baseVersion: outcome.version });
        }
        setSaveError(error);
        setStatus('failed');
        return false;
      }
    },
    [id, setBase, setContent, setSaved],
  );

  const blocked = invalid.size > 0;

  // Back to this tab: a newer version saved elsewhere is taken when nothing here is unsaved.
  const statusRef = useRef(status);
  statusRef.current = status;
  useEffect(() => {
    if (!canEdit || !optionsRef.current.current) return;
    let asking = false;
    const check = () => {
      const fetchCurrent = optionsRef.current.current;
      if (asking || document.visibilityState !== 'visible' || !fetchCurrent) return;
      asking = true;
      fetchCurrent()
        .then((answer) => {
          if (answer.version <= baseRef.current) return;
          if (statusRef.current === 'saved' && contentRef.current === savedRef.current) {
            setContent(answer.content);
            setSaved(answer.content);
            setBase(answer.version);
            optionsRef.current.onNewer?.(answer.version, answer.savedBy ?? null);
          }
        })
        .catch(() => undefined)
        .finally(() => {
          asking = false;
        });
    };
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    return () => {
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
    };
  }, [canEdit, setBase, setContent, setSaved]);

  useAutosave({ enabled: canEdit && !blocked && content !== savedContent, status, saveError, save: () => void save({ autosave: true }), change: content });

  const restore = useCallback(() => {
    if (!restorable) return;
    history.record(contentRef.current, 'structure');
    setContent(restorable.content);
    setRestorable(null);
    // Restored work saves over the version it was based on; a newer version is merged.
    setBase(restorable.baseVersion);
    setStatus('dirty');
  }, [history, restorable, setBase, setContent]);
  const discard = useCallback(() => {
    writeUnsaved(id, null);
    setRestorable(null);
  }, [id]);

  const adopt = useCallback(
    (state: { content: T; saved: T; version: number }) => {
      if (state.content !== contentRef.current) history.record(contentRef.current, 'structure');
      setContent(state.content);
      setSaved(state.saved);
      setBase(state.version);
      markChanged(state.content);
    },
    [history, markChanged, setBase, setContent, setSaved],
  );

  return {
    content,
    savedContent,
    baseVersion,
    status,
    saveError,
    lastSavedAt,
    invalid,
    blocked,
    unsaved: status !== 'saved' || blocked,
    edit,
    undo,
    redo,
    canUndo: history.canUndo,
    canRedo: history.canRedo,
    save,
    setInvalid,
    restorable,
    restore,
    discard,
    adopt,
    setStatus,
    contentRef,
  };
}
