/**
 * The editor's operations on a declaration, as pure functions on plain data: the UI only calls them.
 * Every function returns a new declaration and leaves its input untouched.
 */
import type { Amount, DepartmentTargetDeclaration, Indicator, Project } from '../../../src/core/declaration.ts';
import { formatMoney, formatMoneyGrouped, MAX_INTEGER_DIGITS, parseMoney, readTypedAmount, sumMoney, type Money } from '../../../src/core/money.ts';
import type { IndicatorRow } from '../../../src/core/document.ts';
import { parseTargetValue } from '../../../src/core/targetValue.ts';
import { printedIndicatorRows } from '../../../src/layout/printedRows.ts';

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
export function editIndicator<T extends IndicatorRow>(indicator: T, field: 'name' | 'periodTarget' | 'annualTarget' | 'level1' | 'level2', value: string | null): T {
  switch (field) {
    case 'periodTarget':
      // A form without the column (null) keeps none while nothing is typed into it.
      return { ...indicator, periodTarget: indicator.periodTarget === null && (value ?? '') === '' ? null : (value ?? ''), periodTargetValue: parseTargetValue(value ?? '') };
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

/** What an amount box does with what was typed: the amount to store, a note to show beside it, or why it is refused. */
export type AmountInput =
  | { readonly ok: true; readonly amount: Amount; readonly note: { zh: string; en: string } | null }
  | { readonly ok: false; readonly error: { zh: string; en: string } };

/**
 * The stored form of an amount as typed (`2,507.50` → `"2507.50"`, blank → null), what it was taken
 * as when that is not plain (`¥2,507.50`, full-width digits, a negative amount), or why it is refused
 * — in which case nothing is stored and the text stays in the box.
 */
export function amountFromInput(text: string): AmountInput {
  const read = readTypedAmount(text);
  if (!read.ok) {
    switch (read.error) {
      case 'too-precise':
        return { ok: false, error: { zh: '金额最多精确到小数点后六位', en: 'at most six decimals' } };
      case 'too-large':
        return { ok: false, error: { zh: `金额过大：整数部分最多 ${MAX_INTEGER_DIGITS} 位（单位为万元）`, en: `too large: at most ${MAX_INTEGER_DIGITS} digits before the point (the unit is 10k yuan)` } };
      case 'yuan': {
        const inWan = read.yuan ? formatMoneyGrouped(read.yuan) : null;
        return { ok: false, error: { zh: `此栏单位为万元${inWan ? `：应填 ${inWan}` : ''}`, en: `this box is in 10k yuan${inWan ? `: enter ${inWan}` : ''}` } };
      }
      case 'decimal-comma':
        return { ok: false, error: { zh: '小数点请用“.”，千位分隔用“,”，例如 2,507.50', en: 'use "." for the decimal point and "," between thousands, e.g. 2,507.50' } };
      default:
        return { ok: false, error: { zh: '不是有效金额，例如 2,507.50', en: 'not an amount; e.g. 2,507.50' } };
    }
  }
  if (read.amount === null) return { ok: true, amount: null, note: null };
  const shown = formatMoneyGrouped(read.amount);
  // More than two decimals of 万元 is below a hundred yuan: possible, but more often a slip (12.345 for 12.35).
  const decimals = formatMoney(read.amount).split('.')[1]?.length ?? 0;
  const note = read.negative
    ? { zh: `负数金额 ${shown} 万元，请确认`, en: `a negative amount, ${shown}; please check` }
    : decimals > 2
      ? { zh: `按 ${shown} 万元记录：超过两位小数（不足百元），请核对`, en: `taken as ${shown}: more than two decimals (under a hundred yuan); please check` }
      : read.normalised
        ? { zh: `按 ${shown} 万元记录`, en: `taken as ${shown}` }
        : null;
  return { ok: true, amount: formatMoney(read.amount), note };
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

/** Whether a list of class keys has one of them in more than one run. */
function split(keys: ReadonlyArray<string | null>, key: string | null): boolean {
  let runs = 0;
  keys.forEach((k, i) => {
    if (k === key && (i === 0 || keys[i - 1] !== key)) runs++;
  });
  return runs > 1;
}

/**
 * The list with the row at `index` moved to its class's block when its class puts it apart from
 * the others of that class (a row re-classed as the checker suggests): after the last row of its
 * second-level class, else of its first-level class. Where it goes (or `index` when it stays).
 */
export function placeInClass<T extends { readonly level1: string | null; readonly level2: string | null }>(rows: readonly T[], index: number): { rows: T[]; to: number } {
  const row = rows[index];
  if (!row || row.level1 === null) return { rows: [...rows], to: index };
  const level1s = rows.map((r) => r.level1);
  const pairs = rows.map((r) => (r.level1 === null ? null : `${r.level1}\u0000${r.level2 ?? ''}`));
  const pair = `${row.level1}\u0000${row.level2 ?? ''}`;
  if (!split(level1s, row.level1) && !split(pairs, pair)) return { rows: [...rows], to: index };
  const others = rows.map((r, i) => ({ r, i })).filter(({ i }) => i !== index);
  // The end of the first run of rows matching (the class's main block, not a stray row of it further down).
  const endOfFirstRun = (match: (r: T) => boolean): number | undefined => {
    const start = others.findIndex(({ r }) => match(r));
    if (start < 0) return undefined;
    let end = start;
    while (end + 1 < others.length && match((others[end + 1] as { r: T }).r)) end++;
    return (others[end] as { i: number }).i;
  };
  const after = endOfFirstRun((r) => r.level1 === row.level1 && r.level2 === row.level2) ?? endOfFirstRun((r) => r.level1 === row.level1);
  if (after === undefined) return { rows: [...rows], to: index };
  const to = after < index ? after + 1 : after;
  return { rows: moveItem(rows, index, to), to };
}

/** The rows grouped by class, as the official table prints them (layout/printedRows.ts): each class's rows together, in the order classes first appear. */
export function groupByClass<T extends IndicatorRow>(rows: readonly T[]): T[] {
  return printedIndicatorRows({ indicators: [...rows] as unknown as Indicator[], emptyLevel2: [] }).flatMap((row) => (row.index === null ? [] : [rows[row.index] as T]));
}
