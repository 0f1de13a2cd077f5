/**
 * An indicator's name box that suggests entries of the indicator library while the user types: the
 * name with its class, unit and the targets used before. Picking one fills the class and unit the
 * row does not have yet. A native datalist: the browser's own keyboard handling, nothing to render.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { LibraryEntryView } from '../api/types.ts';
import { className } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';
import { CellInput } from './CellInput.tsx';

export interface LibraryNameInputProps {
  readonly value: string;
  readonly level1: string | null;
  readonly label: string;
  readonly onChange: (name: string) => void;
  /** Called when the typed name is a library entry's. */
  readonly onPick: (entry: LibraryEntryView) => void;
}

export function LibraryNameInput({ value, level1, label, onChange, onPick }: LibraryNameInputProps) {
  const { t } = useLocale();
  const list = useId();
  const [entries, setEntries] = useState<LibraryEntryView[]>([]);
  const asked = useRef('');

  useEffect(() => {
    const q = value.trim();
    if (q.length < 2 || q === asked.current) return;
    let live = true;
    // A pause in typing, not each key, asks the server.
    const timer = window.setTimeout(() => {
      asked.current = q;
      const query = new URLSearchParams({ q, limit: '8', ...(level1 ? { level1 } : {}) });
      api<{ entries: LibraryEntryView[] }>('GET', `/api/v1/indicator-library?${query.toString()}`)
        .then((answer) => live && setEntries(answer.entries))
        .catch(() => live && setEntries([]));
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [value, level1]);

  return (
    <>
      <CellInput
        aria-label={label}
        list={list}
        value={value}
        onChange={(e) => {
          const name = e.target.value;
          onChange(name);
          const entry = entries.find((candidate) => candidate.name === name);
          if (entry) onPick(entry);
        }}
      />
      <datalist id={list} data-testid="library-suggestions">
        {entries.map((entry) => {
          const last = entry.targets[0];
          const parts = [className(entry.level2 ?? entry.level1, t), entry.unit ?? '', last ? t(`${last.year}年 ${last.target}`, `${last.year}: ${last.target}`) : entry.builtin ? t('共性指标', 'common indicator') : ''];
          return <option key={entry.id} value={entry.name} label={parts.filter(Boolean).join(' · ')} />;
        })}
      </datalist>
    </>
  );
}
