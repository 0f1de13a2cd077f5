/**
 * The family of documents of the yearly cycle, and the parts every member shares.
 *
 * A target form (department-wide or project) declares indicators; the monitoring report and the
 * self-evaluation (docs/architecture.md, "The family of documents") will attach to an approved target
 * form and add actual values per indicator. What they share is defined here once: the header (title,
 * year, department), the indicator row with its parsed targets, `emptyLevel2`, `unparsed`.
 */
import type { DepartmentTargetDeclaration } from './declaration.ts';
import type { ProjectTargetDeclaration } from './projectTarget.ts';
import type { TargetValue } from './targetValue.ts';

/** Version of the canonical JSON layout; bumped on any incompatible change. */
export const SCHEMA_VERSION = 1;

/** An amount in 万元 as an exact decimal string such as `"4417.50"`; null when the form gives none. */
export type Amount = string | null;

/** The kinds of stored documents. */
export const DOCUMENT_KINDS = ['department-target', 'project-target'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A target form of any kind. */
export type TargetDocument = DepartmentTargetDeclaration | ProjectTargetDeclaration;

/** Chinese and English names of the kinds, for messages and lists. */
export const DOCUMENT_KIND_NAMES: Record<DocumentKind, { zh: string; en: string }> = {
  'department-target': { zh: '部门整体绩效目标申报表', en: 'Department-wide target form' },
  'project-target': { zh: '项目支出绩效目标申报表', en: 'Project target form' },
};

/** True for a known document kind. */
export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

/** One row of a three-level indicator table, as every kind of document holds it. */
export interface IndicatorRow {
  /** 一级指标 as printed above the row, e.g. 产出指标; null when no label preceded it. */
  level1: string | null;
  /** 二级指标 as printed above the row, e.g. 数量指标; null when none. */
  level2: string | null;
  /** 三级指标: the indicator's name. */
  name: string;
  /** 实施周期指标值 exactly as printed ("" when the cell is blank; null when the form has no such column). */
  periodTarget: string | null;
  /** 年度指标值 exactly as printed. */
  annualTarget: string;
  /** `periodTarget` understood by the target grammar. */
  periodTargetValue: TargetValue;
  /** `annualTarget` understood by the target grammar. */
  annualTargetValue: TargetValue;
  /** Set when the row was copied from last year's form: last year's annual target as printed. */
  carriedOver?: string;
}

/** Source text an importer could not place, with its 1-based line number. */
export interface UnparsedText {
  line: number;
  text: string;
  /** Where in the source it sits, for sources with cells or pages: `Sheet1!C12`, `第2页 第5行第3列`. */
  at?: string;
}

/** The total money a document declares, in 万元. */
export function documentTotal(document: TargetDocument): Amount {
  return document.kind === 'project-target' ? document.funds.total : document.budget.total;
}
