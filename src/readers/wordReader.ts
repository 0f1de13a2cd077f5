/**
 * Word documents (.docx) in as the table model: forms travel as Word files as often as workbooks.
 * The document body is read in order — each table (w:tbl) with its merged cells (w:gridSpan across,
 * w:vMerge down), each paragraph outside a table as a row of one cell (a title, a note) — from
 * word/document.xml in the zip, which SheetJS's container reader opens.
 */
import * as XLSX from '@e965/xlsx';
import { tableCell, type SourceTables, type TableCell } from '../table/sourceTable.ts';
import { MAX_SOURCE_ROWS, ReaderError } from './readerError.ts';
import { checkZip, zipHasEntry } from './zipLimits.ts';

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlNode[];
}
type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code] ?? whole;
  });
}

/**
 * How deep elements may nest. A table in a table in a table is about 15 levels; a document nested
 * thousands deep is built to overflow the stack of whatever walks it.
 */
const MAX_XML_DEPTH = 256;

/** A minimal XML tree (elements, attributes, text), enough for WordprocessingML. */
function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  const pattern = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;
  for (const match of xml.matchAll(pattern)) {
    const top = stack[stack.length - 1] as XmlElement;
    const [, closing, name, attrs, selfClosing, cdata, text] = match;
    if (text !== undefined) {
      top.children.push(decodeEntities(text));
    } else if (cdata !== undefined) {
      top.children.push(cdata);
    } else if (name) {
      if (closing) {
        // Close up to the matching element (tolerates a stray end tag).
        let at = stack.length - 1;
        while (at > 0 && (stack[at] as XmlElement).name !== name) at--;
        if (at > 0) stack.length = at;
        continue;
      }
      const attributes: Record<string, string> = {};
      for (const a of (attrs ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1] as string] = decodeEntities(a[2] ?? a[3] ?? '');
      const element: XmlElement = { name, attributes, children: [] };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
      if (stack.length > MAX_XML_DEPTH) throw new ReaderError('too-large', `Word 文档的元素嵌套超过 ${MAX_XML_DEPTH} 层：这不是一份表格`, `the Word document nests elements more than ${MAX_XML_DEPTH} deep: this is not a form`);
    }
  }
  return root;
}

const elements = (node: XmlElement, name: string): XmlElement[] => node.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);

function find(node: XmlElement, name: string): XmlElement | undefined {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) return child;
    const deeper = find(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** The text of a paragraph or cell: runs' w:t, tabs and breaks; paragraphs inside a cell are lines. */
function textOf(node: XmlElement): string {
  let text = '';
  const walk = (n: XmlElement) => {
    for (const child of n.children) {
      if (typeof child === 'string') continue;
      if (child.name === 'w:t') text += child.children.filter((c): c is string => typeof c === 'string').join('');
      else if (child.name === 'w:tab') text += ' ';
      else if (child.name === 'w:br' || child.name === 'w:cr') text += '\n';
      else if (child.name === 'w:p') {
        if (text !== '' && !text.endsWith('\n')) text += '\n';
        walk(child);
      } else if (child.name !== 'w:tbl') walk(child);
    }
  };
  walk(node);
  return text.trim();
}

/** True for the bytes of a .docx (a zip holding word/document.xml), told by the zip's directory: nothing is inflated. */
export function isWordDocument(bytes: Uint8Array): boolean {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return false;
  return zipHasEntry(bytes, 'word/document.xml');
}

/** Reads a .docx's body as one sheet; throws a ReaderError naming what is wrong. */
export function readWordDocument(bytes: Uint8Array): SourceTables {
  // Every part's size before SheetJS's zip reader inflates it (it inflates without a limit).
  checkZip(bytes, { zh: 'Word 文档', en: 'the Word document' });
  let xml: string;
  try {
    const entry = XLSX.CFB.find(XLSX.CFB.read(bytes, { type: 'array' }), '/word/document.xml');
    if (!entry?.content) throw new Error('no word/document.xml');
    xml = new TextDecoder('utf-8').decode(entry.content as Uint8Array);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ReaderError('corrupt', `无法读取 Word 文档：文件已损坏（${message}）`, `the Word document cannot be read: it is damaged (${message})`);
  }
  const body = find(parseXml(xml), 'w:body');
  const rows: TableCell[][] = [];
  let tables = 0;
  const paragraph = (p: XmlElement) => {
    const text = textOf({ name: '#p', attributes: {}, children: [p] });
    if (text === '') return;
    const r = rows.length;
    rows.push([tableCell(text, r, 0, `正文 第${r + 1}行`)]);
  };
  const table = (tbl: XmlElement) => {
    tables++;
    const first = rows.length;
    // Open vertical merges by grid column: the cell that started them, to grow its rowSpan.
    const open = new Map<number, { cell: TableCell; index: number; row: number }>();
    elements(tbl, 'w:tr').forEach((tr, r) => {
      const row: TableCell[] = [];
      rows.push(row);
      let col = 0;
      // A row may skip grid columns before its first cell (w:gridBefore).
      const before = find(tr, 'w:gridBefore');
      if (before) col += Number(before.attributes['w:val'] ?? 0) || 0;
      for (const tc of elements(tr, 'w:tc')) {
        const properties = elements(tc, 'w:tcPr')[0];
        const span = Math.max(1, Number((properties && find(properties, 'w:gridSpan')?.attributes['w:val']) ?? 1) || 1);
        const vMerge = properties ? find(properties, 'w:vMerge') : undefined;
        const continues = vMerge !== undefined && vMerge.attributes['w:val'] !== 'restart';
        const started = open.get(col);
        if (continues && started) {
          // The cell above runs on: one more row for it.
          const grown = { ...started.cell, rowSpan: started.cell.rowSpan + 1 };
          (rows[started.row] as TableCell[])[started.index] = grown;
          open.set(col, { ...started, cell: grown });
        } else {
          open.delete(col);
          const text = textOf(tc);
          const cell = tableCell(text, first + r, col, `表${tables} 第${r + 1}行第${col + 1}列`, { colSpan: span });
          if (text !== '' || vMerge) {
            row.push(cell);
            if (vMerge) open.set(col, { cell, index: row.length - 1, row: first + r });
          }
        }
        col += span;
      }
    });
    // Cells with no text were kept only to carry a merge: drop them now.
    for (let r = first; r < rows.length; r++) rows[r] = (rows[r] as TableCell[]).filter((c) => c.text !== '');
  };
  for (const child of body?.children ?? []) {
    if (typeof child === 'string') continue;
    if (child.name === 'w:tbl') table(child);
    else if (child.name === 'w:p') paragraph(child);
    else if (child.name === 'w:sdt') for (const p of elements(find(child, 'w:sdtContent') ?? child, 'w:p')) paragraph(p);
  }
  if (tables === 0) throw new ReaderError('no-table', 'Word 文档中没有表格：申报表应是一张表', 'the Word document holds no table: a form is a table');
  if (rows.length > MAX_SOURCE_ROWS) throw new ReaderError('too-large', `Word 文档的表格有 ${rows.length} 行，超过上限 ${MAX_SOURCE_ROWS} 行`, `the document's tables have ${rows.length} rows, more than ${MAX_SOURCE_ROWS}`);
  return { format: 'docx', sheets: [{ name: 'Word', rows }] };
}
