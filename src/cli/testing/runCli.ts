/**
 * The CLI driven in the test's own process, as `jixiao ARGS…` would run: what it writes to stdout
 * and stderr, and its exit code. Tests of what a command does use this; a process of its own would
 * add its start — seconds on a loaded machine — to every case and make the suite's time depend on
 * the machine's load. What only a real process shows (the compiled build, the exit status, signals,
 * one process against another) is tested with one (bin.test.ts, serverCommands.db.test.ts).
 */
import { main } from '../main.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Write = typeof process.stdout.write;

/** A write that keeps the text instead of sending it, and calls back as a stream would. */
function capture(into: (text: string) => void): Write {
  return ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void) => {
    into(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    done?.();
    return true;
  }) as Write;
}

/**
 * Runs `jixiao ...args` here, with `env` set for its duration (undefined unsets a variable). Calls
 * must not overlap: stdout, stderr and the environment are the process's.
 */
export async function runCli(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const setEnv = (values: Readonly<Record<string, string | undefined>>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  };
  setEnv(env);
  process.stdout.write = capture((text) => (stdout += text));
  process.stderr.write = capture((text) => (stderr += text));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    setEnv(saved);
    // The command's exit code is the answer, not this test process's.
    process.exitCode = undefined;
  }
}
