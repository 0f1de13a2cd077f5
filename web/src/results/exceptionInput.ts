/**
 * The bureau's exception (例外调整) as typed: the amount in 万元, read exactly as every amount box reads
 * it, and the reason, which is required. Each refusal names what is wrong in both languages.
 */
import { amountFromInput } from '../editor/editing.ts';

type Text = { zh: string; en: string };

export interface ExceptionInput {
  /** The amount to send (canonical, e.g. "12.00"), when it is one. */
  readonly amount: string | null;
  readonly amountError: Text | null;
  /** What the amount was taken as, when that differs from what was typed. */
  readonly amountNote: Text | null;
  readonly reasonError: Text | null;
}

/** Reads an exception as typed; `amount` is null whenever `amountError` says why. */
export function readException(amountText: string, reason: string): ExceptionInput {
  const reasonError = reason.trim() === '' ? { zh: '请写明例外调整的理由（必填）', en: 'Give the reason for the exception (required)' } : reason.trim().length > 2000 ? { zh: '理由最多 2000 字', en: 'The reason is at most 2000 characters' } : null;
  const read = amountFromInput(amountText);
  if (!read.ok) return { amount: null, amountError: read.error, amountNote: null, reasonError };
  if (read.amount === null) return { amount: null, amountError: { zh: '请填写调整后的建议金额（万元）', en: 'Enter the amount proposed instead (10k yuan)' }, amountNote: null, reasonError };
  if (read.amount.startsWith('-')) return { amount: null, amountError: { zh: '建议金额不能为负数', en: 'The amount cannot be negative' }, amountNote: null, reasonError };
  return { amount: read.amount, amountError: null, amountNote: read.note, reasonError };
}
