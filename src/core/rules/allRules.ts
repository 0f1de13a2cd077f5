/** Every rule of the checker, in report order. */
import { ARITHMETIC_RULES } from './arithmeticRules.ts';
import { COMPLETENESS_RULES } from './completenessRules.ts';
import { COVERAGE_RULES } from './coverageRules.ts';
import { FRAMEWORK_RULES } from './frameworkRules.ts';
import { MEANING_RULES } from './meaningRules.ts';
import type { Rule } from './rule.ts';
import { TARGET_RULES } from './targetRules.ts';
import { TEXT_RULES } from './textRules.ts';

export const ALL_RULES: readonly Rule[] = [
  ...ARITHMETIC_RULES,
  ...COMPLETENESS_RULES,
  ...FRAMEWORK_RULES,
  ...TARGET_RULES,
  ...MEANING_RULES,
  ...COVERAGE_RULES,
  ...TEXT_RULES,
];
