/**
 * The people's congress book through the API, on both stores: a region's and a department's year as
 * PDF (fonts embedded, a contents page whose numbers are the pages the sections begin on, page
 * numbers; read back with pdftotext and pdffonts) and as Excel (a contents sheet and a sheet per
 * section); the policy (a department its own, an agency nothing, a bureau and its admin their region).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './testing/apiClient.ts';
import { useTestApp } from './testing/testApp.ts';
import { demoPlaces } from './testing/demoPlaces.ts';
import { STORE_KINDS } from './testing/testStores.ts';

const PASSWORD = 'Book-Password-2026';

function pdfFile(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'jixiao-book-')), 'book.pdf');
  writeFileSync(file, bytes);
  return file;
}
const pdftotext = (file: string, page?: number) => execFileSync('pdftotext', [...(page === undefined ? [] : ['-f', String(page), '-l', String(page)]), '-layout', file, '-'], { encoding: 'utf8' });

describe.each(STORE_KINDS)("the people's congress book (%s)", (_name, open) => {
  const t = useTestApp(open, { family: true });
  let reviewer: ApiClient;
  let editor: ApiClient;
  let haizhu: string;
  let yuexiu: string;
  let bureau: string;

  beforeAll(async () => {
    reviewer = await t.as('haizhu-reviewer');
    editor = await t.as('haizhu-editor');
    const admin = await t.as('admin');
    ({ haizhu, yuexiu, bureau } = await demoPlaces(t));
    for (const [username, role, regionId] of [['b-agency', 'agency', haizhu], ['b-yuexiu-reviewer', 'reviewer', yuexiu]] as const) {
      expect((await admin.post('/api/v1/users', { username, displayName: username, password: PASSWORD, role, departmentId: null, regionId })).status).toBe(201);
    }
    // One item in the ledger, so the section has a row.
    expect((await reviewer.post('/api/v1/rectifications', { source: { type: 'manual' }, departmentId: bureau, year: 2025, title: '绩效目标未细化量化', deadline: '2025-03-31' })).status).toBe(201);
  }, 180_000);

  it("prints a region's year as one PDF: cover, contents with the pages sections begin on, each section, page numbers, the font embedded", async () => {
    const pdf = await reviewer.bytes('/api/v1/book.pdf?year=2025');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(pdf.headers.get('content-disposition') ?? '')).toContain('海珠区2025年度预算绩效管理情况报告.pdf');
    const file = pdfFile(pdf.bytes);
    const text = pdftotext(file);
    expect(text).toMatch(/目\s+录/);
    for (const heading of ['一、绩效目标', '二、绩效运行监控', '三、绩效自评', '四、评估评价', '五、问题整改', '六、预算安排建议', '七、信息公开', '绩效目标未细化量化']) expect(text).toContain(heading);
    // The contents say on which page 五、问题整改 begins; that page (cover = page 0, printed numbers from 1) has it.
    const contents = pdftotext(file, 2);
    const printed = Number(/五、问题整改[ .]*?(\d+)\s*$/m.exec(contents)?.[1]);
    expect(printed).toBeGreaterThan(1);
    expect(pdftotext(file, printed + 1)).toContain('五、问题整改');
    expect(pdftotext(file, printed + 1)).toMatch(new RegExp(`—\\s*${printed}\\s*/\\s*\\d+\\s*—`));
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/NotoSansSC\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
  });

  it("gives the same as Excel: a contents sheet, then a sheet per section", async () => {
    const xlsx = await reviewer.bytes(`/api/v1/book.xlsx?year=2025&departmentId=${bureau}`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['目录', '1 绩效目标', '2 绩效运行监控', '3 绩效自评', '4 评估评价', '5 问题整改', '6 预算安排建议', '7 信息公开']);
    const ledger = workbook.getWorksheet('5 问题整改');
    expect(ledger?.getRow(2).getCell(2).value).toBe('绩效目标未细化量化');
    expect(ledger?.getRow(2).getCell(7).value).toBe('是');
  });

  it('follows the policy: a department gets its own book, an agency none, a bureau only its region', async () => {
    const own = await editor.bytes(`/api/v1/book.pdf?year=2025&regionId=${haizhu}`);
    expect(own.status).toBe(200);
    expect(decodeURIComponent(own.headers.get('content-disposition') ?? '')).not.toContain('海珠区2025年度');
    expect((await (await t.as('b-agency', PASSWORD)).bytes('/api/v1/book.pdf?year=2025')).status).toBe(403);
    const elsewhere = await t.as('b-yuexiu-reviewer', PASSWORD);
    expect((await elsewhere.bytes(`/api/v1/book.pdf?year=2025&regionId=${haizhu}`)).status).toBe(403);
    expect((await elsewhere.bytes(`/api/v1/book.pdf?year=2025&departmentId=${bureau}`)).status).toBe(404);
    expect((await fetch(`${t.base}/api/v1/book.pdf?year=2025`)).status).toBe(401);
    expect((await reviewer.bytes('/api/v1/book.pdf?year=20x5')).status).toBe(400);
  });
});
