import { describe, expect, it } from 'vitest';
import { addDays, countItems, isDay, isOverdue, missingEvidence } from './rectification.ts';

describe('a rectification item', () => {
  it('is overdue only while owed and past its deadline', () => {
    expect(isOverdue('open', '2025-03-01', '2025-03-02')).toBe(true);
    expect(isOverdue('reopened', '2025-03-01', '2025-03-02')).toBe(true);
    expect(isOverdue('open', '2025-03-01', '2025-03-01')).toBe(false);
    expect(isOverdue('reported', '2025-03-01', '2026-01-01')).toBe(false);
    expect(isOverdue('accepted', '2025-03-01', '2026-01-01')).toBe(false);
  });

  it('names the required evidence no file answers', () => {
    expect(missingEvidence({ evidenceRequired: ['整改报告', '制度文件'], response: { text: '', files: [{ item: '整改报告', file: 'f1', name: 'a.pdf' }] } })).toEqual(['制度文件']);
  });

  it('counts a department’s items by state and overdue', () => {
    expect(countItems([{ state: 'open', deadline: '2025-01-01' }, { state: 'reported', deadline: '2025-01-01' }, { state: 'accepted', deadline: '2025-01-01' }, { state: 'reopened', deadline: '2099-01-01' }], '2025-06-01')).toEqual({ total: 4, open: 1, reported: 1, accepted: 1, reopened: 1, overdue: 1 });
  });

  it('reads days exactly', () => {
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2024-02-29')).toBe(true);
    expect(addDays('2025-01-20', 20)).toBe('2025-02-09');
    expect(addDays('2024-12-25', 10)).toBe('2025-01-04');
  });
});
