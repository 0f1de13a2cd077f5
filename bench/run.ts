/**
 * `npm run bench [-- part…]`: runs the benchmarks and rewrites their sections of BENCHMARKS.md,
 * each with the command and the machine. Parts: import, check, server, web, import-loop, project-import, library,
 * formats-import, formats-export, open-data, monitoring, monitoring-round, evaluation, evaluation-overview, province, search, cluster, district,
 * cli-start, assessment, assessment-report, contract, book, proposals.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { machine } from './harness.ts';
import { checkBench } from './checkBench.ts';
import { cliStartBench } from './cliStartBench.ts';
import { formatsExportBench, formatsImportBench, openDataBench } from './formatsBench.ts';
import { importBench } from './importBench.ts';
import { importLoopBench } from './importLoopBench.ts';
import { libraryBench } from './libraryBench.ts';
import { monitoringBench } from './monitoringBench.ts';
import { projectImportBench } from './projectImportBench.ts';
import { roundBench } from './roundBench.ts';
import { evaluationBench } from './evaluationBench.ts';
import { evaluationOverviewBench } from './evaluationOverviewBench.ts';
import { assessmentBench, assessmentReportBench } from './assessmentBench.ts';
import { bookBench } from './bookBench.ts';
import { provinceBench } from './provinceBench.ts';
import { proposalsBench } from './proposalsBench.ts';
import { searchBench } from './searchBench.ts';
import { clusterBench } from './clusterBench.ts';
import { districtBench } from './districtBench.ts';
import { serverBench } from './serverBench.ts';
import { webBench } from './webBench.ts';
import { contractBench } from './contractBench.ts';

const PARTS: Record<string, { title: string; run: () => Promise<{ markdown: string; ok: boolean }> | { markdown: string; ok: boolean } }> = {
  import: { title: 'Import (issue 2)', run: importBench },
  check: { title: 'Checker (issue 3)', run: checkBench },
  server: { title: 'Server (issue 4)', run: serverBench },
  web: { title: 'Web app (issue 5)', run: webBench },
  'import-loop': { title: 'Imports off the event loop (issue 10)', run: importLoopBench },
  'project-import': { title: 'Project-form import (issue 11)', run: projectImportBench },
  library: { title: 'Indicator library look-up (issue 11)', run: libraryBench },
  'formats-import': { title: 'Import of workbooks, PDFs and web pages (issue 12)', run: formatsImportBench },
  'formats-export': { title: 'Official PDF and Excel export (issue 12)', run: formatsExportBench },
  'open-data': { title: 'Open-data export (issue 12)', run: openDataBench },
  monitoring: { title: 'Monitoring lights (issue 13)', run: monitoringBench },
  'monitoring-round': { title: 'Monitoring round page (issue 13)', run: roundBench },
  evaluation: { title: 'Self-evaluation scoring (issue 14)', run: evaluationBench },
  'evaluation-overview': { title: 'Self-evaluation overview (issue 14)', run: evaluationOverviewBench },
  province: { title: "A province's year on PostgreSQL (issue 15)", run: provinceBench },
  search: { title: "Searching a province's forms (issue 22)", run: searchBench },
  cluster: { title: 'Three server processes behind nginx (issue 15)', run: clusterBench },
  district: { title: 'One district on the embedded store (issue 15)', run: districtBench },
  'cli-start': { title: 'The command line’s start (issue 22)', run: cliStartBench },
  assessment: { title: 'Assessment scoring (issue 25)', run: assessmentBench },
  'assessment-report': { title: 'Assessment report (issue 25)', run: assessmentReportBench },
  contract: { title: 'GET one document: serialising by schema against today (issue 28)', run: contractBench },
  book: { title: "The people's congress book of one department (issue 26)", run: bookBench },
  proposals: { title: "A province's budget proposals from PostgreSQL (issue 26)", run: proposalsBench },
};

const FILE = new URL('../BENCHMARKS.md', import.meta.url);
const HEADER = '# Benchmarks\n\nProduced by `npm run bench` (or `npm run bench -- <part>` for one part); each section says when and where it ran.\nRates are medians on a shared 2-core machine: compare each figure with the baseline measured in the same run, not across runs.\n';

async function main(): Promise<void> {
  const requested = process.argv.slice(2).filter((a) => a !== '--');
  const names = requested.length > 0 ? requested : Object.keys(PARTS);
  let document = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  let allOk = true;
  for (const name of names) {
    const part = PARTS[name];
    if (!part) throw new Error(`unknown benchmark part ${name}; known: ${Object.keys(PARTS).join(', ')}`);
    process.stdout.write(`running ${name}…\n`);
    const { markdown, ok } = await part.run();
    allOk &&= ok;
    const section = [
      `<!-- bench:${name} -->`,
      `## ${part.title}`,
      '',
      `Command: \`npm run bench -- ${name}\` · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine()}`,
      '',
      markdown,
      `<!-- /bench:${name} -->`,
    ].join('\n');
    const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
    document = pattern.test(document) ? document.replace(pattern, section) : `${document.trimEnd()}\n\n${section}\n`;
    process.stdout.write(`${markdown}\n\n`);
  }
  writeFileSync(FILE, document);
  if (!allOk) process.exitCode = 1;
}

await main();
