/**
 * An indicator's name box that suggests entries of the indicator library while the user types: the
 * name with its class, unit and the targets used before. Picking one fills the class and unit the
 * row does not have yet. A native datalist: the browser's own keyboard handling, nothing to render.
 */
import { useId, useRef } from 'react';
import type { LibraryEntryView } from '../api/types.ts';
import { className } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';
import { CellInput } from './CellInput.tsx';
import { useLibraryEntries } from './useLibraryEntries.ts';

export interface LibraryNameInputProps {
  readonly value: string;
  readonly label: string;
  readonly onChange: (name: string) => void;
  /** Called when the typed name is a library entry's. */
  readonly onPick: (entry: LibraryEntryView) => void;
}

export function LibraryNameInput({ value, label, onChange, onPick }: LibraryNameInputProps) {
  const { t } = useLocale();
  const list = useId();
  const entries = useLibraryEntries(value);
  // The entry last offered stays pickable once its name is typed in full (the list then drops it).
  const offered = useRef(new Map<string, LibraryEntryView>());
  for (const entry of entries) offered.current.set(entry.name, entry);

  return (
    <>
      <CellInput
        aria-label={label}
        list={list}
        value={value}
        title={value}
        onChange={(e) => {
          const name = e.target.value;
          onChange(name);
          const entry = offered.current.get(name);
          if (entry) onPick(entry);
        }}
      />
      <datalist id={list} data-testid="library-suggestions">
        {entries.map((entry) => (
          <option key={entry.id} value={entry.name} label={describeEntry(entry, t)} />
        ))}
      </datalist>
    </>
  );
}

/** An entry in a few words: its class, unit, and the target used last (or that it is a common one). */
export function describeEntry(entry: LibraryEntryView, t: (zh: string, en: string) => string): string {
  const last = entry.targets[0];
  const parts = [className(entry.level2 ?? entry.level1, t), entry.unit ?? '', last ? t(`${last.year}年 ${last.target}`, `${last.year}: ${last.target}`) : entry.builtin ? t('共性指标', 'common indicator') : ''];
  return parts.filter(Boolean).join(' · ');
}
