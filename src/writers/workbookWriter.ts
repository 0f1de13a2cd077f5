/**
 * The official Excel form: each document on its own sheet in its official layout, with merged
 * cells, borders, column widths, A4 landscape print setup with the indicator header repeated, and
 * amounts as numbers shown with two decimals. What it writes, the workbook reader reads back to the
 * same document.
 */
import ExcelJS from 'exceljs';
import { displayWidth } from '../import/text/sourceText.ts';
import { officialLayout, type FormLayout, type LayoutCell, type PrintableDocument } from '../layout/officialLayout.ts';

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FONT = '宋体';

/** An .xlsx of the documents, one sheet each. */
export function writeWorkbook(documents: readonly PrintableDocument[]): Promise<Buffer> {
  return writeLayoutsWorkbook(documents.map(officialLayout));
}

/** Official forms already laid out (any kind's `layout`) as one workbook, a sheet each. */
export async function writeLayoutsWorkbook(layouts: readonly FormLayout[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jixiao';
  const used = new Set<string>();
  for (const layout of layouts) addSheet(workbook, layout, used);
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name || 'Sheet';
  for (let n = 2; used.has(candidate); n++) candidate = `${name.slice(0, 27)}(${n})`;
  used.add(candidate);
  return candidate;
}

function addSheet(workbook: ExcelJS.Workbook, layout: FormLayout, used: Set<string>): void {
  const sheet = workbook.addWorksheet(uniqueName(layout.sheetName, used), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printTitlesRow: `${layout.header.from + 1}:${layout.header.to + 1}`,
    },
    headerFooter: {
      oddHeader: `&C&9${escapeHeader(layout.runningHead)}`,
      oddFooter: '&C&9第 &P 页 共 &N 页',
    },
  });
  const widths = layout.widths.map((width) => width * 1.4);
  sheet.columns = widths.map((width) => ({ width }));
  for (const row of layout.rows) {
    for (const cell of row) writeCell(sheet, cell);
  }
  // Row heights set, not left to the reader: LibreOffice and WPS do not grow a row to its
  // wrapped text when they open a file, and a clipped cell prints (and converts) cut off.
  rowHeights(layout, widths).forEach((height, r) => {
    sheet.getRow(r + 1).height = height;
  });
  // Borders on every position of the form below the title, merged or not.
  const titleRows = layout.rows.findIndex((row) => row.some((c) => c.role !== 'title' && c.role !== 'subtitle'));
  for (let r = Math.max(0, titleRows); r < layout.rows.length; r++) {
    for (let c = 0; c < layout.columns; c++) sheet.getCell(r + 1, c + 1).border = BORDER;
  }
}

function writeCell(sheet: ExcelJS.Worksheet, cell: LayoutCell): void {
  const target = sheet.getCell(cell.row + 1, cell.col + 1);
  if (cell.role === 'amount' && /^-?\d+(\.\d+)?$/.test(cell.text)) {
    // Excel holds numbers as doubles; two decimals written and shown read back exactly.
    target.value = Number(cell.text);
    target.numFmt = '0.00';
  } else if (cell.role === 'percent' && /^-?\d+(\.\d+)?%$/.test(cell.text)) {
    // A rate as a number shown as a percentage (58.86% is 0.5886), so that it sums and sorts.
    target.value = Number(cell.text.slice(0, -1)) / 100;
    target.numFmt = '0.00%';
  } else {
    target.value = cell.text;
  }
  const bold = cell.role === 'title' || cell.role === 'label' || cell.role === 'header';
  target.font = { name: FONT, size: cell.role === 'title' ? 16 : 10.5, bold };
  target.alignment = {
    wrapText: true,
    vertical: 'middle',
    horizontal: cell.role === 'amount' || cell.role === 'percent' ? 'right' : cell.role === 'text' ? 'left' : 'center',
  };
  if (cell.role === 'header') target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  if (cell.rowSpan > 1 || cell.colSpan > 1) sheet.mergeCells(cell.row + 1, cell.col + 1, cell.row + cell.rowSpan, cell.col + cell.colSpan);
}

const LINE_POINTS = 14;

/** Points per row: enough lines for the longest wrapped text; a merged cell's rows share its lines. */
function rowHeights(layout: FormLayout, widths: readonly number[]): number[] {
  const lines = (cell: LayoutCell) => {
    const room = Math.max(2, widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) - 1);
    const scale = cell.role === 'title' ? 1.6 : 1.05;
    return cell.text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil((displayWidth(part) * scale) / room)), 0);
  };
  const heights = layout.rows.map((row) => Math.max(1, ...row.filter((c) => c.rowSpan === 1).map((c) => lines(c) * (c.role === 'title' ? 24 : LINE_POINTS) + 6)));
  for (const row of layout.rows) {
    for (const cell of row) {
      if (cell.rowSpan === 1) continue;
      const need = lines(cell) * LINE_POINTS + 6 - heights.slice(cell.row, cell.row + cell.rowSpan).reduce((a, b) => a + b, 0);
      if (need > 0) for (let r = cell.row; r < cell.row + cell.rowSpan; r++) heights[r] = (heights[r] ?? 0) + need / cell.rowSpan;
    }
  }
  // Excel's largest row is 409 points.
  return heights.map((h) => Math.min(409, Math.round(h * 10) / 10));
}

/** Header text with Excel's `&` codes escaped. */
function escapeHeader(text: string): string {
  return text.replaceAll('&', '&&');
}
