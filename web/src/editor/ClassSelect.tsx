/**
 * The choice of an indicator class: a native select, styled like the rest. The indicator table has
 * two per row; native selects cost nothing to render and keep the platform's keyboard handling.
 * The stored value is the class as forms print it; what is shown follows the language.
 */
import { className } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';

export interface ClassSelectProps {
  readonly value: string | null;
  readonly options: readonly string[];
  readonly label: string;
  readonly onChange: (value: string) => void;
}

export function ClassSelect({ value, options, label, onChange }: ClassSelectProps) {
  const { t } = useLocale();
  const values = value && !options.includes(value) ? [...options, value] : options;
  return (
    <select className="class-select" aria-label={label} title={value ? className(value, t) : undefined} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
      {value === null && <option value="">—</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {className(v, t)}
        </option>
      ))}
    </select>
  );
}
