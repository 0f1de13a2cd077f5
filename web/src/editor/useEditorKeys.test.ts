import { describe, expect, it } from 'vitest';
import { editorKeyAction } from './useEditorKeys.ts';

const key = (k: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra });

describe('an editor’s keys', () => {
  it('saves on Ctrl+S or ⌘S, undoes on Ctrl+Z, redoes on Ctrl+Shift+Z and Ctrl+Y', () => {
    expect(editorKeyAction(key('s', { ctrlKey: true }))).toBe('save');
    expect(editorKeyAction(key('S', { metaKey: true, shiftKey: true }))).toBe('save');
    expect(editorKeyAction(key('z', { ctrlKey: true }))).toBe('undo');
    expect(editorKeyAction(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(editorKeyAction(key('y', { ctrlKey: true }))).toBe('redo');
  });

  it('leaves other keys, and AltGr combinations, to the page', () => {
    expect(editorKeyAction(key('s'))).toBeNull();
    expect(editorKeyAction(key('s', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(editorKeyAction(key('c', { ctrlKey: true }))).toBeNull();
  });
});
