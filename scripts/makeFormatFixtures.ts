/**
 * Writes the format fixtures of fixtures/forms/formats/ once (they are committed; tests only read
 * them): the seed department form and a project form, each as
 *   - the official .xlsx (Jixiao's own writer),
 *   - a regional .xlsx layout (other labels, reordered and merged cells, goals in one cell), and for
 *     the department form a Hubei-style one (收入构成 / 支出构成 with shares, numbered goals, merged labels),
 *   - a legacy .xls (BIFF8, converted by LibreOffice: amounts as text with thousands separators, a formula),
 *   - a PDF from Jixiao's writer and a PDF from LibreOffice (`soffice --convert-to pdf` of the .xlsx),
 *   - an HTML page as a government site prints the table (navigation around it), and the same page
 *     converted to traditional characters (a mirror site);
 *   - that page opened in LibreOffice Writer and saved as .docx (Word tables with merged cells);
 * plus a workbook with both forms on two sheets, a password-protected workbook and a scanned PDF.
 *
 *   npx tsx scripts/makeFormatFixtures.ts      (needs LibreOffice: apt-get install libreoffice-calc-nogui libreoffice-writer-nogui)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import * as OpenCC from 'opencc-js/cn2t';
import PDFDocument from 'pdfkit';
import type { TargetDocument } from '../src/core/document.ts';
import { importFormText } from '../src/import/text/importFormText.ts';
import { officialLayout, type LayoutCell } from '../src/layout/officialLayout.ts';
import { writePdf } from '../src/writers/pdfWriter.ts';
import { writeWorkbook } from '../src/writers/workbookWriter.ts';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'fixtures/forms/formats');
mkdirSync(out, { recursive: true });

const department = JSON.parse(readFileSync(path.join(root, 'fixtures/forms/000_168cd24c06a0f893.expected.json'), 'utf8')) as TargetDocument;
const projectImport = importFormText(readFileSync(path.join(root, 'fixtures/forms/project/full-size.txt'), 'utf8'));
if (!projectImport.ok) throw new Error('the project fixture does not import');
const project = { ...projectImport.declaration, unparsed: [] } as TargetDocument;
writeFileSync(path.join(out, 'project.expected.json'), `${JSON.stringify(project, null, 2)}\n`);

/** A cell of a hand-laid variant: text, spans, and how a workbook stores it. */
interface Spec {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Stored as a number (with its cached formula, for .xls). */
  number?: number;
  formula?: string;
  /** Stored as text with thousands separators. */
  grouped?: boolean;
}

/** The official layout with its indicator columns reordered (年度 before 实施期) and a leading note row. */
function regionalVariant(document: TargetDocument): { rows: Spec[][]; columns: number } {
  const layout = officialLayout(document);
  const header = layout.rows[layout.header.from] ?? [];
  const period = header.find((c) => /实施/.test(c.text));
  const annual = header.find((c) => /年度指标值/.test(c.text));
  const swap = (cell: LayoutCell): LayoutCell => {
    if (!period || !annual || cell.row < layout.header.from) return cell;
    if (cell.col === period.col && cell.colSpan === period.colSpan) return { ...cell, col: annual.col + annual.colSpan - period.colSpan };
    if (cell.col === annual.col && cell.colSpan === annual.colSpan) return { ...cell, col: period.col };
    return cell;
  };
  const rows: Spec[][] = layout.rows.map((row) =>
    row
      .map(swap)
      .map((c) => ({ text: c.text, row: c.row + 1, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan }))
      .sort((a, b) => a.col - b.col),
  );
  // Goals in one merged cell, one per line, as many regions print them.
  if (document.kind === 'department-target') {
    const goalRows = rows.flatMap((row) => row).filter((c) => /^目标\d+：/.test(c.text));
    const first = goalRows[0];
    if (first) {
      first.text = goalRows.map((g) => g.text).join('\n');
      for (const g of goalRows.slice(1)) g.text = '';
    }
  }
  rows.unshift([{ text: '单位：万元', row: 0, col: layout.columns - 1, rowSpan: 1, colSpan: 1 }]);
  return { rows: rows.map((r) => r.filter((c) => c.text !== '' || c.rowSpan > 1 || c.colSpan > 1)), columns: layout.columns };
}

/**
 * A Hubei-style department form: the budget as 收入构成 / 支出构成 with shares, 单位名称 inline, the
 * goals numbered 1. 2. … in one merged cell, 重点项目 and 年度重点工作任务 as merged labels beside their
 * tables, and the indicator columns named 指标名称 / 长期指标值 / 年度目标值.
 */
