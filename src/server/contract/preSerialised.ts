/**
 * Hot reads send JSON already serialised (stored content and findings spliced in as text): their
 * schema documents the answer and the tests check it, but nothing parses or re-serialises it here.
 */

/** JSON text sent as it is, typed as the schema's answer it is (checked by the API tests, not here). */
export function preSerialised(body: Buffer): never {
  return body as never;
}
