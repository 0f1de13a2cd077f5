/**
 * Zip bombs in every reader that opens a zip: refused with the part and the limit named, before the
 * part is inflated (honest headers) or as soon as it passes the limit (lying headers) — never by
 * inflating hundreds of megabytes. The bombs are made here (hostileZips.ts), a few hundred KB each.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { importSource, readSourceTables } from './importSource.ts';
import { ReaderError } from './readerError.ts';
import { deflatedBomb, docxBomb, rawZip, textEntry, xlsxBomb } from './testing/hostileZips.ts';
import { checkZip, DOCUMENT_ZIP_LIMITS, zipDirectory } from './zipLimits.ts';

async function refusal(bytes: Uint8Array) {
  const outcome = await importSource(bytes);
  if (outcome.ok) throw new Error('imported');
  return outcome;
}

describe('zip bombs', () => {
  it('a 300 KB workbook whose shared strings inflate to 300 MB is refused naming the part and the limit', async () => {
    const bytes = xlsxBomb(300);
    expect(bytes.length).toBeLessThan(400 * 1024);
    const outcome = await refusal(bytes);
    expect(outcome.problem).toBe('too-large');
    expect(outcome.message.zh).toContain('xl/sharedStrings.xml');
    expect(outcome.message.zh).toContain('50 MB');
    expect(outcome.message.en).toContain('xl/sharedStrings.xml in the workbook inflates to more than the limit of 50 MB');
  });

  it('a workbook whose headers lie about a sheet of 400 MB is refused once the real bytes pass the limit', async () => {
    const outcome = await refusal(xlsxBomb(400, { part: 'xl/worksheets/sheet1.xml', lie: true }));
    expect(outcome.problem).toBe('too-large');
    expect(outcome.message.en).toContain('xl/worksheets/sheet1.xml');
  });

  it('parts each under the limit but together over the total are refused at the part that passes it', async () => {
    const part = (name: string) => ({ name, method: 8 as const, data: deflatedBomb(40), size: 40 * 1024 * 1024 });
    const bytes = rawZip([textEntry('[Content_Types].xml', '<Types/>'), part('xl/a.xml'), part('xl/b.xml'), part('xl/c.xml')]);
    const outcome = await refusal(bytes);
    expect(outcome.message.en).toContain('the workbook inflates to more than the limit of 100 MB (reached at entry xl/c.xml)');
    // The same with lying headers: counted as inflated.
    const lying = rawZip([textEntry('[Content_Types].xml', '<Types/>'), ...['xl/a.xml', 'xl/b.xml', 'xl/c.xml'].map((name) => ({ ...part(name), size: 10 }))]);
    expect((await refusal(lying)).message.en).toContain('(reached at entry xl/c.xml)');
  });

  it('a Word document whose body inflates to 300 MB, honest or lying, is refused naming word/document.xml', async () => {
    for (const lie of [false, true]) {
      const outcome = await refusal(docxBomb(300, { lie }));
      expect(outcome.format).toBe('docx');
      expect(outcome.problem).toBe('too-large');
      expect(outcome.message.zh).toContain('Word 文档中的 word/document.xml 解压后超过 50 MB 上限');
    }
  });

  it('the readers of the other doors (tables only) refuse the same way', async () => {
    await expect(readSourceTables(xlsxBomb(300), 'xlsx')).rejects.toThrow(ReaderError);
    await expect(readSourceTables(docxBomb(300, { lie: true }), 'docx')).rejects.toThrow(/word\/document\.xml/);
  });

  it('an honest bomb is refused from its directory alone, without inflating (a declared 4 GB part)', () => {
    const bytes = rawZip([{ name: 'xl/sharedStrings.xml', method: 8, data: deflatedBomb(4), size: 0xfffffff0 }]);
    const started = process.memoryUsage().arrayBuffers;
    expect(() => checkZip(bytes, { zh: '工作簿', en: 'the workbook' })).toThrow(/xl\/sharedStrings\.xml in the workbook inflates to more than the limit of 50 MB/);
    // Nothing was inflated: no buffer the size of a part was made.
    expect(process.memoryUsage().arrayBuffers - started).toBeLessThan(DOCUMENT_ZIP_LIMITS.maxEntryBytes / 4);
  });

  it('a zip listing more entries than the limit, and an Apple Numbers zip that holds another zip, are refused', async () => {
    const many = rawZip([textEntry('[Content_Types].xml', '<Types/>'), ...Array.from({ length: DOCUMENT_ZIP_LIMITS.maxEntries }, (_, i) => textEntry(`xl/p${i}.xml`, 'x'))]);
    expect((await refusal(many)).message.en).toContain(`more than the limit of ${DOCUMENT_ZIP_LIMITS.maxEntries.toLocaleString('en-US')}`);
    const numbers = rawZip([textEntry('Index.zip', 'PK')]);
    expect((await refusal(numbers)).problem).toBe('unsupported');
  });

  it('reads the directory of a real workbook as SheetJS does', () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/forms/formats/department.official.xlsx', import.meta.url)));
    const names = zipDirectory(bytes, { zh: '', en: '' }).map((e) => e.name);
    expect(names).toContain('xl/workbook.xml');
    expect(() => checkZip(bytes, { zh: '', en: '' })).not.toThrow();
  });
});

describe('hostile Word documents', () => {
  it('elements nested 100,000 deep are refused by name, not by overflowing the stack of the walk', async () => {
    const xml = `<w:document xmlns:w="w">${'<w:x>'.repeat(100_000)}`;
    const bytes = rawZip([textEntry('[Content_Types].xml', '<Types/>'), textEntry('word/document.xml', xml)]);
    const outcome = await refusal(bytes);
    expect(outcome.problem).toBe('too-large');
    expect(outcome.message.en).toBe('the Word document nests elements more than 256 deep: this is not a form');
  });
});

describe('jixiao import of a zip bomb', () => {
  it('exits 2 naming the part, in seconds and without gigabytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-bomb-'));
    const file = join(dir, 'bomb.xlsx');
    writeFileSync(file, xlsxBomb(300));
    const bin = fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url));
    const error = await promisify(execFile)(process.execPath, [bin, 'import', file], { encoding: 'utf8' }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(2);
    expect(error?.stderr).toContain('xl/sharedStrings.xml');
    expect(error?.stderr).toContain('50 MB');
  });
});
