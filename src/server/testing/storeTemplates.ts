/**
 * The run's templates of the embedded test store. A new PGlite database costs ~5 s of CPU (its
 * initdb), the demo district ~40 s more; every test file opening its own stores paid that again and
 * again on the 2-core test machine. Each template is made once per run, by the first test to ask for
 * it, with the same code a test would run (openStore, migrate, seedDemo), and kept as a tarball of the
 * data directory in the folder the global set-up made (storeTemplatesSetup.ts); the other tests, in any
 * worker, open copies of it (~1.5 s). Without that folder each store is made from scratch.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../store/openStore.ts';

/** What a test store holds before its test starts: one template per name per run. */
export interface StoreTemplate {
  /** Names what `fill` puts in (a file name: letters, digits, '-'). */
  readonly name: string;
  /** Puts it into a new store; does nothing to a store that holds it already (a copy of the template). */
  fill(store: Store): Promise<void>;
}

/** The folder of this run's templates, set by the global set-up for the test processes. */
export const TEMPLATE_ROOT_ENV = 'JIXIAO_TEST_STORE_TEMPLATES';

/** A new, empty database. */
const EMPTY: StoreTemplate = { name: 'empty', fill: async () => undefined };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** This process's templates, each read (or made) once. */
const loaded = new Map<string, Promise<Blob | undefined>>();

/**
 * The tarball to open an embedded store from, holding the template (a new empty database when none is
 * given); undefined when the run keeps no templates or making this one failed (the caller then fills
 * the store itself, and sees why it fails).
 */
export function embeddedTemplate(template: StoreTemplate = EMPTY): Promise<Blob | undefined> {
  let found = loaded.get(template.name);
  if (!found) {
    found = readOrMake(template);
    loaded.set(template.name, found);
  }
  return found;
}

async function readOrMake(template: StoreTemplate): Promise<Blob | undefined> {
  const root = process.env[TEMPLATE_ROOT_ENV];
  if (!root || !existsSync(root)) return undefined;
  const file = join(root, `${template.name}.tar`);
  const failed = join(root, `${template.name}.failed`);
  const read = () => new Blob([readFileSync(file)], { type: 'application/x-tar' });
  try {
    // mkdir is atomic: one process makes the template, the others wait for its file.
    mkdirSync(join(root, `${template.name}.making`));
  } catch {
    while (!existsSync(file) && !existsSync(failed)) await sleep(100);
    return existsSync(file) ? read() : undefined;
  }
  try {
    const from = template === EMPTY ? undefined : await embeddedTemplate(EMPTY);
    const store = await openStore({ kind: 'embedded', dataDir: 'memory://', from });
    try {
      await template.fill(store);
      const dump = await store.dump?.();
      if (!dump) throw new Error('the embedded store gave no dump');
      writeFileSync(`${file}.partial`, new Uint8Array(await dump.arrayBuffer()));
      renameSync(`${file}.partial`, file);
    } finally {
      await store.close();
    }
    return read();
  } catch (error) {
    writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
    return undefined;
  }
}
