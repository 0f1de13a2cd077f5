/**
 * A year moved between Jixiao and a provincial 预算管理一体化 system: the department-wide form and the
 * project forms → pm_perf_indicator and pm_perf_goal_info (CSV and .xlsx) → the same indicators and goals.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TargetDocument } from '../core/document.ts';
import { goalList } from '../core/projectTarget.ts';
import { importFormText } from '../import/text/importFormText.ts';
import { fromYthpm, toYthpm, ythpmTablesOf, INDICATOR_COLUMNS } from '../import/ythpm/ythpm.ts';
import { importSource } from '../readers/importSource.ts';
import { readCsv } from '../readers/workbookReader.ts';
import { csvField } from '../format/csv.ts';
import { writeYthpmWorkbook, ythpmCsv, ythpmCsvFiles } from './ythpmWriter.ts';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/forms/${path}`, import.meta.url), 'utf8');
function imported(path: string, year: number): TargetDocument {
  const outcome = importFormText(fixture(path), { year });
  if (!outcome.ok) throw new Error(outcome.message.en);
  return { ...outcome.declaration, year: outcome.declaration.year ?? year };
}
const year = [imported('000_168cd24c06a0f893.txt', 2025), imported('project/pipe-rows.txt', 2025), imported('project/full-size.txt', 2025)];

/** What the provincial tables carry of a document: its identity, its goals, each indicator's classes, name, parsed target and columns. */
function carried(d: TargetDocument) {
  return {
    kind: d.kind,
    year: d.year,
    department: d.department,
    project: d.kind === 'project-target' ? { name: d.project.name, code: d.project.code } : null,
    goals: d.kind === 'project-target' ? { annual: goalList(d.annualGoal).filter(Boolean), period: goalList(d.periodGoal).filter(Boolean) } : d.goals,
    indicators: d.indicators.map((i) => ({ level1: i.level1, level2: i.level2, name: i.name, target: i.annualTargetValue, scoringRule: 'scoringRule' in i ? (i.scoringRule || null) : null, note: 'note' in i ? (i.note || null) : null })),
  };
}

describe('the provincial system’s tables', () => {
  const tables = toYthpm(year, { agencyCode: '440105001' });

  it('hold every indicator and goal of the year in the system’s columns', () => {
    expect(tables.indicators).toHaveLength(year.reduce((n, d) => n + d.indicators.length, 0));
    expect(Object.keys(tables.indicators[0] ?? {})).toEqual([...INDICATOR_COLUMNS]);
    expect(tables.indicators[0]).toMatchObject({ fiscal_year: '2025', agency_code: '440105001', agency_name: '广州市海珠区政务服务和数据管理局', pro_code: '', pro_name: '', lv1_perf_ind_name: '产出指标', computesign: '≥', kpi_val: '85', meterunit: '分' });
    expect(tables.goals.filter((g) => g.pro_name === '').map((g) => g.kpi_target)).toEqual(year[0]?.kind === 'department-target' ? year[0].goals : []);
  });

  it('come back through CSV as the same year, formulas defused on the way', () => {
    const csv = ythpmCsvFiles(tables);
    const back = fromYthpm({
      indicators: ythpmTablesOf(readCsv((csv[0] as { text: string }).text))?.indicators ?? [],
      goals: ythpmTablesOf(readCsv((csv[1] as { text: string }).text))?.goals ?? [],
    });
    expect(back.map(carried)).toEqual(year.map(carried));
  });

  it('come back through the workbook as the same year, by the one front door', async () => {
    const outcome = await importSource(new Uint8Array(await writeYthpmWorkbook(tables)));
    if (!outcome.ok) throw new Error(outcome.message.en);
    expect(outcome.documents.map((d) => carried(d.document))).toEqual(year.map(carried));
  });

  it('defuse a text cell a spreadsheet would run, and only that', () => {
    expect(['=100', '+1', '-5', '@SUM(A1)', '\tx', '≥85', '正常'].map((cell) => csvField(cell))).toEqual(["'=100", "'+1", "'-5", "'@SUM(A1)", "'\tx", '≥85', '正常']);
    const text = ythpmCsv(['computesign', 'kpi_val'] as const, [{ computesign: '=', kpi_val: '=HYPERLINK("x")' }]);
    expect(text).toContain(`'=,"'=HYPERLINK(""x"")"`);
  });

  it('keep a target the columns would not give back as printed', () => {
    const d = imported('project/pipe-rows.txt', 2025);
    const odd = { ...d, indicators: d.indicators.slice(0, 1).map((i) => ({ ...i, annualTarget: '不低于95%', unit: null })) } as TargetDocument;
    const [row] = toYthpm([odd]).indicators;
    expect(row).toMatchObject({ kpi_val: '不低于95%', computesign: '≥', meterunit: '%' });
    expect(fromYthpm(toYthpm([odd]))[0]?.indicators[0]?.annualTarget).toBe('不低于95%');
  });
});
