/**
 * `jixiao assess FILE`: computes an assessment given as canonical JSON (docs/format-assessment.md) —
 * each criterion's aggregate, the first level, the total, the grade, the decision — and what is wrong
 * with it, so that a bureau can check a sheet made elsewhere. Exit 0 without errors, 1 with errors
 * (a score outside its range, weights that do not add up …), 2 when the file cannot be read.
 */
import { DECISION_NAMES, type Assessment } from '../core/assessment/assessment.ts';
import { assessmentFindings, scoreAssessment } from '../core/assessment/scoring.ts';
import { assessmentShapeSchema } from '../format/assessmentSchema.ts';
import { parseAssessmentSettings } from '../format/assessmentSettingsSchema.ts';
import { decodeText } from '../import/text/decodeText.ts';
import { CliError, say, type Lang } from './cliError.ts';
import { parseJson } from './parseJson.ts';
import { readInputFile } from './readInputFile.ts';

export interface AssessCommandOptions {
  readonly format: 'text' | 'json';
  readonly config?: string | undefined;
  readonly lang: Lang;
}

function readJson(file: string, what: { zh: string; en: string }): unknown {
  const decoded = decodeText(readInputFile(file));
  if (!decoded.ok) throw new CliError(`${file}：无法读取（${decoded.message}）`, `${file}: cannot be read (${decoded.message})`);
  return parseJson(file, decoded.text, what);
}

/** `jixiao assess`: returns the exit code. */
export function runAssess(file: string, options: AssessCommandOptions): number {
  const parsed = assessmentShapeSchema.safeParse(readJson(file, { zh: '评估评价', en: 'assessment' }));
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((issue) => `  /${issue.path.join('/')}: ${issue.message}`);
    throw new CliError(`${file}：不符合 Jixiao 评估评价 JSON 格式（docs/format-assessment.md）\n${problems.join('\n')}`, `${file}: not a Jixiao assessment JSON (docs/format-assessment.md)\n${problems.join('\n')}`);
  }
  let settings;
  if (options.config !== undefined) {
    const config = parseAssessmentSettings(readJson(options.config, { zh: '配置文件', en: 'configuration' }));
    if (!config.ok) throw new CliError(`${options.config}：配置有误\n  ${config.problems.join('\n  ')}`, `${options.config}: invalid configuration\n  ${config.problems.join('\n  ')}`);
    settings = config.settings;
  }
  const assessment = parsed.data as Assessment;
  const result = scoreAssessment(assessment, settings);
  const findings = assessmentFindings({ ...assessment, result }, result);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const criteria = result.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, score: c.score }));
  const levels = result.levels.map((l) => ({ name: l.name, weight: l.weight, score: l.score }));
  const decision = assessment.conclusion.decision;
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ criteria, levels, total: result.total, grade: result.grade, decision, findings }, null, 2)}\n`);
    return errors > 0 ? 1 : 0;
  }
  const lang = options.lang;
  const lines = [`${file}：${assessment.title}`];
  for (const c of result.criteria) {
    const spread = c.spread !== null && c.scores.length > 1 ? `  ${say(lang, '分差', 'spread')} ${c.spread}` : '';
    const flagged = c.outliers.length > 0 ? `  ⚠ ${say(lang, '偏离', 'far')}: ${c.outliers.join(', ')}` : '';
    lines.push(`${'  '.repeat(c.level)}${c.name}  ${c.score ?? '—'} / ${c.weight}${c.expression ? `  = ${c.expression}` : ''}${spread}${flagged}`);
  }
  lines.push('', `  ${say(lang, '总分', 'Total')} ${result.total ?? '—'}  ${say(lang, '等级', 'grade')} ${result.grade ?? '—'}${decision ? `  ${say(lang, '结论', 'decision')} ${DECISION_NAMES[decision][lang]}` : ''}`);
  for (const s of result.scorers) lines.push(`  ${s.name}: ${s.total ?? '—'}${s.deviation !== null ? ` (${s.deviation})` : ''}${s.flagged ? ` ⚠ ${say(lang, '与评分中位数相差较大', 'far from the panel')}` : ''}`);
  if (findings.length > 0) {
    lines.push('');
    for (const f of findings) lines.push(`  ${f.severity === 'error' ? '✖' : f.severity === 'warning' ? '⚠' : 'ℹ'} ${f.path}  ${f.message[lang]}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return errors > 0 ? 1 : 0;
}
