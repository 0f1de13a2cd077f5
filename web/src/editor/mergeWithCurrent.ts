/**
 * The answer to a lost race for documents whose rows are fixed (a monitoring report, a
 * self-evaluation): what the server holds now is fetched and merged with the work in the editor
 * field by field (core/jsonDiff.ts); where both changed one field, the editor's is kept and the page
 * is told how many. The merge is then saved over the newer version.
 */
import type { ApiError } from '../api/client.ts';
import type { ConflictOutcome } from './useDocumentEditor.ts';

export function mergeWithCurrent<T>(current: () => Promise<{ version: number; content: T }>, told: (version: number, clashes: number) => void): (error: ApiError, base: T, mine: T) => Promise<ConflictOutcome<T>> {
  return async (_error, base, mine) => {
    // The merge's code is fetched only when a race is lost, not with the page.
    const [theirs, { mergeJson }] = await Promise.all([current(), import('../../../src/core/jsonDiff.ts')]);
    const merge = mergeJson(base, mine, theirs.content);
    told(theirs.version, merge.conflicts.length);
    return { merged: merge.merged, theirs: theirs.content, version: theirs.version };
  };
}
