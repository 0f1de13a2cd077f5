/** A target value typed as printed (`≥85分`), with how it was understood shown live beneath it; long qualitative targets wrap. */
import type { TargetValue } from '../../../src/core/targetValue.ts';
import { describeTarget } from '../declaration/display.ts';
import { useLocale } from '../i18n/locale.tsx';

export interface TargetInputProps {
  readonly text: string;
  readonly value: TargetValue;
  readonly onChange: (text: string) => void;
  readonly path: string;
  readonly label: string;
  readonly onPaste?: (event: React.ClipboardEvent<HTMLTextAreaElement>) => void;
}

export function TargetInput({ text, value, onChange, path, label, onPaste }: TargetInputProps) {
  const { t } = useLocale();
  const understood = describeTarget(value, t);
  return (
    <div data-path={path}>
      <textarea
        className={`cell-input growing${value.kind === 'placeholder' ? ' warning' : ''}`}
        rows={1}
        aria-label={label}
        value={text}
        onPaste={onPaste}
        // A target is one line on the form: Enter does not break it.
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        onChange={(e) => onChange(e.target.value.replace(/\r?\n/g, ' '))}
      />
      <div className="target-parse" data-kind={value.kind} aria-live="polite">
        {understood}
      </div>
    </div>
  );
}
