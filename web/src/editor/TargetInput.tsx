/** A target value typed as printed (`≥85分`), with how it was understood shown live beneath it. */
import type { TargetValue } from '../../../src/core/targetValue.ts';
import { describeTarget } from '../declaration/display.ts';
import { useLocale } from '../i18n/locale.tsx';
import { CellInput } from './CellInput.tsx';

export function TargetInput({ text, value, onChange, path, label }: { text: string; value: TargetValue; onChange: (text: string) => void; path: string; label: string }) {
  const { t } = useLocale();
  const understood = describeTarget(value, t);
  return (
    <div data-path={path}>
      <CellInput aria-label={label} value={text} onChange={(e) => onChange(e.target.value)} warning={value.kind === 'placeholder'} />
      <div className="target-parse" data-kind={value.kind} aria-live="polite">
        {understood}
      </div>
    </div>
  );
}
