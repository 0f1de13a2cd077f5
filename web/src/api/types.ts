/** The shapes of the API's answers, as the web app reads them (see /api/v1/openapi.json). */
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import type { Change } from '../../../src/core/jsonDiff.ts';
import type { Role } from '../../../src/core/policy.ts';
import type { Finding } from '../../../src/core/rules/finding.ts';
import type { DeclarationState, TransitionAction } from '../../../src/core/workflow.ts';

export type { Change, DeclarationState, DepartmentTargetDeclaration, Finding, Role, TransitionAction };

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleName: { zh: string; en: string };
  departmentId: string | null;
  regionId: string | null;
}

export interface SessionAnswer {
  user: SessionUser | null;
  csrfToken: string | null;
}

export interface RegionNode {
  id: string;
  name: string;
  level: 'province' | 'city' | 'district' | 'county';
  parentId: string | null;
  departments: Array<{ id: string; name: string }>;
  children: RegionNode[];
}

interface DeclarationHead {
  id: string;
  departmentId: string;
  departmentName: string;
  year: number;
  state: DeclarationState;
  version: number;
  reviewGrade: string | null;
  updatedAt: string;
}

export interface DeclarationSummary extends DeclarationHead {
  title: string | null;
  budgetTotal: string | null;
  errorCount: number;
  warningCount: number;
}

export interface DeclarationList {
  items: DeclarationSummary[];
  total: number;
}

export interface DeclarationView extends DeclarationHead {
  content: DepartmentTargetDeclaration;
  findings: Finding[];
  allowedActions: TransitionAction[];
  canEdit: boolean;
  canComment: boolean;
}

export interface PublicDeclaration {
  id: string;
  departmentName: string;
  year: number;
  state: DeclarationState;
  version: number;
  content: DepartmentTargetDeclaration;
}

export interface VersionMeta {
  version: number;
  createdAt: string;
  note: string | null;
  author: { id: string; displayName: string };
  errors: number;
  warnings: number;
}

export interface StoredVersion {
  version: number;
  createdAt: string;
  note: string | null;
  content: DepartmentTargetDeclaration;
  findings: Finding[];
}

export interface Comment {
  id: string;
  path: string;
  body: string;
  author: { id: string; displayName: string; role: string };
  version: number;
  createdAt: string;
  anchored: boolean;
}

export interface YearStatistics {
  year: number;
  byState: Partial<Record<DeclarationState, number>>;
  budgetByDepartment: Array<{ departmentId: string; departmentName: string; basic: string | null; project: string | null }>;
  indicatorsByLevel1: Array<{ level1: string | null; count: number }>;
}

export interface AuditEntry {
  seq: string;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  fromVersion: number | null;
  toVersion: number | null;
  detail: unknown;
  prevHash: string;
  hash: string;
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: string; reason: 'edited' | 'removed-or-reordered' };

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  regionId: string | null;
  disabled: boolean;
}
