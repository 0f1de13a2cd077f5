/**
 * Excel-like keys in a grid of inputs marked `data-row` / `data-column`: Enter and ↓ move down a
 * column, Shift+Enter and ↑ up; Ctrl+S (⌘S) saves. Text areas keep Enter and the arrows for their text.
 */
import type { KeyboardEvent } from 'react';

export function moveInGrid(event: KeyboardEvent<HTMLElement>, grid: HTMLElement | null, save: () => void): void {
  const target = event.target as HTMLElement;
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
    event.preventDefault();
    save();
    return;
  }
  const row = Number(target.dataset.row);
  const column = target.dataset.column;
  if (column === undefined || Number.isNaN(row)) return;
  const textarea = target.tagName === 'TEXTAREA';
  const select = target.tagName === 'SELECT';
  let next: number | null = null;
  if (event.key === 'Enter' && !textarea && !event.shiftKey) next = row + 1;
  else if (event.key === 'Enter' && !textarea && event.shiftKey) next = row - 1;
  else if (event.key === 'ArrowDown' && !textarea && !select) next = row + 1;
  else if (event.key === 'ArrowUp' && !textarea && !select) next = row - 1;
  if (next === null) return;
  const cell = grid?.querySelector<HTMLElement>(`[data-row="${next}"][data-column="${column}"]`);
  if (cell) {
    event.preventDefault();
    cell.focus();
    if (cell instanceof HTMLInputElement) cell.select();
  }
}
