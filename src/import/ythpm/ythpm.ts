/**
 * A year's indicators and goals in the columns of the provincial 预算管理一体化 systems (domain-evaluation.md
 * §8): `pm_perf_indicator` (one row per indicator: fiscal_year, agency_code, agency_name, pro_code,
 * pro_name, lv1/lv2/lv3_perf_ind_name, kpi_val, computesign, meterunit, kpi_evalstd, kpi_remark) and
 * `pm_perf_goal_info` (one row per goal: yearflag 0 for the year, 1 for the medium term, kpi_target).
 * Both directions, pure: Jixiao's documents to rows, and rows back to documents, one per agency and
 * project (an empty pro_code and pro_name is the agency's department-wide form).
 *
 * A target is written as its sign, value and unit where they give it back exactly (`≥85分` → ≥ | 85 |
 * 分; a project's unit column as meterunit); a target they would not give back (`不低于95%`,
 * `90%（历史标准）`) keeps its printed text in kpi_val, with the sign and unit beside it for the
 * system; words are 定性. Period targets are not carried: the system's table holds the year's value.
 */
import { emptyDeclaration, type DepartmentTargetDeclaration } from '../../core/declaration.ts';
import type { TargetDocument } from '../../core/document.ts';
import { emptyProjectTarget, goalList, type ProjectIndicator, type ProjectTargetDeclaration } from '../../core/projectTarget.ts';
import { parseTargetValue } from '../../core/targetValue.ts';
import type { SourceTables } from '../../table/sourceTable.ts';

export const INDICATOR_TABLE = 'pm_perf_indicator';
export const GOAL_TABLE = 'pm_perf_goal_info';
export const INDICATOR_COLUMNS = ['fiscal_year', 'agency_code', 'agency_name', 'pro_code', 'pro_name', 'lv1_perf_ind_name', 'lv2_perf_ind_name', 'lv3_perf_ind_name', 'kpi_val', 'computesign', 'meterunit', 'kpi_evalstd', 'kpi_remark'] as const;
export const GOAL_COLUMNS = ['fiscal_year', 'agency_code', 'agency_name', 'pro_code', 'pro_name', 'yearflag', 'kpi_target'] as const;

export type IndicatorRecord = Record<(typeof INDICATOR_COLUMNS)[number], string>;
export type GoalRecord = Record<(typeof GOAL_COLUMNS)[number], string>;

export interface YthpmTables {
  readonly indicators: IndicatorRecord[];
  readonly goals: GoalRecord[];
}

export interface YthpmOptions {
  /** The agency's code in the provincial system (单位编码); Jixiao's forms do not print one. */
  readonly agencyCode?: string;
}

/** The sign, value and unit of a printed target, and whether they give the printed text back. */
function targetColumns(printed: string, unitColumn: string | null): { kpi_val: string; computesign: string; meterunit: string } {
  const text = printed.trim();
  if (text === '') return { kpi_val: '', computesign: '', meterunit: unitColumn ?? '' };
  const value = parseTargetValue(unitColumn && !text.endsWith(unitColumn) ? `${text}${unitColumn}` : text);
  if (value.kind === 'qualitative') return { kpi_val: text, computesign: '定性', meterunit: unitColumn ?? '' };
  if (value.kind !== 'quantity') return { kpi_val: text, computesign: '', meterunit: unitColumn ?? '' };
  const sign = value.operator ?? '';
  const number = value.upper === null ? value.value : `${value.value}-${value.upper}`;
  const unit = unitColumn ?? value.unit ?? '';
  // Exact: the sign and value (with the unit, where the target carries it) are the printed text.
  const rebuilt = unitColumn ? `${sign}${number}` : `${sign}${number}${unit}`;
  if (rebuilt === text && !value.approximate && value.basis === null) return { kpi_val: number, computesign: sign, meterunit: unit };
  return { kpi_val: text, computesign: sign, meterunit: unit };
}

/** The printed target back from its columns: a bare number with its sign (and unit, where the form has no unit column). */
function targetText(row: Pick<IndicatorRecord, 'kpi_val' | 'computesign' | 'meterunit'>, unitColumn: boolean): string {
  const value = row.kpi_val.trim();
  if (!/^-?\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?$/.test(value)) return value;
  const sign = row.computesign === '定性' ? '' : row.computesign.trim();
  return unitColumn ? `${sign}${value}` : `${sign}${value}${row.meterunit.trim()}`;
}

/** A year's target documents as the two tables of the provincial system. */
export function toYthpm(documents: readonly TargetDocument[], options: YthpmOptions = {}): YthpmTables {
  const indicators: IndicatorRecord[] = [];
  const goals: GoalRecord[] = [];
  for (const d of documents) {
    const head = {
      fiscal_year: d.year === null ? '' : String(d.year),
      agency_code: options.agencyCode ?? '',
      agency_name: d.department ?? '',
      pro_code: d.kind === 'project-target' ? (d.project.code ?? '') : '',
      pro_name: d.kind === 'project-target' ? (d.project.name ?? '') : '',
    };
    for (const indicator of d.indicators) {
      const project = d.kind === 'project-target' ? (indicator as ProjectIndicator) : null;
      indicators.push({
        ...head,
        lv1_perf_ind_name: indicator.level1 ?? '',
        lv2_perf_ind_name: indicator.level2 ?? '',
        lv3_perf_ind_name: indicator.name,
        ...targetColumns(indicator.annualTarget, project?.unit ?? null),
        kpi_evalstd: project?.scoringRule ?? '',
        kpi_remark: project?.note ?? '',
      });
    }
    const annual = d.kind === 'project-target' ? goalList(d.annualGoal) : d.goals;
    const period = d.kind === 'project-target' ? goalList(d.periodGoal) : [];
    for (const goal of annual) if (goal.trim() !== '') goals.push({ ...head, yearflag: '0', kpi_target: goal });
    for (const goal of period) if (goal.trim() !== '') goals.push({ ...head, yearflag: '1', kpi_target: goal });
  }
  return { indicators, goals };
}

