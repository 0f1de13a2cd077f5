/**
 * Imports run on worker threads, off the server's event loop: reading a large text takes a second
 * or more of CPU, and on the main thread every other request would wait for it (a 5 MB import held
 * the loop for 2.4 s). Piscina keeps the threads and queues the work; one thread per core but one.
 *
 * A worker's heap is capped (`resourceLimits`): a file that needs more memory than any form ends its
 * worker, not the server. The request is answered with a reader's refusal and Piscina starts a new
 * worker for the next task.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../appError.ts';
import type { ImportTask, ReadFailure, ReadResults, ReadTask, WorkerOutcome } from './importTask.ts';

/** The heap of one import worker: many times what the largest form needs. */
const DEFAULT_WORKER_HEAP_MB = 512;

let pool: Piscina | null = null;
let workerHeapMb = DEFAULT_WORKER_HEAP_MB;

function thePool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./importWorker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism() - 1),
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb },
  });
  return pool;
}

/**
 * Sets the heap of the import workers (tests use a small one to see a worker die cheaply); the
 * current workers are stopped, new ones start with it.
 */
export async function setImportWorkerHeap(mb: number = DEFAULT_WORKER_HEAP_MB): Promise<void> {
  workerHeapMb = mb;
  await closeImportPool();
}

/** A worker that died under a task (out of memory, or stopped) as the refusal the request gets. */
function workerDied(error: unknown): ReadFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return {
      ok: false,
      problem: 'too-large',
      message: { zh: `读取该文件所需的内存超过导入上限（${workerHeapMb} MB），已停止：这不是一份正常的表格`, en: `reading the file needs more memory than an import may use (${workerHeapMb} MB); it was stopped: this is not a normal form` },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, problem: 'corrupt', message: { zh: `读取文件时导入进程意外停止（${message}）`, en: `the import worker stopped while reading the file (${message})` } };
}

/** Imports a file or text on a worker thread; a worker that dies under it is a refusal, not an error. */
export async function importOffThread(task: ImportTask): Promise<WorkerOutcome> {
  try {
    return (await thePool().run(task)) as WorkerOutcome;
  } catch (error) {
    return { ...workerDied(error), format: null, evidence: [] };
  }
}

/** Reads a file (its tables, a monitoring table, a self-evaluation, an upload's files) on a worker thread. */
export async function readOffThread<K extends ReadTask['kind']>(task: Extract<ReadTask, { kind: K }>): Promise<ReadResults[K] | ReadFailure> {
  try {
    return (await thePool().run(task)) as ReadResults[K] | ReadFailure;
  } catch (error) {
    return workerDied(error);
  }
}

/** Stops the workers (server shutdown, tests). */
export async function closeImportPool(): Promise<void> {
  const current = pool;
  pool = null;
  await current?.destroy();
}

/** A file a door could not read, as the 422 that names it (the import preview's answer). */
export function fileRefused(name: string, failure: ReadFailure): AppError {
  return new AppError(422, `import-${failure.problem}`, `${name}：${failure.message.zh}`, `${name}: ${failure.message.en}`, [{ field: 'file', message: failure.message.en }]);
}
