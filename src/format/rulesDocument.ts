/**
 * docs/rules.md, generated from the rules themselves (`npm run docs:rules`): id, severity, what it
 * checks, why, and one bad and one good example with what the checker says about the bad one.
 */
import { exampleReport } from '../core/monitoring/exampleReport.ts';
import { DEFAULT_MONITORING_CONFIG } from '../core/monitoring/lights.ts';
import { checkMonitoringReport, MONITORING_RULES } from '../core/monitoring/monitoringRules.ts';
import { exampleEvaluation } from '../core/evaluation/exampleEvaluation.ts';
import { checkSelfEvaluation, EVALUATION_RULES } from '../core/evaluation/evaluationRules.ts';
import { DEFAULT_SCORING_CONFIG } from '../core/evaluation/scoring.ts';
import { ALL_RULES } from '../core/rules/allRules.ts';
import { DEFAULT_CHECK_CONFIG } from '../core/rules/checkConfig.ts';
import { DOCUMENT_KIND_NAMES } from '../core/document.ts';
import { exampleDeclaration } from '../core/rules/exampleDeclaration.ts';
import { exampleProject } from '../core/rules/exampleProject.ts';
import { FAMILY_NAMES, RULE_FAMILIES, checkContext, type Rule } from '../core/rules/rule.ts';

const SEVERITY_NAMES = { error: '错误 error', warning: '警告 warning', info: '提示 info' };

