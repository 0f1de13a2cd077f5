import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../../src/core/assessment/assessment.ts';
import { exampleAssessment } from '../../../src/core/assessment/exampleAssessment.ts';
import { mergeAssessments, savableScores, scoreProblem, sheetRows, withScore } from './sheet.ts';

const sheet: Assessment = exampleAssessment();
const banded = sheet.template.criteria.find((c) => c.standard.type === 'bands');

describe('the score sheet', () => {
  it('lists the criteria depth first, each marked by its level and whether it is scored', () => {
    const rows = sheetRows(sheet.template.criteria);
    expect(rows).toHaveLength(sheet.template.criteria.length);
    expect(rows[0]).toMatchObject({ level: 1, leaf: false });
    expect(rows[1]?.criterion.parent).toBe(rows[0]?.criterion.id);
  });

  it('refuses a score outside its range or its bands, naming the criterion; an empty box is no score', () => {
    if (!banded) throw new Error('the example has a banded criterion');
    expect(scoreProblem(banded, '', '王')).toBeNull();
    expect(scoreProblem(banded, banded.weight, '王')).toBeNull();
    const over = scoreProblem(banded, '999', '王');
    expect(over?.zh).toContain(banded.name);
    expect(over?.en).toContain('outside its range');
    expect(scoreProblem(banded, 'abc', '王')?.zh).toContain('不是至多两位小数');
    expect(scoreProblem(banded, '1.234', '王')).not.toBeNull();
  });

  it('writes one scorer’s score in and takes it out again when emptied', () => {
    const c = sheet.template.criteria[1]?.id ?? '';
    const scored = withScore({ ...sheet, scores: [] }, 'me', c, { score: ' 4.5 ' });
    expect(scored.scores).toEqual([{ scorer: 'me', criterion: c, score: '4.5', reason: '' }]);
    const reasoned = withScore(scored, 'me', c, { reason: '材料齐全' });
    expect(reasoned.scores[0]?.reason).toBe('材料齐全');
    expect(withScore(withScore(reasoned, 'me', c, { reason: '' }), 'me', c, { score: '' }).scores).toEqual([]);
    expect(savableScores(withScore({ ...sheet, scores: [] }, 'me', c, { reason: 'only a reason' }).scores)).toEqual([]);
  });

  it('merges a lost race: their scores kept, mine on top, whole parts I changed taken from mine', () => {
    const base = { ...sheet, scores: [{ scorer: 'a', criterion: '1', score: '1', reason: '' }] };
    const theirs = { ...base, scores: [...base.scores, { scorer: 'b', criterion: '1', score: '2', reason: '' }], title: 'theirs' };
    const mine = { ...base, scores: [{ scorer: 'a', criterion: '1', score: '3', reason: '' }], conclusion: { ...base.conclusion, advice: 'mine' } };
    const merged = mergeAssessments(base, mine, theirs);
    expect(merged.title).toBe('theirs');
    expect(merged.conclusion.advice).toBe('mine');
    expect(merged.scores).toEqual([
      { scorer: 'a', criterion: '1', score: '3', reason: '' },
      { scorer: 'b', criterion: '1', score: '2', reason: '' },
    ]);
  });
});
