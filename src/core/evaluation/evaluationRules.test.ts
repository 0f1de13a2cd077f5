/** Each self-evaluation rule on its own examples: the bad one is found, the good one (the clean example) is not. */
import { describe, expect, it } from 'vitest';
import { exampleEvaluation } from './exampleEvaluation.ts';
import { checkSelfEvaluation, EVALUATION_RULES } from './evaluationRules.ts';
import { DEFAULT_SCORING_CONFIG } from './scoring.ts';

describe.each(EVALUATION_RULES.map((rule) => [rule.code, rule.id, rule] as const))('%s %s', (_code, id, rule) => {
  it(`finds: ${rule.examples.bad.shows}`, () => {
    const evaluation = exampleEvaluation();
    rule.examples.bad.edit(evaluation);
    expect(checkSelfEvaluation(evaluation).findings.map((f) => f.rule)).toContain(id);
  });

  it(`passes: ${rule.examples.good.shows}`, () => {
    const evaluation = exampleEvaluation();
    rule.examples.good.edit(evaluation);
    expect(checkSelfEvaluation(evaluation).findings.filter((f) => f.rule === id)).toEqual([]);
  });

  it('says what it checks in both languages, with its source', () => {
    expect(rule.description.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(rule.description.en).toMatch(/[a-z]/);
    expect(rule.source.length).toBeGreaterThan(10);
  });
});

describe('checking a self-evaluation', () => {
  it('finds nothing in the clean example, and computes its published total and grade', () => {
    const { findings, score } = checkSelfEvaluation(exampleEvaluation());
    expect(findings).toEqual([]);
    expect(score).toMatchObject({ total: '99.60', grade: '优', funds: { rate: '96.00', score: '9.60' } });
  });

  it('reports a published table whose printed total disagrees with its rows, and does not correct it', () => {
    const evaluation = exampleEvaluation();
    evaluation.total = '98.00';
    const { findings, score } = checkSelfEvaluation(evaluation);
    expect(findings.find((f) => f.rule === 'evaluation-grade')?.message.zh).toBe('表中各行得分之和为 99.60 分，表中总分为 98.00 分');
    expect(evaluation.total).toBe('98.00');
    expect(score.total).toBe('99.60');
  });

  it('asks for a cause exactly where a score falls short or a target was far exceeded', () => {
    const evaluation = exampleEvaluation();
    Object.assign(evaluation.indicators[0] as object, { actual: '700人次' });
    const paths = checkSelfEvaluation(evaluation).findings.filter((f) => f.rule === 'evaluation-deviation-unexplained').map((f) => f.path);
    expect(paths).toEqual(['/indicators/0/deviation/reason', '/indicators/0/deviation/measures']);
    expect(checkSelfEvaluation(evaluation, { ...DEFAULT_SCORING_CONFIG, overAchievementPercent: null }).findings.filter((f) => f.rule === 'evaluation-deviation-unexplained')).toEqual([]);
  });

  it('switches rules off and re-grades them by settings', () => {
    const evaluation = exampleEvaluation();
    evaluation.problems = '';
    expect(checkSelfEvaluation(evaluation, DEFAULT_SCORING_CONFIG, { 'evaluation-closing-texts': 'off' }).findings).toEqual([]);
    expect(checkSelfEvaluation(evaluation, DEFAULT_SCORING_CONFIG, { 'evaluation-closing-texts': 'error' }).findings[0]?.severity).toBe('error');
  });

  it('says negative points are not points, rather than putting a score outside 0 to −5', () => {
    const evaluation = exampleEvaluation();
    (evaluation.indicators[0] as { points: string }).points = '-5';
    const messages = checkSelfEvaluation(evaluation).findings.map((f) => f.message.zh);
    expect(messages.some((m) => m.includes('分值为 -5，分值不能为负数'))).toBe(true);
    expect(messages.some((m) => m.includes('0 至 -5'))).toBe(false);
  });

  it('warns when more was spent than budgeted', () => {
    const evaluation = exampleEvaluation();
    evaluation.funds.executed = String(Number(evaluation.funds.annualBudget) * 1.2);
    const finding = checkSelfEvaluation(evaluation).findings.find((f) => f.path === '/funds/executed');
    expect(finding).toMatchObject({ rule: 'evaluation-execution-unexplained', severity: 'warning' });
    expect(finding?.message.zh).toContain('（执行率 120.00%），请核对');
  });
});
