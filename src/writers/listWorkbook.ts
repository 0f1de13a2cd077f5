/**
 * A list as a sheet (any list page's "export to Excel"): a header row frozen and filtered, one row per
 * item, amounts as numbers shown with two decimals (an amount too long for a float stays text).
 */
import ExcelJS from 'exceljs';

export interface ListColumn<T> {
  readonly header: string;
  readonly width: number;
  readonly value: (item: T) => string | number | null;
  /** Amounts in 万元: written as numbers with two decimals. */
  readonly amount?: boolean;
  /** A moment (ISO 8601 text): written as a date-and-time cell, in the bureau's time (Asia/Shanghai). */
  readonly date?: boolean;
}

const WALL_CLOCK = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * A moment as a spreadsheet date: Excel's dates have no time zone, so the cell holds the wall-clock
 * time in China (a Date whose UTC fields are that time, which is how exceljs writes dates).
 */
export function spreadsheetDate(iso: string): Date | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const parts = Object.fromEntries(WALL_CLOCK.formatToParts(at).map((p) => [p.type, p.value]));
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)));
}

/** One sheet of a workbook: its name, columns and rows. */
export interface ListSheet<T> {
  readonly name: string;
  readonly columns: readonly ListColumn<T>[];
  readonly items: readonly T[];
}

/** The .xlsx of a list. */
export async function writeListWorkbook<T>(sheetName: string, columns: readonly ListColumn<T>[], items: readonly T[]): Promise<Buffer> {
  return writeSheetsWorkbook([{ name: sheetName, columns, items }]);
}

/** The .xlsx of several lists of one row type, a sheet each (a dashboard's tables, as rows of cells). */
export async function writeSheetsWorkbook<T>(sheets: ReadonlyArray<ListSheet<T>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jixiao';
  for (const { name, columns, items } of sheets) {
    const sheet = workbook.addWorksheet(name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    for (const item of items) {
      const row = sheet.addRow(columns.map((c) => {
        const value = c.value(item);
        if (c.date && typeof value === 'string') return spreadsheetDate(value) ?? value;
        // Amounts are exact decimal strings; a spreadsheet number holds them exactly up to 15 digits.
        return c.amount && typeof value === 'string' && /^-?\d{1,13}(\.\d{1,2})?$/.test(value) ? Number(value) : value;
      }));
      columns.forEach((c, i) => {
        if (c.amount) row.getCell(i + 1).numFmt = '0.00';
        if (c.date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
      });
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
