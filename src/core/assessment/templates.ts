/**
 * The built-in templates (评价指标体系) of the finance bureau's four stages, as plain data
 * (domain-evaluation.md §1–§4). A region copies one and edits it for a year (the server keeps those,
 * versioned once used); an assessment keeps a copy of the criteria it was opened with.
 */
import type { AssessmentPurpose, Criterion, Standard } from './assessment.ts';

/** A template: its key (what a region's edited copies share), name, purpose, criteria and source. */
export interface TemplateDefinition {
  readonly key: string;
  readonly name: string;
  readonly purpose: AssessmentPurpose;
  readonly criteria: readonly Criterion[];
  /** Where its structure comes from. */
  readonly source: string;
}

/** 优 / 良 / 中 / 差 in percent of a criterion's points, as ex-ante sheets mark each item. */
export const FOUR_BANDS: Standard = {
  type: 'bands',
  text: '优（90%–100%）：完全符合评分要点；良（75%–90%）：基本符合；中（60%–75%）：部分符合；差（60%以下）：不符合',
  bands: [
    { name: '优', from: '90', to: '100' },
    { name: '良', from: '75', to: '90' },
    { name: '中', from: '60', to: '75' },
    { name: '差', from: '0', to: '60' },
  ],
};

const judgement = (text: string): Standard => ({ type: 'judgement', text });

interface Node {
  readonly n: string;
  readonly w: string;
  readonly g?: string;
  readonly s?: Standard;
  readonly e?: readonly string[];
  readonly c?: readonly Node[];
  readonly id?: string;
}

/** Criteria from a nested outline: ids 1, 1.1, 1.1.2 … (or the node's own). */
function outline(nodes: readonly Node[], parent: string | null = null, prefix = ''): Criterion[] {
  const out: Criterion[] = [];
  nodes.forEach((node, i) => {
    const id = node.id ?? `${prefix}${i + 1}`;
    const guidance = node.g ?? '';
    out.push({ id, parent, name: node.n, weight: node.w, guidance, standard: node.s ?? judgement(guidance), ...(node.e ? { evidence: [...node.e] } : {}) });
    if (node.c) out.push(...outline(node.c, id, `${id}.`));
  });
  return out;
}

const item = (n: string, g: string, e?: readonly string[]): Node => ({ n, w: '5', g, s: FOUR_BANDS, ...(e ? { e } : {}) });

const EX_ANTE_PROJECT = outline([
  {
    n: '立项必要性',
    w: '20',
    c: [
      item('政策相关性', '项目与国家、省、市政策和本地区发展规划相符，有明确的政策依据', ['政策依据文件', '行业发展规划']),
      item('需求迫切性', '项目针对的问题或需求真实、迫切，有调研数据支撑'),
      item('职能相符性', '项目内容与申报单位职能相符'),
      item('财政投入必要性', '属于公共财政支持范围，无法由市场或社会资金替代'),
    ],
  },
  {
    n: '投入经济性',
    w: '20',
    c: [
      item('预算科学性', '预算编制依据充分，测算过程清晰，符合支出标准', ['预算明细及测算说明', '定额/取费标准']),
      item('成本合理性', '主要成本构成合理，单价有询价或标准依据', ['设备规格及询价资料']),
      item('投入产出比', '投入与预期产出、效益相匹配'),
      item('资源共享', '充分利用现有资源，无重复建设'),
    ],
  },
  {
    n: '绩效目标合理性',
    w: '20',
    c: [
      item('目标完整性', '绩效目标覆盖产出和效益，与项目内容对应', ['绩效目标申报表']),
      item('指标明确性', '指标细化、量化，可衡量', ['预期绩效报告']),
      item('目标合理性', '目标值有历史或行业依据，既不过低也不过高'),
      item('目标与预算匹配性', '目标与预算资金量相匹配'),
    ],
  },
  {
    n: '实施方案可行性',
    w: '20',
    c: [
      item('方案完整性', '实施内容、步骤、进度安排明确', ['实施方案', '可行性研究报告']),
      item('组织保障', '组织机构、人员和制度有保障'),
      item('技术可行性', '技术路线成熟可行', ['专家论证意见', '设计/图纸']),
      item('风险可控性', '已识别主要风险并有应对措施'),
    ],
  },
  {
    n: '筹资合规性',
    w: '20',
    c: [
      item('资金来源合规', '资金来源渠道合法合规', ['项目申报书']),
      item('财政支持方式', '财政支持方式科学，符合有关规定'),
      item('配套资金落实', '需配套的资金已落实或有可靠来源'),
      item('债务风险', '不新增隐性债务，财政承受能力可控'),
    ],
  },
]);

