/** A one-line input of the editor's grid: native and styled to match, for the same reason as {@link GrowingTextArea}. */
import type { InputHTMLAttributes } from 'react';

export function CellInput({ invalid = false, warning = false, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean; warning?: boolean }) {
  return <input {...props} aria-invalid={invalid || undefined} className={`cell-input${invalid ? ' invalid' : warning ? ' warning' : ''}`} />;
}
