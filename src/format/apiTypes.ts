/**
 * The shapes of the API's answers: declared once, used by the server that builds them and the web
 * app that reads them (types only; the OpenAPI document at /api/v1/openapi.json describes the requests).
 */
import type { DepartmentTargetDeclaration } from '../core/declaration.ts';
import type { Role } from '../core/policy.ts';
import type { Finding } from '../core/rules/finding.ts';
import type { DeclarationState, TransitionAction } from '../core/workflow.ts';

/** A user as the API presents it (never the password hash). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  regionId: string | null;
  disabled: boolean;
}

/** A region with its departments and the regions below it. */
export interface RegionNode {
  id: string;
  name: string;
  level: 'province' | 'city' | 'district' | 'county';
  parentId: string | null;
  departments: Array<{ id: string; name: string }>;
  children: RegionNode[];
}

/** What every presentation of a declaration says about it. */
export interface DeclarationHead {
  id: string;
  departmentId: string;
  departmentName: string;
  year: number;
  state: DeclarationState;
  version: number;
  reviewGrade: string | null;
  updatedAt: string;
}

/** A declaration as the API presents it. */
export interface DeclarationView extends DeclarationHead {
  content: DepartmentTargetDeclaration;
  findings: Finding[];
}

/** A declaration as `GET /api/v1/declarations/:id` presents it: with what the user may do next. */
export interface DeclarationViewWithActions extends DeclarationView {
  allowedActions: TransitionAction[];
  canEdit: boolean;
  canComment: boolean;
}

/** One row of a list. */
export interface DeclarationSummary extends DeclarationHead {
  title: string | null;
  budgetTotal: string | null;
  errorCount: number;
  warningCount: number;
}

/** The home page's figures for one year. */
export interface YearStatistics {
  year: number;
  byState: Partial<Record<DeclarationState, number>>;
  /** Amounts as exact decimal strings (万元), largest total first. */
  budgetByDepartment: Array<{ departmentId: string; departmentName: string; basic: string | null; project: string | null }>;
  /** Indicator rows by their first-level class as printed (null: none printed). */
  indicatorsByLevel1: Array<{ level1: string | null; count: number }>;
}
