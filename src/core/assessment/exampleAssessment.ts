/**
 * An example assessment: an ex-ante assessment of a project on the built-in five-dimension sheet,
 * scored by three experts, with its evidence, findings and conclusion. Used by tests, the docs and
 * the benchmarks; fixtures/assessments/example.json is its canonical JSON.
 */
import { emptyConclusion, type Assessment, type Criterion, type Score } from './assessment.ts';
import { criteriaTree } from './scoring.ts';
import { builtInTemplate, evidenceChecklist } from './templates.ts';

/** A leaf's score for a scorer: most high, some lower, in the criterion's bands (优 90%+, 良 75%+). */
function exampleScore(criterion: Criterion, scorer: number, index: number): string {
  const pattern = ['5', '4.5', '4', '4.5', '5', '3.5', '4', '4.5'];
  return `${pattern[(index + scorer * 3) % pattern.length]}`;
}

export function exampleAssessment(): Assessment {
  const template = builtInTemplate('ex-ante-project');
  if (!template) throw new Error('the built-in ex-ante template is missing');
  const criteria = template.criteria.map((c) => ({ ...c, ...(c.evidence ? { evidence: [...c.evidence] } : {}) }));
  const tree = criteriaTree(criteria);
  const leaves = criteria.filter((c) => (tree.children.get(c.id)?.length ?? 0) === 0);
  const scorers = [
    { id: 'expert-1', name: '王建国（财政专家）', role: 'expert' as const, weight: null },
    { id: 'expert-2', name: '李敏（行业专家）', role: 'expert' as const, weight: null },
    { id: 'expert-3', name: '陈立（财务专家）', role: 'expert' as const, weight: null },
  ];
  const scores: Score[] = [];
  scorers.forEach((s, k) => leaves.forEach((c, i) => scores.push({ scorer: s.id, criterion: c.id, score: exampleScore(c, k, i), reason: i % 4 === 0 ? '依据充分' : '' })));
  return {
    kind: 'assessment',
    schemaVersion: 1,
    title: '2025年「智慧政务服务平台升级」项目事前绩效评估',
    year: 2025,
    purpose: 'ex-ante-project',
    subject: { kind: 'project-target', id: null, name: '智慧政务服务平台升级', department: '广州市海珠区政务服务和数据管理局', amount: '480.00', description: '升级政务服务平台，新增一网通办事项200项。' },
    template: { name: template.name, version: 1, criteria },
    scorers,
    scores,
    aggregation: { method: 'mean', drop: 1 },
    evidence: evidenceChecklist(criteria).map((e, i) => ({ ...e, status: i % 5 === 4 ? 'missing' : 'accepted', file: null })),
    findings: [
      { criterion: '2', fact: '硬件购置单价高于近三年同类采购均价约15%。', problem: '设备购置预算偏高。', analysis: '测算未采用询价结果，取费标准偏高。', conclusion: '投入经济性一般。', advice: '按询价结果重新测算设备购置预算。' },
      { criterion: '3', fact: '绩效指标中满意度目标为100%。', problem: '个别目标值设定过高。', analysis: '缺少历史数据支撑。', conclusion: '目标基本合理。', advice: '满意度目标按近三年实际值设定。' },
    ],
    conclusion: { ...emptyConclusion(), decision: 'support-after-adjustment', supported: '430.00', cut: '50.00', advice: '核减设备购置费50万元后予以支持。' },
    data: {},
    blend: null,
    result: null,
  };
}
