/**
 * `jixiao score FILE`: the scores, total and grade of a self-evaluation — its canonical JSON, or a
 * published self-evaluation table (text, Excel, PDF, web page) — and where the table's own scores,
 * total or grade disagree with the computation.
 */
import { checkSelfEvaluation, printedRowsSum, scoresDiffer } from '../core/evaluation/evaluationRules.ts';
import { DEFAULT_SCORING_CONFIG, type ScoreFormula, type ScoringConfig } from '../core/evaluation/scoring.ts';
import type { RuleSetting } from '../core/rules/checkConfig.ts';
import type { SelfEvaluation } from '../core/selfEvaluation.ts';
import { parseScoringConfig } from '../format/scoringConfigSchema.ts';
import { selfEvaluationInputSchema } from '../format/selfEvaluationSchema.ts';
import { readSelfEvaluationTables, readSelfEvaluationText } from '../import/evaluation/readSelfEvaluation.ts';
import { decodeText } from '../import/text/decodeText.ts';
import { readSourceTables, sniffFormat } from '../readers/importSource.ts';
import { ReaderError } from '../readers/readerError.ts';
import { CliError, say, type Lang } from './cliError.ts';
import { parseJson } from './parseJson.ts';
import { readInputFile } from './readInputFile.ts';

export interface ScoreCommandOptions {
  readonly format: 'text' | 'json';
  readonly config?: string;
  readonly lang: Lang;
}

const FORMULAS: Record<ScoreFormula, { zh: string; en: string }> = {
  positive: { zh: '正向：分值 × 实际 ÷ 目标', en: 'positive: points × actual ÷ target' },
  'reverse-linear': { zh: '反向（线性）：分值 × (1 − 超出 ÷ 目标)', en: 'reverse (linear): points × (1 − excess ÷ target)' },
  'reverse-proportional': { zh: '反向（比例）：分值 × 目标 ÷ 实际', en: 'reverse (proportional): points × target ÷ actual' },
  equal: { zh: '等于：分值 × 实际 ÷ 目标', en: 'equality: points × actual ÷ target' },
  'equal-zero': { zh: '目标为零：为零得满分', en: 'zero target: full points at zero' },
  qualitative: { zh: '定性：在等级分数段内评分', en: 'qualitative: a score within the grade’s band' },
  deadline: { zh: '时限：按期完成得满分', en: 'deadline: full points when on time' },
  'not-applicable': { zh: '不适用：不计分，其余按比例折算', en: 'not applicable: dropped, the rest rescaled' },
  none: { zh: '无法计分', en: 'not scored' },
};

const PROBLEMS: Record<string, { zh: string; en: string }> = {
  'no-points': { zh: '没有分值', en: 'no points' },
  'no-actual': { zh: '未填实际完成值', en: 'no actual value' },
  'not-comparable': { zh: '实际值与目标值无法比较', en: 'actual and target cannot be compared' },
  'unit-mismatch': { zh: '实际值与目标值单位不同', en: 'actual and target in different units' },
  'choose-score': { zh: '须在等级分数段内评分', en: 'a score within the band is needed' },
  'outside-band': { zh: '得分不在等级分数段内', en: 'the score is outside the band' },
};

