/** A target value typed as printed (`≥85分`), with how it was understood shown live beneath it. */
import { Input } from 'antd';
import type { TargetValue } from '../../../src/core/targetValue.ts';
import { describeTarget } from '../declaration/display.ts';
import { useLocale } from '../i18n/locale.tsx';

export function TargetInput({ text, value, onChange, path, label }: { text: string; value: TargetValue; onChange: (text: string) => void; path: string; label: string }) {
  const { t } = useLocale();
  const understood = describeTarget(value, t);
  return (
    <div data-path={path}>
      <Input aria-label={label} value={text} onChange={(e) => onChange(e.target.value)} status={value.kind === 'placeholder' ? 'warning' : undefined} />
      <div className="target-parse" data-kind={value.kind} aria-live="polite">
        {understood}
      </div>
    </div>
  );
}