const EX_ANTE_POLICY = outline([
  { n: '政策设立必要性', w: '20', c: [item('上位依据', '有明确的上位政策和法律依据', ['上位依据', '出台背景']), item('问题导向', '针对的问题真实、迫切'), item('政府介入必要', '属于政府应当介入的领域'), item('不可替代性', '无其他政策可替代')] },
  { n: '政策保障充分性', w: '20', c: [item('资金需求测算', '资金需求测算依据充分', ['资金需求测算']), item('组织保障', '执行机构和职责明确'), item('配套制度', '配套制度健全'), item('征求意见', '已广泛征求意见并吸收', ['征求意见汇总'])] },
  { n: '政策目标合理性', w: '20', c: [item('目标明确', '政策目标明确、可衡量', ['绩效目标表']), item('受益对象清晰', '受益对象和范围清晰', ['受益对象测算']), item('标准合理', '补助标准合理'), item('目标与资金匹配', '目标与资金规模相匹配')] },
  { n: '政策实施可持续性', w: '20', c: [item('实施方案可行', '实施路径清晰可行', ['实施方案']), item('退出机制', '有明确的期限和退出机制'), item('财政可承受', '中长期财政可承受'), item('风险评估', '已评估并防控主要风险', ['风险评估'])] },
  { n: '政策资金合规性', w: '20', c: [item('合法性', '已通过合法性审查', ['政策草案', '合法性审查意见']), item('资金来源', '资金来源合规'), item('分配方式', '资金分配方式公平、公开'), item('监管措施', '资金监管措施有效')] },
]);

const EXECUTION_RATE: Standard = { type: 'formula', text: '预算执行率 = 实际支出 ÷ 预算数 × 100%；得分 = 分值 × 预算执行率（不超过100%）', measure: 'execution-rate', full: '100' };

const KEY_2020 = outline([
  {
    n: '决策',
    w: '15',
    c: [
      { n: '项目立项', w: '5', c: [{ n: '立项依据充分性', w: '3', g: '符合法律法规、相关政策、发展规划和部门职责' }, { n: '立项程序规范性', w: '2', g: '按规定程序申请设立，审批文件齐全', e: ['立项审批文件'] }] },
      { n: '绩效目标', w: '5', c: [{ n: '绩效目标合理性', w: '3', g: '目标与实际工作内容相关，预期产出效益合理' }, { n: '绩效指标明确性', w: '2', g: '指标细化、量化，与任务数相对应' }] },
      { n: '资金投入', w: '5', c: [{ n: '预算编制科学性', w: '3', g: '预算经过科学论证，内容与项目匹配' }, { n: '资金分配合理性', w: '2', g: '分配依据充分，额度与实际相适应' }] },
    ],
  },
  {
    n: '过程',
    w: '20',
    c: [
      {
        n: '资金管理',
        w: '12',
        c: [
          { n: '资金到位率', w: '3', g: '实际到位资金 ÷ 预算资金 × 100%' },
          { n: '预算执行率', w: '5', g: '实际支出资金 ÷ 实际到位资金 × 100%', s: EXECUTION_RATE },
          { n: '资金使用合规性', w: '4', g: '符合财务管理制度，无截留、挤占、挪用', e: ['国库集中支付凭证', '合同', '政府采购/招投标资料'] },
        ],
      },
      { n: '组织实施', w: '8', c: [{ n: '管理制度健全性', w: '4', g: '已制定相应的业务和财务管理制度' }, { n: '制度执行有效性', w: '4', g: '遵守制度，调整报批手续齐全', e: ['验收文件', '调整报批手续'] }] },
    ],
  },
  {
    n: '产出',
    w: '35',
    c: [
      { n: '产出数量', w: '10', c: [{ n: '实际完成率', w: '10', g: '实际产出数 ÷ 计划产出数 × 100%' }] },
      { n: '产出质量', w: '10', c: [{ n: '质量达标率', w: '10', g: '质量达标产出数 ÷ 实际产出数 × 100%' }] },
      { n: '产出时效', w: '8', c: [{ n: '完成及时性', w: '8', g: '按计划时间完成' }] },
      { n: '产出成本', w: '7', c: [{ n: '成本节约率', w: '7', g: '(计划成本 − 实际成本) ÷ 计划成本 × 100%' }] },
    ],
  },
  {
    n: '效益',
    w: '30',
    c: [
      { n: '项目效益', w: '30', c: [{ n: '经济效益', w: '6' }, { n: '社会效益', w: '10' }, { n: '生态效益', w: '4' }, { n: '可持续影响', w: '4' }, { n: '满意度', w: '6', g: '服务对象满意度调查结果' }] },
    ],
  },
]);

