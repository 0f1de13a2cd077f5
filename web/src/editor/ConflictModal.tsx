/**
 * Someone else saved first: both versions side by side, field by field, and the user chooses. Nothing
 * is overwritten without that choice.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Modal from 'antd/es/modal';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import { pointerLabel } from '../declaration/pointerLabel.ts';
import { useLocale } from '../i18n/locale.tsx';
import { conflictRows, type ConflictRow } from './editing.ts';

export interface Conflict {
  readonly version: number;
  readonly content: DepartmentTargetDeclaration;
  readonly createdAt: string;
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 1);
}

export function ConflictModal({ conflict, mine, onKeepMine, onTakeTheirs }: { conflict: Conflict; mine: DepartmentTargetDeclaration; onKeepMine: () => void; onTakeTheirs: () => void }) {
  const { t, time } = useLocale();
  const rows = conflictRows(conflict.content, mine);
  return (
    <Modal open width={1100} closable={false} maskClosable={false} keyboard={false} title={t('保存冲突：他人已先保存', 'Conflict: someone else saved first')} footer={null}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message={t(
          `第 ${conflict.version} 版已于 ${time(conflict.createdAt)} 由他人保存。你的修改尚未保存，也没有丢失。请对照下表选择保留哪一份。`,
          `Version ${conflict.version} was saved by someone else at ${time(conflict.createdAt)}. Your changes are not saved and not lost. Compare and choose.`,
        )}
      />
      <Table<ConflictRow>
        data-testid="conflict-table"
        size="small"
        rowKey="path"
        pagination={false}
        scroll={{ y: 420 }}
        dataSource={rows}
        columns={[
          { title: t('字段', 'Field'), dataIndex: 'path', width: 260, render: (path: string) => pointerLabel(mine, path, t) },
          { title: t(`对方的版本（第 ${conflict.version} 版）`, `Theirs (version ${conflict.version})`), dataIndex: 'theirs', render: (v: unknown) => <span className="diff-value diff-remove-soft">{show(v)}</span> },
          { title: t('我的修改', 'Mine'), dataIndex: 'mine', render: (v: unknown) => <span className="diff-value">{show(v)}</span> },
        ]}
      />
      <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
        <Button onClick={onTakeTheirs}>{t('采用对方版本（放弃我的修改）', 'Take theirs (discard mine)')}</Button>
        <Button type="primary" onClick={onKeepMine}>
          {t('保留我的修改（保存为新版本）', 'Keep mine (save as a new version)')}
        </Button>
      </Space>
    </Modal>
  );
}
