import { styleText } from 'node:util';
import type { TargetDocument } from '../core/document.ts';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from '../core/rules/checkConfig.ts';
import { checkDeclaration, countBySeverity } from '../core/rules/checkDeclaration.ts';
import type { Finding } from '../core/rules/finding.ts';
import { parseCheckConfig } from '../format/checkConfigSchema.ts';
import { documentSchema } from '../format/documentSchema.ts';
import { decodeText } from '../import/text/decodeText.ts';
import type { Claim } from '../import/text/ledger.ts';
import { importSource, sniffFormat } from '../readers/importSource.ts';
import { CliError, say, type Lang } from './cliError.ts';
import { parseJson } from './parseJson.ts';
import { readInputFile } from './readInputFile.ts';

/** Options of `jixiao check`. */
export interface CheckCommandOptions {
  readonly format: 'text' | 'json';
  readonly lang: Lang;
  readonly config?: string;
  /** Colour the text output (a terminal, and NO_COLOR unset). */
  readonly color: boolean;
}

/** A declaration to check and, for text forms, where each field came from. */
interface Loaded {
  readonly declaration: TargetDocument;
  readonly claims: readonly Claim[];
}

/** Reads a form of any format (text, .xlsx, .xls, PDF, HTML) or canonical JSON; every failure names the file (exit 2). */
export async function loadDeclaration(file: string): Promise<Loaded> {
  const bytes = readInputFile(file);
  const decoded = sniffFormat(bytes) === 'text' ? decodeText(bytes) : null;
  if (decoded?.ok && decoded.text.trimStart().startsWith('{')) {
    const result = documentSchema.safeParse(parseJson(file, decoded.text));
    if (!result.success) {
      const problems = result.error.issues.slice(0, 10).map((issue) => `  /${issue.path.join('/')}: ${issue.message}`);
      throw new CliError(`${file}：不符合 Jixiao 申报表 JSON 格式\n${problems.join('\n')}`, `${file}: not a Jixiao declaration JSON\n${problems.join('\n')}`);
    }
    return { declaration: result.data, claims: [] };
  }
  const outcome = await importSource(bytes);
  if (!outcome.ok) throw new CliError(`${file}：${outcome.message.zh}`, `${file}: ${outcome.message.en}`);
  // Claims locate findings by line: only a text's lines are lines the user has.
  return { declaration: outcome.declaration, claims: outcome.format === 'text' ? outcome.claims : [] };
}

function loadConfig(file: string | undefined): CheckConfig {
  if (file === undefined) return DEFAULT_CHECK_CONFIG;
  const decoded = decodeText(readInputFile(file));
  if (!decoded.ok) throw new CliError(`${file}：配置文件无法读取`, `${file}: the configuration cannot be read (${decoded.message})`);
  const parsed = parseCheckConfig(parseJson(file, decoded.text, { zh: '配置文件', en: 'configuration' }));
  if (!parsed.ok) throw new CliError(`${file}：配置有误\n  ${parsed.problems.join('\n  ')}`, `${file}: invalid configuration\n  ${parsed.problems.join('\n  ')}`);
  return parsed.config;
}

const SECTIONS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [/^\/(title|department|implementer|year|project\/|extra)/, '基本信息', 'Header'],
  [/^\/(budget|funds)/, '预算整体情况 / 项目资金', 'Budget and funds'],
  [/^\/(periodGoal|annualGoal)/, '绩效目标', 'Goals'],
  [/^\/projects/, '年度重点工作任务', 'Key projects'],
  [/^\/goals/, '总体绩效目标', 'Overall goals'],
  [/^\/otherTasks/, '其他需完成的任务', 'Other tasks'],
  [/^\/(indicators|emptyLevel2)/, '绩效指标', 'Indicators'],
  [/^\/unparsed/, '未识别的文字', 'Unparsed text'],
];

/**
 * The first source line of the field a finding points at, when the form came from text; for a
 * field with no text of its own (an indicator's level, read from a heading), the line of the
 * nearest enclosing field that has one.
 */
function sourceLine(path: string, claims: readonly Claim[]): number | null {
  for (let prefix = path; prefix.split('/').length > 1; prefix = prefix.slice(0, prefix.lastIndexOf('/'))) {
    let best: number | null = null;
    for (const claim of claims) {
      if (claim.path === undefined) continue;
      if (claim.path === prefix || claim.path.startsWith(`${prefix}/`)) best = best === null ? claim.line : Math.min(best, claim.line);
    }
    if (best !== null) return best;
  }
  return null;
}

/** The source line of an `unparsed` entry, which carries its own. */
function unparsedLine(path: string, declaration: TargetDocument): number | null {
  const match = /^\/unparsed\/(\d+)$/.exec(path);
  return match ? (declaration.unparsed[Number(match[1])]?.line ?? null) : null;
}

/** Findings as text, grouped by section of the form. */
export function formatFindings(findings: readonly Finding[], loaded: Loaded, file: string, lang: Lang, color: boolean): string {
  const paint = (style: Parameters<typeof styleText>[0], text: string): string => (color ? styleText(style, text) : text);
  const out: string[] = [];
  for (const [pattern, zh, en] of SECTIONS) {
    const inSection = findings
      .filter((f) => pattern.test(f.path))
      .map((finding) => ({ finding, line: unparsedLine(finding.path, loaded.declaration) ?? sourceLine(finding.path, loaded.claims) }))
      // In source order when the form came from text (the sort is stable: path order otherwise).
      .sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
    if (inSection.length === 0) continue;
    out.push(paint('bold', say(lang, zh, en)));
    for (const { finding, line } of inSection) {
      const where = line === null ? finding.path : say(lang, `第 ${line} 行`, `line ${line}`);
      const mark = { error: paint('red', say(lang, '错误', 'error')), warning: paint('yellow', say(lang, '警告', 'warning')), info: paint('cyan', say(lang, '提示', 'info')) }[finding.severity];
      out.push(`  ${mark}  ${paint('dim', where)}  ${lang === 'en' ? finding.message.en : finding.message.zh}  ${paint('dim', finding.rule)}`);
      if (finding.suggestion) out.push(`        ${paint('green', '→')} ${lang === 'en' ? finding.suggestion.en : finding.suggestion.zh}`);
    }
    out.push('');
  }
  const counts = countBySeverity(findings);
  out.push(
    say(
      lang,
      `${file}：${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 个提示`,
      `${file}: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info`,
    ),
  );
  return `${out.join('\n')}\n`;
}

/** `jixiao check FILE`: returns the exit code (0 no errors, 1 errors). */
export async function runCheck(file: string, options: CheckCommandOptions): Promise<number> {
  const config = loadConfig(options.config);
  const loaded = await loadDeclaration(file);
  const findings = checkDeclaration(loaded.declaration, config);
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
  } else {
    process.stdout.write(formatFindings(findings, loaded, file, options.lang, options.color));
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
