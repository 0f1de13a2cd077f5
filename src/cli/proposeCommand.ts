/**
 * `jixiao propose --year N [--config RULES.json] [--format text|json|csv] [RESULTS.jsonl]`: next
 * year's budget proposals (预算安排建议) from canonical JSON Lines of results (docs/format-results.md),
 * one line per continuing project — the same table the server computes, for a bureau's data from
 * elsewhere. Reads a file or standard input line by line (a province's hundred thousand projects).
 * Exit 0, or 2 when a line or the rules cannot be read (naming the line and the field).
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { csvLine, type CsvKind } from '../format/csv.ts';
import { projectResultsSchema, resultRulesSchema } from '../format/resultsSchema.ts';
import { proposalTable, type ProjectResults } from '../core/results/proposal.ts';
import { PROPOSAL_COLUMNS } from '../core/results/proposalColumns.ts';
import { DEFAULT_RESULT_RULES, ruleName, type ResultRules } from '../core/results/rules.ts';
import { decodeText } from '../import/text/decodeText.ts';
import { CliError, say, type Lang } from './cliError.ts';
import { parseJson } from './parseJson.ts';
import { readInputFile } from './readInputFile.ts';

export interface ProposeCommandOptions {
  readonly year: string;
  readonly format: 'text' | 'json' | 'csv';
  readonly config?: string | undefined;
  readonly lang: Lang;
}

function readRules(file: string): ResultRules {
  const decoded = decodeText(readInputFile(file));
  if (!decoded.ok) throw new CliError(`${file}：无法读取（${decoded.message}）`, `${file}: cannot be read (${decoded.message})`);
  const parsed = resultRulesSchema.safeParse(parseJson(file, decoded.text, { zh: '结果应用规则', en: 'rules' }));
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `  /${i.path.join('/')}: ${i.message}`).join('\n');
    throw new CliError(`${file}：结果应用规则有误（docs/format-results.md）\n${problems}`, `${file}: invalid rules (docs/format-results.md)\n${problems}`);
  }
  return parsed.data;
}

/** Reads canonical results line by line; blank lines are skipped, a bad line stops with its number. */
export async function readResultLines(input: NodeJS.ReadableStream, name: string): Promise<ProjectResults[]> {
  const lines: ProjectResults[] = [];
  let n = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new CliError(`${name}:${n}：不是有效的 JSON（${detail}）`, `${name}:${n}: not valid JSON (${detail})`);
    }
    const parsed = projectResultsSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 5).map((i) => `/${i.path.join('/')}: ${i.message}`).join('; ');
      throw new CliError(`${name}:${n}：不是一行结果（docs/format-results.md）：${problems}`, `${name}:${n}: not a line of results (docs/format-results.md): ${problems}`);
    }
    lines.push(parsed.data);
  }
  return lines;
}

/** `jixiao propose`: writes the table, returns the exit code. */
export async function runPropose(file: string | undefined, options: ProposeCommandOptions): Promise<number> {
  const year = Number(options.year);
  if (!Number.isInteger(year) || year < 2001 || year > 2100) throw new CliError(`--year：须为预算年度，如 2025（读取上一年的结果），而不是 ${options.year}`, `--year: a budget year such as 2025 (the results of the year before are read), not ${options.year}`);
  const rules = options.config === undefined ? DEFAULT_RESULT_RULES : readRules(options.config);
  let input: NodeJS.ReadableStream = process.stdin;
  if (file !== undefined && file !== '-') {
    requireFile(file);
    input = createReadStream(file);
  }
  const lines = await readResultLines(input, file ?? 'stdin');
  const table = proposalTable(year, lines, rules);
  const lang = options.lang;
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ ...table, rules }, null, 2)}\n`);
  } else if (options.format === 'csv') {
    const kinds = PROPOSAL_COLUMNS.map((c): CsvKind => (c.amount ? 'number' : 'text'));
    const out = [csvLine(PROPOSAL_COLUMNS.map((c) => c[lang])), ...table.rows.map((r) => csvLine(PROPOSAL_COLUMNS.map((c) => c.value(r, lang)), kinds))];
    process.stdout.write(out.join(''));
  } else {
    const out = [say(lang, `${year} 年预算安排建议（${year - 1} 年结果）`, `Budget proposals for ${year} (results of ${year - 1})`)];
    for (const r of table.rows) out.push(`  ${r.department}  ${r.project}  ${r.lastAmount} → ${r.proposed}  [${ruleName(r.rule)[lang]}]${r.overRequest ? `  ⚠ ${say(lang, '申请', 'requested')} ${r.request}` : ''}`);
    out.push('', `  ${say(lang, '合计', 'Total')} ${table.total.count} ${say(lang, '个项目', 'projects')}: ${table.total.lastAmount} → ${table.total.proposed} ${say(lang, '万元', '万元')}`);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return 0;
}

/** A results file must exist and be a file; it may be far larger than a form, so it is streamed, not read whole. */
function requireFile(file: string): void {
  let directory: boolean;
  try {
    directory = statSync(file).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}：文件不存在`, `${file}: no such file`);
    throw new CliError(`${file}：无法读取（${code ?? 'unknown'}）`, `${file}: cannot be read (${code ?? 'unknown'})`);
  }
  if (directory) throw new CliError(`${file}：这是一个目录，不是文件`, `${file}: is a directory, not a file`);
}
