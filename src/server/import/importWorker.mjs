// A worker thread's entry. Run from the compiled tree (dist/, what `jixiao` runs: see
// scripts/nodeBuild.mjs) the task is the JavaScript beside this file; run from the sources (tests,
// benchmarks) it is TypeScript, through tsx registered in this thread (hooks of the main thread do
// not reach workers).
import { existsSync } from 'node:fs';

const compiled = new URL('./importTask.js', import.meta.url);
let task;
if (existsSync(compiled)) {
  task = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  task = await import('./importTask.ts');
}
export default task.importInWorker;
