/**
 * The toolbar every document editor shows, the same in each: the title, the save state, the version
 * the work is based on, undo, redo and 保存, then what the page adds (a named version, submit, done).
 * It stays in view at the top of the window however far down the form one works.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocale } from '../i18n/locale.tsx';
import type { SaveStatus } from './useDocumentEditor.ts';

export function SaveStatusChip({ status, invalidCount, lastSavedAt }: { status: SaveStatus; invalidCount: number; lastSavedAt: Date | null }) {
  const { t, time } = useLocale();
  const chip =
    invalidCount > 0 ? (
      <span className="chip red">{t(`${invalidCount} 处输入无效，未保存`, `${invalidCount} invalid entries; not saved`)}</span>
    ) : (
      {
        saved: <span className="chip green">{lastSavedAt ? t(`已保存 ${time(lastSavedAt, 'clock')}`, `Saved ${time(lastSavedAt, 'clock')}`) : t('已保存', 'Saved')}</span>,
        dirty: <span className="chip orange">{t('有未保存的修改', 'Unsaved changes')}</span>,
        saving: <span className="chip blue">{t('正在保存…', 'Saving…')}</span>,
        failed: <span className="chip red">{t('保存失败', 'Not saved')}</span>,
        conflict: <span className="chip red">{t('保存冲突', 'Conflict')}</span>,
      }[status]
    );
  return (
    <span data-testid="save-status" data-status={invalidCount > 0 ? 'invalid' : status} aria-live="polite">
      {chip}
    </span>
  );
}

export interface EditorToolbarProps {
  readonly title: ReactNode;
  /** Editing tools; absent for a document the user may only read. */
  readonly editing?: {
    readonly status: SaveStatus;
    readonly invalidCount: number;
    readonly lastSavedAt: Date | null;
    readonly baseVersion: number;
    readonly canUndo: boolean;
    readonly canRedo: boolean;
    readonly onUndo: () => void;
    readonly onRedo: () => void;
    readonly onSave: () => void;
  };
  /** What the page adds after 保存. */
  readonly children?: ReactNode;
}

export function EditorToolbar({ title, editing, children }: EditorToolbarProps) {
  const { t } = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  // The whole title in its tooltip, as it may be cut short to keep the toolbar on one line.
  const [full, setFull] = useState<string | undefined>(undefined);
  useEffect(() => setFull(heading.current?.textContent ?? undefined), [title]);
  const cannotSave = editing ? editing.invalidCount > 0 || editing.status === 'saved' || editing.status === 'saving' || editing.status === 'conflict' : true;
  return (
    <div className="page-title editor-toolbar" data-testid="editor-toolbar">
      <h1 ref={heading} title={full}>
        {title}
      </h1>
      <div className="header-tools">
        {editing && (
          <>
            <SaveStatusChip status={editing.status} invalidCount={editing.invalidCount} lastSavedAt={editing.lastSavedAt} />
            <span className="secondary">{t(`基于第 ${editing.baseVersion} 版`, `based on version ${editing.baseVersion}`)}</span>
            <button type="button" className="btn" disabled={!editing.canUndo} onClick={editing.onUndo} title="Ctrl+Z">
              {t('撤销', 'Undo')}
            </button>
            <button type="button" className="btn" disabled={!editing.canRedo} onClick={editing.onRedo} title="Ctrl+Shift+Z">
              {t('重做', 'Redo')}
            </button>
            <button type="button" className="btn primary" disabled={cannotSave} onClick={editing.onSave} title="Ctrl+S" data-testid="save-button">
              {t('保存', 'Save')}
            </button>
          </>
        )}
        {children}
      </div>
    </div>
  );
}
