/**
 * Suggestions from the indicator library under a name box that is being typed in: a short list of
 * buttons (reachable with Tab, picked with Enter or a click) naming the class, unit and last target.
 * Mounted only for the box that has focus, so a form of a hundred rows asks nothing until one types.
 */
import type { LibraryEntryView } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { describeEntry } from './LibraryNameInput.tsx';
import { useLibraryEntries } from './useLibraryEntries.ts';

/** Entries of every class: a new row has no class yet, and picking an entry gives it the entry's. */
export function LibrarySuggestions({ typed, onPick }: { typed: string; onPick: (entry: LibraryEntryView) => void }) {
  const { t } = useLocale();
  const entries = useLibraryEntries(typed);
  if (entries.length === 0) return null;
  return (
    <ul className="library-suggestions" aria-label={t('指标库中的相近指标', 'Similar indicators in the library')} data-testid="library-suggestion-list">
      {entries.map((entry) => (
        <li key={entry.id}>
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => onPick(entry)}>
            <span className="name">{entry.name}</span>
            <span className="muted"> {describeEntry(entry, t)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
