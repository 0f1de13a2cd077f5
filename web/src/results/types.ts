/** 结果应用 as the API answers it (docs/format-results.md). */
import type { ResultRules, RuleId } from '../../../src/core/results/rules.ts';

export interface RulesVersion {
  regionId: string;
  year: number;
  /** null: the defaults are in force (nobody on the region's path saved rules for the year). */
  version: number | null;
  rules: ResultRules;
  createdBy: string | null;
  createdAt: string | null;
  own: boolean;
}

export interface Fired {
  rule: RuleId;
  effect: string;
  value: string | null;
  source: string | null;
  zh: string;
  en: string;
}

export interface ProposalRow {
  key: string;
  department: string;
  departmentId: string | null;
  project: string;
  code: string | null;
  projectId: string | null;
  lastAmount: string;
  grade: { grade: string; source: 'self-evaluation' | 'sampling-review' | 'key-evaluation'; id: string | null } | null;
  fired: Fired[];
  computed: string;
  proposed: string;
  rule: RuleId;
  rulesVersion: number | null;
  exception: { amount: string; reason: string; by?: string | null; at?: string | null } | null;
  request: string | null;
  requestId: string | null;
  overRequest: boolean;
}

export interface Totals {
  count: number;
  lastAmount: string;
  proposed: string;
  request: string;
}

export interface Proposals {
  year: number;
  scope: { year: number; regionId: string; regionName: string; department: { id: string; name: string } | null };
  rules: RulesVersion;
  approval: { approvedAt: string; approvedBy: string; rulesVersion: number | null; total: string; count: number } | null;
  rows: ProposalRow[];
  page: { offset: number; limit: number; total: number };
  departments: Array<Totals & { department: string; departmentId: string | null }>;
  total: Totals;
  byRule: Record<string, number>;
}
