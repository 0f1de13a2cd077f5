/** Every rule of the checker, in report order. */
import { ARITHMETIC_RULES } from './arithmeticRules.ts';
import { COMPLETENESS_RULES } from './completenessRules.ts';
import { COVERAGE_RULES } from './coverageRules.ts';
import { FRAMEWORK_RULES } from './frameworkRules.ts';
import { MEANING_RULES } from './meaningRules.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../document.ts';
import { PROJECT_RULES } from './projectRules.ts';
import { RESULT_RULES } from './resultRules.ts';
import type { Rule } from './rule.ts';
import { TARGET_RULES } from './targetRules.ts';
import { TEXT_RULES } from './textRules.ts';

// Rules that read only the header, the indicator tree and the text hold for every kind of document;
// the budget, project-row and goal-coverage rules read parts only the department-wide form has.
const DEPARTMENT_ONLY = new Set(['budget-amount-missing', 'goals-missing', 'project-incomplete']);
const forEveryKind = (rule: Rule): Rule => (rule.kinds || DEPARTMENT_ONLY.has(rule.id) ? rule : { ...rule, kinds: DOCUMENT_KINDS });

export const ALL_RULES: readonly Rule[] = [
  ...ARITHMETIC_RULES,
  ...COMPLETENESS_RULES.map(forEveryKind),
  ...FRAMEWORK_RULES.map(forEveryKind),
  ...TARGET_RULES.map(forEveryKind),
  ...MEANING_RULES.map(forEveryKind),
  ...COVERAGE_RULES,
  ...TEXT_RULES.map(forEveryKind),
  ...PROJECT_RULES,
  ...RESULT_RULES,
];

/** True when a rule reads documents of the given kind. */
export function ruleReads(rule: Rule, kind: DocumentKind): boolean {
  return (rule.kinds ?? ['department-target']).includes(kind);
}
