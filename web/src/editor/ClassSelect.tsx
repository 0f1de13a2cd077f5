/**
 * The choice of an indicator class: a native select, styled like the rest. The indicator table has
 * two per row; native selects cost nothing to render and keep the platform's keyboard handling.
 */
export interface ClassSelectProps {
  readonly value: string | null;
  readonly options: readonly string[];
  readonly label: string;
  readonly onChange: (value: string) => void;
}

export function ClassSelect({ value, options, label, onChange }: ClassSelectProps) {
  const values = value && !options.includes(value) ? [...options, value] : options;
  return (
    <select className="class-select" aria-label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
      {value === null && <option value="">—</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </select>
  );
}
