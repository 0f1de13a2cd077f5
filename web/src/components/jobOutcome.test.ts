import { describe, expect, it } from 'vitest';
import { jobNotes, jobOutcome, jobYears } from './jobOutcome.ts';

describe('how a job ended', () => {
  it('calls a finished job whose every item failed a failure, and one with some failures partial', () => {
    expect(jobOutcome({ state: 'done', done: 0, failed: 7 })).toBe('all-failed');
    expect(jobOutcome({ state: 'done', done: 3, failed: 1 })).toBe('partly-failed');
    expect(jobOutcome({ state: 'done', done: 3, failed: 0 })).toBe('done');
    expect(jobOutcome({ state: 'running', done: 0, failed: 2 })).toBe('running');
  });

  it('reads the notes of its result, and nothing else', () => {
    expect(jobNotes({ result: { notes: [{ zh: '甲', en: 'a' }, { zh: 1 }] } })).toEqual([{ zh: '甲', en: 'a' }]);
    expect(jobNotes({ result: null })).toEqual([]);
  });
});

describe('the years a job offers', () => {
  it('reach the year after next year’s drafting, and ten years back', () => {
    expect(jobYears(new Date(2026, 11, 6))[0]).toBe(2028);
    expect(jobYears(new Date(2026, 2, 1))[0]).toBe(2027);
    expect(jobYears(new Date(2026, 11, 6))).toHaveLength(11);
  });
});
