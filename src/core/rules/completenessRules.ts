/**
 * Completeness (完整性, 财预〔2015〕88号 art. 24): every part of the form filled in, nothing left as a
 * placeholder.
 */
import type { TargetDocument } from '../document.ts';
import type { Project } from '../declaration.ts';
import { indicatorRow } from './exampleDeclaration.ts';
import { namedIndicator, pointer } from './finding.ts';
import type { Rule } from './rule.ts';

export const departmentMissing: Rule = {
  id: 'department-missing',
  family: 'completeness',
  severity: 'error',
  description: { zh: '填写部门名称', en: 'The department is named' },
  source: '部门整体支出绩效目标申报表 表头（财预〔2015〕88号 附件）',
  examples: {
    bad: { shows: '部门名称（空）', edit: (d) => void (d.department = null) },
    good: { shows: '部门名称 示例市示例区政务服务数据管理局', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (!d.department?.trim()) yield { path: '/department', message: { zh: '未填写部门名称', en: 'the department is not named' } };
  },
};

export const yearMissing: Rule = {
  id: 'year-missing',
  family: 'completeness',
  severity: 'warning',
  description: { zh: '写明预算年度', en: 'The budget year is stated' },
  source: '部门预算按年度编制；年度不明则无法与预算、监控、自评对应',
  examples: {
    bad: { shows: '表中无年度', edit: (d) => void (d.year = null) },
    good: { shows: '2025 年度', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.year === null) {
      yield {
        path: '/year',
        message: { zh: '未写明预算年度', en: 'the budget year is not stated' },
        suggestion: { zh: '在表题写明年度（如“2025年部门整体预算绩效目标申报表”），或导入时用 --year 指定', en: 'state the year in the title, or give it with --year when importing' },
      };
    }
  },
};

export const budgetAmountMissing: Rule = {
  id: 'budget-amount-missing',
  family: 'completeness',
  severity: 'error',
  description: { zh: '填写预算合计、基本支出和项目支出', en: 'Total, basic and project spending are given' },
  source: '财预〔2015〕88号 附件：年度预算（合计、财政拨款、其他资金）',
  examples: {
    bad: { shows: '基本支出（空）', edit: (d) => void (d.budget.basic = null) },
    good: { shows: '基本支出 600.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    const fields: Array<[string, string | null, string, string]> = [
      ['/budget/total', d.budget.total, '预算合计', 'the total'],
      ['/budget/basic', d.budget.basic, '基本支出', 'basic spending'],
      ['/budget/project', d.budget.project, '项目支出', 'project spending'],
    ];
    for (const [path, value, zh, en] of fields) {
      if (value === null) yield { path, message: { zh: `未填写${zh}`, en: `${en} is not given` } };
    }
  },
};

export const goalsMissing: Rule = {
  id: 'goals-missing',
  family: 'completeness',
  severity: 'error',
  description: { zh: '填写年度总体绩效目标', en: 'Overall goals are stated' },
  source: '财预〔2015〕88号 附件：年度总体目标（domain.md S21）',
  examples: {
    bad: { shows: '总体绩效目标（空）', edit: (d) => void (d.goals = []) },
    good: { shows: '目标1：保障电子政务外网稳定运行…', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    if (d.goals.length === 0) yield { path: '/goals', message: { zh: '未填写总体绩效目标', en: 'no overall goal is stated' } };
    for (const [i, goal] of d.goals.entries()) {
      if (!goal.trim()) yield { path: pointer('goals', i), message: { zh: `目标${i + 1}为空`, en: `goal ${i + 1} is empty` } };
    }
  },
};

const PROJECT_FIELDS: ReadonlyArray<readonly [keyof Project, string, string]> = [
  ['name', '名称', 'name'],
  ['content', '主要实施内容', 'content'],
  ['amount', '拟投入的资金', 'amount'],
  ['expectedOutcome', '期望达到的目标', 'expected outcome'],
];

export const projectIncomplete: Rule = {
  id: 'project-incomplete',
  family: 'completeness',
  severity: 'error',
  description: { zh: '每个重点项目填写名称、主要实施内容、拟投入资金和期望达到的目标', en: 'Each key project has a name, content, amount and expected outcome' },
  source: '部门整体预算绩效目标申报表 年度重点工作任务栏（广州样表）',
  examples: {
    bad: { shows: '电子政务外网运维：期望达到的目标（空）', edit: (d) => void ((d.projects[0] as Project).expectedOutcome = '') },
    good: { shows: '电子政务外网运维：全区电子政务外网全年稳定运行…', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    for (const [i, project] of d.projects.entries()) {
      for (const [field, zh, en] of PROJECT_FIELDS) {
        const value = project[field];
        if (value === null || !String(value).trim()) {
          const who = project.name.trim() ? `「${project.name}」` : `第 ${i + 1} 个项目`;
          yield { path: pointer('projects', i, field), message: { zh: `${who}未填写${zh}`, en: `project ${i + 1} (${project.name || 'unnamed'}): ${en} is missing` } };
        }
      }
    }
  },
};

export const indicatorsMissing: Rule = {
  id: 'indicators-missing',
  family: 'completeness',
  severity: 'error',
  description: { zh: '设置绩效指标', en: 'Performance indicators are set' },
  source: '财预〔2015〕88号：绩效目标通过绩效指标细化、量化',
  examples: {
    bad: { shows: '绩效指标（无）', edit: (d) => void (d.indicators = []) },
    good: { shows: '7 项绩效指标', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.indicators.length === 0) yield { path: '/indicators', message: { zh: '未设置任何绩效指标', en: 'no performance indicator is set' } };
  },
};

export const targetMissing: Rule = {
  id: 'target-missing',
  family: 'completeness',
  severity: 'error',
  description: { zh: '每项指标填写年度指标值（两栏表也填写实施周期指标值）', en: 'Every indicator has an annual target (and a period target in two-column tables)' },
  source: '部门整体预算绩效目标申报表 绩效指标栏',
  examples: {
    bad: { shows: '参训人员满意度 | ≥90% | （空）', edit: (d) => void (d.indicators[5] = { ...indicatorRow('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥90%', '') }) },
    good: { shows: '参训人员满意度 | ≥90% | ≥90%', edit: () => undefined },
  },
  *check({ declaration: d }) {
    const twoColumns = d.indicators.some((i) => (i.periodTarget ?? '').trim() !== '');
    for (const [i, indicator] of d.indicators.entries()) {
      if (!indicator.annualTarget.trim()) {
        yield { path: pointer('indicators', i, 'annualTarget'), message: { zh: `${namedIndicator(indicator, i).zh}未填写年度指标值`, en: `${namedIndicator(indicator, i).en}: no annual target` } };
      }
      if (twoColumns && indicator.periodTarget !== null && !indicator.periodTarget.trim()) {
        yield {
          path: pointer('indicators', i, 'periodTarget'),
          severity: 'warning',
          message: { zh: `${namedIndicator(indicator, i).zh}未填写实施周期指标值`, en: `${namedIndicator(indicator, i).en}: no implementation-period target` },
        };
      }
    }
  },
};

const PLACEHOLDER_TEXT = /XX|xx|××|＊＊|\*\*|待定|待补充|待填/;

/** Every free-text field of a declaration with its pointer, for rules that read all text. */
export function textFields(d: TargetDocument): Array<{ path: string; text: string }> {
  const fields: Array<{ path: string; text: string }> = [];
  if (d.title) fields.push({ path: '/title', text: d.title });
  if (d.department) fields.push({ path: '/department', text: d.department });
  if (d.kind === 'project-target') {
    for (const key of ['name', 'category', 'nature', 'basis', 'content'] as const) {
      const text = d.project[key];
      if (text) fields.push({ path: `/project/${key}`, text });
    }
    for (const key of ['periodGoal', 'annualGoal'] as const) {
      const goal = d[key];
      if (Array.isArray(goal)) goal.forEach((text, i) => fields.push({ path: pointer(key, i), text }));
      else if (goal) fields.push({ path: `/${key}`, text: goal });
    }
    d.indicators.forEach((indicator, i) => fields.push({ path: pointer('indicators', i, 'name'), text: indicator.name }));
    return fields;
  }
  d.goals.forEach((text, i) => fields.push({ path: pointer('goals', i), text }));
  d.projects.forEach((p, i) => {
    fields.push({ path: pointer('projects', i, 'name'), text: p.name });
    fields.push({ path: pointer('projects', i, 'content'), text: p.content });
    fields.push({ path: pointer('projects', i, 'expectedOutcome'), text: p.expectedOutcome });
  });
  d.otherTasks.forEach((text, i) => fields.push({ path: pointer('otherTasks', i), text }));
  d.indicators.forEach((indicator, i) => fields.push({ path: pointer('indicators', i, 'name'), text: indicator.name }));
  return fields;
}

export const placeholderValue: Rule = {
  id: 'placeholder-value',
  family: 'completeness',
  severity: 'error',
  description: { zh: '不留占位符（XX、**、待定）', en: 'No placeholders are left (XX, **, 待定)' },
  source: '一体化系统导入把“XX”当作 0（domain.md S8）',
  examples: {
    bad: { shows: '参训人员满意度 | ≥XX% | ≥XX%', edit: (d) => void (d.indicators[5] = indicatorRow('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥XX%')) },
    good: { shows: '参训人员满意度 | ≥90% | ≥90%', edit: () => undefined },
  },
  *check({ declaration: d, memo }) {
    for (const [i, indicator] of d.indicators.entries()) {
      for (const [field, value, raw] of [
        ['periodTarget', indicator.periodTargetValue, indicator.periodTarget],
        ['annualTarget', indicator.annualTargetValue, indicator.annualTarget],
      ] as const) {
        if (value.kind === 'placeholder') {
          yield {
            path: pointer('indicators', i, field),
            message: { zh: `${namedIndicator(indicator, i).zh}的指标值「${raw}」是占位符，不是指标值`, en: `${namedIndicator(indicator, i).en}: target "${raw}" is a placeholder, not a value` },
            suggestion: { zh: '填写具体的指标值，或删除不适用的指标', en: 'give the actual target, or remove an indicator that does not apply' },
          };
        }
      }
    }
    const fields = memo('textFields', () => textFields(d));
    // One test over all the text first: placeholders are rare.
    if (!PLACEHOLDER_TEXT.test(memo('joinedText', () => fields.map((f) => f.text).join('\u0000')))) return;
    for (const { path, text } of fields) {
      const match = PLACEHOLDER_TEXT.exec(text);
      if (match) yield { path, message: { zh: `含占位符「${match[0]}」：${text.slice(0, 40)}`, en: `contains the placeholder "${match[0]}"` } };
    }
  },
};

export const targetNotApplicable: Rule = {
  id: 'target-not-applicable',
  family: 'completeness',
  severity: 'warning',
  description: { zh: '年度指标值不写“不适用”（/、—、无）：不适用的指标删除，适用的填写指标值', en: 'An annual target is not marked not applicable (/, —, 无): remove the indicator, or give its target' },
  source: '每项绩效指标须有可衡量的年度指标值（财预〔2021〕101号）；实施周期栏可标注不适用',
  examples: {
    bad: { shows: '参训人员满意度 | ≥90% | ／', edit: (d) => void (d.indicators[5] = indicatorRow('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥90%', '／')) },
    good: { shows: '参训人员满意度 | ≥90% | ≥90%', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (indicator.annualTargetValue.kind !== 'not-applicable') continue;
      yield {
        path: pointer('indicators', i, 'annualTarget'),
        message: { zh: `${namedIndicator(indicator, i).zh}的年度指标值标为不适用（「${indicator.annualTarget}」）`, en: `${namedIndicator(indicator, i).en}: the annual target is marked not applicable ("${indicator.annualTarget}")` },
        suggestion: { zh: '本年度不适用的指标请删除；适用的请填写指标值', en: 'remove an indicator that does not apply this year; otherwise give its target' },
      };
    }
  },
};

export const unparsedText: Rule = {
  id: 'unparsed-text',
  family: 'completeness',
  severity: 'warning',
  description: { zh: '导入时未能识别的文字须人工核对', en: 'Text the importer could not place is reviewed by hand' },
  source: 'Jixiao import: lossless, unplaced text is kept in unparsed',
  examples: {
    bad: { shows: '第 12 行：74.80% 74.80%（未识别）', edit: (d) => void (d.unparsed = [{ line: 12, text: '74.80% 74.80%' }]) },
    good: { shows: '全部文字已识别', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, entry] of d.unparsed.entries()) {
      yield {
        path: pointer('unparsed', i),
        // A workbook's, PDF's or page's text is found by its cell, not by a line nobody saw.
        message: entry.at ? { zh: `${entry.at} 未能识别：${entry.text}`, en: `${entry.at} was not recognised: ${entry.text}` } : { zh: `第 ${entry.line} 行未能识别：${entry.text}`, en: `line ${entry.line} was not recognised: ${entry.text}` },
        suggestion: { zh: '核对原表，把内容填入相应栏目', en: 'check the original form and put the text where it belongs' },
      };
    }
  },
};

export const COMPLETENESS_RULES: readonly Rule[] = [
  departmentMissing,
  yearMissing,
  budgetAmountMissing,
  goalsMissing,
  projectIncomplete,
  indicatorsMissing,
  targetMissing,
  placeholderValue,
  targetNotApplicable,
  unparsedText,
];
