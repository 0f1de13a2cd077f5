/**
 * Monitoring tables filled in Excel or printed to PDF read back as the report: what Jixiao exports,
 * a department can fill offline and a bureau can check with `jixiao monitor`.
 */
import { describe, expect, it } from 'vitest';
import { exampleReport } from '../core/monitoring/exampleReport.ts';
import { reportLights } from '../core/monitoring/lights.ts';
import type { MonitoringReport } from '../core/monitoringReport.ts';
import { readPdf } from '../readers/pdfReader.ts';
import { readWorkbook } from '../readers/workbookReader.ts';
import { documentDifferences } from '../testing/documentDifferences.ts';
import { writePdf } from '../writers/pdfWriter.ts';
import { writeWorkbook } from '../writers/workbookWriter.ts';
import { isMonitoringTable, readMonitoringTables } from './monitoringTable.ts';

/** The report as its printed table shows it: lights computed, nothing of its own identity in Jixiao. */
function printed(report: MonitoringReport): MonitoringReport {
  const lights = reportLights(report);
  return {
    ...report,
    target: { id: null, kind: report.target.kind, version: null },
    indicators: report.indicators.map((indicator, i) => ({ ...indicator, light: lights.perIndicator[i]?.light ?? null })),
    lights: { budget: lights.budget, indicators: null, overall: lights.overall },
  };
}

describe('a monitoring table', () => {
  const report = exampleReport();
  Object.assign(report.indicators[0] as object, { actualToDate: '100人次', likelihood: 'possible', stageTarget: '200人次', deviation: { categories: ['人员保障', '其他'], reason: '师资不足', measures: '8月增开两期' } });
  report.budget.reason = '采购延期';
  report.rectification = { needed: true, advice: '调整培训计划', result: '' };

  it('reads back from Jixiao’s .xlsx as the same report', async () => {
    const tables = readWorkbook(new Uint8Array(await writeWorkbook([report])));
    expect(isMonitoringTable(tables)).toBe(true);
    const back = readMonitoringTables(tables);
    expect(documentDifferences(printed(report), back)).toEqual([]);
  });

  it('reads back from Jixiao’s PDF as the same report', async () => {
    const back = readMonitoringTables(await readPdf(new Uint8Array(await writePdf([report]))));
    expect(documentDifferences(printed(report), back, { looseWhitespace: true })).toEqual([]);
  });
});
