/**
 * 整改台账: one problem a department must fix — found in a returned target form's opinion, a
 * monitoring report accepted with rectification advice, an assessment's finding, a sampling review's
 * finding, or written by hand — with its source, deadline, the evidence it needs, and the department's
 * answer (中发〔2018〕34号: problems found are rectified and the rectification followed up). Pure data and
 * functions; the workflow is the kind's (kinds/rectification).
 */

/** Where a problem was found. */
export const RECTIFICATION_SOURCES = ['target-return', 'monitoring-report', 'assessment', 'sampling-review', 'manual'] as const;
export type RectificationSource = (typeof RECTIFICATION_SOURCES)[number];

export const SOURCE_NAMES: Record<RectificationSource, { zh: string; en: string }> = {
  'target-return': { zh: '绩效目标审核退回意见', en: "a returned target form's opinion" },
  'monitoring-report': { zh: '运行监控整改意见', en: "a monitoring report's rectification advice" },
  assessment: { zh: '评估评价发现的问题', en: "an assessment's finding" },
  'sampling-review': { zh: '抽评发现的问题', en: "a sampling review's finding" },
  manual: { zh: '手工登记', en: 'entered by hand' },
};

/** A file proving the fix, answering an item of `evidenceRequired` (or an extra one). */
export interface RectificationFile {
  item: string;
  file: string;
  name: string;
}

export interface Rectification {
  kind: 'rectification';
  /** 问题: what is wrong, in a line. */
  title: string;
  /** 问题描述: the problem as found (the opinion, advice or finding, quoted). */
  problem: string;
  source: {
    type: RectificationSource;
    /** The Jixiao document it was found in (null: by hand). */
    documentId: string | null;
    documentKind: string | null;
    /** What in it (a finding's index, a version). */
    ref: string | null;
  };
  /** The project it concerns (its next-year form may be held while the item is overdue); null: department-wide. */
  projectName: string | null;
  /** 整改期限, YYYY-MM-DD. */
  deadline: string;
  /** 整改要求: what the bureau asks. */
  requirement: string;
  /** 佐证材料要求: the files that prove it, by name. */
  evidenceRequired: string[];
  /** The department's answer: what it did (整改情况), and the files that show it. */
  response: { text: string; files: RectificationFile[] };
}

/** States in which the department still owes the fix. */
export const OWED_STATES: ReadonlySet<string> = new Set(['open', 'reopened']);
export const RECTIFICATION_STATES = ['open', 'reported', 'accepted', 'reopened'] as const;

/** Is the item overdue on `today` (YYYY-MM-DD): still owed after its deadline? */
export function isOverdue(state: string, deadline: string, today: string): boolean {
  return OWED_STATES.has(state) && deadline < today;
}

/** The required evidence no file answers yet. */
export function missingEvidence(item: Pick<Rectification, 'evidenceRequired' | 'response'>): string[] {
  const answered = new Set(item.response.files.map((f) => f.item));
  return item.evidenceRequired.filter((name) => !answered.has(name));
}

/** A valid calendar day YYYY-MM-DD? */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The day `days` after `day` (both YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One department's items counted: open, reported, accepted, reopened, and overdue among the owed. */
export interface RectificationCounts {
  total: number;
  open: number;
  reported: number;
  accepted: number;
  reopened: number;
  overdue: number;
}

/** Counts items by state and overdue. */
export function countItems(items: ReadonlyArray<{ state: string; deadline: string }>, today: string): RectificationCounts {
  const counts: RectificationCounts = { total: 0, open: 0, reported: 0, accepted: 0, reopened: 0, overdue: 0 };
  for (const item of items) {
    counts.total += 1;
    if (item.state === 'open' || item.state === 'reported' || item.state === 'accepted' || item.state === 'reopened') counts[item.state] += 1;
    if (isOverdue(item.state, item.deadline, today)) counts.overdue += 1;
  }
  return counts;
}
