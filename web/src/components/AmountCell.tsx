/** A grid cell for an amount in 万元 (monitoring, self-evaluation). */
import { useEffect, useRef, useState } from 'react';
import { formatMoney, parseMoney } from '../../../src/core/money.ts';
import { useLocale } from '../i18n/locale.tsx';

/**
 * An amount in 万元 typed as people type it (`60`, `1,200.5`, full-width digits): stored as an exact
 * two-decimal string once it is one; until then the text stays, marked, and the report is not saved.
 */
export function AmountCell({ value, label, disabled, invalid, onChange, onValidity }: { value: string | null; label: string; disabled: boolean; invalid: boolean; onChange: (amount: string | null) => void; onValidity: (ok: boolean) => void }) {
  const { t } = useLocale();
  const [text, setText] = useState(value ?? '');
  const [bad, setBad] = useState(false);
  const sent = useRef(value);
  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setText(value ?? '');
    setBad(false);
  }, [value]);
  return (
    <>
      <input
        aria-label={label}
        inputMode="decimal"
        value={text}
        disabled={disabled}
        aria-invalid={bad || invalid ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setBad(false);
            onValidity(true);
            sent.current = null;
            onChange(null);
            return;
          }
          const parsed = parseMoney(e.target.value);
          setBad(!parsed.ok);
          onValidity(parsed.ok);
          if (parsed.ok) {
            sent.current = formatMoney(parsed.value);
            onChange(sent.current);
          }
        }}
        onBlur={() => !bad && setText(value ?? '')}
      />
      {bad && <div className="cell-error" role="status">{t('不是金额（万元，如 60.50）', 'not an amount (10k yuan, e.g. 60.50)')}</div>}
    </>
  );
}

