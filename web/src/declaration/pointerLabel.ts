/**
 * A JSON Pointer into a declaration, said in words and numbered as the user sees the form:
 * `/indicators/24/annualTarget` → `绩效指标第 25 行「网站考评分数」· 年度指标值`.
 */
import type { TargetDocument } from '../../../src/core/document.ts';

const FIELD_NAMES: Record<string, [string, string]> = {
  department: ['部门名称', 'department'],
  title: ['表题', 'title'],
  year: ['年度', 'year'],
  budget: ['部门预算', 'budget'],
  basic: ['基本支出', 'basic spending'],
  project: ['项目支出', 'project spending'],
  total: ['合计', 'total'],
  totalDerived: ['合计自动计算', 'computed total'],
  income: ['收入来源', 'income'],
  developmental: ['事业发展性支出', 'developmental spending'],
  byLevel: ['按预算级次', 'by level'],
  fiscal: ['财政拨款', 'fiscal funds'],
  other: ['其他', 'other'],
  specialFiscal: ['财政专项资金', 'special fiscal funds'],
  ownLevel: ['本级使用资金', 'own level'],
  transferDown: ['对下转移支付资金', 'transfers down'],
  name: ['名称', 'name'],
  content: ['主要实施内容', 'content'],
  amount: ['金额', 'amount'],
  expectedOutcome: ['期望达到的目标', 'expected outcome'],
  periodTarget: ['实施周期指标值', 'period target'],
  annualTarget: ['年度指标值', 'annual target'],
  periodTargetValue: ['实施周期指标值', 'period target'],
  annualTargetValue: ['年度指标值', 'annual target'],
  level1: ['一级指标', 'level 1'],
  level2: ['二级指标', 'level 2'],
  projects: ['重点项目', 'key projects'],
  goals: ['总体绩效目标', 'overall goals'],
  otherTasks: ['其他任务', 'other tasks'],
  indicators: ['绩效指标', 'indicators'],
  emptyLevel2: ['空二级指标', 'empty groups'],
  unparsed: ['未识别的文字', 'unparsed text'],
};

/** The project form's fields where they differ from the department form's (`/project/period/text` is the project's period, not 项目支出). */
const PROJECT_FIELD_NAMES: Record<string, [string, string]> = {
  project: ['项目基本情况', 'the project'],
  name: ['项目名称', 'project name'],
  code: ['项目编码', 'project code'],
  category: ['项目类型', 'category'],
  nature: ['项目属性', 'nature'],
  period: ['实施期', 'period'],
  start: ['起', 'from'],
  end: ['止', 'to'],
  text: ['文字', 'as written'],
  basis: ['立项依据', 'basis'],
  content: ['项目概况', 'content'],
  implementer: ['实施单位', 'implementer'],
  funds: ['项目资金', 'funds'],
  total: ['资金总额', 'total'],
  items: ['资金来源', 'sources'],
  label: ['来源', 'source'],
  periodGoal: ['实施期目标', 'period goal'],
  annualGoal: ['年度目标', 'annual goal'],
  unit: ['计量单位', 'unit'],
  standard: ['绩效标准', 'standard'],
  weight: ['分值', 'points'],
  note: ['备注', 'note'],
  core: ['核心指标', 'core indicator'],
};

type Names = Record<string, [string, string]>;
const fieldIn = (names: Names, key: string, t: (zh: string, en: string) => string): string => (Object.hasOwn(names, key) ? t(...(names[key] as [string, string])) : Object.hasOwn(FIELD_NAMES, key) ? t(...(FIELD_NAMES[key] as [string, string])) : key);

/** Says where a pointer points, in the language chosen; rows numbered from 1. */
export function pointerLabel(content: TargetDocument | undefined, path: string, t: (zh: string, en: string) => string): string {
  if (path === '') return t('整张表', 'whole form');
  const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const project = content?.kind === 'project-target' || parts[0] === 'project' || parts[0] === 'funds' || parts[0] === 'periodGoal' || parts[0] === 'annualGoal';
  const names: Names = project ? PROJECT_FIELD_NAMES : FIELD_NAMES;
  const field = (key: string, tr: (zh: string, en: string) => string) => fieldIn(names, key, tr);
  const [section = '', index, ...rest] = parts;
  // Parsed targets are shown with their printed target; `…/annualTargetValue/unit` is the annual target.
  const inner = rest[0] !== undefined ? field(rest[0], t) : '';
  const n = Number(index);
  const has = index !== undefined && Number.isInteger(n);
  switch (section) {
    case 'indicators': {
      if (!has) return field(section, t);
      const name = content?.indicators[n]?.name.trim();
      return `${t(`绩效指标第 ${n + 1} 行`, `indicator row ${n + 1}`)}${name ? `「${name}」` : ''}${inner ? ` · ${inner}` : ''}`;
    }
    case 'projects': {
      if (!has) return field(section, t);
      const name = content?.kind === 'department-target' ? content.projects[n]?.name.trim() : undefined;
      return `${t(`重点项目 ${n + 1}`, `key project ${n + 1}`)}${name ? `「${name}」` : ''}${inner ? ` · ${inner}` : ''}`;
    }
    case 'goals':
      return has ? t(`目标${n + 1}`, `goal ${n + 1}`) : field(section, t);
    case 'periodGoal':
    case 'annualGoal':
      return has ? `${field(section, t)} ${n + 1}` : field(section, t);
    case 'funds':
      return index === 'items' && rest[0] !== undefined ? `${t(`资金来源 ${Number(rest[0]) + 1}`, `source ${Number(rest[0]) + 1}`)}${rest[1] ? ` · ${field(rest[1], t)}` : ''}` : [section, ...(index === undefined ? [] : [index]), ...rest].map((p) => field(p, t)).join(' · ');
    case 'otherTasks':
      return has ? t(`其他任务 ${n + 1}`, `other task ${n + 1}`) : field(section, t);
    case 'unparsed':
      return has ? t(`未识别的文字第 ${n + 1} 条`, `unparsed text ${n + 1}`) : field(section, t);
    case 'emptyLevel2':
      return field(section, t);
    default:
      return parts.map((p) => field(p, t)).join(' · ');
  }
}
