/** The people's congress book (绩效报告汇编) of a department or a region's year, as PDF and as Excel. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bookTitle } from '../../core/book/book.ts';
import type { Store } from '../../store/openStore.ts';
import { requireActor } from '../context.ts';
import { bookPdf, bookWorkbook, gatherBook } from '../services/book.ts';
import { fileResponse, PDF, XLSX } from '../contract/files.ts';
import { attachment } from './downloads.ts';

const id = z.string().min(1).max(100);
const query = z.object({ year: z.coerce.number().int().min(2000).max(2100), departmentId: id.optional().describe('one department (a department’s own users get theirs whatever is asked)'), regionId: id.optional().describe('a region the user reaches (default: their own)') });

export function bookRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const send = async (request: FastifyRequest, asked: z.infer<typeof query>, reply: FastifyReply, format: 'pdf' | 'xlsx') => {
    const data = await gatherBook(store.db, requireActor(request), asked);
    const bytes = format === 'pdf' ? await bookPdf(data) : await bookWorkbook(data);
    attachment(reply, `${bookTitle(data)}.${format}`);
    return reply.type(format === 'pdf' ? PDF : XLSX).header('cache-control', 'private, no-store').send(bytes);
  };
  r.get(
    '/api/v1/book.pdf',
    { schema: { tags: ['book'], operationId: 'downloadBookPdf', summary: "The people's congress book of a department or a region's year as PDF: cover, contents, targets, monitoring, self-evaluations, assessments, rectification, disclosure, page numbers (reviewers and admins within their region; a department its own)", querystring: query, response: { 200: fileResponse('The book as PDF', PDF) } } },
    (request, reply) => send(request, request.query, reply, 'pdf'),
  );
  r.get(
    '/api/v1/book.xlsx',
    { schema: { tags: ['book'], operationId: 'downloadBookXlsx', summary: "The people's congress book as Excel: a contents sheet, then a sheet per section", querystring: query, response: { 200: fileResponse('The book as an Excel workbook', XLSX) } } },
    (request, reply) => send(request, request.query, reply, 'xlsx'),
  );
}
