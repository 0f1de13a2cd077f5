/**
 * 信息公开: targets are public with the budget, self-evaluations with the final accounts, within a
 * number of days (20 by default) of their approval (预算法 art. 14; 中发〔2018〕34号). For a region's
 * year this decides, purely, each form's deadline and whether it was published on time, late, or is
 * overdue; which unpublished project forms owe a reason (非公开原因); and each department's share of
 * project forms published against the region's goal.
 */
import { addDays } from '../rectification/rectification.ts';

/** The kinds of form that are published. */
export const DISCLOSED_KINDS = ['department-target', 'project-target', 'self-evaluation'] as const;
export type DisclosedKind = (typeof DISCLOSED_KINDS)[number];

/** The region's rules for a year. */
export interface DisclosureRules {
  readonly days: number;
  /** Share of project forms each department is to publish, percent. */
  readonly goalPercent: number;
  /** The day the budget was approved (targets public within `days`); null: each form's own approval. */
  readonly budgetApproved: string | null;
  /** The day the final accounts were approved (self-evaluations public within `days`); null: each form's own acceptance. */
  readonly accountsApproved: string | null;
}

export const DEFAULT_DAYS = 20;

/** The rules in force from a region's settings (`disclosure`), for a year. */
export function disclosureRules(settings: { days?: number | undefined; goalPercent?: number | undefined; years?: Readonly<Record<string, { budgetApproved?: string | null | undefined; accountsApproved?: string | null | undefined }>> | undefined } | undefined, year: number): DisclosureRules {
  const dates = settings?.years?.[String(year)];
  return { days: settings?.days ?? DEFAULT_DAYS, goalPercent: settings?.goalPercent ?? 100, budgetApproved: dates?.budgetApproved ?? null, accountsApproved: dates?.accountsApproved ?? null };
}

/** A form ready to publish (approved or accepted), or published. */
export interface DisclosedForm {
  readonly id: string;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly kind: DisclosedKind;
  readonly projectName: string | null;
  readonly state: string;
  /** When the bureau approved (accepted) it, ISO. */
  readonly decidedAt: string | null;
  readonly publishedAt: string | null;
  /** The department's 非公开原因, if recorded. */
  readonly reason: string | null;
}

export type DisclosureStatus = 'on-time' | 'late' | 'overdue' | 'pending';

export interface FormDisclosure extends DisclosedForm {
  /** The last day it may be published, YYYY-MM-DD; null while nothing it waits on is approved. */
  readonly deadline: string | null;
  readonly status: DisclosureStatus;
  /** An unpublished project form past its deadline without a recorded reason. */
  readonly reasonMissing: boolean;
}

/** The day a form is due: the budget's (targets) or the accounts' (self-evaluations) approval, else its own, plus the days. */
export function deadlineOf(form: Pick<DisclosedForm, 'kind' | 'decidedAt'>, rules: DisclosureRules): string | null {
  const approved = (form.kind === 'self-evaluation' ? rules.accountsApproved : rules.budgetApproved) ?? form.decidedAt?.slice(0, 10) ?? null;
  return approved === null ? null : addDays(approved, rules.days);
}

/** One form's standing on `today`. */
export function formDisclosure(form: DisclosedForm, rules: DisclosureRules, today: string): FormDisclosure {
  const deadline = deadlineOf(form, rules);
  const published = form.publishedAt?.slice(0, 10) ?? null;
  const status: DisclosureStatus = published !== null ? (deadline === null || published <= deadline ? 'on-time' : 'late') : deadline !== null && today > deadline ? 'overdue' : 'pending';
  const reasonMissing = status === 'overdue' && form.projectName !== null && (form.reason ?? '').trim() === '';
  return { ...form, deadline, status, reasonMissing };
}

/** One department's year of disclosure. */
export interface DepartmentDisclosure {
  readonly departmentId: string;
  readonly departmentName: string;
  readonly forms: number;
  readonly published: number;
  readonly onTime: number;
  /** Published after the deadline, or still unpublished past it. */
  readonly late: number;
  readonly overdue: number;
  readonly reasonsMissing: number;
  readonly projectForms: number;
  readonly projectPublished: number;
  /** Project forms published, percent with one decimal (exact, half up); null without project forms. */
  readonly share: string | null;
  readonly meetsGoal: boolean;
}

/** `part` of `whole` as a percent with one decimal, half up, in integers. */
export function percent(part: number, whole: number): string | null {
  if (whole === 0) return null;
  const tenths = Math.floor((part * 2000 + whole) / (2 * whole));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** Each department's counts, in the order the forms' departments first appear. */
export function byDepartment(forms: readonly FormDisclosure[], rules: DisclosureRules): DepartmentDisclosure[] {
  const groups = new Map<string, FormDisclosure[]>();
  for (const form of forms) groups.set(form.departmentId, [...(groups.get(form.departmentId) ?? []), form]);
  return [...groups.values()].map((list) => {
    const first = list[0] as FormDisclosure;
    const projects = list.filter((f) => f.kind === 'project-target');
    const projectPublished = projects.filter((f) => f.publishedAt !== null).length;
    return {
      departmentId: first.departmentId,
      departmentName: first.departmentName,
      forms: list.length,
      published: list.filter((f) => f.publishedAt !== null).length,
      onTime: list.filter((f) => f.status === 'on-time').length,
      late: list.filter((f) => f.status === 'late' || f.status === 'overdue').length,
      overdue: list.filter((f) => f.status === 'overdue').length,
      reasonsMissing: list.filter((f) => f.reasonMissing).length,
      projectForms: projects.length,
      projectPublished,
      share: percent(projectPublished, projects.length),
      // Integers: published × 100 ≥ goal × forms.
      meetsGoal: projects.length === 0 || projectPublished * 100 >= rules.goalPercent * projects.length,
    };
  });
}
