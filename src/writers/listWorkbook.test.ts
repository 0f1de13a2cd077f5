import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { spreadsheetDate, writeListWorkbook } from './listWorkbook.ts';

describe('a list as a sheet', () => {
  it('writes moments as date cells in China’s wall-clock time, amounts as numbers', async () => {
    expect(spreadsheetDate('2026-12-06T09:41:00.000Z')?.toISOString()).toBe('2026-12-06T17:41:00.000Z');
    const bytes = await writeListWorkbook<{ at: string; amount: string }>('列表', [
      { header: '更新时间', width: 20, value: (r) => r.at, date: true },
      { header: '金额', width: 10, value: (r) => r.amount, amount: true },
    ], [{ at: '2026-12-06T09:41:00.000Z', amount: '12.50' }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = book.worksheets[0]?.getRow(2).getCell(1);
    expect(cell?.value).toBeInstanceOf(Date);
    expect(cell?.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(book.worksheets[0]?.getRow(2).getCell(2).value).toBe(12.5);
  });
});
