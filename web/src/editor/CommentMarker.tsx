/** Shows, next to a field, the review comments anchored to it: the department sees them where they apply. */
import { MessageOutlined } from '@ant-design/icons';
import { Badge, Popover, Typography } from 'antd';
import type { Comment } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';

/** The comments on a row or field and on everything inside it (`/indicators/3` and `/indicators/3/annualTarget`). */
export function commentsUnder(comments: ReadonlyMap<string, Comment[]>, path: string): Comment[] {
  return [...comments.entries()].filter(([p]) => p === path || p.startsWith(`${path}/`)).flatMap(([, c]) => c);
}

export function CommentMarker({ comments }: { comments: readonly Comment[] | undefined }) {
  const { t, time } = useLocale();
  if (!comments || comments.length === 0) return null;
  return (
    <Popover
      title={t('审核批注', 'Review comments')}
      content={
        <div style={{ maxWidth: 360 }}>
          {comments.map((c) => (
            <div key={c.id} style={{ marginBottom: 8 }}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.author.displayName} · {time(c.createdAt)}
              </Typography.Text>
            </div>
          ))}
        </div>
      }
    >
      <button type="button" className="anchor-button comment-marker" aria-label={t(`${comments.length} 条批注`, `${comments.length} comments`)} data-testid="comment-marker">
        <Badge count={comments.length} size="small" color="orange">
          <MessageOutlined style={{ color: '#fa8c16', fontSize: 16 }} />
        </Badge>
      </button>
    </Popover>
  );
}
