/** What the assessment pages read from the API (the generic document routes and the assessments' own). */
import type { Assessment } from '../../../src/core/assessment/assessment.ts';

export interface DocumentFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly path: string;
  readonly message: { zh: string; en: string };
}

/** A line of `GET /api/v1/documents?kind=assessment`. */
export interface AssessmentItem {
  readonly kind: string;
  readonly id: string;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly year: number;
  readonly state: string;
  readonly version: number;
  readonly title: string | null;
  readonly projectName: string | null;
  readonly summary: {
    readonly amount: string | null;
    readonly score: string | null;
    readonly grade: string | null;
    readonly errorCount: number;
    readonly warningCount: number;
    readonly facts: { purpose?: string; scorers?: number; template?: string; decision?: string | null; supported?: string | null; cut?: string | null; subject?: { kind: string; id: string | null } };
  };
  readonly parentId: string | null;
  readonly updatedAt: string;
}

/** `GET /api/v1/documents/:id` of an assessment. */
export interface AssessmentView extends AssessmentItem {
  readonly allowedActions: string[];
  readonly canEdit: boolean;
  readonly canComment: boolean;
  readonly content: Assessment;
  readonly findings: DocumentFinding[];
  readonly decidedAt: string | null;
}

export interface Assignment {
  readonly userId: string;
  readonly displayName: string;
  readonly username: string;
  readonly role: string;
  readonly assignedAt: string;
}

export interface PanelMember {
  readonly id: string;
  readonly displayName: string;
  readonly username: string;
  readonly role: 'expert' | 'agency';
  readonly departmentId: string | null;
}

export interface EvidenceFile {
  readonly id: string;
  readonly criterion: string | null;
  readonly item: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedBy: { id: string; displayName: string } | null;
  readonly uploadedAt: string;
}

export interface TemplateSummary {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly purpose: string;
  readonly builtIn: boolean;
  readonly version: number;
  readonly problems: unknown[];
}
