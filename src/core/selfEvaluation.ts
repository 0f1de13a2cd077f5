/**
 * The year-end self-evaluation (绩效自评表, 财预〔2020〕10号) as plain data: for one target form (a
 * project's or the department's) and its year, the funds executed, what each goal achieved, each
 * indicator's actual value with its points and score, the total and the grade. See
 * docs/format-evaluation.md.
 *
 * Actual values are typed like targets (numbers with units, dates, the grades 达成 / 部分达成 / 未达成),
 * so that each is scored against its target by the formulas of core/evaluation/scoring.ts.
 */
import { SCHEMA_VERSION, type Amount, type DocumentKind, type UnparsedText } from './document.ts';

/** The grades of a self-evaluation's total (10号: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below). */
export type EvaluationGrade = '优' | '良' | '中' | '差';
export const EVALUATION_GRADES: readonly EvaluationGrade[] = ['优', '良', '中', '差'];

/** A line of the funds block: 年度资金总额 and its sources (当年财政拨款, 上年结转资金, 其他资金 …). */
export interface FundsItem {
  label: string;
  /** 年初预算数 */
  initialBudget: Amount;
  /** 全年预算数 / 调整后预算数 */
  annualBudget: Amount;
  /** 全年执行数 / 预算执行数 */
  executed: Amount;
}

/** The funds block of the table, in 万元, exact. */
export interface EvaluationFunds {
  initialBudget: Amount;
  annualBudget: Amount;
  executed: Amount;
  /** 分值 of budget execution (10 by default), as printed; null when the table gives none. */
  points: string | null;
  /** 得分 as printed (or as the department typed it); Jixiao recomputes it. */
  score: string | null;
  items: FundsItem[];
  /** Why execution fell short (required below the configured rate, 90% by default). */
  reason: string;
}

/** A goal and what came of it (年度总体目标: 预期目标 / 实际完成情况). */
export interface EvaluationGoal {
  expected: string;
  achieved: string;
}

/** One indicator of the target form with its year-end result. */
export interface EvaluationIndicator {
  level1: string | null;
  level2: string | null;
  name: string;
  /** 年度指标值 as the target form printed it. */
  annualTarget: string;
  /** 实际完成值, typed like a target: `520人次`, `92%`, `2025-11-20`, `达成` / `部分达成` / `未达成`. */
  actual: string;
  /** 分值 / 权重, a decimal string; null when not given. */
  points: string | null;
  /**
   * 得分 as printed or typed. For quantitative indicators Jixiao computes it and reports a
   * disagreement; for qualitative ones the evaluator picks it inside the grade's band.
   */
  score: string | null;
  /** False when the indicator does not apply this year: dropped, the rest rescaled. */
  applicable: boolean;
  /** 偏差原因分析及改进措施 */
  deviation: { reason: string; measures: string };
}

/** A self-evaluation of one target form for its year. */
export interface SelfEvaluation {
  schemaVersion: typeof SCHEMA_VERSION;
  kind: 'self-evaluation';
  title: string | null;
  year: number | null;
  department: string | null;
  /** 实施单位, when the table names one apart from the department. */
  implementer: string | null;
  /** The project's name, for a project; null for the department-wide self-evaluation. */
  projectName: string | null;
  /** The target form evaluated: its Jixiao id (null for a table made elsewhere), kind and version. */
  target: { id: string | null; kind: DocumentKind; version: number | null };
  funds: EvaluationFunds;
  goals: EvaluationGoal[];
  indicators: EvaluationIndicator[];
  /** 总分 as printed; Jixiao recomputes it. */
  total: string | null;
  /** 评价等级 as printed; Jixiao recomputes it. */
  grade: EvaluationGrade | null;
  /** 评价结论, 存在问题, 改进措施 */
  conclusion: string;
  problems: string;
  improvements: string;
  unparsed: UnparsedText[];
}

/** A self-evaluation with nothing filled in, for a target form. */
export function emptySelfEvaluation(target: SelfEvaluation['target'], year: number | null): SelfEvaluation {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'self-evaluation',
    title: target.kind === 'project-target' ? '项目支出绩效自评表' : '部门整体支出绩效自评表',
    year,
    department: null,
    implementer: null,
    projectName: null,
    target,
    funds: { initialBudget: null, annualBudget: null, executed: null, points: '10', score: null, items: [], reason: '' },
    goals: [],
    indicators: [],
    total: null,
    grade: null,
    conclusion: '',
    problems: '',
    improvements: '',
    unparsed: [],
  };
}
