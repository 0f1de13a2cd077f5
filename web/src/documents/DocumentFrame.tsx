/**
 * The light parts of the document shell, those every document page shows, the target forms' editor
 * too: the loader, the toolbar (save state, undo/redo/save, the steps the server allows), the banners
 * and the passing note. Kept apart from DocumentShell.tsx (which re-exports them) so that the form
 * editor's chunk holds these and not the history, the comments and the step dialogs it does not show.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { StatusPage } from '../components/StatusPage.tsx';
import { EditorToolbar } from '../editor/EditorToolbar.tsx';
import { RestoreBanner } from '../editor/RestoreBanner.tsx';
import { useLocale } from '../i18n/locale.tsx';
import type { DocumentPage, DocumentViewBase, LoadedDocument } from './useDocumentPage.ts';

/**
 * Loads a document's view and shows the kind's page for it; while loading, the spinner; a 404 (none,
 * or not the user's to see) says so with the way back. A view already `arrived` (prefetched as the
 * app opened here) shows at once.
 */
export function DocumentLoader<V extends { id: string }>({ id, cacheKey, load, arrived, missing, render }: { id: string; cacheKey: string; load: () => Promise<V>; arrived?: () => V | undefined; missing: { title: string; detail?: string; back: string; to: string }; render: (loaded: LoadedDocument<V>) => ReactNode }) {
  const resource = useResource(cacheKey, load, arrived);
  if (resource.error instanceof ApiError && resource.error.status === 404) {
    return <StatusPage code="404" title={missing.title} detail={missing.detail} actions={<Link className="btn" to={missing.to}>{missing.back}</Link>} />;
  }
  if (!resource.data || resource.data.id !== id) return resource.error ? <ErrorAlert error={resource.error} onRetry={resource.reload} /> : <Loading />;
  return render({ id, view: resource.data, setView: resource.set, reload: resource.reload });
}


/** A step of the workflow offered as a button, when the server allows it. */
export interface ShellAction {
  /** The server's step, offered only when it is among the view's `allowedActions`. */
  readonly action: string;
  /** Which button, where one step is offered twice (a target form's review: approve or return); the action by default. */
  readonly key?: string;
  readonly label: string;
  readonly testId: string;
  readonly onClick: () => void;
  readonly primary?: boolean;
  readonly danger?: boolean;
  readonly loading?: boolean;
}

/**
 * The toolbar: title, save state, undo/redo/save for an editor, the steps the server allows, then what
 * the kind adds (the steps and the additions not printed; `testId` names them together).
 */
export function DocumentToolbar<T, V extends DocumentViewBase<T>>({ title, page, actions, children, testId }: { title: ReactNode; page: DocumentPage<T, V>; actions: readonly ShellAction[]; children?: ReactNode; testId?: string }) {
  const { doc, editable, view } = page;
  return (
    <EditorToolbar
      title={title}
      editing={
        editable
          ? { status: doc.status, invalidCount: doc.invalid.size, lastSavedAt: doc.lastSavedAt, baseVersion: doc.baseVersion, canUndo: doc.canUndo, canRedo: doc.canRedo, onUndo: page.undo, onRedo: page.redo, onSave: () => void doc.save() }
          : undefined
      }
    >
      <div className="toolbar-actions no-print" data-testid={testId}>
        {actions
          .filter((a) => view.allowedActions.includes(a.action))
          .map((a) => (
            <Button key={a.key ?? a.action} type={a.primary ? 'primary' : 'default'} danger={a.danger} loading={a.loading} onClick={a.onClick} data-testid={a.testId}>
              {a.label}
            </Button>
          ))}
        {children}
      </div>
    </EditorToolbar>
  );
}

/**
 * The banners above the sections: work to restore, a merge, errors, who submits, why it was returned;
 * then the kind's own. A kind that says who submits and why it was returned in a review banner of its
 * own (the target forms) gives no `returned`, and its save errors as `saveError`.
 */
export function DocumentBanners<T, V extends DocumentViewBase<T>>({ page, returned, saveError, children }: { page: DocumentPage<T, V>; returned?: string; saveError?: ReactNode; children?: ReactNode }) {
  const { t } = useLocale();
  const { doc, view, editable, notice, setNotice } = page;
  return (
    <>
      <RestoreBanner copy={doc.restorable} onRestore={doc.restore} onDiscard={doc.discard} />
      {notice && page.noticeAs === 'banner' && <Alert type="info" showIcon closable onClose={() => setNotice(null)} style={{ marginBottom: 12 }} message={notice} data-testid="editor-notice" />}
      {saveError ?? <ErrorAlert error={doc.saveError} onRetry={() => void doc.save()} />}
      <ErrorAlert error={page.error} />
      {returned !== undefined && editable && !view.allowedActions.includes('submit') && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('填好并保存后，请部门负责人提交财政部门审核。', 'When it is filled in and saved, the department’s approver submits it to the finance bureau.')} />}
      {returned !== undefined && view.state === 'returned' && view.returnReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={returned} description={view.returnReason} />}
      {children}
    </>
  );
}

/** How long a passing note ("row deleted — undo") stays. */
const TOAST_MS = 8000;

/** A page's notice as a passing note at the foot of the window, with 撤销 when it tells of a change (for `noticeAs: 'toast'`). */
export function DocumentToast<T, V extends DocumentViewBase<T>>({ page }: { page: DocumentPage<T, V> }) {
  const { t } = useLocale();
  const { notice, setNotice } = page;
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [notice, page.noticeUndo, setNotice]);
  if (!notice || page.noticeAs !== 'toast') return null;
  return (
    <div className="toast" role="status" data-testid="toast">
      <span>{notice}</span>
      {page.noticeUndo && (
        <button type="button" className="btn small" onClick={page.undo}>
          {t('撤销', 'Undo')}
        </button>
      )}
      <button type="button" className="btn small text" aria-label={t('关闭', 'Close')} onClick={() => setNotice(null)}>
        ×
      </button>
    </div>
  );
}

