/** The readers as examples: what each makes of its source, in the table model. */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { tableLines } from '../table/tableLines.ts';
import { readHtml } from './htmlReader.ts';
import { importPasted, importSource, sniffFormat } from './importSource.ts';
import { normalisePdfText } from './pdfReader.ts';
import { cellText, readWorkbook } from './workbookReader.ts';

function workbook(rows: unknown[][], extra: (sheet: XLSX.WorkSheet) => void = () => {}, bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const book = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  extra(sheet);
  XLSX.utils.book_append_sheet(book, sheet, '表1');
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
}

describe('workbook cells', () => {
  it('shows a number in its format, a date serial as a date, a float as the decimal typed', () => {
    expect(cellText({ t: 'n', v: 2507.5, w: '2507.50', z: '0.00' })).toBe('2507.50');
    expect(cellText({ t: 'n', v: 45658, z: 'yyyy/m/d' })).toBe('2025-01-01');
    expect(cellText({ t: 'n', v: 4417.499999999999 })).toBe('4417.5');
    expect(cellText({ t: 's', v: ' 1,910.00 ' })).toBe('1,910.00');
  });

  it('gives merged cells their spans and every cell its sheet reference', () => {
    const tables = readWorkbook(workbook([['一级指标', '三级指标'], ['产出指标', '培训人次'], [null, '合格率']], (sheet) => (sheet['!merges'] = [{ s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }])));
    const sheet = tables.sheets[0];
    expect(sheet?.name).toBe('表1');
    expect(sheet?.rows[1]?.[0]).toMatchObject({ text: '产出指标', rowSpan: 2, ref: '表1!A2' });
    expect(sheet?.rows[2]?.map((c) => c.ref)).toEqual(['表1!B3']);
  });

  it('reads legacy .xls the same way', () => {
    const bytes = workbook([['部门名称', '示例局']], () => {}, 'biff8');
    expect(sniffFormat(bytes)).toBe('xls');
    expect(readWorkbook(bytes).sheets[0]?.rows[0]?.map((c) => c.text)).toEqual(['部门名称', '示例局']);
  });
});

describe('web-page tables', () => {
  it('lays rowspan and colspan out as a browser does, and keeps the text around the table', () => {
    const tables = readHtml('<p>标题</p><table><tr><td rowspan="2">产出指标</td><td colspan="2">a</td></tr><tr><td>b</td><td>c<br>d</td></tr></table><p>注</p>');
    const rows = tables.sheets[0]?.rows ?? [];
    expect(rows.map((r) => r.map((c) => [c.text, c.col, c.rowSpan, c.colSpan]))).toEqual([[['标题', 0, 1, 1]], [['产出指标', 0, 2, 1], ['a', 1, 1, 2]], [['b', 1, 1, 1], ['c\nd', 2, 1, 1]], [['注', 0, 1, 1]]]);
    expect(tableLines(tables).map((l) => l.text)).toEqual(['标题', '| 产出指标 | a |', '|  | b | c d |', '注']);
  });

  it('reads a clipboard fragment (what a browser copies) and a page saved as .xls by a government site', async () => {
    const html = '<html><body><!--StartFragment--><table><tr><td>部门名称</td><td>示例局</td></tr></table><!--EndFragment--></body></html>';
    expect(sniffFormat(new TextEncoder().encode(html))).toBe('html');
    const pasted = await importPasted(html);
    expect(pasted.format).toBe('html');
  });
});

describe('PDF text', () => {
  it('turns Kangxi radicals back into the characters they stand for, and nothing else', () => {
    expect(normalisePdfText('项⽬⽀出，：')).toBe('项目支出，：');
  });
});

describe('the reader is picked by content, not by name', () => {
  it.each([
    ['a workbook', workbook([['x']]), 'xlsx'],
    ['a PDF after junk bytes', new TextEncoder().encode('\n\n%PDF-1.7\n'), 'pdf'],
    ['HTML', new TextEncoder().encode('<!DOCTYPE html><html><table></table></html>'), 'html'],
    ['GB18030 text', new Uint8Array([0xb2, 0xbf, 0xc3, 0xc5]), 'text'],
  ])('%s', (_name, bytes, format) => {
    expect(sniffFormat(bytes)).toBe(format);
  });

  it('imports a text file whatever it is called', async () => {
    const outcome = await importSource(new TextEncoder().encode('部门整体预算绩效目标申报表\n部门名称：示例局\n'));
    expect(outcome.format).toBe('text');
  });
});
