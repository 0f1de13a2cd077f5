/** The rectification ledger's words and colours, the same in the list and on an item's page. */
import type { Bilingual } from '../../../src/core/rules/finding.ts';
import { RECTIFICATION_SOURCES, RECTIFICATION_STATES, SOURCE_NAMES, type RectificationSource } from '../../../src/core/rectification/rectification.ts';

export { RECTIFICATION_SOURCES, RECTIFICATION_STATES, SOURCE_NAMES, type RectificationSource };

/** The states as the kind names them (kinds/rectification). */
export const RECTIFICATION_STATE_NAMES: Readonly<Record<string, Bilingual>> = {
  open: { zh: '待整改', en: 'open' },
  reported: { zh: '已报整改情况', en: 'reported' },
  accepted: { zh: '整改已验收', en: 'accepted' },
  reopened: { zh: '整改未通过', en: 'reopened' },
};

export const RECTIFICATION_STATE_COLORS: Readonly<Record<string, string>> = { open: 'processing', reported: 'gold', accepted: 'success', reopened: 'error' };

/** A state's name, or the state itself when the kind grows one. */
export const rectificationStateName = (state: string): Bilingual => RECTIFICATION_STATE_NAMES[state] ?? { zh: state, en: state };

/** The kind of document each source is found in (for picking it). */
export const SOURCE_KINDS: Readonly<Record<Exclude<RectificationSource, 'manual'>, string>> = {
  'target-return': 'project-target',
  'monitoring-report': 'monitoring-report',
  assessment: 'assessment',
  'sampling-review': 'assessment',
};

/** Where a source document's own page is. */
export function sourcePath(kind: string | null, id: string | null): string | null {
  if (!kind || !id) return null;
  if (kind === 'monitoring-report') return `/monitoring/reports/${id}`;
  if (kind === 'assessment') return `/assessments/${id}`;
  if (kind === 'self-evaluation') return `/evaluations/${id}`;
  if (kind === 'project-target' || kind === 'department-target') return `/declarations/${id}`;
  return null;
}

/** A line of the ledger (GET /api/v1/rectifications). */
export interface RectificationRow {
  readonly id: string;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly year: number;
  readonly state: string;
  readonly title: string;
  readonly projectName: string | null;
  readonly deadline: string;
  readonly overdue: boolean;
  readonly source: { type: RectificationSource; documentId: string | null; documentKind: string | null; ref: string | null };
  readonly files: number;
  readonly required: number;
  readonly updatedAt: string;
}

/** The ledger counted for one department (GET /api/v1/rectifications/by-department). */
export interface RectificationCounts {
  readonly departmentId: string;
  readonly departmentName: string;
  readonly total: number;
  readonly open: number;
  readonly reported: number;
  readonly accepted: number;
  readonly reopened: number;
  readonly overdue: number;
}

/** A file of a document (GET /api/v1/documents/:id/files). */
export interface DocumentFile {
  readonly id: string;
  readonly item: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly uploadedBy: { id: string; displayName: string } | null;
  readonly uploadedAt: string;
}
