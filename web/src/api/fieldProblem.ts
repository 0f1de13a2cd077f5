/**
 * What a refused request says is wrong with one field, in both languages, to show beside that field.
 * Two kinds of 400 name fields: a service's own check names the one field it refuses (`username`)
 * and words its whole message about it; the request's schema check names every field it refuses by
 * where it is (`body.username`) under one general message (请求内容有误), each field's reason in the
 * validator's English. For the latter the form supplies what each field must be, in both languages.
 */
import type { ApiError } from './client.ts';

type Bilingual = { readonly zh: string; readonly en: string };

/** The problem with `field`, or undefined when the error names other fields or none. */
export function fieldProblem(error: Pick<ApiError, 'text' | 'fields'> | null, field: string, rules: Readonly<Record<string, Bilingual>>): Bilingual | undefined {
  const problem = error?.fields.find((f) => f.field === field || f.field.endsWith(`.${field}`));
  if (!error || !problem) return undefined;
  if (problem.field === field) return error.text;
  return Object.hasOwn(rules, field) ? rules[field] : { zh: `${error.text.zh}：${problem.message}`, en: `${error.text.en}: ${problem.message}` };
}

/** Whether the error names any of `fields` (each then said beside its box, not again above the form). */
export function namesAnyField(error: Pick<ApiError, 'fields'> | null, fields: readonly string[]): boolean {
  return fields.some((field) => error?.fields.some((f) => f.field === field || f.field.endsWith(`.${field}`)) === true);
}
