/**
 * Self-evaluation tables in the layouts provinces publish, each a fixture written after real tables
 * (invented departments and figures) with its expected canonical JSON: one cell a paragraph with
 * wrapped headers and template rows, cells fused with no separators, word soup cut off mid-row, an
 * unframed fragment whose row wrapped onto the next line, cell lines with a class spelt one character
 * a line. The scorer then reports where the table's own figures disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSelfEvaluation } from '../../core/evaluation/evaluationRules.ts';
import type { SelfEvaluation } from '../../core/selfEvaluation.ts';
import { selfEvaluationSchema } from '../../format/selfEvaluationSchema.ts';
import { readSelfEvaluationText } from './readSelfEvaluation.ts';

const path = (name: string) => new URL(`../../../fixtures/evaluations/${name}`, import.meta.url);

function golden(name: string): SelfEvaluation {
  const outcome = readSelfEvaluationText(readFileSync(path(`${name}.txt`), 'utf8'));
  if (!outcome.ok) throw new Error(outcome.message.en);
  expect(selfEvaluationSchema.safeParse(outcome.evaluation).success).toBe(true);
  const expectedFile = path(`${name}.expected.json`);
  // UPDATE_GOLDEN=1 rewrites the expected JSON after a reviewed change.
  if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, `${JSON.stringify(outcome.evaluation, null, 2)}\n`);
  expect(outcome.evaluation).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  return outcome.evaluation;
}
const errors = (e: SelfEvaluation) => checkSelfEvaluation(e).findings.filter((f) => f.severity === 'error').map((f) => f.message.zh);

describe('self-evaluation tables as published', () => {
  it('one cell a paragraph: wrapped header words joined, 指标2 and …… rows not counted, 指标1 a label', () => {
    const e = golden('paragraph-cells');
    expect(e.indicators.map((i) => i.name)).toEqual(['改造路灯数量', '验收合格率', '完工时间', '夜间照明改善', '年节电量', '市民满意度']);
    expect(e.total).toBe('96.5');
    expect(checkSelfEvaluation(e).score.total).toBe('96.50');
  });

  it('no separators at all: cut at the labels, each row split where one cut reads best, the fused total read', () => {
    const e = golden('fused-no-separators');
    expect(e.indicators).toHaveLength(7);
    expect(e.funds).toMatchObject({ annualBudget: '40.00', executed: '40.00', points: '10', score: '10' });
    expect(e.total).toBe('100');
    // The rows add up to the printed 100, as the formulas do.
    expect(errors(e)).toEqual([]);
    expect(checkSelfEvaluation(e).score.total).toBe('100.00');
  });

  it('word soup cut off mid-row: the sources hold the money the zero total row does not; the table’s 0 is reported', () => {
    const e = golden('word-soup-cut');
    // The row cut inside its name (村民满) is no row: its text stays in unparsed.
    expect(e.indicators).toHaveLength(7);
    expect(e.unparsed.map((u) => u.text).join(' ')).toContain('村民满');
    expect(e.goals[0]?.achieved).toMatch(/^本项目完成资金48.6万元/);
    expect(errors(e)).toContain('预算执行率 100.00%，得分应为 10.00 分（10.00 × 100.00%），表中为 0 分');
  });

  it('word soup whose labels run on into their text (产出指标数量指标足额保障率, 评价结论及时…存在问题暂无)', () => {
    const e = golden('word-soup-labels-fused');
    expect(e.indicators.map((i) => [i.level1, i.level2, i.name, i.annualTarget, i.actual, i.points, i.score])).toEqual([
      ['产出指标', '数量指标', '足额保障率', '=100%', '100%', '30', '30'],
      ['产出指标', '数量指标', '科目调整次数', '≤10次', '6次', '30', '30'],
      ['产出指标', '时效指标', '按时发放率', '=100%', '100%', '20', '20'],
      ['效益指标', '经济效益指标', '结余率', '≤5%', '3%', '10', '10'],
    ]);
    expect(e).toMatchObject({ total: '100', conclusion: '及时、足额缴纳。', problems: '暂无' });
  });

  it('an unframed fragment above its header: columns from the rows, a row wrapped onto the next line kept whole', () => {
    const e = golden('unframed-fragment');
    expect(e.indicators.map((i) => [i.name, i.annualTarget, i.actual, i.points, i.score])).toContainEqual(['站区环境长效管理机制健全性', '优良中低差', '良', '10', '8']);
    expect(e.total).toBe('97.5');
    expect(e.conclusion).toBe('预算执行良好，完成年度目标，总体评价良好。');
  });

  it('a 决算 page’s results table without title or header: rows known by their class labels, the page’s prose after it not a row', () => {
    const e = golden('results-fragment');
    expect(e.indicators.map((i) => [i.level1, i.level2, i.annualTarget, i.actual])).toEqual([
      ['项目完成指标', '数量指标', '完成社区公园绿化养护面积3万平方米。', '完成绿化养护面积3.1万平方米。'],
      ['项目完成指标', '质量指标', '养护质量达到二级标准。', '养护质量达到二级标准。'],
      ['项目完成指标', '时效指标', '2024年全年。', '2024年全年。'],
      ['项目完成指标', '成本指标', '20万元。', '按合同18.6万元。'],
      ['效益指标', '社会效益指标', '改善居民休闲环境。', '改善居民休闲环境。'],
      ['满意度指标', '满意度指标', '居民满意率达90%以上。', '居民满意率达92%。'],
    ]);
    expect(e.unparsed.map((u) => u.text)).toContain('第三部分');
  });

  it('cell lines with runs of empty cells, a class spelt one character a line, total and grade printed', () => {
    const e = golden('cell-lines-vertical');
    expect(e.indicators.map((i) => i.level1)).toEqual(['产出指标', '产出指标', '产出指标', '效益指标', '满意度指标']);
    expect(e).toMatchObject({ total: '98.5', grade: '优' });
    expect(errors(e)).toEqual([]);
  });

  it('reports where the printed rows disagree with the printed total, without correcting either', () => {
    const e = golden('paragraph-cells');
    const changed = { ...e, total: '95.0' };
    const messages = checkSelfEvaluation(changed).findings.filter((f) => f.path === '/total').map((f) => f.message.zh);
    expect(messages).toEqual(['表中各行得分之和为 96.50 分，表中总分为 95.0 分']);
    expect(changed.total).toBe('95.0');
  });

  it('an assessment sheet (项目决策 / 项目管理 / 项目绩效 with 自评分 and 复核分) is named, not read', () => {
    const outcome = readSelfEvaluationText(readFileSync(path('assessment-sheet.txt'), 'utf8'));
    expect(outcome).toMatchObject({ ok: false, kind: 'assessment', message: { zh: expect.stringContaining('绩效评价评分表') } });
  });
});