function hubeiVariant(d: TargetDocument): { rows: Spec[][]; columns: number } {
  if (d.kind !== 'department-target') throw new Error('a department form');
  const rows: Spec[][] = [];
  const row = (...cells: [string, number, number?, number?][]) => {
    const r = rows.length;
    rows.push(cells.map(([text, col, colSpan = 1, rowSpan = 1]) => ({ text, row: r, col, rowSpan, colSpan })));
  };
  const b = d.budget;
  const share = (part: string | null, whole: string | null) => (part && whole && Number(whole) > 0 ? `${((Number(part) / Number(whole)) * 100).toFixed(2)}%` : '0.00%');
  row([d.title ?? '', 0, 6]);
  row([`单位名称：${d.department ?? ''}`, 0, 4], ['金额单位：万元', 4, 2]);
  row(['收入构成', 0], ['金额', 1], ['占比', 2], ['支出构成', 3], ['金额', 4], ['占比', 5]);
  row(['财政拨款', 0], [b.income.fiscal ?? '', 1], [share(b.income.fiscal, b.total), 2], ['基本支出', 3], [b.basic ?? '', 4], [share(b.basic, b.total), 5]);
  row(['其他资金', 0], [b.income.other ?? '', 1], [share(b.income.other, b.total), 2], ['项目支出', 3], [b.project ?? '', 4], [share(b.project, b.total), 5]);
  row(['事业发展性支出', 0, 2], ['金额', 2], ['按预算级次划分', 3, 2], ['金额', 5]);
  row(['财政专项资金', 0, 2], [b.developmental.specialFiscal ?? '', 2], ['区本级使用资金', 3, 2], [b.byLevel.ownLevel ?? '', 5]);
  row(['其他事业发展性支出', 0, 2], [b.developmental.other ?? '', 2], ['拟用于对下转移支付资金', 3, 2], [b.byLevel.transferDown ?? '', 5]);
  row(['年度总体目标', 0], [d.goals.map((g, i) => `${i + 1}.${g}`).join('\n'), 1, 5]);
  const projectsAt = rows.length;
  row(['重点项目', 0, 1, d.projects.length + 1], ['项目名称', 1], ['主要实施内容', 2, 3], ['预算金额（万元）', 5]);
  for (const p of d.projects) row([p.name, 1], [p.content, 2, 3], [p.amount ?? '', 5]);
  void projectsAt;
  const outcomes = d.projects.filter((p) => p.expectedOutcome !== '');
  row(['年度重点工作任务', 0, 1, outcomes.length + 1], ['项目名称', 1], ['期望达到的目标（概述）', 2, 4]);
  for (const p of outcomes) row([p.name, 1], [p.expectedOutcome, 2, 4]);
  row(['一级指标', 0], ['二级指标', 1], ['指标名称', 2, 2], ['长期指标值', 4], ['年度目标值', 5]);
  const first = rows.length;
  const layout = officialLayout(d);
  // The indicator rows and their merged classes as the official layout has them.
  for (const r of layout.rows.slice(layout.header.to + 1)) rows.push(r.map((c) => ({ text: c.text, row: c.row - (layout.header.to + 1) + first, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan })));
  return { rows, columns: 6 };
}

/** The official layout with amounts as grouped text, and one amount as a formula (its cached value). */
function legacyVariant(document: TargetDocument): { rows: Spec[][]; columns: number } {
  const layout = officialLayout(document);
  let formulaDone = false;
  const rows = layout.rows.map((row) =>
    row.map((c): Spec => {
      const spec: Spec = { text: c.text, row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan };
      if (c.role === 'amount' && c.text !== '') {
        const value = Number(c.text);
        if (!formulaDone && value > 1000) {
          formulaDone = true;
          return { ...spec, number: value, formula: `${value / 2}*2` };
        }
        return { ...spec, grouped: true };
      }
      return spec;
    }),
  );
  return { rows, columns: layout.columns };
}