const KEY_2013 = outline([
  {
    n: '投入',
    w: '20',
    c: [
      { n: '项目立项', w: '15', c: [{ n: '项目立项规范性', w: '5' }, { n: '绩效目标合理性', w: '5' }, { n: '绩效指标明确性', w: '5' }] },
      { n: '资金落实', w: '5', c: [{ n: '资金到位率', w: '3' }, { n: '到位及时率', w: '2' }] },
    ],
  },
  {
    n: '过程',
    w: '25',
    c: [
      { n: '业务管理', w: '10', c: [{ n: '管理制度健全性', w: '4' }, { n: '制度执行有效性', w: '3' }, { n: '项目质量可控性', w: '3' }] },
      { n: '财务管理', w: '15', c: [{ n: '管理制度健全性', w: '4' }, { n: '资金使用合规性', w: '6' }, { n: '预算执行率', w: '5', s: EXECUTION_RATE }] },
    ],
  },
  {
    n: '产出',
    w: '25',
    c: [{ n: '项目产出', w: '25', c: [{ n: '实际完成率', w: '8' }, { n: '完成及时率', w: '6' }, { n: '质量达标率', w: '6' }, { n: '成本节约率', w: '5' }] }],
  },
  { n: '效果', w: '30', c: [{ n: '项目效益', w: '30', c: [{ n: '经济效益', w: '6' }, { n: '社会效益', w: '10' }, { n: '环境效益', w: '4' }, { n: '可持续影响', w: '4' }, { n: '服务对象满意度', w: '6' }] }] },
]);

const COUNTY_PROJECT = outline([
  {
    n: '项目决策',
    w: '10',
    c: [
      { n: '决策依据', w: '4', g: '有项目年度工作计划或有上级文件或审批报告计满分，没有不得分' },
      { n: '目标申报', w: '6', g: '绩效目标全申报；指标规范；按时申报，逾期扣分' },
    ],
  },
  {
    n: '项目管理',
    w: '20',
    c: [
      { n: '财务制度', w: '3', g: '单位财务管理制度、项目管理制度、制度执行佐证资料各1分' },
      { n: '组织机构', w: '2', g: '有明确的绩效管理机构或专人负责' },
      { n: '运行监管', w: '4', g: '运行监管记录；按时填报绩效监控表' },
      { n: '预算执行', w: '6', g: '预算执行率 × 分值', s: EXECUTION_RATE },
      { n: '资金使用', w: '5', g: '资金使用合规，无截留挪用' },
    ],
  },
  {
    n: '项目绩效',
    w: '70',
    c: [
      { n: '产出指标', w: '40', c: [{ n: '数量指标', w: '15' }, { n: '质量指标', w: '12' }, { n: '时效指标', w: '7' }, { n: '成本指标', w: '6' }] },
      { n: '效益指标', w: '20', c: [{ n: '社会效益', w: '12' }, { n: '经济效益', w: '4' }, { n: '可持续影响', w: '4' }] },
      { n: '满意度指标', w: '10', c: [{ n: '服务对象满意度', w: '10' }] },
    ],
  },
]);

