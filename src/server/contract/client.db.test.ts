/**
 * The client generated from the OpenAPI document works as is: the example (examples/client/example.ts)
 * type-checks against the generated types, a call the document does not allow does not, and the
 * example run against a server imports a form, lists documents and downloads a PDF.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClient } from '../../../scripts/generateClient.ts';
import { importListDownload, jixiaoClient } from '../../../examples/client/example.ts';
import { startTestApp, type TestApp } from '../testing/testApp.ts';
import { STORE_KINDS } from '../testing/testStores.ts';

const folder = join('examples', 'client');
const tsc = (project: string) =>
  promisify(execFile)(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { maxBuffer: 16 * 1024 * 1024 }).then(
    () => '',
    (error: { stdout: string }) => error.stdout,
  );

beforeAll(async () => {
  await generateClient(join(folder, 'generated'));
});

describe('the generated client', () => {
  it('type-checks the example against the generated types', async () => {
    expect(await tsc(folder)).toBe('');
  });

  it('refuses at compile time a call the document does not allow', async () => {
    const bad = join(folder, 'generated', 'refused');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', include: ['*.ts'] }));
    await writeFile(
      join(bad, 'refused.ts'),
      [
        "import createClient from 'openapi-fetch';",
        "import type { paths } from '../jixiao-api.ts';",
        "const jixiao = createClient<paths>({ baseUrl: 'http://localhost' });",
        "const listed = await jixiao.GET('/api/v1/documents', { params: { query: { sort: 'cheapest' } } });",
        'const amount: number | undefined = listed.data?.items[0]?.summary.amount;',
        'export { amount };',
      ].join('\n'),
    );
    const errors = await tsc(bad);
    expect(errors).toMatch(/refused\.ts\(4,.*"cheapest"/);
    expect(errors).toMatch(/refused\.ts\(5,.*Type 'string \| null \| undefined' is not assignable to type 'number \| undefined'/);
  });
});

describe.each(STORE_KINDS)('the example run against a server on the %s store', (_name, open) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(open);
  });
  afterAll(() => t?.close());

  it('imports a form with an API token, lists documents and downloads the form as PDF', async () => {
    const editor = await t.as('haizhu-editor');
    const session = await editor.get<{ user: { departmentId: string } }>('/api/v1/session');
    const token = await editor.post<{ token: string }>('/api/v1/tokens', { name: 'client example' });
    expect(token.status).toBe(201);
    const bytes = new Uint8Array(await readFile(new URL('../../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url)));
    const result = await importListDownload(jixiaoClient(t.base, token.body.token), { name: 'form.txt', bytes }, session.body.user.departmentId, 2023);
    expect(result.importedIds).toHaveLength(1);
    expect(result.rows.map((r) => r.id)).toContain(result.importedIds[0]);
    expect(result.rows.find((r) => r.id === result.importedIds[0])).toMatchObject({ kind: 'department-target', state: 'draft' });
    expect(new TextDecoder().decode(result.pdf.slice(0, 5))).toBe('%PDF-');
  });
});
