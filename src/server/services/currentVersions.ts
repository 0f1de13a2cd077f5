/** Declarations joined with their current version: what most reads of a document's content start from. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';

export function declarationsWithCurrentVersion(db: Kysely<Database> | Transaction<Database>) {
  return db
    .selectFrom('declarations')
    .innerJoin('declaration_versions', (join) => join.onRef('declaration_versions.declaration_id', '=', 'declarations.id').onRef('declaration_versions.version', '=', 'declarations.current_version'));
}