const DEPARTMENT_HUNAN = outline([
  {
    n: '部门决策',
    w: '25',
    c: [
      { n: '目标任务', w: '15', c: [{ n: '相关性', w: '5' }, { n: '明确性', w: '5' }, { n: '合理性', w: '5' }] },
      { n: '预算编制', w: '10', c: [{ n: '测算依据', w: '5' }, { n: '目标管理', w: '5' }] },
    ],
  },
  {
    n: '综合管理',
    w: '30',
    c: [
      { n: '专项资金分配时限', w: '2', c: [{ n: '本级专项预算分配时限', w: '1' }, { n: '上级专款分配合规率', w: '1' }] },
      { n: '中期评估', w: '2', c: [{ n: '执行中期评估', w: '2' }] },
      { n: '绩效监控', w: '5', c: [{ n: '预算执行进度监控', w: '2' }, { n: '绩效目标动态监控', w: '3' }] },
      { n: '非税收入执收情况', w: '2', c: [{ n: '非税收入征收情况', w: '1' }, { n: '非税收入上缴情况', w: '1' }] },
      { n: '资产管理', w: '6', c: [{ n: '资产管理信息化情况', w: '2' }, { n: '行政事业单位资产报告情况', w: '2' }, { n: '资产管理与预算管理相结合', w: '2' }] },
      { n: '内控制度管理', w: '2', c: [{ n: '内部控制制度健全完整', w: '2' }] },
      { n: '信息公开', w: '6', c: [{ n: '预算公开', w: '2' }, { n: '决算公开', w: '2' }, { n: '绩效信息公开', w: '2' }] },
      { n: '绩效评价', w: '5', c: [{ n: '绩效评价开展', w: '2' }, { n: '评价结果应用', w: '3' }] },
    ],
  },
  {
    n: '部门绩效',
    w: '45',
    c: [
      { n: '履职成效', w: '20', c: [{ n: '年度重点工作完成情况', w: '12' }, { n: '预算执行率', w: '8', s: EXECUTION_RATE }] },
      { n: '可持续发展能力', w: '15', c: [{ n: '重点改革（重点工作）完成情况', w: '5' }, { n: '科技（制度、方法、机制等）创新', w: '5' }, { n: '人才培养', w: '5' }] },
      { n: '满意度', w: '10', c: [{ n: '协作部门满意度', w: '3' }, { n: '管理对象满意度', w: '3' }, { n: '社会公众满意度', w: '4' }] },
    ],
  },
]);

const DEPARTMENT_53 = outline([
  {
    n: '投入',
    w: '20',
    c: [
      { n: '目标设定', w: '8', c: [{ n: '绩效目标合理性', w: '4' }, { n: '绩效指标明确性', w: '4' }] },
      {
        n: '预算配置',
        w: '12',
        c: [
          { n: '在职人员控制率', w: '4', g: '在职人员控制率 = 在职人数 ÷ 编制数 × 100%', s: { type: 'deduction', text: '≤100% 得满分，每超过1个百分点扣0.5分，扣完为止', measure: 'staff-control-rate', limit: '100', per: '0.5', direction: 'above' } },
          { n: '"三公经费"变动率', w: '4', g: '(本年三公经费 − 上年三公经费) ÷ 上年三公经费 × 100%', s: { type: 'deduction', text: '≤0 得满分，每增长1个百分点扣0.8分，扣完为止', measure: 'three-public-change-rate', limit: '0', per: '0.8', direction: 'above' } },
          { n: '重点支出安排率', w: '4' },
        ],
      },
    ],
  },
  {
    n: '过程',
    w: '30',
    c: [
      { n: '预算执行', w: '15', c: [{ n: '预算完成率', w: '5', s: EXECUTION_RATE }, { n: '支付进度率', w: '5' }, { n: '结转结余率', w: '5' }] },
      { n: '预算管理', w: '10', c: [{ n: '管理制度健全性', w: '5' }, { n: '资金使用合规性', w: '5' }] },
      { n: '资产管理', w: '5', c: [{ n: '资产管理安全性', w: '5' }] },
    ],
  },
  { n: '产出', w: '25', c: [{ n: '职责履行', w: '25', c: [{ n: '实际完成率', w: '10' }, { n: '完成及时率', w: '5' }, { n: '质量达标率', w: '10' }] }] },
  { n: '效果', w: '25', c: [{ n: '履职效益', w: '25', c: [{ n: '经济效益', w: '5' }, { n: '社会效益', w: '10' }, { n: '可持续影响', w: '5' }, { n: '社会公众或服务对象满意度', w: '5' }] }] },
]);

