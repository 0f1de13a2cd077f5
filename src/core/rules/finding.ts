/**
 * What the checker reports: one finding per problem, anchored to the field it concerns.
 */

/** How serious a finding is: an error blocks submission, a warning is for the reviewer, info is a note. */
export type Severity = 'error' | 'warning' | 'info';

/** A text in Chinese and English. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** One problem found in a declaration. */
export interface Finding {
  /** Stable kebab-case id of the rule that found it. */
  readonly rule: string;
  readonly severity: Severity;
  /** JSON Pointer into the canonical JSON, e.g. `/indicators/8/annualTarget`. */
  readonly path: string;
  readonly message: Bilingual;
  /** What to do about it, where the rule can say. */
  readonly suggestion?: Bilingual;
}

/** A finding as a rule reports it, before configuration sets its severity. */
export type FindingDraft = Omit<Finding, 'rule' | 'severity'> & { readonly severity?: Severity };

/** Builds a JSON Pointer (RFC 6901) from its parts. */
export function pointer(...parts: ReadonlyArray<string | number>): string {
  return parts.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** An indicator as a message names it: its name in quotes, or its row when it has none (never an empty 「」). */
export function namedIndicator(indicator: { readonly name: string }, index: number): { zh: string; en: string } {
  const name = indicator.name.trim();
  return name ? { zh: `「${name}」`, en: name } : { zh: `第 ${index + 1} 行指标`, en: `indicator row ${index + 1}` };
}
