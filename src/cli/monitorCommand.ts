/** `jixiao monitor REPORT.json`: the lights and findings of a monitoring report, for reports made anywhere. */
import { styleText } from 'node:util';
import { DEFAULT_MONITORING_CONFIG, LIGHT_BASIS_NAMES, type MonitoringConfig } from '../core/monitoring/lights.ts';
import { checkMonitoringReport } from '../core/monitoring/monitoringRules.ts';
import { LIGHT_NAMES, type Light, type MonitoringReport } from '../core/monitoringReport.ts';
import type { RuleSetting } from '../core/rules/checkConfig.ts';
import { parseMonitoringConfig } from '../format/monitoringConfigSchema.ts';
import { monitoringReportInputSchema } from '../format/monitoringReportSchema.ts';
import { isMonitoringTable, readMonitoringTables } from '../import/monitoringTable.ts';
import { decodeText } from '../import/text/decodeText.ts';
import { readSourceTables, sniffFormat } from '../readers/importSource.ts';
import { ReaderError } from '../readers/readerError.ts';
import { CliError, say, type Lang } from './cliError.ts';
import { parseJson } from './parseJson.ts';
import { readInputFile } from './readInputFile.ts';

export interface MonitorCommandOptions {
  readonly format: 'text' | 'json';
  readonly config?: string;
  readonly lang: Lang;
  readonly color: boolean;
}

function readJson(file: string, what: { zh: string; en: string }): unknown {
  const decoded = decodeText(readInputFile(file));
  if (!decoded.ok) throw new CliError(`${file}：${what.zh}无法读取（${decoded.message}）`, `${file}: the ${what.en} cannot be read (${decoded.message})`);
  return parseJson(file, decoded.text, what);
}

/**
 * Reads a monitoring report: its canonical JSON, or its table filled in Excel (.xlsx, .xls), saved
 * as a web page or printed to PDF. Every failure names the file and the field (exit 2).
 */
export async function loadReport(file: string): Promise<MonitoringReport> {
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
    if (!isMonitoringTable(tables)) throw new CliError(`${file}：不是绩效运行监控表（未找到表题或“截至目前完成值”等栏目）`, `${file}: not a monitoring table (no title, no column such as 截至目前完成值)`);
    return readMonitoringTables(tables);
  }
  // Lights and `unparsed` may be left out: they are what this command computes (format-monitoring.md).
  const result = monitoringReportInputSchema.safeParse(readJson(file, { zh: '监控报告', en: 'report' }));
  if (!result.success) {
    const problems = result.error.issues.slice(0, 10).map((issue) => `  /${issue.path.join('/')}: ${issue.message}`);
    throw new CliError(`${file}：不符合 Jixiao 绩效运行监控报告 JSON 格式（docs/format-monitoring.md）\n${problems.join('\n')}`, `${file}: not a Jixiao monitoring report JSON (docs/format-monitoring.md)\n${problems.join('\n')}`);
  }
  return result.data;
}

function loadSettings(file: string | undefined): { config: MonitoringConfig; rules: Record<string, RuleSetting> } {
  if (file === undefined) return { config: DEFAULT_MONITORING_CONFIG, rules: {} };
  const parsed = parseMonitoringConfig(readJson(file, { zh: '配置文件', en: 'configuration' }));
  if (!parsed.ok) throw new CliError(`${file}：配置有误\n  ${parsed.problems.join('\n  ')}`, `${file}: invalid configuration\n  ${parsed.problems.join('\n  ')}`);
  return parsed;
}


const COLOURS: Record<Light, 'red' | 'yellow' | 'green' | 'blue'> = { red: 'red', yellow: 'yellow', green: 'green', blue: 'blue' };

/** `jixiao monitor`: returns the exit code (0 without errors, 1 with errors). */
export async function runMonitor(file: string, options: MonitorCommandOptions): Promise<number> {
  const report = await loadReport(file);
  const { config, rules } = loadSettings(options.config);
  const { findings, lights } = checkMonitoringReport(report, config, rules);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (options.format === 'json') {
    const out = {
      lights: { budget: lights.budget, indicators: lights.indicators, overall: lights.overall, budgetProgress: lights.budgetProgress, executionRate: lights.executionRate },
      indicators: report.indicators.map((indicator, i) => ({ name: indicator.name, progress: lights.perIndicator[i]?.progress ?? null, light: lights.perIndicator[i]?.light ?? null, basis: lights.perIndicator[i]?.basis ?? null })),
      findings,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return errors > 0 ? 1 : 0;
  }
  const lang = options.lang;
  const light = (l: Light | null) => {
    if (l === null) return say(lang, '无法计算', 'not computable');
    const words = LIGHT_NAMES[l][lang];
    return options.color ? styleText(COLOURS[l], `● ${words}`) : `● ${words}`;
  };
  const lines = [
    `${file}：${report.projectName ?? report.department ?? ''} ${report.round.name}（${say(lang, '数据截至', 'data to')} ${report.round.through}）`,
    `  ${say(lang, '预算执行', 'Budget')}  ${light(lights.budget)}${lights.budgetProgress ? `  ${say(lang, `执行率 ${lights.executionRate}%，时间进度比 ${lights.budgetProgress}%`, `executed ${lights.executionRate}%, ${lights.budgetProgress}% of the time share`)}` : ''}`,
    `  ${say(lang, '绩效指标', 'Indicators')}  ${light(lights.indicators)}`,
    `  ${say(lang, '总体', 'Overall')}  ${light(lights.overall)}`,
    '',
    ...report.indicators.map((indicator, i) => {
      const p = lights.perIndicator[i];
      const basis = p?.basis ? LIGHT_BASIS_NAMES[p.basis][lang] : p?.problem === 'target' ? say(lang, '目标值无法比较', 'target not comparable') : say(lang, '完成值无法比较', 'actual not comparable');
      return `  ${String(i + 1).padStart(2)}. ${indicator.name}  ${indicator.actualToDate || '—'} / ${indicator.annualTarget}  ${light(p?.light ?? null)}${p?.progress ? ` ${p.progress}%` : ''}（${basis}）`;
    }),
    '',
    ...findings.map((f) => `  ${{ error: say(lang, '错误', 'error'), warning: say(lang, '警告', 'warning'), info: say(lang, '提示', 'note') }[f.severity]}  ${f.path}  ${f.message[lang]}  ${f.rule}`),
    say(lang, `${file}：${errors} 个错误，${findings.filter((f) => f.severity === 'warning').length} 个警告`, `${file}: ${errors} errors, ${findings.filter((f) => f.severity === 'warning').length} warnings`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return errors > 0 ? 1 : 0;
}
