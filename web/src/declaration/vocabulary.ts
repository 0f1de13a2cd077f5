/**
 * The words of the domain in both languages, for everything the app shows: indicator classes, review
 * grades, states. The stored values stay as the forms print them (Chinese); only what is shown changes.
 */
import { STATE_NAMES, type DeclarationState } from '../../../src/core/workflow.ts';

type T = (zh: string, en: string) => string;

const CLASS_NAMES: Readonly<Record<string, string>> = {
  产出指标: 'Output',
  效益指标: 'Benefit',
  满意度指标: 'Satisfaction',
  成本指标: 'Cost',
  数量指标: 'Quantity',
  质量指标: 'Quality',
  时效指标: 'Timeliness',
  经济效益指标: 'Economic benefit',
  社会效益指标: 'Social benefit',
  生态效益指标: 'Ecological benefit',
  环境效益指标: 'Environmental benefit',
  可持续影响指标: 'Sustainable impact',
  服务对象满意度指标: 'Beneficiary satisfaction',
  经济成本指标: 'Economic cost',
  社会成本指标: 'Social cost',
  生态环境成本指标: 'Eco-environmental cost',
};

/** An indicator class as shown: the printed name in Chinese, its English name in English (unknown names as printed). */
export function className(name: string | null, t: T): string {
  if (name === null) return '—';
  const en = Object.hasOwn(CLASS_NAMES, name) ? CLASS_NAMES[name] : undefined;
  return en ? t(name, en) : name;
}

const GRADE_NAMES: Readonly<Record<string, string>> = { 优: 'Excellent', 良: 'Good', 中: 'Fair', 差: 'Poor' };

/** A review grade as shown (优 / Excellent). */
export function gradeName(grade: string | null, t: T): string {
  if (grade === null) return '—';
  const en = Object.hasOwn(GRADE_NAMES, grade) ? GRADE_NAMES[grade] : undefined;
  return en ? t(grade, `${en} (${grade})`) : grade;
}

/** A workflow state as shown, capitalised in English. */
export function stateName(state: DeclarationState, t: T): string {
  const names = STATE_NAMES[state];
  return t(names.zh, names.en.charAt(0).toUpperCase() + names.en.slice(1));
}
