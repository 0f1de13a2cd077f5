/**
 * The indicator library's entries for what is being typed, asked after a pause in typing: of every
 * class (a row's class may be a default nobody chose; the entry picked gives the row its class).
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { LibraryEntryView } from '../api/types.ts';

export function useLibraryEntries(typed: string, enabled = true): LibraryEntryView[] {
  const [entries, setEntries] = useState<LibraryEntryView[]>([]);
  useEffect(() => {
    const q = typed.trim();
    if (!enabled || q.length < 2) {
      setEntries([]);
      return;
    }
    let live = true;
    // A pause in typing, not each key, asks the server.
    const timer = window.setTimeout(() => {
      const query = new URLSearchParams({ q, limit: '8' });
      api<{ entries: LibraryEntryView[] }>('GET', `/api/v1/indicator-library?${query.toString()}`)
        .then((answer) => live && setEntries(answer.entries.filter((e) => e.name !== q)))
        .catch(() => live && setEntries([]));
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [typed, enabled]);
  return entries;
}
