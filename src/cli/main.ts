/**
 * `jixiao`: the command line. Each command is a thin layer over the core and the importers.
 *
 * Only commander and this file load at start: each command's module (and with it the readers, the
 * writers, the stores) is imported when that command runs, so `jixiao help` does not read pdfjs and
 * exceljs, and `jixiao import` of a text does not open a database driver. Users and scripts call the
 * CLI in loops; its start is measured by `npm run bench -- cli-start`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError, type Lang } from './cliError.ts';
import type { ExportCommandOptions } from './exportCommand.ts';
import type { runUserAdd } from './serverCommands.ts';

const SEED = fileURLToPath(new URL('../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url));

/** The version in package.json (two directories up from src/cli and from dist/cli alike). */
function version(): string {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return version;
}

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('expected a four-digit year such as 2025');
  return Number(value);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number (0–65535)');
  return port;
}

function langOf(command: Command): Lang {
  const opts = command.optsWithGlobals<{ lang?: Lang }>();
  return opts.lang ?? 'zh';
}

/** Builds the command tree; exported so tests can drive it without a process. */
export function buildProgram(): Command {
  const program = new Command('jixiao')
    .description('Jixiao 绩效: performance budgeting for Chinese public bodies')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default(process.env.JIXIAO_LANG === 'en' ? 'en' : 'zh'))
    .version(version(), '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('import')
    .description('import a published form (.xlsx, .xls, PDF, HTML or text) and print its canonical JSON')
    .argument('<file>', 'the form: a workbook, a PDF, a saved web page, or text (UTF-8 or GB18030); the format is read from the content')
    .option('--year <year>', 'budget year, when the form does not print one', parseYear)
    .option('--out <file>', 'write the JSON to a file instead of stdout')
    .action(async function (this: Command, file: string, options: { year?: number; out?: string }) {
      const { runImport } = await import('./importCommand.ts');
      await runImport(file, { ...options, lang: langOf(this) });
    });

  program
    .command('check')
    .description('check a form (text or canonical JSON) for what a finance-bureau reviewer would send back')
    .argument('<file>', 'the form as text, or its canonical JSON')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--config <file>', 'a JSON file switching rules off, re-grading them, or setting thresholds')
    .action(async function (this: Command, file: string, options: { format: 'text' | 'json'; config?: string }) {
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      const { runCheck } = await import('./checkCommand.ts');
      process.exitCode = await runCheck(file, { ...options, lang: langOf(this), color });
    });

  program
    .command('serve')
    .description('run the server (embedded database in --data, or PostgreSQL at DATABASE_URL)')
    .option('--port <port>', 'port to listen on', (v) => parsePort(v), process.env.PORT ? parsePort(process.env.PORT) : 3000)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'data directory of the embedded database (default: JIXIAO_DATA or ./data)')
    .option('--demo', 'load the demo organisation, users and form into an empty store; demo accounts sign in only in this mode (refused when NODE_ENV=production)', false)
    .option('--create', 'make the data directory when it does not exist (without it, a missing directory is an error)', false)
    .addOption(new Option('--secure-cookies <when>', 'mark session cookies Secure: auto (when the request came over HTTPS), always, never').choices(['auto', 'always', 'never']).default(process.env.JIXIAO_SECURE_COOKIES ?? 'auto'))
    .option('--trust-proxy <proxy>', 'trust X-Forwarded-* from a proxy in front: true, a hop count, or its addresses (or JIXIAO_TRUST_PROXY)', process.env.JIXIAO_TRUST_PROXY)
    .action(async (options: { port: number; host: string; data?: string; demo: boolean; create: boolean; secureCookies: 'auto' | 'always' | 'never'; trustProxy?: string }) => {
      const { runServe } = await import('./serverCommands.ts');
      await runServe(options);
      // Keep running: the server stops on SIGINT/SIGTERM.
      await new Promise(() => undefined);
    });

  const db = program.command('db').description('the database: migrations, backup and restore');
  db.command('migrate')
    .description('apply pending migrations')
    .option('--data <dir>', 'data directory of the embedded database')
    .action(async (options: { data?: string }) => (await import('./serverCommands.ts')).runMigrate(options));
  db.command('backup')
    .description('write a consistent backup (JSON) of the whole store')
    .argument('<file>')
    .option('--data <dir>', 'data directory of the embedded database')
    .option('--server <url>', 'take it from a running server instead (needs an admin token)')
    .option('--token <token>', 'admin API token for --server (or JIXIAO_TOKEN)')
    .action(async (file: string, options: { data?: string; server?: string; token?: string }) => (await import('./serverCommands.ts')).runBackup(file, options));
  db.command('restore')
    .description('replace the whole store with a backup (stop the server first)')
    .argument('<file>')
    .option('--data <dir>', 'data directory of the embedded database')
    .action(async (file: string, options: { data?: string }) => (await import('./serverCommands.ts')).runRestore(file, options));

  program
    .command('user')
    .description('accounts')
    .command('add')
    .description('add a user')
    .requiredOption('--username <name>')
    .requiredOption('--name <display name>')
    .addOption(new Option('--role <role>').choices(['editor', 'approver', 'reviewer', 'admin', 'expert', 'agency']).makeOptionMandatory())
    .option('--department <id>', 'department of an editor or approver')
    .option('--region <id>', 'region of a reviewer')
    .option('--password <password>', 'password (or JIXIAO_PASSWORD)')
    .option('--data <dir>', 'data directory of the embedded database')
    .action(async (options: Parameters<typeof runUserAdd>[0]) => (await import('./serverCommands.ts')).runUserAdd(options));

  const jobs = program.command('jobs').description('background jobs on the store directly, as a named user: bulk import, export, checking and scoring a year again');
  const asUser = (command: Command) => command.requiredOption('--as <username>', 'the user the job runs as (the policy applies as in the web app)').option('--data <dir>', 'data directory of the embedded database (or DATABASE_URL)');
  asUser(
    jobs
      .command('import')
      .description('import every form under the paths (files, folders, .zip files) as drafts, with a progress bar; failures listed by file')
      .argument('<paths...>', 'files, folders or .zip files')
      .option('--year <year>', 'the budget year (default: each form\'s own)', parseYear)
      .option('--department <id>', 'the department (an admin without it: each form goes to the department it names)'),
  ).action(async function (this: Command, paths: string[], options: { as: string; data?: string; year?: number; department?: string }) {
    await (await import('./jobCommands.ts')).runJobsImport(paths, { ...options, lang: langOf(this) });
  });
  asUser(
    jobs
      .command('export')
      .description("export a year's forms the user may see as a zip of canonical JSON")
      .requiredOption('--year <year>', 'the budget year', parseYear)
      .option('--region <id>', 'only this region (within the user\'s)')
      .requiredOption('--out <file>', 'the zip to write'),
  ).action(async function (this: Command, options: { as: string; data?: string; year: number; region?: string; out: string }) {
    await (await import('./jobCommands.ts')).runJobsExport({ ...options, lang: langOf(this) });
  });
  asUser(
    jobs
      .command('rescore')
      .description('check every form of a year again and score its self-evaluations again with the settings in force (admins)')
      .requiredOption('--year <year>', 'the budget year', parseYear)
      .option('--region <id>', 'only this region (within the admin\'s)'),
  ).action(async function (this: Command, options: { as: string; data?: string; year: number; region?: string }) {
    await (await import('./jobCommands.ts')).runJobsRescore({ ...options, lang: langOf(this) });
  });
  asUser(
    jobs
      .command('load')
      .description("load a region's forms in bulk from canonical JSON Lines (.jsonl, one document per line naming its department and year), a file at a time, each stored whole or not at all (admins)")
      .argument('<paths...>', '.jsonl files or folders of them'),
  ).action(async function (this: Command, paths: string[], options: { as: string; data?: string }) {
    await (await import('./jobCommands.ts')).runJobsLoad(paths, { ...options, lang: langOf(this) });
  });
  asUser(jobs.command('resume').description('go on with a job that stopped (this process, or a server, was stopped)').argument('<id>')).action(async function (this: Command, id: string, options: { as: string; data?: string }) {
    await (await import('./jobCommands.ts')).runJobsResume(id, { ...options, lang: langOf(this) });
  });
  asUser(jobs.command('list').description("the user's jobs (the system admin: everyone's) with their progress")).action(async function (this: Command, options: { as: string; data?: string }) {
    await (await import('./jobCommands.ts')).runJobsList({ ...options, lang: langOf(this) });
  });

  program
    .command('audit')
    .description('the audit log')
    .command('verify')
    .description('check the hash chain of the audit log')
    .option('--data <dir>', 'data directory of the embedded database')
    .action(async (options: { data?: string }) => {
      const { runAuditVerify } = await import('./serverCommands.ts');
      process.exitCode = await runAuditVerify(options);
    });

  program
    .command('monitor')
    .description('compute the traffic lights and findings of an in-year monitoring report')
    .argument('<report>', 'the monitoring report: canonical JSON (docs/format-monitoring.md), or its table as .xlsx, .xls, PDF or a web page')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--config <file>', "a JSON file with the region's light bands, deviation threshold and rule settings")
    .action(async function (this: Command, report: string, options: { format: 'text' | 'json'; config?: string }) {
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      const { runMonitor } = await import('./monitorCommand.ts');
      process.exitCode = await runMonitor(report, { ...options, lang: langOf(this), color });
    });

  program
    .command('score')
    .description('score a year-end self-evaluation: each indicator with its formula, the total and grade, and where a published table disagrees')
    .argument('<file>', 'the self-evaluation: canonical JSON (docs/format-evaluation.md), or a published self-evaluation table as text, .xlsx, .xls, PDF or a web page')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--config <file>', "a JSON file with the region's formulas, bands, weights, grades and rule settings")
    .action(async function (this: Command, file: string, options: { format: 'text' | 'json'; config?: string }) {
      const { runScore } = await import('./scoreCommand.ts');
      process.exitCode = await runScore(file, { ...options, lang: langOf(this) });
    });

  program
    .command('assess')
    .description('compute an assessment (ex-ante assessment, evaluation, sampling review): each criterion, the first level, the total, grade and decision, and what is wrong with the sheet')
    .argument('<file>', 'the assessment as canonical JSON (docs/format-assessment.md)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--config <file>', "a JSON file with the region's assessment settings (grades, outliers, blend)")
    .action(async function (this: Command, file: string, options: { format: 'text' | 'json'; config?: string }) {
      const { runAssess } = await import('./assessCommand.ts');
      process.exitCode = runAssess(file, { ...options, lang: langOf(this) });
    });

  program
    .command('propose')
    .description("next year's budget proposals (预算安排建议) from this year's results: each continuing project's amount by the region's rules, the rule beside it, and requests above it")
    .argument('[results]', 'canonical results as JSON Lines, one project a line (docs/format-results.md); standard input when absent or -')
    .requiredOption('--year <year>', 'the budget year proposed for (the results of the year before are read)')
    .option('--config <file>', "a JSON file with the region's rules from results to money (default: 优 +5%, 良 keep, 中 −10%, 差 cancel)")
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
    .action(async function (this: Command, results: string | undefined, options: { year: string; format: 'text' | 'json' | 'csv'; config?: string }) {
      const { runPropose } = await import('./proposeCommand.ts');
      process.exitCode = await runPropose(results, { ...options, lang: langOf(this) });
    });

  program
    .command('export')
    .description('write a form as the official PDF or Excel form (or canonical JSON): a file of any importable format, or a form on a running server by its id')
    .argument('<source>', 'a file (JSON, .xlsx, .xls, PDF, HTML, text), or a declaration id on the server')
    .addOption(new Option('--format <format>', 'what to write (ythpm: the provincial system\'s pm_perf_indicator and pm_perf_goal_info tables)').choices(['pdf', 'xlsx', 'json', 'ythpm']).default('pdf'))
    .option('--agency-code <code>', 'for --format ythpm: the agency code (单位编码) in the provincial system')
    .option('--out <file>', 'the file to write (default: stdout when it is not a terminal)')
    .option('--server <url>', 'the server an id is read from (or JIXIAO_SERVER)', process.env.JIXIAO_SERVER ?? 'http://127.0.0.1:3000')
    .option('--token <token>', 'API token for forms that are not published (or JIXIAO_TOKEN)')
    .action(async function (this: Command, source: string, options: ExportCommandOptions) {
      const { runExport } = await import('./exportCommand.ts');
      await runExport(source, options);
    });

  program
    .command('demo')
    .description('import the bundled example form and show what Jixiao read')
    .action(async function (this: Command) {
      const lang = langOf(this);
      const { importFile, summarize } = await import('./importCommand.ts');
      for (const declaration of await importFile(SEED, 2025)) process.stdout.write(`${summarize('fixtures/forms/000_168cd24c06a0f893.txt', declaration, lang)}\n`);
      process.stdout.write(
        lang === 'en'
          ? 'Try: npx jixiao import fixtures/forms/000_168cd24c06a0f893.txt --year 2025\n'
          : '试试：npx jixiao import fixtures/forms/000_168cd24c06a0f893.txt --year 2025\n',
      );
    });

  return program;
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    process.exitCode = undefined;
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    }
    const lang = (program.opts<{ lang?: Lang }>().lang ?? 'zh');
    if (error instanceof CliError) {
      process.stderr.write(`jixiao: ${lang === 'en' ? error.en : error.zh}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`jixiao: internal error, please report it: ${message}\n`);
    return 70;
  }
}

