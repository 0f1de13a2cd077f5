/**
 * A JSON Pointer into a declaration, said in words and numbered as the user sees the form:
 * `/indicators/24/annualTarget` → `绩效指标第 25 行「网站考评分数」· 年度指标值`.
 */
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';

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

const field = (key: string, t: (zh: string, en: string) => string): string => (Object.hasOwn(FIELD_NAMES, key) ? t(...(FIELD_NAMES[key] as [string, string])) : key);

/** Says where a pointer points, in the language chosen; rows numbered from 1. */
export function pointerLabel(content: DepartmentTargetDeclaration | undefined, path: string, t: (zh: string, en: string) => string): string {
  if (path === '') return t('整张表', 'whole form');
  const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
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
      const name = content?.projects[n]?.name.trim();
      return `${t(`重点项目 ${n + 1}`, `key project ${n + 1}`)}${name ? `「${name}」` : ''}${inner ? ` · ${inner}` : ''}`;
    }
    case 'goals':
      return has ? t(`目标${n + 1}`, `goal ${n + 1}`) : field(section, t);
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
