/** A JSON Pointer into a declaration, said in words: `/indicators/3/annualTarget` → `指标「…」年度指标值`. */
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';

const FIELD_NAMES: Record<string, [string, string]> = {
  department: ['部门名称', 'department'],
  title: ['表题', 'title'],
  year: ['年度', 'year'],
  budget: ['部门预算', 'budget'],
  basic: ['基本支出', 'basic'],
  project: ['项目支出', 'project'],
  total: ['合计', 'total'],
  income: ['收入来源', 'income'],
  developmental: ['事业发展性支出', 'developmental'],
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
  level1: ['一级指标', 'level 1'],
  level2: ['二级指标', 'level 2'],
};

/** Says where a pointer points, in the language chosen. */
export function pointerLabel(content: DepartmentTargetDeclaration | undefined, path: string, t: (zh: string, en: string) => string): string {
  if (path === '') return t('整张表', 'whole form');
  const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [section, index, ...rest] = parts;
  const field = rest.map((r) => (FIELD_NAMES[r] ? t(...FIELD_NAMES[r]) : r)).join(' · ');
  const n = Number(index);
  switch (section) {
    case 'indicators': {
      const name = content?.indicators[n]?.name;
      return `${t('指标', 'indicator')}「${name ?? n + 1}」${field ? ` ${field}` : ''}`;
    }
    case 'projects': {
      const name = content?.projects[n]?.name;
      return `${t('项目', 'project')}「${name ?? n + 1}」${field ? ` ${field}` : ''}`;
    }
    case 'goals':
      return `${t('目标', 'goal ')}${n + 1}`;
    case 'otherTasks':
      return `${t('其他任务', 'other task ')}${n + 1}`;
    default:
      return parts.map((p) => (FIELD_NAMES[p] ? t(...FIELD_NAMES[p]) : p)).join(' · ');
  }
}
