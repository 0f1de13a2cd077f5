/** Review comments, each with the field or row it concerns; and, for those who may, a new comment on the picked field. */
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import List from 'antd/es/list';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { Comment, DepartmentTargetDeclaration } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { pointerLabel } from './pointerLabel.ts';
import { documentPath } from '../documents/documentPath.ts';

export interface CommentsPanelProps {
  readonly declarationId: string;
  readonly content: DepartmentTargetDeclaration;
  readonly comments: readonly Comment[];
  /** The field a new comment goes to; null when the user may not comment. */
  readonly anchor: string | null;
  readonly onAnchorClear: () => void;
  readonly onAdded: () => void;
  readonly onSelect: (path: string) => void;
}

export function CommentsPanel({ declarationId, content, comments, anchor, onAnchorClear, onAdded, onSelect }: CommentsPanelProps) {
  const { t, pick, time } = useLocale();
  const [body, setBody] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    if (anchor === null) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', documentPath(declarationId, '/comments'), { path: anchor, body });
      setBody('');
      onAnchorClear();
      onAdded();
    } catch (caught) {
      // The typed comment stays in the box: nothing is lost by an error.
      setError(caught instanceof ApiError ? caught : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="comments">
      <List
        size="small"
        dataSource={[...comments]}
        locale={{ emptyText: t('暂无批注', 'No comments') }}
        renderItem={(comment) => (
          <List.Item style={{ display: 'block' }} data-comment-path={comment.path}>
            <Space size={4} wrap>
              <Typography.Link onClick={() => onSelect(comment.path)}>{pointerLabel(content, comment.path, t)}</Typography.Link>
              {!comment.anchored && <Tag>{t('该位置已不存在', 'field no longer exists')}</Tag>}
            </Space>
            <div style={{ whiteSpace: 'pre-wrap' }}>{comment.body}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {comment.author.displayName} · {t(`第 ${comment.version} 版`, `version ${comment.version}`)} · {time(comment.createdAt)}
            </Typography.Text>
          </List.Item>
        )}
      />
      {anchor !== null && (
        <Form layout="vertical" onFinish={() => void add()} style={{ marginTop: 12 }}>
          <Form.Item
            label={
              <span>
                {t('批注位置：', 'Comment on: ')}
                <Tag closable={anchor !== ''} onClose={onAnchorClear}>
                  {pointerLabel(content, anchor, t)}
                </Tag>
              </span>
            }
            validateStatus={error ? 'error' : undefined}
            help={error ? pick(error.text) : t('点击表中任一字段或指标行可选择批注位置', 'Click any field or indicator row of the form to choose where')}
          >
            <Input.TextArea aria-label={t('批注内容', 'Comment')} value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={4000} />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={busy} disabled={body.trim() === ''}>
            {t('添加批注', 'Add comment')}
          </Button>
        </Form>
      )}
    </div>
  );
}
