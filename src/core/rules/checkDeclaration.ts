/**
 * The checker: runs the rules over a declaration, applies the configuration (rules switched off or
 * re-graded), and returns the findings in the order of the form.
 */
import type { TargetDocument } from '../document.ts';
import { ALL_RULES, ruleReads } from './allRules.ts';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from './checkConfig.ts';
import type { Finding, Severity } from './finding.ts';
import { checkContext, type RelatedDocuments, type Rule } from './rule.ts';

/** Order of the top-level fields in the form, for sorting findings as a reader meets them. */
const FIELD_ORDER = ['title', 'department', 'implementer', 'year', 'project', 'budget', 'funds', 'projects', 'periodGoal', 'annualGoal', 'goals', 'otherTasks', 'indicators', 'emptyLevel2', 'extra', 'unparsed'];

function sortKey(path: string): Array<number | string> {
  return path
    .split('/')
    .slice(1)
    .map((part, depth) => (depth === 0 ? FIELD_ORDER.indexOf(part) : /^\d+$/.test(part) ? Number(part) : part));
}

function compareKeys(x: ReadonlyArray<number | string>, y: ReadonlyArray<number | string>): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as number | string;
    const q = y[i] as number | string;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    return String(p) < String(q) ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * Checks a document of any kind with every rule that reads its kind (or the given ones), with the
 * documents it is read with. Pure: same input, same findings.
 */
export function checkDeclaration(declaration: TargetDocument, config: CheckConfig = DEFAULT_CHECK_CONFIG, rules: readonly Rule[] = ALL_RULES, related: RelatedDocuments = {}): Finding[] {
  const findings: Finding[] = [];
  const context = checkContext(declaration, config, related);
  for (const rule of rules) {
    const setting = config.rules[rule.id];
    if (setting === 'off' || !ruleReads(rule, declaration.kind)) continue;
    for (const draft of rule.check(context)) {
      // A configured severity overrides both the rule's default and a draft's own grading.
      const severity: Severity = setting ?? draft.severity ?? rule.severity;
      findings.push({ rule: rule.id, severity, path: draft.path, message: draft.message, ...(draft.suggestion ? { suggestion: draft.suggestion } : {}) });
    }
  }
  // Sort keys computed once per finding, not once per comparison.
  const keyed = findings.map((finding) => ({ finding, key: sortKey(finding.path) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  return keyed.map((k) => k.finding);
}

/** Counts of findings by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
