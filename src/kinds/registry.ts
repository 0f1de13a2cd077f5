/**
 * Every kind of document Jixiao holds, registered in one place. The store, the write path, the API
 * and the web app's document page find a kind here by its id; adding a kind is its folder and one line
 * below.
 */
import { assessmentKind } from './assessment/index.ts';
import { departmentTargetKind } from './departmentTarget/index.ts';
import type { AnyKind } from './kindDefinition.ts';
import { monitoringReportKind } from './monitoringReport/index.ts';
import { projectTargetKind } from './projectTarget/index.ts';
import { rectificationKind } from './rectification/index.ts';
import { selfEvaluationKind } from './selfEvaluation/index.ts';

const KINDS = new Map<string, AnyKind>();

/** Adds a kind (the built-in ones below; a test may add its own). A kind's id is registered once. */
export function registerKind(kind: AnyKind): AnyKind {
  const existing = KINDS.get(kind.kind);
  if (existing && existing !== kind) throw new Error(`kind "${kind.kind}" is registered already`);
  KINDS.set(kind.kind, kind);
  return kind;
}

registerKind(departmentTargetKind);
registerKind(projectTargetKind);
registerKind(monitoringReportKind);
registerKind(selfEvaluationKind);
registerKind(assessmentKind);
registerKind(rectificationKind);

/** The kind of that id, or undefined. */
export function findKind(kind: string): AnyKind | undefined {
  return KINDS.get(kind);
}

/** The kind of that id; an unknown id is a programming error (ids come from the store or a validated request). */
export function kindOf(kind: string): AnyKind {
  const found = KINDS.get(kind);
  if (!found) throw new Error(`unknown kind of document "${kind}"`);
  return found;
}

/** Every registered kind, in the order registered. */
export function allKinds(): AnyKind[] {
  return [...KINDS.values()];
}

/** The kinds whose department-years are summed for an overview by year (`yearOverview`). */
export function yearOverviewKinds(): string[] {
  return allKinds().flatMap((kind) => (kind.yearOverview ? [kind.kind] : []));
}
