/**
 * Published self-evaluation tables read in each layout and copy style: every field where it belongs,
 * the printed scores kept as printed, and a table whose printed figures disagree with its rows reported.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSelfEvaluation } from '../../core/evaluation/evaluationRules.ts';
import type { SelfEvaluation } from '../../core/selfEvaluation.ts';
import { selfEvaluationSchema } from '../../format/selfEvaluationSchema.ts';
import { looksLikeSelfEvaluation, readSelfEvaluationText } from './readSelfEvaluation.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/evaluations/${name}`, import.meta.url), 'utf8');
function read(name: string): SelfEvaluation {
  const outcome = readSelfEvaluationText(fixture(name));
  if (!outcome.ok) throw new Error(outcome.message.en);
  expect(selfEvaluationSchema.safeParse(outcome.evaluation).success).toBe(true);
  return outcome.evaluation;
}
const rows = (e: SelfEvaluation) => e.indicators.map((i) => [i.level1, i.level2, i.name, i.annualTarget, i.actual, i.points, i.score]);

describe('the national layout, rows joined with |', () => {
  const e = read('national-rows.txt');
  it('reads the header, the funds block with its sources, the goal and every indicator', () => {
    expect(e).toMatchObject({ title: '项目支出绩效自评表', year: 2024, projectName: '基层业务培训', department: '示例市人力资源和社会保障局', implementer: '示例市职业技能鉴定中心', total: '88.20', grade: '良' });
    expect(e.funds).toMatchObject({ initialBudget: '100.00', annualBudget: '120.00', executed: '108.00', points: '10', score: '9.00' });
    expect(e.funds.items.map((i) => [i.label, i.executed])).toEqual([['年度资金总额', '108.00'], ['当年财政拨款', '100.00'], ['上年结转资金', '8.00'], ['其他资金', '0.00']]);
    expect(e.goals).toEqual([{ expected: '全年培训基层业务人员500人次，培训合格率不低于90%。', achieved: '全年培训480人次，合格率93%。' }]);
    expect(rows(e)).toEqual([
      ['产出指标', '数量指标', '培训人次', '≥500人次', '480人次', '20', '19.20'],
      ['产出指标', '质量指标', '培训合格率', '≥90%', '93%', '15', '15'],
      ['产出指标', '时效指标', '培训完成时间', '11月30日前', '2024-11-20', '15', '15'],
      ['效益指标', '社会效益指标', '业务能力提升', '明显提升', '部分达成', '30', '20'],
      ['满意度指标', '服务对象满意度指标', '参训人员满意度', '≥90%', '95%', '10', '10'],
    ]);
    expect(e.indicators[0]?.deviation).toEqual({ reason: '两期培训因场地改造延期合并举办', measures: '提前锁定场地。' });
    expect(e.unparsed).toEqual([]);
  });

  it('scores to the printed total and grade, with nothing to report', () => {
    const { findings, score } = checkSelfEvaluation(e);
    expect(score).toMatchObject({ total: '88.20', grade: '良' });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('the Sichuan layout, one cell a line', () => {
  const e = read('sichuan-stream.txt');
  it('reads 调整后预算数, 权重, the cause, the split values and the closing texts; keeps the rest', () => {
    expect(e).toMatchObject({ title: '部门预算项目支出绩效自评表', year: 2024, department: '示例县民政局本级', implementer: '示例县民政局', total: '86.5' });
    expect(e.funds).toMatchObject({ initialBudget: '80.00', annualBudget: '80.00', executed: '68.00', points: '10', score: '8.5', reason: '两个站点年中暂停运营，补助相应核减。' });
    expect(rows(e).map((r) => r.slice(2))).toEqual([
      ['补助站点数', '≥12个', '12个', '20', '20'],
      ['服务老年人次', '≥3000人次', '3260人次', '20', '20'],
      ['服务质量评估合格率', '≥90%', '95%', '10', '10'],
      ['投诉次数', '≤5次', '7次', '30', '18'],
      ['老年人满意度', '≥90%', '92%', '10', '10'],
    ]);
    expect(e.indicators[1]).toMatchObject({ level1: '产出指标', level2: '数量指标' });
    expect(e.conclusion).toBe('项目总体完成年度目标，自评得分86.5分。');
    expect(e.improvements).toBe('建立站点运营风险预警，更换运营方时提前做好交接。');
    // The template's own headings are its wording; the implementation summary is kept, not dropped,
    // and so is what follows a signature label (报表编号:510000_…).
    expect(e.unparsed.map((u) => u.text)).toEqual(['510000_0013zp', '按季度拨付运营补助，委托第三方开展服务质量评估。']);
  });

  it('scores the reverse indicator by the linear formula, to the printed 86.5', () => {
    const { findings, score } = checkSelfEvaluation(e);
    expect(score.indicators[3]).toMatchObject({ score: '18.00', formula: 'reverse-linear' });
    expect(score).toMatchObject({ total: '86.50', grade: '良' });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('the Yunnan layout in traditional characters, fused rows', () => {
  const e = read('yunnan-traditional.txt');
  it('reads it as simplified, the name from the next line, a row without its merged 分值 cell, 定性', () => {
    expect(e).toMatchObject({ year: 2024, projectName: '2024年乡村公路养护补助经费', department: '示例州交通运输局', total: '97.12' });
    expect(e.funds.items[1]).toEqual({ label: '当年财政拨款', initialBudget: '50.00', annualBudget: '50.00', executed: '50.00' });
    expect(rows(e).map((r) => r.slice(2))).toEqual([
      ['养护里程', '≥120公里', '126公里', '20.00', '20.00'],
      ['路况优良率', '≥85%', '80%', '15.00', '14.12'],
      ['养护任务完成及时率', '=100%', '100%', '15.00', '15.00'],
      ['群众出行条件改善', '明显改善', '达成', '30.00', '28.00'],
      ['沿线群众满意度', '≥90%', '93%', '10.00', '10.00'],
    ]);
    expect(checkSelfEvaluation(e).score).toMatchObject({ total: '97.12', grade: '优' });
  });
});

describe('a real table: Lijiang Gucheng district, 2020, cut off in its last row', () => {
  const e = read('lijiang-2020-cut.txt');
  it('reads every row there is, and reports the scores printed below what the formula gives', () => {
    expect(e.indicators).toHaveLength(5);
    expect(e.indicators[4]).toMatchObject({ name: '满意度', points: '10.00', score: null });
    const disagreements = checkSelfEvaluation(e).findings.filter((f) => f.rule === 'evaluation-score-formula');
    expect(disagreements.map((f) => f.path)).toEqual(['/indicators/0/score', '/indicators/1/score', '/indicators/2/score', '/indicators/3/score']);
    expect(disagreements[0]?.message.zh).toBe('指标「卫片执法补助经费」得分应为 10.00 分（72890 ≥ 72890 → 10.00），表中为 9.00 分');
    // Kept as printed: the reader does not correct a table.
    expect(e.indicators[0]?.score).toBe('9.00');
  });
});

describe('a real table: Qingshen county, Sichuan, 2023, published unfilled', () => {
  const e = read('sichuan-qingshen-2023.txt');
  it('reads the money and the rows, takes no template instruction for content, and says what is missing', () => {
    expect(e).toMatchObject({ year: 2023, projectName: '51000021R000000019951-工资性支出', department: '青神县发展和改革局本级', implementer: '青神县发展和改革局', conclusion: '', problems: '', improvements: '' });
    expect(e.funds).toMatchObject({ initialBudget: '238.93', annualBudget: '251.89', executed: '251.89', points: '10', score: null, reason: '' });
    expect(rows(e)).toEqual([
      ['产出指标', '数量指标', '发放(缴纳)覆盖率', '=100%', '', '60', null],
      ['效益指标', '社会效益指标', '足额保障率(参保率)', '=100%', '', '30', null],
    ]);
    expect(e.goals).toEqual([{ expected: '严格执行相关政策,保障工资及时、足额发放或社保及时、足额缴纳,预算编制科学合理,减少结余资金。', achieved: '' }]);
    const { findings, score } = checkSelfEvaluation(e);
    expect(findings.filter((f) => f.rule === 'evaluation-actual-missing').map((f) => f.path)).toEqual(['/indicators/0/actual', '/indicators/1/actual']);
    expect(score).toMatchObject({ total: null, funds: { rate: '100.00', score: '10.00' } });
  });
});

describe('recognising a self-evaluation', () => {
  it('by its title or its columns, and not a target form', () => {
    expect(looksLikeSelfEvaluation(fixture('sichuan-stream.txt'))).toBe(true);
    expect(looksLikeSelfEvaluation(fixture('yunnan-traditional.txt'))).toBe(true);
    expect(looksLikeSelfEvaluation(readFileSync(new URL('../../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url), 'utf8'))).toBe(false);
  });

  it('says so when a text has no indicator rows', () => {
    const outcome = readSelfEvaluationText('项目支出绩效自评表\n项目名称 | 某项目\n');
    expect(outcome).toMatchObject({ ok: false, message: { zh: expect.stringContaining('未找到') } });
  });
});
