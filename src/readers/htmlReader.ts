/**
 * Web pages in as the table model: a saved government page, or what a browser puts on the
 * clipboard when a user copies a table. The page is parsed by parse5 (the WHATWG algorithm, as a
 * browser does, so broken markup reads as it displays); each innermost <table> is laid out with its
 * rowspan and colspan like a browser lays it out, and the text around tables (the title above the
 * table, a note below) becomes rows of one cell, in document order.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { decodeText } from '../import/text/decodeText.ts';
import { tableCell, type SourceSheet, type SourceTables, type TableCell } from '../table/sourceTable.ts';
import { checkSourceSize, MAX_SOURCE_ROWS, ReaderError } from './readerError.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** True when text is HTML rather than plain text (a document, or a clipboard fragment with a table). */
export function isHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<table[\s>]/i.test(text.slice(0, 200_000)) || head.startsWith('<meta') || head.startsWith('<!--startfragment');
}

/** Reads HTML bytes (UTF-8 or GB18030) into sheets; throws a ReaderError when there is no table. */
export function readHtmlBytes(bytes: Uint8Array): SourceTables {
  checkSourceSize(bytes);
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new ReaderError('corrupt', `网页文件无法解码：${decoded.message}`, `the web page cannot be decoded: ${decoded.message}`);
  return readHtml(decoded.text);
}

const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'section', 'article', 'header', 'footer', 'caption', 'center', 'title', 'tr', 'blockquote', 'pre']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'select', 'button']);

/** Reads HTML text into one sheet of rows; throws a ReaderError when the page holds no table. */
export function readHtml(html: string): SourceTables {
  const document = parse(html);
  const rows: TableCell[][] = [];
  let tables = 0;
  let pending = '';
  const flush = () => {
    for (const line of pending.split('\n')) {
      const text = line.replace(/[ \t\f\r\u00a0]+/g, ' ').trim();
      if (text === '') continue;
      const r = rows.length;
      rows.push([tableCell(text, r, 0, `网页 第${r + 1}行`)]);
    }
    pending = '';
  };
  const walk = (node: Node) => {
    if (!('tagName' in node)) {
      if (node.nodeName === '#text') pending += (node as DefaultTreeAdapterTypes.TextNode).value.replace(/\s+/g, ' ');
      return;
    }
    const element = node as Element;
    if (SKIP.has(element.tagName)) return;
    if (element.tagName === 'table' && !containsTable(element)) {
      flush();
      tables++;
      layTable(element, tables, rows);
      return;
    }
    if (element.tagName === 'br') pending += '\n';
    const block = BLOCKS.has(element.tagName);
    if (block) pending += '\n';
    for (const child of childrenOf(element)) walk(child);
    if (block) pending += '\n';
    if (element.tagName === 'td' || element.tagName === 'th') pending += ' ';
  };
  for (const child of document.childNodes) walk(child);
  flush();
  if (tables === 0) {
    throw new ReaderError('no-table', '网页中没有表格：请保存含申报表的页面，或在网页上选中整张表格后复制', 'the web page holds no table: save the page with the form, or select the whole table on the page and copy it');
  }
  if (rows.length > MAX_SOURCE_ROWS) {
    throw new ReaderError('too-large', `网页表格有 ${rows.length.toLocaleString('en-US')} 行，超过上限 ${MAX_SOURCE_ROWS.toLocaleString('en-US')} 行`, `the page's tables have ${rows.length.toLocaleString('en-US')} rows, more than the limit of ${MAX_SOURCE_ROWS.toLocaleString('en-US')}`);
  }
  const sheet: SourceSheet = { name: '网页', rows };
  return { format: 'html', sheets: [sheet] };
}

function childrenOf(element: Element): Node[] {
  // <template> content aside, parse5 keeps children on childNodes.
  return element.childNodes;
}

function containsTable(element: Element): boolean {
  for (const child of element.childNodes) {
    if ('tagName' in child && ((child as Element).tagName === 'table' || containsTable(child as Element))) return true;
  }
  return false;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function rowsOf(table: Element): Element[] {
  const result: Element[] = [];
  const visit = (element: Element) => {
    for (const child of element.childNodes) {
      if (!('tagName' in child)) continue;
      const el = child as Element;
      if (el.tagName === 'tr') result.push(el);
      else if (el.tagName === 'thead' || el.tagName === 'tbody' || el.tagName === 'tfoot') visit(el);
    }
  };
  visit(table);
  return result;
}

/** A cell's text as displayed: <br> and blocks break lines, other white space collapses. */
function cellText(element: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (!('tagName' in node)) {
      if (node.nodeName === '#text') text += (node as DefaultTreeAdapterTypes.TextNode).value.replace(/[ \t\r\n\f]+/g, ' ');
      return;
    }
    const el = node as Element;
    if (SKIP.has(el.tagName)) return;
    if (el.tagName === 'br') text += '\n';
    const block = BLOCKS.has(el.tagName);
    if (block) text += '\n';
    for (const child of el.childNodes) walk(child);
    if (block) text += '\n';
  };
  walk(element);
  return text.split('\n').map((line) => line.replace(/\u00a0/g, ' ').trim()).filter((line) => line !== '').join('\n');
}

/** Places a table's cells on the grid as a browser does: each cell in the first free slot of its row. */
function layTable(table: Element, number: number, rows: TableCell[][]): void {
  const first = rows.length;
  const taken = new Set<string>();
  const trs = rowsOf(table);
  trs.forEach((tr, r) => {
    rows.push([]);
    let c = 0;
    for (const child of tr.childNodes) {
      if (!('tagName' in child)) continue;
      const td = child as Element;
      if (td.tagName !== 'td' && td.tagName !== 'th') continue;
      while (taken.has(`${r},${c}`)) c++;
      const rowSpan = Math.max(1, Math.min(trs.length - r, Number.parseInt(attribute(td, 'rowspan') ?? '1', 10) || 1));
      const colSpan = Math.max(1, Math.min(1000, Number.parseInt(attribute(td, 'colspan') ?? '1', 10) || 1));
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken.add(`${r + dr},${c + dc}`);
      const text = cellText(td);
      if (text !== '') (rows[first + r] as TableCell[]).push(tableCell(text, first + r, c, `表${number} 第${r + 1}行第${c + 1}列`, { rowSpan, colSpan }));
      c += colSpan;
    }
  });
}
