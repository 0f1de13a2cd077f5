/**
 * An amount in 万元 typed as forms print it (`2,507.50`, full-width digits). What is typed stays in
 * the box even when it is not an amount yet; only a valid amount reaches the declaration.
 */
import { useEffect, useState } from 'react';
import type { Amount } from '../../../src/core/declaration.ts';
import { showAmount } from '../declaration/display.ts';
import { useLocale } from '../i18n/locale.tsx';
import { CellInput } from './CellInput.tsx';
import { amountFromInput } from './editing.ts';

export interface MoneyInputProps {
  readonly value: Amount;
  readonly onChange: (amount: Amount) => void;
  readonly path: string;
  readonly label: string;
  readonly id?: string;
}

export function MoneyInput({ value, onChange, path, label, id }: MoneyInputProps) {
  const { t } = useLocale();
  const [text, setText] = useState(showAmount(value));
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);

  // A change from outside (a conflict resolved, a row moved) replaces the text unless the user is typing in it.
  useEffect(() => {
    if (!focused) {
      setText(showAmount(value));
      setError(null);
    }
  }, [value, focused]);

  return (
    <div data-path={path} className="money-input">
      <CellInput
        id={id}
        aria-label={label}
        invalid={error !== null}
        value={text}
        inputMode="decimal"
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          if (!error) setText(showAmount(value));
        }}
        onChange={(event) => {
          const typed = event.target.value;
          setText(typed);
          const result = amountFromInput(typed);
          if (result.ok) {
            setError(null);
            onChange(result.amount);
          } else {
            setError(result.error === 'too-precise' ? t('金额最多精确到小数点后六位', 'at most six decimals') : t('不是有效金额，例如 2,507.50', 'not an amount; e.g. 2,507.50'));
          }
        }}
      />
      <span className="unit" aria-hidden="true">
        万元
      </span>
      {error && (
        <div role="alert" style={{ color: '#ff4d4f', fontSize: 12 }}>
          {error}
        </div>
      )}
    </div>
  );
}
