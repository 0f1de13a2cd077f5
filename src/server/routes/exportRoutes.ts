/**
 * Documents out: each declaration as the official PDF and Excel form, and every published
 * document as open data (JSON Lines, CSV tables, a Frictionless Data Package), streamed page by
 * page so a national year never sits in memory.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { CSV, NDJSON, PDF, XLSX, fileResponse } from '../contract/files.ts';
import { ANYONE_OR_SIGNED_IN, PUBLIC } from '../contract/security.ts';
import { errorResponse } from '../contract/errors.ts';
import { DOCUMENT_KINDS, type TargetDocument } from '../../core/document.ts';
import type { Store } from '../../store/openStore.ts';
import { writePdf } from '../../writers/pdfWriter.ts';
import { writeWorkbook } from '../../writers/workbookWriter.ts';
import { AppError } from '../appError.ts';
import { attachment } from './downloads.ts';
import { optionalActor } from '../context.ts';
import { csvHeader, csvRow, dataPackage, tableRows, TABLE_FIELDS, type OpenDataTable, type PublishedDocument } from '../openData/openDataTables.ts';
import { getDeclaration } from '../services/declarations.ts';
import { regionSubtree } from '../services/organisations.ts';

const id = z.object({ id: z.string().min(1).max(100) });
const PAGE = 200;


function fileName(document: TargetDocument, year: number, extension: string): string {
  const subject = document.kind === 'project-target' ? (document.project.name ?? '项目') : (document.department ?? '部门');
  const title = document.title ?? (document.kind === 'project-target' ? '项目支出绩效目标申报表' : '部门整体预算绩效目标申报表');
  return `${year}-${subject}-${title}.${extension}`.replace(/[/\\:*?"<>|\r\n]/g, '_');
}

export function exportRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const [prefix, tag] of [['/api/v1/declarations', 'documents'], ['/api/v1/public/declarations', 'public']] as const) {
    const publicOnly = tag === 'public';
    const noun = publicOnly ? 'PublicDeclaration' : 'Declaration';
    const security = publicOnly ? PUBLIC : ANYONE_OR_SIGNED_IN;
    r.get(`${prefix}/:id.pdf`, { schema: { operationId: `download${noun}Pdf`, tags: [tag], summary: 'The current version as the official PDF form (A4 landscape, fonts embedded)', params: id, response: { 200: fileResponse('The official form, PDF', PDF) }, security } }, async (request, reply) => {
      const view = await getDeclaration(store.db, publicOnly ? null : optionalActor(request), request.params.id);
      const pdf = await writePdf([view.content]);
      attachment(reply, fileName(view.content, view.year, 'pdf'));
      return reply.type('application/pdf').send(pdf);
    });
    r.get(`${prefix}/:id.xlsx`, { schema: { operationId: `download${noun}Xlsx`, tags: [tag], summary: 'The current version as the official Excel form (merged cells, print setup, amounts as numbers)', params: id, response: { 200: fileResponse('The official form, Excel', XLSX) }, security } }, async (request, reply) => {
      const view = await getDeclaration(store.db, publicOnly ? null : optionalActor(request), request.params.id);
      const xlsx = await writeWorkbook([view.content]);
      attachment(reply, fileName(view.content, view.year, 'xlsx'));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
    });
  }

  // The JSON Schemas of the canonical formats (docs/schema), for users of the open data.
  const schemas = new URL('../../../docs/schema/', import.meta.url);
  r.get('/api/v1/public/schema/:name', { schema: { operationId: 'getPublicSchema', response: { 200: fileResponse('The JSON Schema of the format (a JSON document)', 'application/schema+json') }, security: PUBLIC, tags: ['public'], summary: 'The JSON Schema of a canonical format (department-target, project-target)', params: z.object({ name: z.enum(['department-target.schema.json', 'project-target.schema.json']) }) } }, async (request, reply) => {
    const text = await readFile(new URL(request.params.name, schemas), 'utf8');
    return reply.type('application/schema+json; charset=utf-8').send(text);
  });

  const exportQuery = z.object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    region: z.string().min(1).max(100).optional(),
    format: z.enum(['jsonl', 'csv', 'datapackage']).default('jsonl'),
    table: z.enum(['documents', 'indicators', 'projects']).default('documents'),
  });

  r.get(
    '/api/v1/public/export',
    {
      schema: { operationId: 'exportPublicData', response: { 200: { description: 'The published data: a data package (JSON) naming its tables, or one table as JSON Lines or CSV', content: { 'application/json': { schema: z.record(z.string(), z.unknown()).describe('a Frictionless data package') as z.ZodType<unknown> }, ...fileResponse('', NDJSON, CSV).content } }, 404: errorResponse(404) }, security: PUBLIC,
        tags: ['public'],
        summary: 'Every published document as open data: JSON Lines (canonical JSON), a CSV table (documents with their budget, indicators, projects), or the Frictionless datapackage.json describing the CSVs',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const { year, region, format, table } = request.query;
      let regions: string[] | null = null;
      if (region) {
        const found = await store.db.selectFrom('regions').select('id').where('id', '=', region).executeTakeFirst();
        if (!found) throw new AppError(404, 'not-found', `地区 ${region} 不存在`, `no region ${region}`, [{ field: 'region', message: 'unknown region' }]);
        regions = await regionSubtree(store.db, region);
      }
      const suffix = `${year ?? 'all'}${region ? `-${region}` : ''}`;
      if (format === 'datapackage') {
        const base = `${request.protocol}://${request.host}/api/v1/public/export`;
        const query = (t: OpenDataTable) => `${base}?${new URLSearchParams({ ...(year ? { year: String(year) } : {}), ...(region ? { region } : {}), format: 'csv', table: t }).toString()}`;
        const urls = Object.fromEntries((Object.keys(TABLE_FIELDS) as OpenDataTable[]).map((t) => [t, query(t)])) as Record<OpenDataTable, string>;
        return reply.type('application/json; charset=utf-8').send(dataPackage(urls, { ...(year ? { year } : {}), ...(region ? { region } : {}) }));
      }
      const documents = publishedDocuments(store, { year, regions });
      if (format === 'jsonl') {
        attachment(reply, `jixiao-published-${suffix}.jsonl`);
        reply.type('application/x-ndjson; charset=utf-8');
        return reply.send(Readable.from(jsonLines(documents)));
      }
      attachment(reply, `jixiao-${table}-${suffix}.csv`);
      reply.type('text/csv; charset=utf-8');
      return reply.send(Readable.from(csvLines(table, documents)));
    },
  );
}

async function* jsonLines(documents: AsyncIterable<PublishedDocument>): AsyncGenerator<string> {
  for await (const p of documents) {
    yield `${JSON.stringify({ id: p.id, kind: p.document.kind, year: p.year, region: p.regionName, departmentId: p.departmentId, department: p.departmentName, version: p.version, publishedAt: p.publishedAt, document: p.document })}\n`;
  }
}

async function* csvLines(table: OpenDataTable, documents: AsyncIterable<PublishedDocument>): AsyncGenerator<string> {
  // A byte-order mark, so that Excel opens the Chinese text as UTF-8.
  yield `\ufeff${csvHeader(table)}`;
  let batch = '';
  for await (const p of documents) {
    for (const row of tableRows(table, p)) batch += csvRow(table, row);
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/**
 * Published documents page by page (keyset on id): memory stays at one page whatever the year holds.
 * A page's ids come first (the primary key in order), then their contents by key: a join of the
 * versions in one statement let the planner hash the whole versions table for every page.
 */
