#!/usr/bin/env node
// `jixiao` runs the JavaScript compiled from src/ into dist/ (scripts/nodeBuild.mjs; `npm install`
// builds it). If a source changed since, it is compiled again first, with a notice on stderr, so an
// edited .ts file is never run as its old JavaScript.
import module from 'node:module';
import { build, staleness } from '../scripts/nodeBuild.mjs';

// V8 keeps the code it compiled for each module between runs (in the system's temporary directory,
// keyed by the module's content): a command that loads exceljs or pdfjs starts about twice as fast.
module.enableCompileCache?.();

const stale = staleness();
if (stale !== null) {
  process.stderr.write(`jixiao: 编译结果不是最新的（${stale}），正在重新编译 src/ → dist/ (the compiled JavaScript is out of date: ${stale}; compiling src/ into dist/)\n`);
  try {
    await build();
  } catch (error) {
    process.stderr.write(`jixiao: 无法编译 (cannot compile): ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(70);
  }
}
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
