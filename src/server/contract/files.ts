/**
 * Answers that are files (PDF, Excel, Word, zip, CSV): declared by their content types, so a
 * generated client reads them as bytes and the contract test can check what the server sends.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ZIP = 'application/zip';
export const CSV = 'text/csv';
export const NDJSON = 'application/x-ndjson';

/** Bytes in the document (a binary string); to the handler's type, what Fastify sends as a file. */
const bytes = z.string().meta({ format: 'binary' }) as unknown as z.ZodType<Buffer | Uint8Array | Readable | string>;

/** A 200 answer that is a file of one of these content types. */
export function fileResponse(description: string, ...contentTypes: string[]) {
  return { description, content: Object.fromEntries(contentTypes.map((type) => [type, { schema: bytes }])) };
}
