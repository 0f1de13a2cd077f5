/**
 * Vitest's first global set-up: the compiled JavaScript (dist/) current before any test spawns
 * `jixiao`. Built once here: test files run in parallel, and processes of theirs finding it out of
 * date would each compile it and print a notice on the stderr the tests read.
 */
import { build, staleness } from './nodeBuild.mjs';

export default async function setup(): Promise<void> {
  if (staleness() !== null) await build();
}
