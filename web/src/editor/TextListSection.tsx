/** A list of texts (overall goals, other tasks): edit, add, insert, move, delete — each undoable. */
import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined';
import Button from 'antd/es/button';
import { useLocale } from '../i18n/locale.tsx';
import { insertItem, moveItem, removeItem, replaceItem } from './editing.ts';
import { useEditorFields } from './editorFields.tsx';
import { FieldComments } from './FieldComments.tsx';
import { GrowingTextArea } from './GrowingTextArea.tsx';
import { deletion, structural } from './rowActions.ts';
import { RowButton } from './RowButton.tsx';

export interface TextListSectionProps {
  readonly items: readonly string[];
  /** `goals` or `otherTasks`: the pointer of the list. */
  readonly field: 'goals' | 'otherTasks';
  readonly itemLabel: (n: number) => string;
  readonly addLabel: string;
  readonly onChange: (items: string[]) => void;
}

export function TextListSection({ items, field, itemLabel, addLabel, onChange }: TextListSectionProps) {
  const { t } = useLocale();
  const fields = useEditorFields();
  return (
    <>
      {items.map((item, i) => (
        <div key={i} className="text-list-item" data-path={`/${field}/${i}`}>
          <span className="text-list-label">
            {itemLabel(i + 1)}
            <FieldComments path={`/${field}/${i}`} />
          </span>
          <GrowingTextArea aria-label={itemLabel(i + 1)} value={item} onChange={(e) => onChange(replaceItem(items, i, e.target.value))} />
          <div className="row-actions">
            <RowButton label={`${itemLabel(i + 1)} ${t('上移', 'up')}`} icon="up" disabled={i === 0} onClick={() => (structural(fields), onChange(moveItem(items, i, i - 1)))} />
            <RowButton label={`${itemLabel(i + 1)} ${t('下移', 'down')}`} icon="down" disabled={i === items.length - 1} onClick={() => (structural(fields), onChange(moveItem(items, i, i + 1)))} />
            <RowButton label={t(`在${itemLabel(i + 1)}下方插入`, `insert below ${itemLabel(i + 1)}`)} icon="insert" onClick={() => (structural(fields), onChange(insertItem(items, i + 1, '')))} />
            <RowButton
              label={`${t('删除', 'delete')} ${itemLabel(i + 1)}`}
              icon="delete"
              onClick={() => {
                deletion(fields, itemLabel(i + 1), t);
                onChange(removeItem(items, i));
              }}
            />
          </div>
        </div>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => (structural(fields), onChange(insertItem(items, items.length, '')))}>
        {addLabel}
      </Button>
    </>
  );
}
