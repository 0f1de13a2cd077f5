/**
 * Undo and redo for the editor: every change of the form is a step, except that typing in one box
 * without a pause of a second is one step, as in a word processor. Plain snapshots: the declaration
 * is immutable data, so a step costs only what changed.
 */
import { useCallback, useRef, useState } from 'react';

/** How a change was made: typing coalesces into steps; a row added, moved or deleted is always one. */
export type EditKind = 'typing' | 'structure';

/** Steps kept; older ones are forgotten. */
const DEPTH = 200;
/** A pause longer than this ends a typing step. */
const TYPING_PAUSE_MS = 1000;

export interface UndoHistory<T> {
  /** Records that `previous` is being replaced; call before applying a change. */
  readonly record: (previous: T, kind: EditKind) => void;
  /** The state to go back to (and remembers the current one for redo), or null. */
  readonly undo: (current: T) => T | null;
  readonly redo: (current: T) => T | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export function useUndoHistory<T>(): UndoHistory<T> {
  const past = useRef<T[]>([]);
  const future = useRef<T[]>([]);
  const last = useRef<{ kind: EditKind; at: number; target: EventTarget | null } | null>(null);
  // The stacks are refs (a keystroke must not re-render for them); this counter re-renders the buttons.
  const [, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);

  const record = useCallback((previous: T, kind: EditKind) => {
    const now = Date.now();
    const target = typeof document === 'undefined' ? null : document.activeElement;
    const continues = kind === 'typing' && last.current?.kind === 'typing' && last.current.target === target && now - last.current.at < TYPING_PAUSE_MS;
    last.current = { kind, at: now, target };
    if (!continues) {
      past.current = [...past.current.slice(-(DEPTH - 1)), previous];
      future.current = [];
      bump();
    }
  }, []);

  const undo = useCallback((current: T) => {
    const previous = past.current.at(-1);
    if (previous === undefined) return null;
    past.current = past.current.slice(0, -1);
    future.current = [...future.current, current];
    last.current = null;
    bump();
    return previous;
  }, []);

  const redo = useCallback((current: T) => {
    const next = future.current.at(-1);
    if (next === undefined) return null;
    future.current = future.current.slice(0, -1);
    past.current = [...past.current, current];
    last.current = null;
    bump();
    return next;
  }, []);

  return { record, undo, redo, canUndo: past.current.length > 0, canRedo: future.current.length > 0 };
}
