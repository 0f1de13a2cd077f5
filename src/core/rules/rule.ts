/**
 * A rule of the checker: a small pure function over a declaration, with what a reviewer needs to
 * know about it (what it checks, why, where the rule comes from, a bad and a good example).
 */
import type { DepartmentTargetDeclaration } from '../declaration.ts';
import type { CheckConfig } from './checkConfig.ts';
import type { Bilingual, FindingDraft, Severity } from './finding.ts';

/** The families rules are grouped in, in the order reports show them. */
export const RULE_FAMILIES = ['arithmetic', 'completeness', 'framework', 'target', 'meaning', 'coverage', 'text'] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/** Chinese and English names of the families. */
export const FAMILY_NAMES: Record<RuleFamily, Bilingual> = {
  arithmetic: { zh: '金额勾稽', en: 'Arithmetic' },
  completeness: { zh: '完整性', en: 'Completeness' },
  framework: { zh: '指标体系', en: 'Indicator framework' },
  target: { zh: '指标值', en: 'Target values' },
  meaning: { zh: '指标含义', en: 'Meaning' },
  coverage: { zh: '目标覆盖', en: 'Coverage' },
  text: { zh: '文字', en: 'Text' },
};

/** An example for the rule's documentation and tests: an edit of the clean example declaration. */
export interface RuleExample {
  /** What the example shows, as a reviewer would read it in the form. */
  readonly shows: string;
  /** Turns the clean example declaration into this example (mutates its argument). */
  readonly edit: (declaration: DepartmentTargetDeclaration) => void;
}

/** Everything the checker knows while checking one declaration. */
export interface CheckContext {
  readonly declaration: DepartmentTargetDeclaration;
  readonly config: CheckConfig;
  /** Computes a value once per check run and shares it between rules (text fields, coverage). */
  readonly memo: <T>(key: string, compute: () => T) => T;
}

/** A context for one check run, with a fresh memo. */
export function checkContext(declaration: DepartmentTargetDeclaration, config: CheckConfig): CheckContext {
  const cache = new Map<string, unknown>();
  return {
    declaration,
    config,
    memo: <T>(key: string, compute: () => T): T => {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}

/** A checker rule. */
export interface Rule {
  /** Stable kebab-case id; configuration and findings name the rule by it. */
  readonly id: string;
  readonly family: RuleFamily;
  readonly severity: Severity;
  readonly description: Bilingual;
  /** Where the rule comes from: the regulation, a form, or review practice (see docs/rules.md). */
  readonly source: string;
  readonly examples: { readonly bad: RuleExample; readonly good: RuleExample };
  readonly check: (context: CheckContext) => Iterable<FindingDraft>;
}
