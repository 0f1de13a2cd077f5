/**
 * Someone — or this user in another window — saved first, and both changed the same things. The
 * editor has already merged everything else; this asks only about what both changed, each value
 * side by side with what it was, and saves the result as a new version. Nothing is overwritten
 * without the user's choice.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Modal from 'antd/es/modal';
import { useState } from 'react';
import type { TargetDocument } from '../../../src/core/document.ts';
import type { Merge, Resolution } from '../../../src/core/declarationDiff.ts';
import { pointerLabel } from '../declaration/pointerLabel.ts';
import { useLocale } from '../i18n/locale.tsx';
import { describeValue } from './describeValue.ts';

/** The version that was saved first, and by whom. */
export interface Conflict<D extends TargetDocument = TargetDocument> {
  readonly version: number;
  readonly content: D;
  readonly createdAt: string;
  /** Null when it was this user, in another window or tab. */
  readonly authorName: string | null;
  readonly merge: Merge<D>;
}

export function ConflictModal({ conflict, onResolve, onTakeTheirs }: { conflict: Conflict; onResolve: (choices: ReadonlyMap<string, Resolution>) => void; onTakeTheirs: () => void }) {
  const { t, time } = useLocale();
  const [choices, setChoices] = useState<Map<string, Resolution>>(() => new Map());
  const who = conflict.authorName ?? t('你在另一窗口', 'you, in another window,');
  const choose = (path: string, choice: Resolution) => setChoices((previous) => new Map(previous).set(path, choice));
  const { conflicts, merged } = conflict.merge;
  return (
    <Modal open width={1000} closable={false} maskClosable={false} keyboard={false} title={t('保存冲突：同一处被改了两次', 'Conflict: the same thing was changed twice')} footer={null}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message={t(
          `${who}于 ${time(conflict.createdAt)} 保存了第 ${conflict.version} 版。其余修改已自动合并，只有下面 ${conflicts.length} 处你们都改了，请逐一选择保留哪一份。`,
          `${who} saved version ${conflict.version} at ${time(conflict.createdAt)}. Everything else was merged; only the ${conflicts.length} places below were changed by both. Choose for each.`,
        )}
      />
      <table className="editor-table conflict-table" data-testid="conflict-table" style={{ tableLayout: 'fixed' }}>
        <thead>
          <tr>
            <th style={{ width: '18%' }}>{t('位置', 'Where')}</th>
            <th style={{ width: '24%' }}>{t('原来', 'Before')}</th>
            <th style={{ width: '29%' }}>{conflict.authorName ? t('对方的修改', 'Their change') : t('另一窗口的修改', 'The other window')}</th>
            <th style={{ width: '29%' }}>{t('我的修改', 'My change')}</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((c) => {
            const chosen = choices.get(c.path) ?? 'mine';
            const name = `conflict-${c.path}`;
            return (
              <tr key={c.path} data-path={c.path}>
                <td>{pointerLabel(merged, c.path, t)}</td>
                <td className="diff-value secondary">{describeValue(c.base, t)}</td>
                <td>
                  <label className="check">
                    <input type="radio" name={name} checked={chosen === 'theirs'} onChange={() => choose(c.path, 'theirs')} />
                    <span className="diff-value">{c.theirs === undefined ? t('（删除此行）', '(delete the row)') : describeValue(c.theirs, t)}</span>
                  </label>
                </td>
                <td>
                  <label className="check">
                    <input type="radio" name={name} checked={chosen === 'mine'} onChange={() => choose(c.path, 'mine')} />
                    <span className="diff-value">{c.mine === undefined ? t('（删除此行）', '(delete the row)') : describeValue(c.mine, t)}</span>
                  </label>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div style={{ marginTop: 16, display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onTakeTheirs}>{t(`放弃我的全部修改，采用第 ${conflict.version} 版`, `Discard all my changes, take version ${conflict.version}`)}</Button>
        <Button type="primary" onClick={() => onResolve(choices)}>
          {t('按所选合并并保存', 'Merge as chosen and save')}
        </Button>
      </div>
    </Modal>
  );
}