const SAMPLING_QUALITY = outline([
  {
    id: 'quality',
    n: '自评质量',
    w: '100',
    c: [
      { n: '自评组织', w: '15', g: '按规定范围和时限开展自评，组织有序', id: 'q1' },
      { n: '数据真实性', w: '25', g: '执行数、完成值与决算、台账一致；每发现一处不实扣5分', id: 'q2', e: ['决算报表', '业务台账'] },
      { n: '佐证材料完整性', w: '20', g: '每项指标完成值有佐证材料；每缺一项扣2分', id: 'q3' },
      { n: '自评分准确性', w: '25', g: '自评分与复核分的差异：每差1分扣1分', id: 'q4' },
      { n: '问题分析与整改', w: '15', g: '偏差原因分析到位，整改措施具体可行', id: 'q5' },
    ],
  },
  // The re-score part: the self-evaluation's own rows, filled when a sample's review is opened.
  { id: 'rescore', n: '指标复核', w: '100' },
]);

export const BUILT_IN_TEMPLATES: readonly TemplateDefinition[] = [
  { key: 'ex-ante-project', name: '项目事前绩效评估指标体系（五维度）', purpose: 'ex-ante-project', criteria: EX_ANTE_PROJECT, source: '中发〔2018〕34号；各地事前绩效评估办法（立项必要性、投入经济性、绩效目标合理性、实施方案可行性、筹资合规性各20分）' },
  { key: 'ex-ante-policy', name: '政策事前绩效评估指标体系', purpose: 'ex-ante-policy', criteria: EX_ANTE_POLICY, source: '中发〔2018〕34号；政策事前评估（政策设立必要性、保障充分性、目标合理性、实施可持续性、资金合规性）' },
  { key: 'key-evaluation-2020', name: '项目支出绩效评价指标体系（财预〔2020〕10号）', purpose: 'key-evaluation', criteria: KEY_2020, source: '财预〔2020〕10号 附件：决策15、过程20、产出35、效益30' },
  { key: 'key-evaluation-2013', name: '项目支出绩效评价指标体系（投入、过程、产出、效果）', purpose: 'key-evaluation', criteria: KEY_2013, source: '财预〔2013〕53号：投入20（项目立项15、资金落实5）、过程25、产出25、效果30' },
  { key: 'county-project', name: '县级项目绩效评价表（项目决策、项目管理、项目绩效）', purpose: 'key-evaluation', criteria: COUNTY_PROJECT, source: '县级项目支出绩效自评表与复核表（自评分、复核分并列）' },
  { key: 'department-hunan', name: '部门整体支出绩效评价指标体系（部门决策25、综合管理30、部门绩效45）', purpose: 'department-evaluation', criteria: DEPARTMENT_HUNAN, source: '湖南省部门整体支出绩效评价' },
  { key: 'department-53', name: '部门整体支出绩效评价指标体系（投入、过程、产出、效果）', purpose: 'department-evaluation', criteria: DEPARTMENT_53, source: '财预〔2013〕53号 部门整体框架；在职人员控制率、"三公经费"变动率按扣分计算' },
  { key: 'sampling-quality', name: '绩效自评抽评（自评质量40%、指标复核60%）', purpose: 'sampling-review', criteria: SAMPLING_QUALITY, source: '省级绩效自评抽评：自评质量评分表与指标复核，最终得分 = 0.4 × 质量 + 0.6 × 复核' },
];

/** A built-in template by its key. */
export function builtInTemplate(key: string): TemplateDefinition | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.key === key);
}

/** The evidence checklist a template asks for: each criterion's documents. */
export function evidenceChecklist(criteria: readonly Criterion[]): Array<{ criterion: string | null; name: string }> {
  const list: Array<{ criterion: string | null; name: string }> = [];
  for (const c of criteria) for (const name of c.evidence ?? []) list.push({ criterion: c.id, name });
  return list;
}
