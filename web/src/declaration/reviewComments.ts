/**
 * The comments of the review that decided a form's present state: those made on the reviewed
 * version or later. Comments of earlier rounds were answered by the resubmission that followed
 * them; they stay in the comments' list but no longer mark fields or count as open.
 */
import type { Comment } from '../api/types.ts';

export function openComments(comments: readonly Comment[], reviewedVersion: number | null): Comment[] {
  if (reviewedVersion === null) return [...comments];
  return comments.filter((c) => c.version >= reviewedVersion);
}
