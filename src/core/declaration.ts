/**
 * The department-wide budget performance target form (部门整体预算绩效目标申报表) as plain data.
 *
 * This is the canonical JSON format itself (see docs/format.md): amounts are exact decimal strings
 * in 万元, targets are kept exactly as printed beside their parsed {@link TargetValue}, and anything
 * an importer could not place is kept in `unparsed` with its source line.
 */
import { SCHEMA_VERSION, type Amount, type IndicatorRow, type UnparsedText } from './document.ts';

export { SCHEMA_VERSION, type Amount, type UnparsedText } from './document.ts';

/** Budget overview (预算整体情况), all in 万元. */
export interface BudgetOverview {
  /** 部门预算合计: printed, or else the sum of basic and project spending (see `totalDerived`). */
  total: Amount;
  /** True when `total` was not printed but computed as basic + project. */
  totalDerived: boolean;
  /** 基本支出 */
  basic: Amount;
  /** 项目支出 */
  project: Amount;
  /** 收入来源: 财政拨款 / 其他资金 */
  income: { fiscal: Amount; other: Amount };
  /** 事业发展性支出: 财政专项资金 / 其他事业发展性支出 */
  developmental: { specialFiscal: Amount; other: Amount };
  /** 按预算级次划分: 区本级使用资金 / 拟用于对下转移支付资金 */
  byLevel: { ownLevel: Amount; transferDown: Amount };
}

/** A key project or yearly key task (年度重点工作任务). */
export interface Project {
  /** 名称 / 任务 */
  name: string;
  /** 主要实施内容 */
  content: string;
  /** 拟投入的资金（万元） */
  amount: Amount;
  /** 期望达到的目标（概述）; empty when the form gives none. */
  expectedOutcome: string;
}

/** One row of the department-wide form's indicator table: both target columns are always printed. */
export interface Indicator extends IndicatorRow {
  /** 实施周期指标值 exactly as printed ("" when the cell is blank). */
  periodTarget: string;
  /**
   * Columns some regions print beside the targets, as printed; absent where the form has no such
   * column: 计量单位, 指标解释, 评（扣）分标准, 备注.
   */
  unit?: string;
  explanation?: string;
  scoringRule?: string;
  note?: string;
}

/** A department-wide target declaration, the unit of work of the yearly cycle. */
export interface DepartmentTargetDeclaration {
  schemaVersion: typeof SCHEMA_VERSION;
  kind: 'department-target';
  /** Form title as printed, e.g. 部门整体预算绩效目标申报表. */
  title: string | null;
  /** 部门名称 */
  department: string | null;
  /** Budget year; null when the form does not say and none was given. */
  year: number | null;
  /** Money unit of every amount; always 万元. */
  unit: '万元';
  /** 部门（单位）职责 / 职能概述, where the form prints it. */
  duties?: string;
  budget: BudgetOverview;
  projects: Project[];
  /** 总体绩效目标, without their 目标N： prefix. */
  goals: string[];
  /** 其他需完成的任务（可选填） */
  otherTasks: string[];
  indicators: Indicator[];
  /** Second-level groups printed with no indicator under them, as [level1, level2]. */
  emptyLevel2: Array<[string | null, string]>;
  unparsed: UnparsedText[];
}

/** An empty budget overview: every amount unknown. */
export function emptyBudget(): BudgetOverview {
  return {
    total: null,
    totalDerived: false,
    basic: null,
    project: null,
    income: { fiscal: null, other: null },
    developmental: { specialFiscal: null, other: null },
    byLevel: { ownLevel: null, transferDown: null },
  };
}

/** A declaration with nothing filled in, for a department and year. */
export function emptyDeclaration(department: string | null = null, year: number | null = null): DepartmentTargetDeclaration {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'department-target',
    title: null,
    department,
    year,
    unit: '万元',
    budget: emptyBudget(),
    projects: [],
    goals: [],
    otherTasks: [],
    indicators: [],
    emptyLevel2: [],
    unparsed: [],
  };
}
