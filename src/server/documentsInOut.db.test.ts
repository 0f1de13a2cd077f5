/**
 * Documents in and out over real HTTP, on both stores: a workbook, a PDF and a pasted web table
 * imported (previewed first, then stored); the official PDF and Excel form of every kind, which read
 * back as the same document; open data as JSON Lines, CSV and a data package; and bad files refused
 * with their reason while nothing stored changes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetDocument } from '../core/document.ts';
import { importSource } from '../readers/importSource.ts';
import { documentDifferences } from '../testing/documentDifferences.ts';
import { closeImportPool } from './import/importPool.ts';
import { ApiClient } from './testing/apiClient.ts';
import { useTestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';

const PASSWORD = 'test-password-123';
const formats = (name: string) => readFileSync(new URL(`../../fixtures/forms/formats/${name}`, import.meta.url));
const file = (name: string) => ({ name, data: formats(name).toString('base64') });

interface View {
  id: string;
  kind: string;
  state: string;
  version: number;
  content: TargetDocument;
  imported?: string[];
}

describe.each(STORE_KINDS)('documents in and out on the %s store', (_name, open) => {
  const t = useTestApp(open, { family: true });
  let base: string;
  let bureauId: string;
  const as = (username: string) => new ApiClient(base).login(username, PASSWORD);

  beforeAll(async () => {
    ({ base } = t);
    const editor = await as('haizhu-editor');
    const list = await editor.get<{ items: Array<{ departmentId: string }> }>('/api/v1/declarations?year=2025');
    bureauId = list.body.items[0]?.departmentId ?? '';
  }, 90_000);

  afterAll(async () => {
    await closeImportPool();
  });

  it('previews a workbook without storing it: the documents, and the sheet as a grid with cell references', async () => {
    const editor = await as('haizhu-editor');
    const before = (await editor.get<{ total: number }>('/api/v1/declarations?pageSize=1')).body.total;
    const preview = await editor.post<{ format: string; documents: TargetDocument[]; source: { sheets: Array<{ name: string; rows: Array<Array<{ ref: string; text: string }>> }> } }>('/api/v1/declarations/import/preview', { file: file('two-sheets.xlsx') });
    expect(preview.status).toBe(200);
    expect(preview.body.format).toBe('xlsx');
    expect(preview.body.documents.map((d) => d.kind)).toEqual(['department-target', 'project-target']);
    expect(preview.body.source.sheets).toHaveLength(2);
    expect(preview.body.source.sheets[0]?.rows[0]?.[0]?.ref).toMatch(/!A1$/);
    expect((await editor.get<{ total: number }>('/api/v1/declarations?pageSize=1')).body.total).toBe(before);
  });

  it('imports a PDF of another year as a draft once the year is confirmed', async () => {
    const editor = await as('haizhu-editor');
    const unconfirmed = await editor.post<{ error: { id: string } }>('/api/v1/declarations/import', { departmentId: bureauId, year: 2026, file: file('project.libreoffice.pdf'), confirm: ['department'] });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.id).toBe('import-mismatch');
    const imported = await editor.post<View>('/api/v1/declarations/import', { departmentId: bureauId, year: 2026, file: file('project.libreoffice.pdf'), confirm: ['department', 'year'] });
    expect(imported.status).toBe(201);
    expect(imported.body.kind).toBe('project-target');
    expect(imported.body.content.indicators).toHaveLength(21);
    const versions = await editor.get<Array<{ note: string | null }>>(`/api/v1/declarations/${imported.body.id}/versions`);
    expect(JSON.stringify(versions.body)).toContain('PDF');
  });

  it('saves each form of a workbook under its own year: a year chosen for one is confirmed, one not printed is noted as assumed', async () => {
    const editor = await as('haizhu-editor');
    // The department sheet prints no year; the project sheet prints 2025, and 2030 is chosen for it.
    const unconfirmed = await editor.post<{ error: { id: string; message: { zh: string } } }>('/api/v1/declarations/import', { departmentId: bureauId, year: 2029, years: [null, 2030], file: file('two-sheets.xlsx'), confirm: ['department'] });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.message.zh).toContain('第 2 份表文本是 2025 年度的申报表，而选择的是 2030 年度');
    const imported = await editor.post<View>('/api/v1/declarations/import', { departmentId: bureauId, year: 2029, years: [null, 2030], file: file('two-sheets.xlsx'), confirm: ['department', 'year'] });
    expect(imported.status).toBe(201);
    const [departmentForm, projectForm] = await Promise.all((imported.body.imported ?? []).map(async (id) => (await editor.get<View & { year: number }>(`/api/v1/declarations/${id}`)).body));
    expect([departmentForm?.year, projectForm?.year]).toEqual([2029, 2030]);
    const notes = async (id: string) => JSON.stringify((await editor.get(`/api/v1/declarations/${id}/versions`)).body);
    expect(await notes(departmentForm?.id ?? '')).toContain('表上未印年度，按 2029 年度保存（假定）');
    expect(await notes(projectForm?.id ?? '')).toContain('表上为 2025 年度，按所选 2030 年度保存');
  });

  it('imports a table pasted from a web page (HTML on the clipboard) as a table', async () => {
    const editor = await as('haizhu-editor');
    const html = formats('department.gov.html').toString('utf8');
    const preview = await editor.post<{ format: string; documents: Array<{ indicators: unknown[] }> }>('/api/v1/declarations/import/preview', { text: html });
    expect(preview.body.format).toBe('html');
    expect(preview.body.documents[0]?.indicators).toHaveLength(32);
  });

  it.each([
    ['scanned.pdf', 'import-scanned', '扫描件'],
    ['password.xlsx', 'import-encrypted', '密码'],
  ])('refuses %s with its reason (422) and stores nothing', async (name, id, words) => {
    const editor = await as('haizhu-editor');
    const before = (await editor.get<{ total: number }>('/api/v1/declarations?pageSize=1')).body.total;
    const refused = await editor.post<{ error: { id: string; message: { zh: string } } }>('/api/v1/declarations/import', { departmentId: bureauId, year: 2025, file: file(name) });
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe(id);
    expect(refused.body.error.message.zh).toContain(words);
    expect((await editor.get<{ total: number }>('/api/v1/declarations?pageSize=1')).body.total).toBe(before);
  });

  it('refuses a body that is neither text nor a file', async () => {
    const editor = await as('haizhu-editor');
    expect((await editor.post('/api/v1/declarations/import/preview', {})).status).toBe(400);
    expect((await editor.post('/api/v1/declarations/import/preview', { file: { name: 'a.xlsx', data: '***' } })).status).toBe(400);
  });

  it('exports every kind as the official PDF and Excel form, which read back as the same document', async () => {
    const editor = await as('haizhu-editor');
    const items = (await editor.get<{ items: Array<{ id: string; kind: string }> }>('/api/v1/declarations?year=2025&pageSize=100')).body.items;
    for (const kind of ['department-target', 'project-target']) {
      const item = items.find((i) => i.kind === kind);
      if (!item) throw new Error(`no ${kind}`);
      const view = (await editor.get<View>(`/api/v1/declarations/${item.id}`)).body;
      const pdf = await editor.bytes(`/api/v1/declarations/${item.id}.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toContain("filename*=UTF-8''");
      const xlsx = await editor.bytes(`/api/v1/declarations/${item.id}.xlsx`);
      expect(xlsx.status).toBe(200);
      for (const [bytes, loose] of [[xlsx.bytes, false], [pdf.bytes, true]] as const) {
        const back = await importSource(bytes);
        if (!back.ok) throw new Error(back.message.en);
        // The stored document may hold unparsed text of its own import; the form prints none of it.
        expect(documentDifferences({ ...view.content, unparsed: [] }, back.declaration, { looseWhitespace: loose })).toEqual([]);
      }
    }
  });

  it('keeps drafts out of the public exports and the exports of other departments', async () => {
    const editor = await as('haizhu-editor');
    const draft = (await editor.get<{ items: Array<{ id: string }> }>('/api/v1/declarations?state=draft&pageSize=1')).body.items[0];
    if (!draft) throw new Error('no draft');
    const anonymous = new ApiClient(base);
    expect((await anonymous.bytes(`/api/v1/declarations/${draft.id}.pdf`)).status).toBe(404);
    expect((await anonymous.bytes(`/api/v1/public/declarations/${draft.id}.xlsx`)).status).toBe(404);
  });

  it('streams the published documents as JSON Lines, CSV tables and a data package', async () => {
    const anonymous = new ApiClient(base);
    const published = (await anonymous.get<{ total: number }>('/api/v1/public/declarations?pageSize=1')).body.total;
    expect(published).toBeGreaterThan(0);
    const jsonl = new TextDecoder().decode((await anonymous.bytes('/api/v1/public/export?format=jsonl')).bytes).trim().split('\n');
    expect(jsonl).toHaveLength(published);
    const first = JSON.parse(jsonl[0] ?? '{}') as { id: string; document: TargetDocument };
    expect(first.document.schemaVersion).toBe(1);
    const documents = await anonymous.bytes('/api/v1/public/export?format=csv&table=documents');
    expect(documents.headers.get('content-type')).toContain('text/csv');
    const csv = new TextDecoder('utf-8', { ignoreBOM: false }).decode(documents.bytes).split('\r\n').filter(Boolean);
    expect(csv[0]).toBe('document_id,kind,year,region,department,project_name,version,published_at,title,total,basic,project,fiscal,other,indicators,unparsed');
    expect(csv).toHaveLength(published + 1);
    const indicators = new TextDecoder().decode((await anonymous.bytes('/api/v1/public/export?format=csv&table=indicators&year=2025')).bytes);
    expect(indicators.split('\r\n')[0]).toContain('annual_target');
    const pkg = await anonymous.get<{ resources: Array<{ name: string; path: string; schema: { fields: Array<{ name: string }> } }> }>('/api/v1/public/export?format=datapackage&year=2025');
    expect(pkg.body.resources.map((r) => r.name)).toEqual(['documents', 'indicators', 'projects']);
    expect(pkg.body.resources[1]?.path).toContain('table=indicators');
    expect(pkg.body.resources[0]?.schema.fields.map((f) => f.name)).toEqual(csv[0]?.split(','));
    expect((await anonymous.get('/api/v1/public/export?region=nowhere')).status).toBe(404);
  });
});
