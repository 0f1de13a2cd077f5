/** Shows, next to a field, the review comments anchored to it: the department sees them where they apply. */
import { lazy, Suspense } from 'react';
import type { Comment } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';

// The popover's code (and Ant Design's form context it pulls in) is loaded only when a form has comments.
const CommentPopover = lazy(() => import('./CommentPopover.tsx'));

/** The comments on a row or field and on everything inside it (`/indicators/3` and `/indicators/3/annualTarget`). */
export function commentsUnder(comments: ReadonlyMap<string, Comment[]>, path: string): Comment[] {
  return [...comments.entries()].filter(([p]) => p === path || p.startsWith(`${path}/`)).flatMap(([, c]) => c);
}

export function CommentMarker({ comments }: { comments: readonly Comment[] | undefined }) {
  const { t } = useLocale();
  if (!comments || comments.length === 0) return null;
  const label = t(`${comments.length} 条批注`, `${comments.length} comments`);
  return (
    <Suspense
      fallback={
        <span className="comment-marker" role="img" aria-label={label}>
          {comments.length}
        </span>
      }
    >
      <CommentPopover comments={comments} label={label} />
    </Suspense>
  );
}
