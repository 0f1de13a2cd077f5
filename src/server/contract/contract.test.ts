/**
 * The API as a contract: every operation of the served OpenAPI document names itself, says who may
 * call it, describes its success answer and its errors; Redocly's recommended rules find no error;
 * and the test mode that holds answers to their schemas does catch an answer that breaks one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore, type Store } from '../../store/openStore.ts';
import { buildApp } from '../app.ts';
import { TAGS } from './document.ts';
import { servedOpenApi, type OpenApiDocument, type OpenApiOperation } from './servedDocument.ts';
import type { ResponseMismatch } from './validateResponses.ts';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

let document: OpenApiDocument;
const operations: Array<{ method: string; path: string; operation: OpenApiOperation }> = [];

beforeAll(async () => {
  document = await servedOpenApi();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) if (METHODS.includes(method)) operations.push({ method: method.toUpperCase(), path, operation });
  }
});

/** The operations that break a rule, as "METHOD path" lines (empty: none). */
function breaking(rule: (operation: OpenApiOperation, path: string) => boolean): string[] {
  return operations.filter(({ operation, path }) => !rule(operation, path)).map(({ method, path }) => `${method} ${path}`);
}

describe('the served OpenAPI document', () => {
  it('describes the API as a whole: servers, licence, security schemes, tags with descriptions', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.info.license?.name).toBe('MIT');
    expect(Object.keys(document.components.securitySchemes ?? {}).sort()).toEqual(['csrf', 'session', 'token']);
    for (const tag of document.tags ?? []) expect(tag.description, tag.name).toBeTruthy();
  });

  it('gives every operation a unique camelCase operationId', () => {
    expect(breaking((o) => typeof o.operationId === 'string' && /^[a-z][a-zA-Z0-9]+$/.test(o.operationId))).toEqual([]);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('tags every operation with a tag the document declares (src/server/contract/document.ts)', () => {
    const declared = new Set(TAGS.map((t) => t.name));
    expect(breaking((o) => (o.tags ?? []).length > 0 && (o.tags ?? []).every((t) => declared.has(t)))).toEqual([]);
  });

  it('says who may call every operation: the public routes with no requirement, the others a session or a token', () => {
    expect(breaking((o) => Array.isArray(o.security))).toEqual([]);
    const schemes = new Set(Object.keys(document.components.securitySchemes ?? {}));
    expect(breaking((o) => (o.security ?? []).every((requirement) => Object.keys(requirement).every((name) => schemes.has(name))))).toEqual([]);
    // Sign-in and the public data need nothing; writing needs the CSRF header beside a session cookie.
    expect(document.paths['/api/v1/session']?.post?.security).toEqual([]);
    expect(document.paths['/api/v1/public/declarations']?.get?.security).toEqual([]);
    expect(document.paths['/api/v1/documents/{id}']?.put?.security).toEqual([{ session: [], csrf: [] }, { token: [] }]);
    expect(document.paths['/api/v1/documents/{id}']?.get?.security).toEqual([{}, { session: [] }, { token: [] }]);
  });

  it('describes the success answer of every operation: a JSON schema or the content types of a file', () => {
    expect(
      breaking((o) => Object.entries(o.responses ?? {}).some(([status, response]) => /^2/.test(status) && Object.values(response.content ?? {}).length > 0 && Object.values(response.content ?? {}).every((c) => c.schema !== undefined))),
    ).toEqual([]);
    const pdf = document.paths['/api/v1/documents/{id}.pdf']?.get?.responses?.['200']?.content;
    expect(Object.keys(pdf ?? {})).toEqual(['application/pdf']);
  });

  it('lists the 4xx answers of every operation, each with the one error shape', () => {
    const isError = (response: { content?: Record<string, { schema?: unknown }> } | undefined) => JSON.stringify(response?.content?.['application/json']?.schema) === '{"$ref":"#/components/schemas/Error"}';
    expect(breaking((o) => Object.keys(o.responses ?? {}).some((status) => /^4/.test(status)))).toEqual([]);
    expect(breaking((o) => Object.entries(o.responses ?? {}).every(([status, response]) => !/^[45]/.test(status) || isError(response)))).toEqual([]);
    // With an id in the path, a 404; with a body, a 400; signed in only, a 401 and a 403.
    expect(breaking((o, path) => !path.includes('{') || '404' in (o.responses ?? {}))).toEqual([]);
    expect(Object.keys(document.paths['/api/v1/documents/{id}']?.put?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '500']));
  });

  it("passes Redocly's recommended rules with no error", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'jixiao-openapi-'));
    try {
      const file = join(folder, 'openapi.json');
      await writeFile(file, JSON.stringify(document));
      // Redocly exits 1 when it finds errors; its JSON report is on stdout either way.
      const { stdout } = await promisify(execFile)(process.execPath, [join('node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', file, '--format=json'], { maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout: string }) => error);
      const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; severity: string; message: string }> };
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('the test mode that holds answers to their schemas', () => {
  let store: Store;
  const mismatches: ResponseMismatch[] = [];

  beforeAll(async () => {
    store = await openStore({ kind: 'embedded', dataDir: 'memory://' });
    await store.migrate();
  });
  afterAll(async () => store.close());

  it('turns an answer that breaks its schema into a 500 and reports it, serialised or sent as JSON text', async () => {
    const app = await buildApp(store, { validateResponses: (m) => mismatches.push(m) });
    const schema = { operationId: 'testCount', tags: ['admin'], security: [], response: { 200: z.object({ n: z.number() }) } };
    app.get('/api/v1/test/object', { schema }, async () => ({ n: 'three' }));
    app.get('/api/v1/test/text', { schema }, async (_request, reply) => reply.type('application/json').send('{"n":"three"}'));
    app.get('/api/v1/test/good', { schema }, async (_request, reply) => reply.type('application/json').send('{"n":3}'));
    try {
      expect((await app.inject('/api/v1/test/object')).statusCode).toBe(500);
      expect((await app.inject('/api/v1/test/text')).statusCode).toBe(500);
      const good = await app.inject('/api/v1/test/good');
      expect([good.statusCode, good.json()]).toEqual([200, { n: 3 }]);
      expect(mismatches.map((m) => [m.url, m.status, m.problem])).toEqual([
        ['/api/v1/test/object', 200, 'n: Invalid input: expected number, received string'],
        ['/api/v1/test/text', 200, 'n: Invalid input: expected number, received string'],
      ]);
    } finally {
      await app.close();
    }
  });

  it('checks a file answer by its declared content types', async () => {
    mismatches.length = 0;
    const app = await buildApp(store, { validateResponses: (m) => mismatches.push(m) });
    const response = { 200: { description: 'a PDF', content: { 'application/pdf': { schema: z.string() } } } };
    app.get('/api/v1/test/pdf', { schema: { operationId: 'testPdf', tags: ['admin'], security: [], response } }, async (_request, reply) => reply.type('text/html').send('<p>not a pdf</p>'));
    try {
      expect((await app.inject('/api/v1/test/pdf')).statusCode).toBe(500);
      expect(mismatches[0]?.problem).toBe('content type text/html is not among the declared application/pdf');
    } finally {
      await app.close();
    }
  });
});
