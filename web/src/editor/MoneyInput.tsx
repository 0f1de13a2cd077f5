/**
 * An amount in 万元 typed as forms print it (`2,507.50`, full-width digits, `¥`). What is typed stays
 * in the box when it is not an amount, with why, and the form is not saved until it is one: nothing
 * typed is ever cut to the part that parsed. What was understood differently from the text is said.
 */
import { useEffect, useRef, useState } from 'react';
import type { Amount } from '../../../src/core/declaration.ts';
import { showAmount } from '../declaration/display.ts';
import { useLocale } from '../i18n/locale.tsx';
import { CellInput } from './CellInput.tsx';
import { amountFromInput } from './editing.ts';
import { useEditorFields } from './editorFields.tsx';

export interface MoneyInputProps {
  readonly value: Amount;
  readonly onChange: (amount: Amount) => void;
  readonly path: string;
  readonly label: string;
  readonly id?: string;
}

export function MoneyInput({ value, onChange, path, label, id }: MoneyInputProps) {
  const { t, pick } = useLocale();
  const { setInvalid } = useEditorFields();
  const [text, setText] = useState(showAmount(value));
  const [error, setError] = useState<{ zh: string; en: string } | null>(null);
  const [note, setNote] = useState<{ zh: string; en: string } | null>(null);
  // The value this box last sent: a different value arriving is a change from outside (undo, a merge).
  const sent = useRef<Amount>(value);

  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setText(showAmount(value));
    setError(null);
    setNote(null);
    setInvalid(path, null);
  }, [value, path, setInvalid]);

  // A box that goes away (its row deleted) holds nothing invalid any more.
  useEffect(() => () => setInvalid(path, null), [path, setInvalid]);

  const errorId = `${id ?? path}-error`;
  return (
    <div data-path={path} className="money-input">
      <CellInput
        id={id}
        aria-label={label}
        aria-describedby={error || note ? errorId : undefined}
        invalid={error !== null}
        warning={error === null && note !== null && value !== null && value.startsWith('-')}
        value={text}
        inputMode="decimal"
        onBlur={() => {
          // A valid amount is shown as forms print it; invalid text stays as typed, with its error.
          if (!error) setText(showAmount(value));
        }}
        onChange={(event) => {
          const typed = event.target.value;
          setText(typed);
          const result = amountFromInput(typed);
          if (result.ok) {
            setError(null);
            setNote(result.note);
            setInvalid(path, null);
            if (result.amount !== value) {
              sent.current = result.amount;
              onChange(result.amount);
            }
          } else {
            setError(result.error);
            setNote(null);
            setInvalid(path, `${label}${t('：', ': ')}${pick(result.error)}`);
          }
        }}
      />
      <span className="unit" aria-hidden="true">
        {t('万元', '×10k yuan')}
      </span>
      {error ? (
        <div id={errorId} role="alert" className="field-error">
          {pick(error)}
        </div>
      ) : note ? (
        <div id={errorId} className="field-note">
          {pick(note)}
        </div>
      ) : null}
    </div>
  );
}
