/**
 * The JavaScript that `jixiao` runs: every module of src/ (tests left out) compiled by esbuild, file
 * for file, into dist/ at the same depth (src/cli/main.ts → dist/cli/main.js), so that the paths the
 * code takes from import.meta.url (the fixtures, dist/web, docs/schema, bin/) resolve the same from
 * both trees. Nothing is bundled: each module stays a module and is loaded only when imported.
 *
 * `npm install` builds it (the `prepare` script; or `npm run build`). `bin/jixiao.js` checks it
 * against the sources at every start — the size and time of each source file against those the
 * build recorded, a few milliseconds — and builds again, saying so, when a source was added,
 * removed or changed: an edited .ts file is never run as its old JavaScript. Processes that rebuild
 * at the same time do not disturb one another: every file is written whole under a temporary name
 * and renamed into place, the record last.
 *
 * Plain JavaScript, so that it runs before anything is compiled and without tsx; esbuild is
 * imported only to build.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'dist';
const RECORD = join(ROOT, OUT, '.node-build.json');
/** Besides the sources, the files that change what the build makes. */
const INPUTS = ['tsconfig.json', 'scripts/nodeBuild.mjs', 'package.json'];
/** Changes when the record's shape or the build's options change. */
const FORMAT = 1;

const posix = (path) => path.split(sep).join('/');

/** The modules of src/ that are built (.ts, tests and declarations left out) or copied (.mjs). */
function sources(dir = 'src', found = []) {
  // A walk by hand: readdirSync's `recursive` and path.join took several times as long, at every start.
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) sources(path, found);
    else if (entry.name.endsWith('.mjs') || (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts'))) found.push(path);
  }
  return found;
}

/** Each input's size and modification time: what tells a changed file, cheaply. */
function fingerprints(files) {
  const prints = {};
  for (const file of files) {
    const stat = statSync(join(ROOT, file));
    prints[file] = `${stat.size}:${stat.mtimeMs}`;
  }
  return prints;
}

function readRecord() {
  try {
    return JSON.parse(readFileSync(RECORD, 'utf8'));
  } catch {
    return null;
  }
}

/** Why dist/ does not hold the JavaScript of the sources as they are now, or null when it does. */
export function staleness() {
  const record = readRecord();
  if (record === null || record.format !== FORMAT) return 'dist/ has not been built';
  const now = fingerprints([...sources(), ...INPUTS]);
  for (const file in now) {
    const print = now[file];
    if (!(file in record.inputs)) return `${file} is new`;
    if (record.inputs[file] !== print) return `${file} changed`;
  }
  for (const file of Object.keys(record.inputs)) if (!(file in now)) return `${file} was removed`;
  // The entry stands for the rest: checking every output would double the cost of the check, and a
  // module deleted by hand fails loudly when imported.
  try {
    statSync(join(ROOT, OUT, 'cli/main.js'));
  } catch {
    return `${OUT}/cli/main.js is missing`;
  }
  return null;
}

/** Writes a file whole or not at all: a process reading it meanwhile sees the old or the new one. */
function writeWhole(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** Compiles src/ into dist/ and records what it was made from. */
export async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new Error(`esbuild is not installed, so src/ cannot be compiled: run npm install (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const files = sources().sort();
  // Taken before compiling: a file saved during the build shows as changed at the next start.
  const inputs = fingerprints([...files, ...INPUTS]);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: files.filter((file) => file.endsWith('.ts')),
    outbase: 'src',
    outdir: OUT,
    // Bundling only so that the plugin below sees every import; each one stays outside, so each
    // output holds its own module alone.
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    charset: 'utf8',
    plugins: [
      {
        name: 'imports-stay-imports',
        setup(on) {
          on.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            // The sources import each other as .ts (allowImportingTsExtensions); the outputs are .js.
            return { path: args.path.startsWith('.') ? args.path.replace(/\.ts$/, '.js') : args.path, external: true };
          });
        },
      },
    ],
  });
  const outputs = [];
  for (const file of result.outputFiles) {
    writeWhole(file.path, file.contents);
    outputs.push(posix(relative(ROOT, file.path)));
  }
  for (const file of files.filter((f) => f.endsWith('.mjs'))) {
    const target = join(ROOT, OUT, relative('src', file));
    writeWhole(target, readFileSync(join(ROOT, file)));
    outputs.push(posix(relative(ROOT, target)));
  }
  // What an earlier build made from sources since removed goes too, so nothing can import it.
  const before = readRecord();
  for (const file of before?.outputs ?? []) if (!outputs.includes(file)) rmSync(join(ROOT, file), { force: true });
  writeWhole(RECORD, `${JSON.stringify({ format: FORMAT, builtAt: new Date().toISOString(), inputs, outputs }, null, 1)}\n`);
  return { modules: outputs.filter((file) => file.endsWith('.js')).length };
}

// `node scripts/nodeBuild.mjs [--if-stale]`: npm install's `prepare`, `npm run build`, the tests' set-up.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  const why = staleness();
  if (ifStale && why === null) {
    process.stderr.write('jixiao: dist/ is up to date\n');
  } else {
    const started = performance.now();
    const { modules } = await build();
    process.stderr.write(`jixiao: compiled ${modules} modules of src/ into dist/ in ${Math.round(performance.now() - started)} ms\n`);
  }
}
