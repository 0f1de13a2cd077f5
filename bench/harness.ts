/**
 * A small benchmark harness: runs a function repeatedly for a time budget, in alternating rounds
 * with its baseline so that both see the same machine state, and reports medians.
 */
import { cpus, totalmem } from 'node:os';

/** Operations per second of one function, as the median of several timed rounds. */
export interface Rate {
  readonly opsPerSecond: number;
  readonly rounds: readonly number[];
}

function timeRound(fn: () => void, millis: number): number {
  let count = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(millis) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 10; i++) fn();
    count += 10;
    elapsed = process.hrtime.bigint() - start;
  }
  return (count * 1e9) / Number(elapsed);
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Measures `subject` and `baseline` in alternating rounds after a warm-up. */
export function compare(subject: () => void, baseline: () => void, rounds = 5, millis = 400): { subject: Rate; baseline: Rate } {
  timeRound(subject, 200);
  timeRound(baseline, 200);
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push(timeRound(baseline, millis));
    s.push(timeRound(subject, millis));
  }
  return { subject: { opsPerSecond: median(s), rounds: s }, baseline: { opsPerSecond: median(b), rounds: b } };
}

/** The machine a run happened on, for the report. */
export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

/** Formats a rate with thousands separators. */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** The p-th percentile of durations (ms). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** p50 and p99 of an async call made `times` times one after another, after a few warm-up calls. */
export async function latency(times: number, run: (i: number) => Promise<unknown>, warmUp = 10): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < warmUp; i++) await run(i);
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run(i);
    durations.push(performance.now() - start);
  }
  return { p50: percentile(durations, 50), p99: percentile(durations, 99) };
}
