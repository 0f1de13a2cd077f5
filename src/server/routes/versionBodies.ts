/** The bodies of the routes that store a document's next version: saved from its editor, or filled from a file filled offline. */
import { z } from 'zod';
import { uploadedFile } from './downloads.ts';

/** The version the edit started from: a stale one is refused (409). */
export const baseVersion = z.number().int().min(1).max(2_147_483_647);

/** A save of the whole content, with an optional note, as the next version (an autosave is replaced by the next of the same sitting). */
export function saveBody<Content extends z.ZodType>(content: Content) {
  return z.object({ baseVersion, content, note: z.string().max(500).optional(), autosave: z.boolean().optional() }).strict();
}

/** A file to fill the document from, as the next version. */
export const importFileBody = z.object({ baseVersion, file: uploadedFile }).strict();
