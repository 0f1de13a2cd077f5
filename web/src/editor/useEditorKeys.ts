/**
 * An editor's keys from any box of the page, not only its grid: Ctrl+S (⌘S) saves now — never the
 * browser's "Save page as" — and Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo the document's history.
 * Listened for on the window in the capture phase, before any box handles them.
 */
import { useEffect, useRef } from 'react';

export interface EditorKeys {
  readonly save: () => void;
  readonly undo?: () => void;
  readonly redo?: () => void;
}

/** What a key press asks of the editor, if anything. */
export function editorKeyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): 'save' | 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 's') return 'save';
  if (key === 'y' || (key === 'z' && event.shiftKey)) return 'redo';
  if (key === 'z') return 'undo';
  return null;
}

export function useEditorKeys(keys: EditorKeys, enabled = true): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const action = editorKeyAction(event);
      if (action === null) return;
      const handler = latest.current[action];
      // Without a history of its own the page leaves undo to the box.
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
