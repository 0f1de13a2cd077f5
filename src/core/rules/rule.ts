/**
 * A rule of the checker: a small pure function over a declaration, with what a reviewer needs to
 * know about it (what it checks, why, where the rule comes from, a bad and a good example).
 */
import type { SelfEvaluation } from '../selfEvaluation.ts';
import type { DepartmentTargetDeclaration } from '../declaration.ts';
import type { DocumentKind, TargetDocument } from '../document.ts';
import type { ExAnteRecord, ProjectTargetDeclaration } from '../projectTarget.ts';
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

/** An example for the rule's documentation and tests: an edit of a clean example document. */
export type RuleExample =
  | {
      /** What the example shows, as a reviewer would read it in the form. */
      readonly shows: string;
      readonly on?: 'department-target';
      /** Turns the clean example declaration into this example (mutates its argument). */
      readonly edit: (declaration: DepartmentTargetDeclaration) => void;
      /** The documents the example is read with, for rules across documents. */
      readonly related?: () => RelatedDocuments;
    }
  | {
      readonly shows: string;
      /** The example edits the clean example project form. */
      readonly on: 'project-target';
      readonly edit: (declaration: ProjectTargetDeclaration) => void;
      readonly related?: () => RelatedDocuments;
    };

/** Everything the checker knows while checking one declaration. */
export interface CheckContext<D extends TargetDocument = TargetDocument> {
  readonly declaration: D;
  readonly config: CheckConfig;
  /** The documents this one is read with (its department form, its projects', last year's). */
  readonly related: RelatedDocuments;
  /** Computes a value once per check run and shares it between rules (text fields, coverage). */
  readonly memo: <T>(key: string, compute: () => T) => T;
}

/** A context for one check run, with a fresh memo. */
export function checkContext<D extends TargetDocument>(declaration: D, config: CheckConfig, related: RelatedDocuments = {}): CheckContext<D> {
  const cache = new Map<string, unknown>();
  return {
    declaration,
    config,
    related,
    memo: <T>(key: string, compute: () => T): T => {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}

/**
 * What the checker may read besides the document: the department form a project form belongs to
 * (and its row for the project), the project forms of a department form, last year's form.
 * Given by the caller (the server looks them up); rules that need one and lack it stay silent.
 */
export interface RelatedDocuments {
  readonly departmentForm?: { readonly document: DepartmentTargetDeclaration; readonly row: number | null } | null;
  readonly projectForms?: ReadonlyArray<{ readonly id: string; readonly document: TargetDocument; readonly row: number | null }>;
  readonly lastYear?: TargetDocument | null;
  /** Last year's self-evaluation of last year's form (submitted or later), whose results feed this year. */
  readonly lastYearEvaluation?: SelfEvaluation | null;
  /** A project form's concluded ex-ante assessment (null: none concluded). */
  readonly exAnte?: ExAnteRecord | null;
  /** A continuing project's budget proposal (预算安排建议) from last year's results (null: not a continuing project). */
  readonly proposal?: ProposalRecord | null;
}

/** What the proposals say of a continuing project: the figure, the rule and the results behind it. */
export interface ProposalRecord {
  /** Last year's project form. */
  readonly project: string;
  readonly lastAmount: string;
  readonly proposed: string;
  readonly rule: string;
  readonly rulesVersion: number | null;
  /** The deciding result in words (评价等级“中”：核减 10%), and the document it came from. */
  readonly because: Bilingual;
  readonly source: string | null;
}

/** A checker rule. */
export interface Rule {
  /** The kinds of document the rule reads; department-wide forms only when absent. */
  readonly kinds?: readonly DocumentKind[];
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
