/** `jixiao export`: a form as the official PDF or Excel form, from a file or from a running server. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetDocument } from '../core/document.ts';
import { toYthpm } from '../import/ythpm/ythpm.ts';
import { writeYthpmWorkbook, ythpmCsvFiles } from '../writers/ythpmWriter.ts';
import { documentSchema } from '../format/documentSchema.ts';
import { monitoringReportSchema } from '../format/monitoringReportSchema.ts';
import { selfEvaluationSchema } from '../format/selfEvaluationSchema.ts';
import type { PrintableDocument } from '../layout/officialLayout.ts';
import { decodeText } from '../import/text/decodeText.ts';
import { importSource, sniffFormat } from '../readers/importSource.ts';
import { writePdf } from '../writers/pdfWriter.ts';
import { writeWorkbook } from '../writers/workbookWriter.ts';
import { CliError } from './cliError.ts';
import { parseJson } from './parseJson.ts';
import { readInputFile } from './readInputFile.ts';

export interface ExportCommandOptions {
  readonly format: 'pdf' | 'xlsx' | 'json' | 'ythpm';
  readonly out?: string;
  /** For --format ythpm: the agency's code in the provincial system (单位编码). */
  readonly agencyCode?: string;
  readonly server: string;
  readonly token?: string;
}

/** The documents of a file: canonical JSON (one document or an array, monitoring reports and self-evaluations too), or any importable form. */
export async function documentsOfFile(file: string): Promise<PrintableDocument[]> {
  const bytes = readInputFile(file);
  const decoded = sniffFormat(bytes) === 'text' ? decodeText(bytes) : null;
  const head = decoded?.ok ? decoded.text.trimStart()[0] : undefined;
  if (decoded?.ok && (head === '{' || head === '[')) {
    const json = parseJson(file, decoded.text);
    const list = Array.isArray(json) ? json : [json];
    return list.map((item, i): PrintableDocument => {
      const kind = (item as { kind?: unknown } | null)?.kind;
      const result = kind === 'monitoring-report' ? monitoringReportSchema.safeParse(item) : kind === 'self-evaluation' ? selfEvaluationSchema.safeParse(item) : documentSchema.safeParse(item);
      if (result.success) return result.data;
      const where = Array.isArray(json) ? `[${i}]` : '';
      const problems = result.error.issues.slice(0, 10).map((issue) => `  ${where}/${issue.path.join('/')}: ${issue.message}`);
      throw new CliError(`${file}：不符合 Jixiao 申报表 JSON 格式\n${problems.join('\n')}`, `${file}: not a Jixiao document JSON\n${problems.join('\n')}`);
    });
  }
  const outcome = await importSource(bytes);
  if (!outcome.ok) throw new CliError(`${file}：${outcome.message.zh}`, `${file}: ${outcome.message.en}`);
  return outcome.documents.map((d) => d.document);
}

/** Writes the export to --out, or to stdout when that is not a terminal. */
function deliver(data: Buffer | string, options: ExportCommandOptions): void {
  if (options.out) {
    try {
      writeFileSync(options.out, data);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      throw new CliError(`${options.out}：无法写入（${code}）`, `${options.out}: cannot be written (${code})`);
    }
    return;
  }
  if (process.stdout.isTTY && options.format !== 'json') throw new CliError(`${options.format.toUpperCase()} 是二进制文件，请用 --out 指定文件`, `${options.format.toUpperCase()} is binary: name a file with --out`);
  process.stdout.write(data);
}

/** Fetches a declaration's export from a running server. */
async function fromServer(id: string, options: ExportCommandOptions): Promise<Buffer> {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new CliError(`${id}：既不是文件，也不是申报表编号`, `${id}: neither a file nor a declaration id`);
  const token = options.token ?? process.env.JIXIAO_TOKEN;
  const url = new URL(`/api/v1/declarations/${id}.${options.format}`, options.server);
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }).catch((error: unknown) => {
    throw new CliError(`无法连接 ${options.server}：${String(error)}（是否已运行 jixiao serve？）`, `cannot reach ${options.server}: ${String(error)} (is jixiao serve running?)`);
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: { zh?: string; en?: string } } } | null;
    const message = body?.error?.message;
    throw new CliError(`服务器拒绝导出 ${id}（HTTP ${response.status}${message?.zh ? `：${message.zh}` : ''}）`, `the server refused to export ${id} (HTTP ${response.status}${message?.en ? `: ${message.en}` : ''})`);
  }
  return Buffer.from(await response.arrayBuffer());
}

/**
 * `--format ythpm`: a year's indicators and goals for a provincial 预算管理一体化 system — a workbook of the
 * two tables (`--out year.xlsx`), or their two CSV files in a folder (`--out folder`).
 */
async function exportYthpm(documents: readonly PrintableDocument[], options: ExportCommandOptions): Promise<void> {
  const targets = documents.filter((d): d is TargetDocument => d.kind === 'department-target' || d.kind === 'project-target');
  if (targets.length === 0) throw new CliError('没有可导出的目标表（一体化系统的表只收部门整体和项目绩效目标）', 'no target forms to export (the provincial tables take department-wide and project targets only)');
  const tables = toYthpm(targets, options.agencyCode === undefined ? {} : { agencyCode: options.agencyCode });
  const out = options.out;
  if (!out) throw new CliError('--format ythpm 须用 --out 指定 .xlsx 文件或存放两个 CSV 的文件夹', '--format ythpm needs --out: an .xlsx file, or a folder for the two CSV files');
  try {
    if (/\.xlsx$/i.test(out)) {
      writeFileSync(out, await writeYthpmWorkbook(tables));
      return;
    }
    mkdirSync(out, { recursive: true });
    for (const file of ythpmCsvFiles(tables)) writeFileSync(join(out, file.name), file.text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new CliError(`${out}：无法写入（${code}）`, `${out}: cannot be written (${code})`);
  }
}

/** `jixiao export SOURCE --format pdf|xlsx|json|ythpm`. */
export async function runExport(source: string, options: ExportCommandOptions): Promise<void> {
  if (!existsSync(source)) {
    deliver(await fromServer(source, options), options);
    return;
  }
  const documents = await documentsOfFile(source);
  if (options.format === 'ythpm') {
    await exportYthpm(documents, options);
    return;
  }
  if (options.format === 'json') deliver(`${JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2)}\n`, options);
  else if (options.format === 'xlsx') deliver(await writeWorkbook(documents), options);
  else deliver(await writePdf(documents), options);
}