async function writeVariantXlsx(file: string, sheets: { name: string; rows: Spec[][]; columns: number }[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const sheetSpec of sheets) {
    const sheet = workbook.addWorksheet(sheetSpec.name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    sheet.columns = Array.from({ length: sheetSpec.columns }, (_, i) => ({ width: i === 3 ? 40 : 22 }));
    for (const row of sheetSpec.rows) {
      for (const c of row) {
        const cell = sheet.getCell(c.row + 1, c.col + 1);
        if (c.number !== undefined) {
          cell.value = c.formula ? { formula: c.formula, result: c.number } : c.number;
          cell.numFmt = '0.00';
        } else if (c.grouped) {
          cell.value = Number(c.text).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        } else {
          cell.value = c.text;
        }
        cell.alignment = { wrapText: true, vertical: 'middle' };
        cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
        if (c.rowSpan > 1 || c.colSpan > 1) sheet.mergeCells(c.row + 1, c.col + 1, c.row + c.rowSpan, c.col + c.colSpan);
      }
    }
  }
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
}

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('\n', '<br>');

/** The table as a government site prints it: a page with navigation, the title above, the table, a footer. */
function governmentPage(document: TargetDocument, rows: Spec[][]): string {
  const [titleRow, ...rest] = rows.filter((r) => r.length > 0);
  const title = titleRow?.map((c) => c.text).join('') ?? '';
  const body = rest
    .map((row) => `    <tr>${row.map((c) => `<td${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}>${escape(c.text)}</td>`).join('')}</tr>`)
    .join('\n');
  const who = document.kind === 'project-target' ? (document.project.name ?? '') : (document.department ?? '');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(who)} - 预算公开</title>
<script>var _hmt = _hmt || [];</script><style>td{border:1px solid #000}</style></head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 预算公开</div>
<div class="article">
  <p style="text-align:center"><strong>${escape(title)}</strong></p>
  <table border="1" cellspacing="0" cellpadding="0" style="width:100%">
  <tbody>
${body}
  </tbody>
  </table>
</div>
<div class="footer">主办单位：广州市海珠区人民政府办公室\u3000版权所有</div>
</body></html>
`;
}

function layoutSpecs(document: TargetDocument): Spec[][] {
  return officialLayout(document).rows.map((row) => row.map((c) => ({ text: c.text, row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan })));
}

async function scannedPdf(file: string): Promise<void> {
  // A page that is one image and no text: what a scanner makes.
  const pdf = new PDFDocument({ size: 'A4', layout: 'landscape' });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => pdf.on('end', resolve));
  // The output root is a path in the work folder: given `-`, pdftoppm does not write to stdout but
  // makes a file named `-.png` in the current directory (one sat at the repository's root).
  execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', path.join(out, 'department.jixiao.pdf'), path.join(work, 'scan')]);
  const png = readFileSync(path.join(work, 'scan.png'));
  pdf.image(png, 0, 0, { width: 841 });
  pdf.end();
  await done;
  writeFileSync(file, Buffer.concat(chunks));
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const work = mkdtempSync(path.join(tmpdir(), 'jixiao-fixtures-'));

for (const [name, document] of [['department', department], ['project', project]] as const) {
  writeFileSync(path.join(out, `${name}.official.xlsx`), await writeWorkbook([document]));
  const regional = regionalVariant(document);
  await writeVariantXlsx(path.join(out, `${name}.regional.xlsx`), [{ name: name === 'department' ? '整体绩效目标表' : '项目绩效目标表', ...regional }]);
  // SheetJS's own BIFF8 writer cuts strings at 255 characters: LibreOffice makes the .xls.
  if (name === 'department') await writeVariantXlsx(path.join(out, 'department.hubei.xlsx'), [{ name: '部门整体支出绩效目标', ...hubeiVariant(document) }]);
  const legacy = legacyVariant(document);
  await writeVariantXlsx(path.join(work, `${name}.legacy.xlsx`), [{ name: 'Sheet1', ...legacy }]);
  execFileSync('soffice', ['--headless', '--convert-to', 'xls', '--outdir', work, path.join(work, `${name}.legacy.xlsx`)], { stdio: 'ignore' });
  copyFileSync(path.join(work, `${name}.legacy.xls`), path.join(out, `${name}.legacy.xls`));
  writeFileSync(path.join(out, `${name}.jixiao.pdf`), await writePdf([document]));
  copyFileSync(path.join(out, `${name}.official.xlsx`), path.join(work, `${name}.xlsx`));
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, path.join(work, `${name}.xlsx`)], { stdio: 'ignore' });
  copyFileSync(path.join(work, `${name}.pdf`), path.join(out, `${name}.libreoffice.pdf`));
  const page = governmentPage(document, layoutSpecs(document));
  writeFileSync(path.join(out, `${name}.gov.html`), page);
  // The page opened in LibreOffice Writer and saved as Word: a .docx with merged table cells.
  writeFileSync(path.join(work, `${name}.word.html`), page);
  execFileSync('soffice', ['--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, path.join(work, `${name}.word.html`)], { stdio: 'ignore' });
  copyFileSync(path.join(work, `${name}.word.docx`), path.join(out, `${name}.libreoffice.docx`));
  if (name === 'department') writeFileSync(path.join(out, `${name}.traditional.html`), toTraditional(page));
}
writeFileSync(path.join(out, 'two-sheets.xlsx'), await writeWorkbook([department, project]));
await scannedPdf(path.join(out, 'scanned.pdf'));
// What Excel writes for a workbook with an opening password: an OLE container holding the
// encryption header and the encrypted package, no readable sheet.
const container = XLSX.CFB.utils.cfb_new();
XLSX.CFB.utils.cfb_add(container, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0, ...Buffer.from('<?xml version="1.0"?><encryption/>')]));
XLSX.CFB.utils.cfb_add(container, '/EncryptedPackage', Buffer.alloc(4096, 7));
writeFileSync(path.join(out, 'password.xlsx'), XLSX.CFB.write(container, { type: 'buffer' }) as Buffer);
console.log(`fixtures written to ${path.relative(root, out)}`);