const keyOf = (r: { fiscal_year: string; agency_code: string; agency_name: string; pro_code: string; pro_name: string }) => JSON.stringify([r.fiscal_year, r.agency_code, r.agency_name, r.pro_code, r.pro_name]);

/** The documents of the two tables: one per agency and project, in the order their first rows come. */
export function fromYthpm(tables: YthpmTables): TargetDocument[] {
  const documents = new Map<string, TargetDocument>();
  const documentOf = (r: IndicatorRecord | GoalRecord): TargetDocument => {
    const key = keyOf(r);
    let d = documents.get(key);
    if (!d) {
      const year = /^\d{4}$/.test(r.fiscal_year.trim()) ? Number(r.fiscal_year.trim()) : null;
      const department = r.agency_name.trim() === '' ? null : r.agency_name.trim();
      if (r.pro_code.trim() === '' && r.pro_name.trim() === '') {
        d = { ...emptyDeclaration(department, year), title: null };
      } else {
        const p: ProjectTargetDeclaration = { ...emptyProjectTarget(department, year), title: null, implementer: null };
        p.project.name = r.pro_name.trim() === '' ? null : r.pro_name.trim();
        p.project.code = r.pro_code.trim() === '' ? null : r.pro_code.trim();
        d = p;
      }
      documents.set(key, d);
    }
    return d;
  };
  for (const r of tables.indicators) {
    const d = documentOf(r);
    if (d.kind === 'project-target') {
      const unit = r.meterunit.trim() === '' ? null : r.meterunit.trim();
      const annualTarget = targetText(r, true);
      d.indicators.push({
        level1: r.lv1_perf_ind_name.trim() || null,
        level2: r.lv2_perf_ind_name.trim() || null,
        name: r.lv3_perf_ind_name.trim(),
        periodTarget: null,
        annualTarget,
        periodTargetValue: parseTargetValue(''),
        annualTargetValue: parseTargetValue(unit && annualTarget !== '' && !annualTarget.endsWith(unit) ? `${annualTarget}${unit}` : annualTarget),
        unit,
        standard: null,
        explanation: null,
        scoringRule: r.kpi_evalstd.trim() === '' ? null : r.kpi_evalstd,
        weight: null,
        note: r.kpi_remark.trim() === '' ? null : r.kpi_remark,
        core: false,
      });
    } else {
      const annualTarget = targetText(r, false);
      (d as DepartmentTargetDeclaration).indicators.push({
        level1: r.lv1_perf_ind_name.trim() || null,
        level2: r.lv2_perf_ind_name.trim() || null,
        name: r.lv3_perf_ind_name.trim(),
        periodTarget: '',
        annualTarget,
        periodTargetValue: parseTargetValue(''),
        annualTargetValue: parseTargetValue(annualTarget),
      });
    }
  }
  for (const r of tables.goals) {
    const d = documentOf(r);
    const goal = r.kpi_target.trim();
    if (goal === '') continue;
    if (d.kind === 'department-target') {
      d.goals.push(goal);
      continue;
    }
    const field = r.yearflag.trim() === '1' ? 'periodGoal' : 'annualGoal';
    const list = goalList(d[field]).filter((g) => g !== '');
    d[field] = list.length === 0 ? goal : [...list, goal];
  }
  return [...documents.values()];
}

/** Undoes what a CSV writer did to keep a spreadsheet from running a cell as a formula (`'=` → `=`). */
export function undefused(text: string): string {
  return /^'[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? text.slice(1) : text;
}

/**
 * The two tables in a reader's sheets, found by their column names (a sheet named after its table,
 * or a CSV holding either); null when no sheet has the columns of either table.
 */
export function ythpmTablesOf(source: SourceTables): YthpmTables | null {
  const indicators: IndicatorRecord[] = [];
  const goals: GoalRecord[] = [];
  let found = false;
  for (const sheet of source.sheets) {
    const [header, ...rows] = sheet.rows;
    if (!header) continue;
    const names = new Map<number, string>();
    for (const cell of header) names.set(cell.col, cell.text.trim().toLowerCase());
    const has = (columns: readonly string[]) => columns.every((c) => [...names.values()].includes(c));
    const kind = has(['lv3_perf_ind_name', 'kpi_val']) ? 'indicator' : has(['yearflag', 'kpi_target']) ? 'goal' : null;
    if (!kind) continue;
    found = true;
    for (const row of rows) {
      const record: Record<string, string> = {};
      for (const cell of row) {
        const name = names.get(cell.col);
        if (name) record[name] = undefused(cell.text);
      }
      if (Object.values(record).every((v) => v.trim() === '')) continue;
      if (kind === 'indicator') indicators.push(Object.fromEntries(INDICATOR_COLUMNS.map((c) => [c, record[c] ?? ''])) as IndicatorRecord);
      else goals.push(Object.fromEntries(GOAL_COLUMNS.map((c) => [c, record[c] ?? ''])) as GoalRecord);
    }
  }
  return found ? { indicators, goals } : null;
}
