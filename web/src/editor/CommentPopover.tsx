/** A comment marker's button with its popover: loaded only for a form that has comments (see CommentMarker). */
import MessageOutlined from '@ant-design/icons/es/icons/MessageOutlined';
import Badge from 'antd/es/badge';
import Popover from 'antd/es/popover';
import type { Comment } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';

export default function CommentPopover({ comments, label }: { comments: readonly Comment[]; label: string }) {
  const { t, time } = useLocale();
  return (
    <Popover
      title={t('审核批注', 'Review comments')}
      content={
        <div style={{ maxWidth: 360 }}>
          {comments.map((c) => (
            <div key={c.id} style={{ marginBottom: 8 }}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
              <span className="secondary" style={{ fontSize: 12 }}>
                {c.author.displayName} · {time(c.createdAt)}
              </span>
            </div>
          ))}
        </div>
      }
    >
      <button type="button" className="anchor-button comment-marker" aria-label={label} data-testid="comment-marker">
        <Badge count={comments.length} size="small" color="orange">
          <MessageOutlined style={{ color: '#fa8c16', fontSize: 16 }} />
        </Badge>
      </button>
    </Popover>
  );
}
