/**
 * Imports run on worker threads, off the server's event loop: reading a large text takes a second
 * or more of CPU, and on the main thread every other request would wait for it (a 5 MB import held
 * the loop for 2.4 s). Piscina keeps the threads and queues the work; one thread per core but one.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ImportTask, WorkerOutcome } from './importTask.ts';

let pool: Piscina | null = null;

function thePool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./importWorker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism() - 1),
    idleTimeout: 30_000,
    // A worker that runs out of memory ends alone; the request gets an error, the server goes on.
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  return pool;
}

/** Imports a text on a worker thread. */
export function importOffThread(task: ImportTask): Promise<WorkerOutcome> {
  return thePool().run(task) as Promise<WorkerOutcome>;
}

/** Stops the workers (server shutdown, tests). */
export async function closeImportPool(): Promise<void> {
  const current = pool;
  pool = null;
  await current?.destroy();
}
