/** A clean self-evaluation every evaluation rule passes: the base of the rules' examples and tests. */
import type { SelfEvaluation } from '../selfEvaluation.ts';

const noDeviation = () => ({ reason: '', measures: '' });

/** A project's 2024 self-evaluation in the national layout: 10 + 90 points, every target met, 优. */
export function exampleEvaluation(): SelfEvaluation {
  return {
    schemaVersion: 1,
    kind: 'self-evaluation',
    title: '项目支出绩效自评表',
    year: 2024,
    department: '示例局',
    implementer: '示例局',
    projectName: '基层业务培训',
    target: { id: null, kind: 'project-target', version: 3 },
    funds: {
      initialBudget: '100.00',
      annualBudget: '100.00',
      executed: '96.00',
      points: '10',
      score: '9.60',
      items: [
        { label: '年度资金总额', initialBudget: '100.00', annualBudget: '100.00', executed: '96.00' },
        { label: '当年财政拨款', initialBudget: '100.00', annualBudget: '100.00', executed: '96.00' },
      ],
      reason: '',
    },
    goals: [{ expected: '全年培训基层业务人员 500 人次，合格率不低于 90%。', achieved: '全年培训 520 人次，合格率 93%。' }],
    indicators: [
      { level1: '产出指标', level2: '数量指标', name: '培训人次', annualTarget: '≥500人次', actual: '520人次', points: '20', score: '20.00', applicable: true, deviation: noDeviation() },
      { level1: '产出指标', level2: '质量指标', name: '培训合格率', annualTarget: '≥90%', actual: '93%', points: '15', score: '15.00', applicable: true, deviation: noDeviation() },
      { level1: '产出指标', level2: '时效指标', name: '培训完成时间', annualTarget: '11月30日前', actual: '2024-11-20', points: '15', score: '15.00', applicable: true, deviation: noDeviation() },
      { level1: '效益指标', level2: '社会效益指标', name: '业务能力提升', annualTarget: '明显提升', actual: '达成', points: '30', score: '30.00', applicable: true, deviation: noDeviation() },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '参训人员满意度', annualTarget: '≥90%', actual: '95%', points: '10', score: '10.00', applicable: true, deviation: noDeviation() },
    ],
    total: '99.60',
    grade: '优',
    conclusion: '项目按计划完成，培训人次和合格率均达到目标。',
    problems: '部分课程内容与基层需求结合不够紧密。',
    improvements: '开展训前需求调研，按岗位分类设置课程。',
    unparsed: [],
  };
}
