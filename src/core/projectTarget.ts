/**
 * The project target form (项目支出绩效目标申报表) as plain data: one project's money, goals and
 * indicators, declared beside its department's department-wide form. See docs/format-project.md.
 *
 * It shares the family's common parts (document.ts): header, year, the indicator tree with parsed
 * targets, `emptyLevel2`, `unparsed`. Every per-indicator column a region may print is a field here,
 * null where the form has no such column, so that no column is ever lost.
 */
import type { Amount, IndicatorRow, UnparsedText } from './document.ts';
import { SCHEMA_VERSION } from './document.ts';
import { parseTargetValue } from './targetValue.ts';

/** The project's identity and description (项目基本情况). */
export interface ProjectInfo {
  /** 项目名称 */
  name: string | null;
  /** 项目编码 / 项目代码 */
  code: string | null;
  /** 项目类型 / 项目类别 / 项目分类, as printed (the ticked box where the form has check boxes). */
  category: string | null;
  /** 项目属性 / 项目性质: 新增 / 延续, 常年性 / 一次性 …, as printed (the ticked box). */
  nature: string | null;
  /** 实施期 / 项目起止时间 / 建设周期: `start` and `end` as `YYYY-MM` (or `YYYY`) where readable. */
  period: { start: string | null; end: string | null; text: string | null };
  /** 立项依据 / 政策依据 */
  basis: string | null;
  /** 项目概况 / 主要内容 / 资金用途 */
  content: string | null;
}

/** The project's money (项目资金), in 万元. */
export interface ProjectFunds {
  /** 资金总额 / 年度资金总额 / 项目预算 */
  total: Amount;
  /** 财政拨款 (本年财政拨款, 财政资金 …) where printed as one figure. */
  fiscal: Amount;
  /** 其他资金 */
  other: Amount;
  /** Every printed split in order, whatever the region calls it (本年财政拨款, 上年结转, 中央补助 …). */
  items: Array<{ label: string; amount: Amount }>;
}

/** One indicator row of a project form: the family's row plus the columns regions add. */
export interface ProjectIndicator extends IndicatorRow {
  /** 计量单位 / 度量单位 column; null where the form has none. */
  unit: string | null;
  /** 绩效标准 / 取值依据 column. */
  standard: string | null;
  /** 指标解释 / 指标内容 / 计算公式 column. */
  explanation: string | null;
  /** 评（扣）分标准 column. */
  scoringRule: string | null;
  /** 分值 / 权重 column, as printed. */
  weight: string | null;
  /** 备注 column. */
  note: string | null;
  /** True when the row is marked as a core indicator (★). */
  core: boolean;
}

/**
 * The finance bureau's ex-ante assessment of the project (事前绩效评估), as Jixiao writes it into the
 * form when the bureau concludes: the decision and the amounts supported and cut (万元). Never typed:
 * the server writes it from the concluded assessment on every save.
 */
export interface ExAnteRecord {
  /** The assessment's id. */
  assessment: string;
  decision: 'support' | 'support-after-adjustment' | 'reject';
  grade: string | null;
  total: string | null;
  supported: string | null;
  cut: string | null;
  concludedAt: string | null;
}

/** A project target declaration. */
export interface ProjectTargetDeclaration {
  schemaVersion: typeof SCHEMA_VERSION;
  kind: 'project-target';
  title: string | null;
  year: number | null;
  /** 预算部门 / 主管部门 */
  department: string | null;
  /** 实施单位 / 项目单位 (may equal `department`). */
  implementer: string | null;
  unit: '万元';
  project: ProjectInfo;
  funds: ProjectFunds;
  /** 实施期 / 长期 / 总体目标: one text, or the numbered goals as a list where printed so. */
  periodGoal: string | string[];
  /** 年度目标 / 本年度目标: one text, or a list. */
  annualGoal: string | string[];
  indicators: ProjectIndicator[];
  emptyLevel2: Array<[string | null, string]>;
  /** Header fields the model has no place for (填报人, 联系电话, 资金用途 …), label and value as printed. */
  extra: Array<{ label: string; value: string }>;
  unparsed: UnparsedText[];
  /** The ex-ante assessment's conclusion, where the bureau has concluded one (written by Jixiao). */
  exAnte?: ExAnteRecord | null | undefined;
}

/** A project form with nothing filled in. */
export function emptyProjectTarget(department: string | null = null, year: number | null = null): ProjectTargetDeclaration {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'project-target',
    title: '项目支出绩效目标申报表',
    year,
    department,
    implementer: department,
    unit: '万元',
    project: { name: null, code: null, category: null, nature: null, period: { start: null, end: null, text: null }, basis: null, content: null },
    funds: { total: null, fiscal: null, other: null, items: [] },
    periodGoal: '',
    annualGoal: '',
    indicators: [],
    emptyLevel2: [],
    extra: [],
    unparsed: [],
  };
}

/** A project indicator row with the given cells and every other column absent. */
export function projectIndicator(level1: string | null, level2: string | null, name: string, annualTarget: string, periodTarget: string | null = null): ProjectIndicator {
  return {
    level1,
    level2,
    name,
    periodTarget,
    annualTarget,
    periodTargetValue: parseTargetValue(periodTarget ?? ''),
    annualTargetValue: parseTargetValue(annualTarget),
    unit: null,
    standard: null,
    explanation: null,
    scoringRule: null,
    weight: null,
    note: null,
    core: false,
  };
}

/** The goals as a list, whether printed as one text or numbered. */
export function goalList(goal: string | string[]): string[] {
  if (Array.isArray(goal)) return goal;
  return goal.trim() === '' ? [] : [goal];
}
