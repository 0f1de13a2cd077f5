/**
 * The differences between two versions of a document as rows a person reads: what changed, where (in
 * words), before and after. Used by the history of every kind and by 从文件更新 (a file's content
 * against the draft). A target form's places are named from its content; another kind names them
 * with `labelOf` and its coded values with `valueText`.
 */
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import type { TargetDocument } from '../../../src/core/document.ts';
import type { Change } from '../api/types.ts';
import { describeValue } from '../editor/describeValue.ts';
import { useLocale } from '../i18n/locale.tsx';
import { pointerLabel } from './pointerLabel.ts';

export function ChangesTable({ changes, older, newer, loading = false, testId = 'diff', labelOf, valueText }: { changes: readonly Change[]; older?: TargetDocument | undefined; newer?: TargetDocument | undefined; loading?: boolean; testId?: string; labelOf?: (change: Change) => string; valueText?: (value: unknown) => string }) {
  const { t } = useLocale();
  const where = labelOf ?? ((c: Change) => pointerLabel(c.op === 'remove' ? older : newer, c.path, t));
  const value = valueText ?? ((v: unknown) => describeValue(v, t));
  const before = (c: Change): string => (c.op === 'add' || c.op === 'move' ? '' : value(c.from));
  const after = (c: Change): string => (c.op === 'remove' ? '' : value(c.to));
  return (
    <Table<Change>
      size="small"
      data-testid={testId}
      rowKey={(c) => `${c.op}${c.path}`}
      loading={loading}
      dataSource={[...changes]}
      pagination={changes.length > 50 ? { pageSize: 50 } : false}
      locale={{ emptyText: ' ' }}
      tableLayout="fixed"
      rowClassName={(c) => `diff-${c.op === 'move' ? 'replace' : c.op}`}
      columns={[
        {
          title: t('变化', 'Change'),
          width: 110,
          render: (_: unknown, c) => (
            <Tag color={c.op === 'add' ? 'green' : c.op === 'remove' ? 'red' : c.op === 'move' ? 'blue' : 'gold'}>
              {c.op === 'add' ? ('row' in c && c.row ? t('新增行', 'row added') : t('新增', 'added')) : c.op === 'remove' ? ('row' in c && c.row ? t('删除行', 'row removed') : t('删除', 'removed')) : c.op === 'move' ? t('移动行', 'row moved') : t('修改', 'changed')}
            </Tag>
          ),
        },
        { title: t('位置', 'Where'), width: '26%', render: (_: unknown, c) => <span title={c.path}>{c.op === 'move' ? `${where(c)} ${t(`（原第 ${c.fromIndex + 1} 行）`, `(was row ${c.fromIndex + 1})`)}` : where(c)}</span> },
        { title: t('原值', 'Before'), width: '32%', render: (_: unknown, c) => <span className="diff-value">{before(c)}</span> },
        { title: t('新值', 'After'), width: '32%', render: (_: unknown, c) => <span className="diff-value">{after(c)}</span> },
      ]}
    />
  );
}
