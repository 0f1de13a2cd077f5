/**
 * Files that are not forms get a clear reason, in bounded time and memory, and never an empty
 * document: corrupt or password-protected workbooks, PDFs without text, files far too large,
 * sheets of 100,000 rows, pages without a table.
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { importSource } from './importSource.ts';
import { MAX_SOURCE_BYTES } from './readerError.ts';

async function refusal(bytes: Uint8Array) {
  const outcome = await importSource(bytes);
  if (outcome.ok) throw new Error('imported');
  return outcome;
}

describe('bad input', () => {
  it('a damaged workbook (a zip that is not one)', async () => {
    const bytes = new Uint8Array(4096).fill(9);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    const outcome = await refusal(bytes);
    expect(outcome.problem).toBe('corrupt');
    expect(outcome.message.zh).toContain('工作簿');
  });

  it('a password-protected workbook', async () => {
    const outcome = await refusal(new Uint8Array(readFileSync(new URL('../../fixtures/forms/formats/password.xlsx', import.meta.url))));
    expect(outcome.problem).toBe('encrypted');
  });

  it('a damaged PDF', async () => {
    const outcome = await refusal(new TextEncoder().encode('%PDF-1.4\nthis is not a PDF body\n'));
    expect(outcome.problem).toBe('corrupt');
    expect(outcome.message.zh).toContain('PDF');
  });

  it('a scan without a text layer is named as such', async () => {
    const outcome = await refusal(new Uint8Array(readFileSync(new URL('../../fixtures/forms/formats/scanned.pdf', import.meta.url))));
    expect(outcome.problem).toBe('scanned');
    expect(outcome.message.zh).toContain('扫描件，无文字层');
  });

  it('a file larger than any form is refused before it is parsed', async () => {
    const outcome = await refusal(new Uint8Array(MAX_SOURCE_BYTES + 1));
    expect(outcome.problem).toBe('too-large');
    expect(outcome.message.en).toContain('MB');
  });

  it('a sheet of 100,000 rows', async () => {
    const sheet = XLSX.utils.aoa_to_sheet(Array.from({ length: 100_000 }, (_, i) => [`行${i}`, i]));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '数据');
    const outcome = await refusal(new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    expect(outcome.problem).toBe('too-large');
    expect(outcome.message.zh).toContain('数据');
    expect(outcome.message.zh).toContain('100,000');
  });

  it('a web page without a table', async () => {
    const outcome = await refusal(new TextEncoder().encode('<!DOCTYPE html><html><body><p>部门整体预算绩效目标申报表</p></body></html>'));
    expect(outcome.problem).toBe('no-table');
  });

  it('a Word document without a table, and a presentation given as a workbook, are named as such', async () => {
    const word = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(word, '/[Content_Types].xml', Buffer.from('<Types/>'));
    XLSX.CFB.utils.cfb_add(word, '/word/document.xml', Buffer.from('<w:document><w:body><w:p><w:r><w:t>部门整体预算绩效目标申报表</w:t></w:r></w:p></w:body></w:document>'));
    const noTable = await refusal(new Uint8Array(XLSX.CFB.write(word, { type: 'buffer', fileType: 'zip' }) as Buffer));
    expect(noTable.problem).toBe('no-table');
    expect(noTable.message.zh).toContain('Word 文档');
    const slides = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(slides, '/ppt/presentation.xml', Buffer.from('<p:presentation/>'));
    const presentation = await refusal(new Uint8Array(XLSX.CFB.write(slides, { type: 'buffer', fileType: 'zip' }) as Buffer));
    expect(presentation.problem).toBe('unsupported');
    expect(presentation.message.zh).toContain('PowerPoint');
  });

  it('a workbook that holds no form', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['姓名', '电话'], ['张三', '123']]), 'Sheet1');
    const outcome = await refusal(new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    expect(outcome.problem).toBe('unrecognised');
  });
});