async function* publishedDocuments(store: Store, filter: { year: number | undefined; regions: string[] | null }): AsyncGenerator<PublishedDocument> {
  let after = '';
  for (;;) {
    let query = store.db
      .selectFrom('documents as d')
      .innerJoin('departments as dep', 'dep.id', 'd.department_id')
      .innerJoin('regions as reg', 'reg.id', 'dep.region_id')
      .select(['d.id', 'd.department_id', 'd.year', 'd.current_version', 'd.published_at', 'dep.name as department_name', 'reg.name as region_name'])
      .where('d.kind', 'in', DOCUMENT_KINDS)
      .where('d.state', '=', 'published')
      .where('d.id', '>', after)
      .orderBy('d.id')
      .limit(PAGE);
    if (filter.year !== undefined) query = query.where('d.year', '=', filter.year);
    if (filter.regions) query = query.where('dep.region_id', 'in', filter.regions.length > 0 ? filter.regions : ['']);
    const rows = await query.execute();
    if (rows.length === 0) return;
    const contents = await store.db
      .selectFrom('document_versions')
      .select(['document_id', 'version', sql<string>`content::text`.as('content')])
      .where('document_id', 'in', rows.map((r) => r.id))
      .execute();
    const byKey = new Map(contents.map((c) => [`${c.document_id}:${c.version}`, c.content]));
    for (const row of rows) {
      const content = byKey.get(`${row.id}:${row.current_version}`);
      if (content === undefined) continue;
      yield { id: row.id, departmentId: row.department_id, departmentName: row.department_name, regionName: row.region_name, year: row.year, version: row.current_version, publishedAt: row.published_at, document: JSON.parse(content) as TargetDocument };
    }
    if (rows.length < PAGE) return;
    after = (rows[rows.length - 1] as { id: string }).id;
  }
}
