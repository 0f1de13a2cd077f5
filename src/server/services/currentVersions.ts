/** Documents joined with their current version: what most reads of a document's content start from. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';

export function documentsWithCurrentVersion(db: Kysely<Database> | Transaction<Database>) {
  return db
    .selectFrom('documents')
    .innerJoin('document_versions', (join) => join.onRef('document_versions.document_id', '=', 'documents.id').onRef('document_versions.version', '=', 'documents.current_version'));
}
