/**
 * The same workflow step for many documents at once (batch approve, return, submit, publish): each
 * document checked by the policy and moved in its own transaction, so each is audited and notified on
 * its own and one refusal stops nobody else; the answer says what happened to each.
 */
import { z } from 'zod';
import { AppError } from '../appError.ts';

export type BatchResult = { id: string; ok: true; state: string } | { id: string; ok: false; error: { id: string; message: { zh: string; en: string } } };

/** The ids of a batch: 1–200 documents. */
export const batchIds = z.array(z.string().min(1).max(100)).min(1).max(200);

/** Runs the step on each document in turn (each id once); refusals are reported, not thrown. */
export async function eachInBatch(ids: readonly string[], step: (id: string) => Promise<string>): Promise<{ results: BatchResult[]; done: number; failed: number }> {
  const results: BatchResult[] = [];
  for (const id of new Set(ids)) {
    try {
      results.push({ id, ok: true, state: await step(id) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, error: { id: error.id, message: { zh: error.zh, en: error.en } } });
    }
  }
  return { results, done: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
}