/** Reads a self-evaluation from any of the forms it comes in; every failure names the file (exit 2). */
export async function loadEvaluation(file: string): Promise<SelfEvaluation> {
  const bytes = readInputFile(file);
  const format = sniffFormat(bytes);
  if (format !== 'text') {
    let tables;
    try {
      tables = await readSourceTables(bytes, format);
    } catch (error) {
      if (error instanceof ReaderError) throw new CliError(`${file}：${error.zh}`, `${file}: ${error.en}`);
      throw error;
    }
    const outcome = readSelfEvaluationTables(tables);
    if (!outcome.ok) throw new CliError(`${file}：${outcome.message.zh}`, `${file}: ${outcome.message.en}`);
    return outcome.evaluation;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new CliError(`${file}：无法读取（${decoded.message}）`, `${file}: cannot be read (${decoded.message})`);
  if (/^\s*[{[]/.test(decoded.text)) {
    // Scores, total, grade and `unparsed` may be left out: they are what this command computes (format-evaluation.md).
    const result = selfEvaluationInputSchema.safeParse(parseJson(file, decoded.text, { zh: '绩效自评', en: 'self-evaluation' }));
    if (!result.success) {
      const problems = result.error.issues.slice(0, 10).map((issue) => `  /${issue.path.join('/')}: ${issue.message}`);
      throw new CliError(`${file}：不符合 Jixiao 绩效自评 JSON 格式（docs/format-evaluation.md）\n${problems.join('\n')}`, `${file}: not a Jixiao self-evaluation JSON (docs/format-evaluation.md)\n${problems.join('\n')}`);
    }
    return result.data;
  }
  const outcome = readSelfEvaluationText(decoded.text);
  if (!outcome.ok) throw new CliError(`${file}：${outcome.message.zh}`, `${file}: ${outcome.message.en}`);
  return outcome.evaluation;
}

function loadSettings(file: string | undefined): { config: ScoringConfig; rules: Record<string, RuleSetting> } {
  if (file === undefined) return { config: DEFAULT_SCORING_CONFIG, rules: {} };
  const decoded = decodeText(readInputFile(file));
  if (!decoded.ok) throw new CliError(`${file}：配置文件无法读取（${decoded.message}）`, `${file}: the configuration cannot be read (${decoded.message})`);
  const parsed = parseScoringConfig(parseJson(file, decoded.text, { zh: '配置文件', en: 'configuration' }));
  if (!parsed.ok) throw new CliError(`${file}：配置有误\n  ${parsed.problems.join('\n  ')}`, `${file}: invalid configuration\n  ${parsed.problems.join('\n  ')}`);
  return parsed;
}

/** `jixiao score`: returns the exit code (0 without errors, 1 with errors, a disagreement included). */
export async function runScore(file: string, options: ScoreCommandOptions): Promise<number> {
  const evaluation = await loadEvaluation(file);
  const { config, rules } = loadSettings(options.config);
  const { findings, score } = checkSelfEvaluation(evaluation, config, rules);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (options.format === 'json') {
    const out = {
      funds: { rate: score.funds.rate, score: score.funds.score, printed: evaluation.funds.score },
      indicators: evaluation.indicators.map((indicator, i) => {
        const s = score.indicators[i];
        return { name: indicator.name, score: s?.counted ?? null, formula: s?.formula ?? 'none', expression: s?.expression ?? '', printed: indicator.score, ...(s?.problem ? { problem: s.problem } : {}) };
      }),
      rescale: score.rescale,
      total: score.total,
      grade: score.grade,
      printed: { total: evaluation.total, grade: evaluation.grade, rowsSum: printedRowsSum(evaluation) },
      findings,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return errors > 0 ? 1 : 0;
  }
  const lang = options.lang;
  const rowsSum = printedRowsSum(evaluation);
  const differs = (printed: string | null, computed: string | null) => printed !== null && computed !== null && scoresDiffer(printed, computed);
  const mark = (printed: string | null, computed: string | null) => (differs(printed, computed) ? `  ⚠ ${say(lang, `表中为 ${printed}`, `the table says ${printed}`)}` : '');
  const lines = [
    `${file}：${evaluation.projectName ?? evaluation.department ?? ''} ${evaluation.year ?? ''} ${evaluation.title ?? ''}`.trimEnd(),
    `  ${say(lang, '预算执行', 'Budget execution')}  ${score.funds.rate === null ? say(lang, '无法计算', 'not computable') : `${score.funds.rate}% → ${score.funds.score} / ${score.funds.points}`}${mark(evaluation.funds.score, score.funds.score)}`,
    '',
    ...evaluation.indicators.map((indicator, i) => {
      const s = score.indicators[i];
      const result = s?.counted ?? (s?.problem ? `— (${PROBLEMS[s.problem]?.[lang] ?? s.problem})` : '—');
      const formula = s ? FORMULAS[s.formula][lang] : '';
      return `  ${String(i + 1).padStart(2)}. ${indicator.name}  ${indicator.actual || '—'} / ${indicator.annualTarget}  ${result} / ${indicator.points ?? '—'}  ${s?.expression ? `= ${s.expression}` : ''}  [${formula}]${mark(indicator.score, s?.score ?? null)}`;
    }),
    ...(score.rescale ? [`  ${say(lang, `不适用指标已剔除，其余按 ${score.rescale.fullPoints} ÷ ${score.rescale.applicablePoints} = ${score.rescale.factor} 折算`, `indicators not applicable dropped; the rest rescaled by ${score.rescale.fullPoints} ÷ ${score.rescale.applicablePoints} = ${score.rescale.factor}`)}`] : []),
    '',
    `  ${say(lang, '总分', 'Total')}  ${score.total ?? say(lang, '无法计算（有指标未能计分）', 'not computable (an indicator has no score)')}${mark(evaluation.total, score.total)}`,
    ...(evaluation.total !== null || rowsSum !== null
      ? [`  ${say(lang, `表中总分 ${evaluation.total ?? '—'}，表中各行得分合计 ${rowsSum ?? '—（有行未填得分）'}`, `the table's total ${evaluation.total ?? '—'}, its rows add up to ${rowsSum ?? '— (a row has no score)'}`)}${evaluation.total !== null && rowsSum !== null && scoresDiffer(evaluation.total, rowsSum) ? `  ⚠ ${say(lang, '不一致', 'they disagree')}` : ''}`]
      : []),
    `  ${say(lang, '等级', 'Grade')}  ${score.grade ?? '—'}${evaluation.grade !== null && score.grade !== null && evaluation.grade !== score.grade ? `  ⚠ ${say(lang, `表中为「${evaluation.grade}」`, `the table says ${evaluation.grade}`)}` : ''}`,
    '',
    ...findings.map((f) => `  ${{ error: say(lang, '错误', 'error'), warning: say(lang, '警告', 'warning'), info: say(lang, '提示', 'note') }[f.severity]}  ${f.path}  ${f.message[lang]}  ${f.rule}`),
    say(lang, `${file}：${errors} 个错误，${findings.filter((f) => f.severity === 'warning').length} 个警告`, `${file}: ${errors} errors, ${findings.filter((f) => f.severity === 'warning').length} warnings`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return errors > 0 ? 1 : 0;
}
