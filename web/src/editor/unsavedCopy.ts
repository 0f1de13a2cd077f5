/**
 * A copy of unsaved work kept in this browser until the server has it: a closed tab, a crash or a
 * lost connection loses nothing, and the next visit offers it back. One copy per document, of any kind.
 */

export interface UnsavedCopy<T> {
  readonly baseVersion: number;
  readonly content: T;
  readonly at: string;
}

const unsavedKey = (id: string) => `jixiao.unsaved.${id}`;

export function readUnsaved<T>(id: string): UnsavedCopy<T> | null {
  try {
    const text = localStorage.getItem(unsavedKey(id));
    return text ? (JSON.parse(text) as UnsavedCopy<T>) : null;
  } catch {
    return null;
  }
}

export function writeUnsaved<T>(id: string, copy: UnsavedCopy<T> | null): void {
  try {
    if (copy) localStorage.setItem(unsavedKey(id), JSON.stringify(copy));
    else localStorage.removeItem(unsavedKey(id));
  } catch {
    // Storage full or refused: the work is still in the page.
  }
}

/** Work kept in this browser that the server does not have, unless it is what the server has. */
export function unsavedWork<T>(id: string, serverContent: T): UnsavedCopy<T> | null {
  const unsaved = readUnsaved<T>(id);
  if (unsaved && JSON.stringify(unsaved.content) !== JSON.stringify(serverContent)) return unsaved;
  writeUnsaved(id, null);
  return null;
}
