/**
 * Builds the web app into dist/web with Vite. With `--if-stale` it builds only when the sources
 * changed since the last build (a hash of their contents is kept beside the build), so `npm start`
 * builds once and then starts at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist/web');
const stampFile = join(outDir, '.source-hash');
/** What the web bundle is made of: its own code, the pure layers it imports, and the locked dependencies. */
const SOURCES = ['web', 'src/core', 'src/import', 'src/format', 'package-lock.json'];

function files(path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  try {
    return readdirSync(full, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
      .map((entry) => relative(root, join(entry.parentPath, entry.name)))
      .sort();
  } catch {
    return [path];
  }
}

/** A hash of every source file's path and content. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(files)) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

/** Writes brotli and gzip copies beside each script and stylesheet, so the server sends them without compressing per request. */
function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!/\.(?:js|css|svg)$/.test(name)) continue;
    const data = readFileSync(join(dir, name));
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
    writeFileSync(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
  }
}

const ifStale = process.argv.includes('--if-stale');
const hash = sourceHash();
if (ifStale && existsSync(join(outDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
  process.stderr.write('jixiao: web app is up to date (dist/web)\n');
} else {
  process.stderr.write('jixiao: building the web app (dist/web)…\n');
  // A production build whatever the caller's NODE_ENV (vitest sets it to "test", which would build React's development mode).
  process.env.NODE_ENV = 'production';
  await build({ mode: 'production', configFile: join(root, 'web/vite.config.ts'), logLevel: ifStale ? 'warn' : 'info' });
  precompress(join(outDir, 'assets'));
  writeFileSync(stampFile, hash);
}