function ruleSection(rule: Rule): string {
  const example = rule.examples.bad;
  const related = example.related?.() ?? {};
  let context;
  if (example.on === 'project-target') {
    const bad = exampleProject();
    example.edit(bad);
    context = checkContext(bad, DEFAULT_CHECK_CONFIG, related);
  } else {
    const bad = exampleDeclaration();
    example.edit(bad);
    context = checkContext(bad, DEFAULT_CHECK_CONFIG, related);
  }
  const said = [...rule.check(context)][0];
  const kinds = (rule.kinds ?? ['department-target']).map((kind) => DOCUMENT_KIND_NAMES[kind].zh).join('、');
  return [
    `### \`${rule.id}\``,
    '',
    `**${rule.description.zh}** — ${rule.description.en}`,
    '',
    `- Severity: ${SEVERITY_NAMES[rule.severity]}`,
    `- Reads: ${kinds}`,
    `- Why: ${rule.source}`,
    `- Bad: ${rule.examples.bad.shows}`,
    said ? `  - Jixiao says: ${said.message.zh}${said.suggestion ? ` → ${said.suggestion.zh}` : ''} (\`${said.path}\`)` : '',
    `- Good: ${rule.examples.good.shows}`,
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** A rule of a document that is not a target form (monitoring, self-evaluation), as its section of the page. */
function documentRuleLines(
  rule: { readonly id: string; readonly code: string; readonly severity: keyof typeof SEVERITY_NAMES; readonly description: { zh: string; en: string }; readonly source: string; readonly examples: { readonly bad: { readonly shows: string }; readonly good: { readonly shows: string } } },
  reads: string,
  said: { readonly message: { zh: string }; readonly path: string } | undefined,
): string[] {
  return [
    `### \`${rule.id}\``,
    '',
    `**${rule.code} ${rule.description.zh}** — ${rule.description.en}`,
    '',
    `- Severity: ${SEVERITY_NAMES[rule.severity]}`,
    `- Reads: ${reads}`,
    `- Why: ${rule.source}`,
    `- Bad: ${rule.examples.bad.shows}`,
    ...(said ? [`  - Jixiao says: ${said.message.zh} (\`${said.path}\`)`] : []),
    `- Good: ${rule.examples.good.shows}`,
    '',
  ];
}

/** The monitoring rules M1–M7, which read monitoring reports (`jixiao monitor REPORT.json`). */
function monitoringSection(): string[] {
  const c = DEFAULT_MONITORING_CONFIG;
  const lines = [
    '## 运行监控 — In-year monitoring (M1–M7)',
    '',
    'Read monitoring reports ([format-monitoring.md](format-monitoring.md)); run `npx jixiao monitor REPORT.json [--config FILE]`.',
    `The lights follow domain.md formulas 11–13 (\`src/core/monitoring/lights.ts\`): budget bands red < ${c.budget.red}, yellow < ${c.budget.yellow}; indicator bands red < ${c.indicators.red}, yellow < ${c.indicators.yellow}, blue ≥ ${String(c.indicators.blue)}; an explanation is due above a ${c.deviationPercent}% deviation. A configuration file sets them per region:`,
    '',
    '```json',
    '{ "budget": { "red": 50, "yellow": 75 }, "indicators": { "red": 60, "yellow": 80, "blue": null }, "deviationPercent": 20, "rules": { "monitoring-light": "info" } }',
    '```',
    '',
  ];
  for (const rule of MONITORING_RULES) {
    const bad = exampleReport();
    rule.examples.bad.edit(bad);
    lines.push(...documentRuleLines(rule, '绩效运行监控报告', checkMonitoringReport(bad).findings.find((f) => f.rule === rule.id)));
  }
  return lines;
}

/** The self-evaluation rules E1–E10, which read self-evaluations (`jixiao score FILE`). */
function evaluationSection(): string[] {
  const c = DEFAULT_SCORING_CONFIG;
  const lines = [
    '## 绩效自评 — Year-end self-evaluation (E1–E10)',
    '',
    'Read self-evaluations ([format-evaluation.md](format-evaluation.md)); run `npx jixiao score FILE [--config FILE]` on their JSON or on a published table.',
    `The scores follow domain.md formulas 1–9 (\`src/core/evaluation/scoring.ts\`): execution ${c.executionPoints} points × the rate${c.capExecution ? ', capped at 100%' : ''}; reverse indicators by the ${c.reverseFormula} formula; qualitative bands ${c.qualitativeBands.achieved}/${c.qualitativeBands.partial}; weights ${Object.entries(c.levelWeights).map(([k, v]) => `${k} ${v}`).join(', ')}; an explanation at ${String(c.overAchievementPercent)}% of a target; grades 优 ≥ ${c.grades.优}, 良 ≥ ${c.grades.良}, 中 ≥ ${c.grades.中}. A configuration file sets them per region:`,
    '',
    '```json',
    '{ "reverseFormula": "proportional", "qualitativeBands": { "achieved": 80, "partial": 60 }, "grades": { "优": 90, "良": 80, "中": 60 }, "rules": { "evaluation-closing-texts": "off" } }',
    '```',
    '',
  ];
  for (const rule of EVALUATION_RULES) {
    const bad = exampleEvaluation();
    rule.examples.bad.edit(bad);
    lines.push(...documentRuleLines(rule, '绩效自评表', checkSelfEvaluation(bad).findings.find((f) => f.rule === rule.id)));
  }
  return lines;
}

/** The whole rules page as Markdown. */
export function rulesDocument(): string {
  const parts = [
    '# Checker rules',
    '',
    'Generated from the rules themselves by `npm run docs:rules`; do not edit by hand. Each rule is a pure',
    'function in `src/core/rules/`; its bad and good examples below are tested (`src/core/rules/rules.test.ts`).',
    '',
    'Run `npx jixiao check FILE` on a text form or canonical JSON. A configuration file (`--config FILE`) can',
    'switch rules off or re-grade them and set the thresholds that differ between provinces:',
    '',
    '```json',
    '{ "framework": "legacy", "rules": { "year-missing": "off", "unit-missing": "info" }, "thresholds": { "satisfactionMinimum": 85 } }',
    '```',
    '',
    '`framework`: `national` (default, 财预〔2021〕101号) or `legacy` (also accepts 成本指标 under 产出指标).',
    `Thresholds and defaults: ${Object.entries(DEFAULT_CHECK_CONFIG.thresholds).map(([k, v]) => `\`${k}\` = ${String(v)}`).join(', ')}.`,
    '',
    '| rule | family | severity | checks |',
    '| --- | --- | --- | --- |',
    ...ALL_RULES.map((r) => `| [\`${r.id}\`](#${r.id}) | ${FAMILY_NAMES[r.family].zh} | ${r.severity} | ${r.description.zh} |`),
    '',
  ];
  for (const family of RULE_FAMILIES) {
    parts.push(`## ${FAMILY_NAMES[family].zh} — ${FAMILY_NAMES[family].en}`, '');
    for (const rule of ALL_RULES.filter((r) => r.family === family)) parts.push(ruleSection(rule));
  }
  parts.push(...monitoringSection());
  parts.push(...evaluationSection());
  return `${parts.join('\n').trimEnd()}\n`;
}
