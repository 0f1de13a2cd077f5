/** A list of texts (overall goals, other tasks): edit, add, move, delete. */
import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined';
import Button from 'antd/es/button';
import type { Comment } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { CommentMarker } from './CommentMarker.tsx';
import { RowButton } from './RowButton.tsx';
import { GrowingTextArea } from './GrowingTextArea.tsx';
import { insertItem, moveItem, removeItem, replaceItem } from './editing.ts';

export interface TextListSectionProps {
  readonly items: readonly string[];
  /** `goals` or `otherTasks`: the pointer of the list. */
  readonly field: 'goals' | 'otherTasks';
  readonly itemLabel: (n: number) => string;
  readonly addLabel: string;
  readonly comments: ReadonlyMap<string, Comment[]>;
  readonly onChange: (items: string[]) => void;
}

export function TextListSection({ items, field, itemLabel, addLabel, comments, onChange }: TextListSectionProps) {
  const { t } = useLocale();
  return (
    <>
      {items.map((item, i) => (
        <div key={i} style={{ display: 'flex', gap: 8, marginBottom: 8, alignItems: 'flex-start' }} data-path={`/${field}/${i}`}>
          <span style={{ width: 56, flex: 'none', paddingTop: 4 }}>
            {itemLabel(i + 1)}
            <CommentMarker comments={comments.get(`/${field}/${i}`)} />
          </span>
          <GrowingTextArea aria-label={itemLabel(i + 1)} value={item} onChange={(e) => onChange(replaceItem(items, i, e.target.value))} />
          <div className="row-actions">
            <RowButton label={`${itemLabel(i + 1)} ${t('上移', 'up')}`} icon="up" disabled={i === 0} onClick={() => onChange(moveItem(items, i, i - 1))} />
            <RowButton label={`${itemLabel(i + 1)} ${t('下移', 'down')}`} icon="down" disabled={i === items.length - 1} onClick={() => onChange(moveItem(items, i, i + 1))} />
            <RowButton label={`${t('删除', 'delete')} ${itemLabel(i + 1)}`} icon="delete" onClick={() => onChange(removeItem(items, i))} />
          </div>
        </div>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange(insertItem(items, items.length, ''))}>
        {addLabel}
      </Button>
    </>
  );
}
