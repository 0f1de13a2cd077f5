/** What the download and upload routes share: the file name header, and the body an upload may have. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { MAX_SOURCE_BYTES } from '../../readers/readerError.ts';

/** A file of up to 20 MB, base64-encoded (4/3 of it), with room for the JSON around it. */
export const UPLOAD_BODY_LIMIT = Math.ceil((MAX_SOURCE_BYTES * 4) / 3) + 64 * 1024;

/** A file uploaded in a JSON body: its name, and its bytes in base64. */
export const uploadedFile = z.object({ name: z.string().min(1).max(255), data: z.base64().min(1) });

/** A download's file name, in ASCII for old clients and in UTF-8 (RFC 5987) for the rest. */
export function attachment(reply: FastifyReply, name: string): void {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}
