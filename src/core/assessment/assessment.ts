/**
 * An assessment (评估评价) as plain data: a weighted tree of criteria scored by one or more scorers
 * against a subject, with evidence per criterion, findings, a conclusion and the computed result.
 * One shape serves the finance bureau's four stages (domain-evaluation.md §1–§4): 事前绩效评估 of a
 * project or a policy, 重点绩效评价, 部门整体评价 and 抽评 of a self-evaluation. See
 * docs/format-assessment.md; the JSON names are fixed (scripts rely on them).
 */

export const ASSESSMENT_PURPOSES = ['ex-ante-project', 'ex-ante-policy', 'key-evaluation', 'department-evaluation', 'sampling-review'] as const;
export type AssessmentPurpose = (typeof ASSESSMENT_PURPOSES)[number];

export const PURPOSE_NAMES: Readonly<Record<AssessmentPurpose, { readonly zh: string; readonly en: string }>> = {
  'ex-ante-project': { zh: '项目事前绩效评估', en: 'Ex-ante assessment of a project' },
  'ex-ante-policy': { zh: '政策事前绩效评估', en: 'Ex-ante assessment of a policy' },
  'key-evaluation': { zh: '重点绩效评价', en: 'Key evaluation' },
  'department-evaluation': { zh: '部门整体绩效评价', en: 'Department-wide evaluation' },
  'sampling-review': { zh: '绩效自评抽评', en: 'Sampling review of a self-evaluation' },
};

/** Is the purpose an ex-ante assessment (a decision to support, adjust or reject)? */
export function isExAnte(purpose: AssessmentPurpose): boolean {
  return purpose === 'ex-ante-project' || purpose === 'ex-ante-policy';
}

