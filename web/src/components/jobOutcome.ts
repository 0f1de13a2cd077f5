/**
 * How a background job ended, as a person reads it: a job whose every item failed did not succeed,
 * whatever its runner says (it finished); one with failures succeeded only in part.
 */
import { draftingYear } from '../../../src/core/formYear.ts';
import type { JobView } from '../../../src/format/apiTypes.ts';

/** The years a job offers: from the year after the drafting year (next year's forms are drafted from July on) down ten years. */
export function jobYears(today: Date): number[] {
  const top = draftingYear(today) + 1;
  return Array.from({ length: 11 }, (_, k) => top - k);
}

export type JobOutcome = JobView['state'] | 'all-failed' | 'partly-failed';

export function jobOutcome(job: Pick<JobView, 'state' | 'done' | 'failed'>): JobOutcome {
  if (job.state !== 'done' || job.failed === 0) return job.state;
  return job.done === 0 ? 'all-failed' : 'partly-failed';
}

/** What the job's result says beyond counts: notes per form (years assumed for forms that print none). */
export function jobNotes(job: Pick<JobView, 'result'>): Array<{ zh: string; en: string }> {
  const notes = (job.result as { notes?: unknown } | null)?.notes;
  return Array.isArray(notes) ? notes.filter((n): n is { zh: string; en: string } => typeof n === 'object' && n !== null && typeof (n as { zh?: unknown }).zh === 'string' && typeof (n as { en?: unknown }).en === 'string') : [];
}
