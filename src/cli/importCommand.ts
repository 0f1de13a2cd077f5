import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { GOAL_TABLE, INDICATOR_TABLE, ythpmTablesOf } from '../import/ythpm/ythpm.ts';
import { decodeText } from '../import/text/decodeText.ts';
import { readCsv } from '../readers/workbookReader.ts';
import type { TargetDocument } from '../core/document.ts';
import { formatMoney, money, sumMoney } from '../core/money.ts';
import { importSource, ythpmOutcome, type SourceImportOutcome } from '../readers/importSource.ts';
import { CliError, say, type Lang } from './cliError.ts';
import { readInputFile } from './readInputFile.ts';

/** Options of `jixiao import`. */
export interface ImportCommandOptions {
  readonly year?: number;
  readonly out?: string;
  readonly lang: Lang;
}

/** Imports a form file of any format into its documents (one per form in it), or throws a {@link CliError} naming the file. */
export async function importFile(file: string, year?: number): Promise<TargetDocument[]> {
  const outcome = ythpmPair(file, year) ?? (await importSource(readInputFile(file), year === undefined ? {} : { year }));
  if (!outcome.ok) {
    const evidence = outcome.evidence.length > 0 ? `\n  ${outcome.evidence.slice(0, 3).join('\n  ')}` : '';
    throw new CliError(`${file}：${outcome.message.zh}${evidence}`, `${file}: ${outcome.message.en}${evidence}`);
  }
  const documents = outcome.documents.map((d) => d.document);
  for (const declaration of documents) {
    if (year !== undefined && declaration.year !== year) {
      throw new CliError(
        `${file}：表中写明年度为 ${declaration.year}，与 --year ${year} 不符`,
        `${file}: the form says ${declaration.year}, but --year ${year} was given`,
      );
    }
  }
  return documents;
}

/**
 * A provincial system's two CSV files side by side (pm_perf_indicator.csv, pm_perf_goal_info.csv): either
 * named imports both, so a year's goals come with its indicators. Null for any other file.
 */
function ythpmPair(file: string, year?: number): SourceImportOutcome | null {
  const name = basename(file).toLowerCase();
  const tables = [INDICATOR_TABLE, GOAL_TABLE].map((t) => `${t}.csv`);
  if (!tables.includes(name)) return null;
  const read = (path: string) => {
    const decoded = decodeText(readInputFile(path));
    if (!decoded.ok) throw new CliError(`${path}：无法读取（${decoded.message}）`, `${path}: cannot be read (${decoded.message})`);
    return ythpmTablesOf(readCsv(decoded.text));
  };
  const found = tables.map((t) => join(dirname(file), t)).filter((path) => path === join(dirname(file), name) || existsSync(path)).map(read);
  const merged = { indicators: found.flatMap((t) => t?.indicators ?? []), goals: found.flatMap((t) => t?.goals ?? []) };
  if (found.every((t) => t === null)) return null;
  const outcome = ythpmOutcome(merged, year === undefined ? {} : { year });
  return outcome.ok ? { ...outcome, format: 'csv', source: null } : { ...outcome, format: 'csv' };
}

/** `jixiao import FILE`: the canonical JSON on stdout (or --out), a one-line summary on stderr. */
export async function runImport(file: string, options: ImportCommandOptions): Promise<void> {
  const documents = await importFile(file, options.year);
  // One form: its document; several: an array of them, one document per form, never one mixing two.
  const json = `${JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2)}\n`;
  if (options.out) {
    try {
      writeFileSync(options.out, json);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      throw new CliError(`${options.out}：无法写入（${code}）`, `${options.out}: cannot be written (${code})`);
    }
  } else {
    process.stdout.write(json);
  }
  for (const declaration of documents) process.stderr.write(`${summarize(file, declaration, options.lang)}\n`);
}

/** One line saying what was imported. */
export function summarize(file: string, d: TargetDocument, lang: Lang): string {
  if (d.kind === 'project-target') {
    const name = d.project.name ?? say(lang, '（未写项目名称）', '(no project name)');
    return say(
      lang,
      `${file}：项目支出绩效目标申报表「${name}」，资金总额 ${d.funds.total ?? '—'} 万元，绩效指标 ${d.indicators.length} 项，未识别 ${d.unparsed.length} 行`,
      `${file}: project target form "${name}", total ${d.funds.total ?? '—'} 万元, ${d.indicators.length} indicators, ${d.unparsed.length} unparsed lines`,
    );
  }
  const total = formatMoney(sumMoney(d.projects.flatMap((p) => (p.amount === null ? [] : [money(p.amount)]))));
  const department = d.department ?? say(lang, '（未写部门）', '(no department)');
  return say(
    lang,
    `${file}：${department}，项目 ${d.projects.length} 个（合计 ${total} 万元），总体目标 ${d.goals.length} 条，绩效指标 ${d.indicators.length} 项，空二级指标 ${d.emptyLevel2.length} 个，未识别 ${d.unparsed.length} 行`,
    `${file}: ${department}, ${d.projects.length} projects (${total} 万元), ${d.goals.length} goals, ${d.indicators.length} indicators, ${d.emptyLevel2.length} empty second-level groups, ${d.unparsed.length} unparsed lines`,
  );
}