/** What is assessed: a project form, a department's year, a policy described here, or a self-evaluation. */
export const SUBJECT_KINDS = ['project-target', 'department-target', 'department-year', 'policy', 'self-evaluation'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface AssessmentSubject {
  kind: SubjectKind;
  /** The Jixiao id of the document (or the department, for a department-year); null for a policy or a sheet made elsewhere. */
  id: string | null;
  name: string;
  department: string | null;
  /** The money asked for or spent (万元), exact. */
  amount: string | null;
  /** What the subject is: background, content, targets (a policy is described here). */
  description?: string | undefined;
}

/**
 * How a criterion is scored (评分标准):
 * - `judgement`: the scorer's score within [0, weight], against the text;
 * - `bands`: 优/良/中/差 …, each a range in percent of the weight (`from` inclusive, `to` exclusive
 *   except for the highest band); a score must fall in a band;
 * - `deduction`: full points less `per` for every unit the measure lies beyond `limit`
 *   (`above`: 在职人员控制率 over 100%, −0.5 per percentage point), never below zero — computed
 *   when the measure is known, else scored by judgement against the text;
 * - `formula`: weight × min(measure, full) ÷ full (预算执行率 against 100%), computed.
 */
export type Standard =
  | { type: 'judgement'; text: string }
  | { type: 'bands'; text: string; bands: Array<{ name: string; from: string; to: string }> }
  | { type: 'deduction'; text: string; measure: string | null; limit: string | null; per: string | null; direction: 'above' | 'below' }
  | { type: 'formula'; text: string; measure: string; full: string };

export interface Criterion {
  id: string;
  /** The criterion above (null: a first-level criterion, 一级指标). */
  parent: string | null;
  name: string;
  /** Points (分值), a decimal with at most two places. */
  weight: string;
  /** 评分要点. */
  guidance: string;
  standard: Standard;
  /** The documents asked for (the evidence checklist), where the template names them. */
  evidence?: string[] | undefined;
}

export interface AssessmentTemplateRef {
  name: string;
  version: number;
  criteria: Criterion[];
}

export const SCORER_ROLES = ['expert', 'agency', 'bureau', 'self'] as const;
export type ScorerRole = (typeof SCORER_ROLES)[number];

export interface Scorer {
  /** A user's id for someone who scores in Jixiao; any other id for scores typed in from paper. */
  id: string;
  name: string;
  role: ScorerRole;
  /** The scorer's weight in a weighted mean (a decimal); null counts as 1. */
  weight: string | null;
}

export interface Score {
  scorer: string;
  criterion: string;
  /** A decimal with at most two places, within [0, the criterion's weight]. */
  score: string;
  reason: string;
}

export const AGGREGATION_METHODS = ['mean', 'trimmed-mean', 'weighted-mean'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

export interface Aggregation {
  method: AggregationMethod;
  /** For a trimmed mean: how many of the highest and of the lowest scores are dropped (1). */
  drop: number;
}

export const EVIDENCE_STATUSES = ['missing', 'received', 'accepted', 'rejected'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export interface EvidenceItem {
  /** The criterion it supports (null: the assessment as a whole). */
  criterion: string | null;
  name: string;
  status: EvidenceStatus;
  /** The stored file's id (uploaded to Jixiao), or null. */
  file: string | null;
}

export interface AssessmentFinding {
  criterion: string | null;
  /** 事实依据 */
  fact: string;
  /** 发现的问题 */
  problem: string;
  /** 分析判断 */
  analysis: string;
  /** 结论 */
  conclusion: string;
  /** 建议: the recommendation tied to this problem. */
  advice?: string | undefined;
  /** The scorer who wrote it (an agency's work); null or absent: the bureau. */
  by?: string | null | undefined;
}

export const DECISIONS = ['support', 'support-after-adjustment', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_NAMES: Readonly<Record<Decision, { readonly zh: string; readonly en: string }>> = {
  support: { zh: '予以支持', en: 'supported' },
  'support-after-adjustment': { zh: '调整后予以支持', en: 'supported after adjustment' },
  reject: { zh: '不予支持', en: 'not supported' },
};

export interface Conclusion {
  grade: string | null;
  /** Ex-ante only. */
  decision: Decision | null;
  /** 万元 supported, exact. */
  supported: string | null;
  /** 万元 cut (核减), exact. */
  cut: string | null;
  advice: string;
}

/** A figure a formula or deduction reads (预算执行率 …), with where it came from. */
export interface MeasureValue {
  /** A decimal (percent for rates), or null when unknown. */
  value: string | null;
  source: string;
}

/** The sampling review's blend of its two parts (quality 0.4, re-score 0.6). */
export interface Blend {
  quality: string;
  rescore: string;
}

/** One criterion's computed result. */
export interface CriterionResult {
  id: string;
  name: string;
  parent: string | null;
  /** 1 for 一级, 2 for 二级 … */
  level: number;
  weight: string;
  leaf: boolean;
  /** The aggregate, two places, within [0, weight]; null until it can be computed. */
  score: string | null;
  /** Where the score came from: the scorers, a formula or deduction of data, or the criteria below. */
  source: 'scorers' | 'data' | 'children';
  /** How it was computed from the data (`10 − 0.5 × (105.00 − 100)`). */
  expression: string | null;
  /** The band the aggregate falls in, for a banded criterion. */
  band: string | null;
  /** Each scorer's score (the department's self-score is `self`, not aggregated). */
  scores: Array<{ scorer: string; score: string }>;
  self: string | null;
  min: string | null;
  max: string | null;
  /** max − min of the scorers' scores. */
  spread: string | null;
  /** Scorers far from the panel's median on this criterion (by more than the region's share of its weight). */
  outliers: string[];
}

export interface ScorerResult {
  id: string;
  name: string;
  role: ScorerRole;
  /** The scorer's own total (data-computed criteria included), once every criterion is scored. */
  total: string | null;
  levels: Array<{ id: string; score: string | null }>;
  complete: boolean;
  /** The scorer's total less the median of the panel's totals (with three scorers or more). */
  deviation: string | null;
  /** Far from the panel. */
  flagged: boolean;
}

export interface AssessmentResult {
  criteria: CriterionResult[];
  /** The first-level criteria: the total is the sum of their printed scores (a sampling review: its two parts, blended). */
  levels: Array<{ id: string; name: string; weight: string; score: string | null }>;
  scorers: ScorerResult[];
  total: string | null;
  grade: string | null;
  /** Every criterion has its score. */
  complete: boolean;
  /** Ex-ante: what the grade suggests (优/良 support, 中 adjust, 差 reject); the bureau decides. */
  suggestedDecision: Decision | null;
  /** A sampling review: the quality and re-score parts, the blend, and the department's own score beside. */
  sampling: { quality: string | null; rescore: string | null; blend: Blend; self: { score: string | null; grade: string | null }; difference: string | null } | null;
}

export interface Assessment {
  kind: 'assessment';
  schemaVersion: 1;
  title: string;
  year: number | null;
  purpose: AssessmentPurpose;
  subject: AssessmentSubject;
  template: AssessmentTemplateRef;
  scorers: Scorer[];
  scores: Score[];
  aggregation: Aggregation;
  evidence: EvidenceItem[];
  findings: AssessmentFinding[];
  conclusion: Conclusion;
  /** Figures formulas read, by measure id (`execution-rate`): filled from what Jixiao holds, or typed. */
  data: Record<string, MeasureValue>;
  /** A sampling review's blend; null otherwise. */
  blend: Blend | null;
  /** Computed on every save. */
  result: AssessmentResult | null;
}

/** The grades and their lower bounds (inclusive), highest first: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差. */
export interface GradeBands {
  readonly 优: number;
  readonly 良: number;
  readonly 中: number;
}

export const DEFAULT_GRADES: GradeBands = { 优: 90, 良: 80, 中: 60 };

/** What a region may set about assessments. */
export interface AssessmentSettings {
  readonly grades: GradeBands;
  /** A scorer further from the panel's median than this share of a criterion's weight is flagged on it. */
  readonly outlierShare: string;
  /** A scorer whose total is further than these points from the median of the panel's totals is flagged. */
  readonly outlierPoints: string;
  /** The sampling review's blend. */
  readonly blend: Blend;
}

export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = { grades: DEFAULT_GRADES, outlierShare: '0.3', outlierPoints: '10', blend: { quality: '0.4', rescore: '0.6' } };

/** An empty conclusion. */
export function emptyConclusion(): Conclusion {
  return { grade: null, decision: null, supported: null, cut: null, advice: '' };
}
