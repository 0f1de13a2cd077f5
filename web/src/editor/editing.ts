/**
 * The editor's operations on a declaration, as pure functions on plain data: the UI only calls them.
 * Every function returns a new declaration and leaves its input untouched.
 */
import type { Amount, DepartmentTargetDeclaration, Indicator, Project } from '../../../src/core/declaration.ts';
import { diffJson, type Change } from '../../../src/core/jsonDiff.ts';
import { formatMoney, parseMoney, sumMoney, type Money } from '../../../src/core/money.ts';
import { parseTargetValue } from '../../../src/core/targetValue.ts';

/** A list with one item moved from one place to another (out-of-range moves change nothing). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length || from === to) return [...items];
  const copy = [...items];
  const [moved] = copy.splice(from, 1) as [T];
  copy.splice(to, 0, moved);
  return copy;
}

/** A list with an item inserted at a position. */
export function insertItem<T>(items: readonly T[], at: number, item: T): T[] {
  return [...items.slice(0, at), item, ...items.slice(at)];
}

/** A list without the item at a position. */
export function removeItem<T>(items: readonly T[], at: number): T[] {
  return items.filter((_, i) => i !== at);
}

/** A list with the item at a position replaced. */
export function replaceItem<T>(items: readonly T[], at: number, item: T): T[] {
  return items.map((existing, i) => (i === at ? item : existing));
}

/** A new indicator row, placed in the classes given. */
export function newIndicator(level1: string | null, level2: string | null): Indicator {
  return { level1, level2, name: '', periodTarget: '', annualTarget: '', periodTargetValue: parseTargetValue(''), annualTargetValue: parseTargetValue('') };
}

/** An indicator with one of its printed fields changed; targets are re-parsed as typed. */
export function editIndicator(indicator: Indicator, field: 'name' | 'periodTarget' | 'annualTarget' | 'level1' | 'level2', value: string | null): Indicator {
  switch (field) {
    case 'periodTarget':
      return { ...indicator, periodTarget: value ?? '', periodTargetValue: parseTargetValue(value ?? '') };
    case 'annualTarget':
      return { ...indicator, annualTarget: value ?? '', annualTargetValue: parseTargetValue(value ?? '') };
    case 'name':
      return { ...indicator, name: value ?? '' };
    case 'level1':
      return { ...indicator, level1: value };
    case 'level2':
      return { ...indicator, level2: value };
  }
}

/** A new, empty project. */
export function newProject(): Project {
  return { name: '', content: '', amount: null, expectedOutcome: '' };
}

/** The stored form of an amount as typed: `2,507.50` → `"2507.50"`, blank → null, anything else → an error. */
export function amountFromInput(text: string): { ok: true; amount: Amount } | { ok: false; error: 'syntax' | 'too-precise' } {
  if (text.trim() === '') return { ok: true, amount: null };
  const parsed = parseMoney(text);
  if (!parsed.ok) return { ok: false, error: parsed.error === 'too-precise' ? 'too-precise' : 'syntax' };
  return { ok: true, amount: formatMoney(parsed.value) };
}

function known(amounts: readonly Amount[]): Money[] {
  return amounts.flatMap((a) => {
    if (a === null) return [];
    const parsed = parseMoney(a);
    return parsed.ok ? [parsed.value] : [];
  });
}

/** Exact totals the editor shows as one types. */
export interface BudgetTotals {
  /** 基本支出 + 项目支出. */
  readonly basicPlusProject: string;
  /** 财政拨款 + 其他资金. */
  readonly income: string;
  /** 本级使用 + 对下转移支付. */
  readonly byLevel: string;
  /** Sum of the key projects' amounts. */
  readonly projects: string;
}

export function budgetTotals(content: DepartmentTargetDeclaration): BudgetTotals {
  const b = content.budget;
  return {
    basicPlusProject: formatMoney(sumMoney(known([b.basic, b.project]))),
    income: formatMoney(sumMoney(known([b.income.fiscal, b.income.other]))),
    byLevel: formatMoney(sumMoney(known([b.byLevel.ownLevel, b.byLevel.transferDown]))),
    projects: formatMoney(sumMoney(known(content.projects.map((p) => p.amount)))),
  };
}

/** The budget with the printed total kept in step: a derived total follows basic + project. */
export function withDerivedTotal(content: DepartmentTargetDeclaration): DepartmentTargetDeclaration {
  if (!content.budget.totalDerived) return content;
  const b = content.budget;
  const total = b.basic === null && b.project === null ? null : budgetTotals(content).basicPlusProject;
  return total === b.total ? content : { ...content, budget: { ...b, total } };
}

/** One row of the side-by-side view of a conflict: a field where the other person's version and mine differ. */
export interface ConflictRow {
  readonly path: string;
  readonly theirs: unknown;
  readonly mine: unknown;
}

/**
 * Where the saved version and my edit differ, field by field. Parsed target values are left out:
 * they follow from the printed target beside them.
 */
export function conflictRows(theirs: DepartmentTargetDeclaration, mine: DepartmentTargetDeclaration): ConflictRow[] {
  return diffJson(theirs, mine)
    .filter((change: Change) => !/TargetValue(?:\/|$)/.test(change.path))
    .map((change) => ({ path: change.path, theirs: change.op === 'add' ? undefined : change.from, mine: change.op === 'remove' ? undefined : change.to }));
}

/** Turns a field name from a server validation error (`body.content.indicators.3.annualTarget`) into a JSON Pointer. */
export function pointerOfField(field: string): string | null {
  const parts = field.split('.');
  const at = parts.indexOf('content');
  if (at < 0) return null;
  return parts
    .slice(at + 1)
    .map((p) => `/${p}`)
    .join('');
}
