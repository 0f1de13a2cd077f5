/**
 * 结果应用: what this year's results do to a continuing project's next-year amount (中发〔2018〕34号,
 * 财预〔2020〕10号). Plain data, a region's and year's choice (domain-evaluation.md §5): each result that
 * counts names an effect, and the rule's id is shown beside every figure it produces.
 */
import type { EvaluationGrade } from '../selfEvaluation.ts';

/** What a result does to last year's amount. Percentages are decimals of at most two places ("10", "2.5"). */
export type Effect =
  | { readonly type: 'keep' }
  | { readonly type: 'raise'; readonly percent: string }
  | { readonly type: 'cut'; readonly percent: string }
  /** 暂缓安排: nothing next year until the problem is fixed. */
  | { readonly type: 'suspend' }
  /** 取消: the project is not funded again. */
  | { readonly type: 'cancel' };

export type EffectType = Effect['type'];

/** A grade's effect for each of the four grades. */
export type GradeEffects = Readonly<Record<EvaluationGrade, Effect>>;

/** A region's rules for one budget year. */
export interface ResultRules {
  /**
   * The grade that counts — a key evaluation's, else a sampling review's (抽评, which replaces the
   * self-evaluation's), else the self-evaluation's — and what it does.
   */
  readonly grades: GradeEffects;
  /** A key evaluation's grade, when the region treats it differently (null: as `grades`). */
  readonly keyEvaluation: GradeEffects | null;
  /** An ex-ante assessment 不予支持 (reject); its 核减 (cut) is taken off when `applyCut`. */
  readonly exAnte: { readonly reject: Effect; readonly applyCut: boolean };
  /** A red monitoring light left unrectified (the year's last report still red). */
  readonly redLight: Effect;
}

/** The practice of domain-evaluation.md §5: 优 up to 5%, 良 keep, 中 cut 10%, 差 cancel; red light cut 20%. */
export const DEFAULT_RESULT_RULES: ResultRules = {
  grades: { 优: { type: 'raise', percent: '5' }, 良: { type: 'keep' }, 中: { type: 'cut', percent: '10' }, 差: { type: 'cancel' } },
  keyEvaluation: null,
  exAnte: { reject: { type: 'cancel' }, applyCut: true },
  redLight: { type: 'cut', percent: '20' },
};

/** Where a rule sits in the rules: `grades.中`, `keyEvaluation.差`, `exAnte.reject`, `exAnte.cut`, `redLight`. */
export type RuleId = `grades.${EvaluationGrade}` | `keyEvaluation.${EvaluationGrade}` | 'exAnte.reject' | 'exAnte.cut' | 'redLight' | 'none' | 'exception';

/** Every rule a table can show, in the order the rules list them (the demo fires each). */
export const RULE_IDS: readonly RuleId[] = ['grades.优', 'grades.良', 'grades.中', 'grades.差', 'keyEvaluation.优', 'keyEvaluation.良', 'keyEvaluation.中', 'keyEvaluation.差', 'exAnte.reject', 'exAnte.cut', 'redLight', 'none', 'exception'];

/** An effect in words: 「核减 10%」 / "cut 10%". */
export function effectText(effect: Effect): { zh: string; en: string } {
  switch (effect.type) {
    case 'keep':
      return { zh: '据实保障', en: 'keep' };
    case 'raise':
      return { zh: `优先保障，增加 ${effect.percent}%`, en: `raise ${effect.percent}%` };
    case 'cut':
      return { zh: `核减 ${effect.percent}%`, en: `cut ${effect.percent}%` };
    case 'suspend':
      return { zh: '暂缓安排', en: 'suspend' };
    case 'cancel':
      return { zh: '取消安排', en: 'cancel' };
  }
}

/** A rule's name: 「自评/抽评等级“中”」 / "grade 中". */
export function ruleName(id: RuleId): { zh: string; en: string } {
  if (id.startsWith('grades.')) return { zh: `评价等级“${id.slice(7)}”`, en: `grade ${id.slice(7)}` };
  if (id.startsWith('keyEvaluation.')) return { zh: `重点评价等级“${id.slice(14)}”`, en: `key evaluation ${id.slice(14)}` };
  switch (id) {
    case 'exAnte.reject':
      return { zh: '事前评估不予支持', en: 'ex-ante: not supported' };
    case 'exAnte.cut':
      return { zh: '事前评估核减', en: 'ex-ante cut' };
    case 'redLight':
      return { zh: '监控红灯未整改', en: 'red light unrectified' };
    case 'none':
      return { zh: '无评价结果', en: 'no result' };
    default:
      return { zh: '例外调整', en: 'exception' };
  }
}
