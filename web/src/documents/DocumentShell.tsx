/**
 * The parts of a document page written once for every kind: the toolbar with the save state and the
 * steps the server allows (`allowedActions`), the header with the state, print and downloads, the
 * banners (work kept in the browser, a merge, a failed save, a return's reason), the findings to
 * fix, the review comments, the history with its differences and restore, the row comment and the
 * question before leaving, a passing note. A kind's page (ReportPage, EvaluationPage; the target forms
 * through FormEditorShell) lays out its sections between.
 */
// Deep imports, not the barrels: a page's chunk holds only the components it uses.
import FileExcelOutlined from '@ant-design/icons/es/icons/FileExcelOutlined';
import FilePdfOutlined from '@ant-design/icons/es/icons/FilePdfOutlined';
import PrinterOutlined from '@ant-design/icons/es/icons/PrinterOutlined';
import UploadOutlined from '@ant-design/icons/es/icons/UploadOutlined';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Popconfirm from 'antd/es/popconfirm';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import Upload from 'antd/es/upload';
import { useState, type ReactNode } from 'react';
import type { Change } from '../api/types.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { describeValue } from '../editor/describeValue.ts';
import { LeavePrompt } from '../editor/useLeavePrompt.tsx';
import { useLocale } from '../i18n/locale.tsx';
import type { Finding } from '../../../src/core/rules/finding.ts';
import { changeLabel, changeValue } from './changeWords.ts';
import { documentPath } from './documentPath.ts';
import type { DocumentPage, DocumentViewBase } from './useDocumentPage.ts';

export { DocumentBanners, DocumentLoader, DocumentToast, DocumentToolbar, type ShellAction } from './DocumentFrame.tsx';

/** The colour of a workflow state, the same in every kind's page and list. */
export const STATE_COLORS: Readonly<Record<string, string>> = { draft: 'default', submitted: 'processing', returned: 'error', accepted: 'success', approved: 'success', published: 'gold' };

/** A document's state as a coloured tag. */
export function DocumentStateTag({ state, name }: { state: string; name: string }) {
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state}>
      {name}
    </Tag>
  );
}

/** The header: the state and what the kind sums up, then import, print and the downloads. */
export function DocumentHeader<T, V extends DocumentViewBase<T>>({ page, state, children, importAccept, downloads }: { page: DocumentPage<T, V>; state: ReactNode; children?: ReactNode; importAccept?: string; downloads: string }) {
  const { t } = useLocale();
  return (
    <div className="page-header">
      <Space wrap>
        {state}
        {children}
      </Space>
      <Space wrap className="no-print">
        {page.editable && importAccept && (
          <Upload accept={importAccept} showUploadList={false} beforeUpload={page.importFile}>
            <Button icon={<UploadOutlined />}>{t('从 Excel 导入', 'Import from Excel')}</Button>
          </Upload>
        )}
        {/* Only its icon: the row of the state, the figures and the downloads stays one line at 1280. */}
        <PrintAndDownloads downloads={downloads} />
      </Space>
    </div>
  );
}

/**
 * Print, and the document as files drawn by the server (`downloads` + `.pdf` / `.xlsx`, the same as
 * jixiao export). The print button is only its icon unless `printLabel`.
 */
export function PrintAndDownloads({ downloads, printLabel = false }: { downloads: string; printLabel?: boolean }) {
  const { t } = useLocale();
  return (
    <>
      {printLabel ? (
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('打印', 'Print')}
        </Button>
      ) : (
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} aria-label={t('打印', 'Print')} title={t('打印', 'Print')} />
      )}
      <a className="btn" href={`${downloads}.pdf`} download data-testid="download-pdf">
        <FilePdfOutlined />
        {t('下载 PDF', 'Download PDF')}
      </a>
      <a className="btn" href={`${downloads}.xlsx`} download data-testid="download-xlsx">
        <FileExcelOutlined />
        {t('下载 Excel', 'Download Excel')}
      </a>
    </>
  );
}

/** The errors left to fix (each may lead to its field), and the warnings. */
export function FindingsCard({ findings, editable, testId, onPick, limit = 8 }: { findings: readonly Finding[]; editable: boolean; testId: string; onPick?: (finding: Finding) => void; limit?: number }) {
  const { t, pick } = useLocale();
  const [all, setAll] = useState(false);
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  return (
    <Card size="small" title={`${t('须处理', 'To fix')} (${errors.length})`} style={{ marginBottom: 12 }} data-testid={testId}>
      {errors.length === 0 ? (
        <Typography.Text type="success">{editable ? t('没有须填写的项，可以提交。', 'Nothing left to fill in: ready to submit.') : t('没有错误。', 'No errors.')}</Typography.Text>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {(all ? errors : errors.slice(0, limit)).map((f) => (
            <li key={`${f.rule}${f.path}`}>{onPick ? <Typography.Link onClick={() => onPick(f)}>{pick(f.message)}</Typography.Link> : pick(f.message)}</li>
          ))}
          {errors.length > limit && !all && (
            <li>
              <Typography.Link onClick={() => setAll(true)}>{t(`还有 ${errors.length - limit} 项…`, `${errors.length - limit} more…`)}</Typography.Link>
            </li>
          )}
        </ul>
      )}
      {warnings.map((f) => (
        <div key={`${f.rule}${f.path}`} className="cell-hint">
          ⚠ {pick(f.message)}
        </div>
      ))}
    </Card>
  );
}

/** The review comments, each said where it is anchored (`where` names a path as the kind shows it). */
export function CommentsCard<T, V extends DocumentViewBase<T>>({ page, where, testId }: { page: DocumentPage<T, V>; where: (path: string) => string; testId: string }) {
  const { t, time } = useLocale();
  const { comments } = page;
  const list = comments.data?.comments ?? [];
  return (
    <Card size="small" title={`${t('审核批注', 'Comments')} (${list.length})`}>
      <ErrorAlert error={comments.error} onRetry={comments.reload} />
      {list.length === 0 && <Typography.Text type="secondary">{t('暂无批注', 'No comments yet')}</Typography.Text>}
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {list.map((c) => (
          <li key={c.id} data-testid={testId}>
            <strong>{where(c.path)}</strong>
            {t('：', ': ')}
            {c.body}
            <span className="cell-hint">
              {' '}
              — {c.author.displayName}，{time(c.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

interface VersionRow {
  readonly version: number;
  readonly createdAt: string;
  readonly note: string | null;
  readonly authorName: string | null;
}

/**
 * Every saved version; any earlier one compared with the current, field by field, and — for one who
 * may edit, with nothing unsaved — made current again as a new version.
 */
export function HistoryCard<T, V extends DocumentViewBase<T>>({ page, where, testId }: { page: DocumentPage<T, V>; where: (path: string) => string; testId: string }) {
  const { t, time } = useLocale();
  const [open, setOpen] = useState(false);
  const [comparing, setComparing] = useState<number | null>(null);
  const current = page.doc.baseVersion;
  const id = page.view.id;
  const history = useResource(open ? `document-versions:${id}:${page.view.version}` : null, () => api<{ versions: VersionRow[] }>('GET', documentPath(id, '/versions')));
  const diff = useResource(comparing !== null ? `document-diff:${id}:${comparing}:${current}` : null, () => api<{ changes: Change[] }>('GET', documentPath(id, `/diff?from=${comparing ?? current}&to=${current}`)));
  const restore = (version: number) =>
    page.run(async () => {
      await api('POST', documentPath(id, `/versions/${version}/restore`), { baseVersion: current });
      setComparing(null);
      await page.refresh();
      history.reload();
    });
  const canRestore = page.editable && page.doc.status === 'saved';
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={t('历史版本', 'History')}
      extra={
        <Button size="small" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
          {open ? t('收起', 'Hide') : t('展开', 'Show')}
        </Button>
      }
    >
      {open && (
        <>
          <ErrorAlert error={history.error} onRetry={history.reload} />
          {!history.data && !history.error && <Loading />}
          <ul style={{ margin: 0, paddingLeft: 20 }} data-testid={testId}>
            {history.data?.versions.map((v) => (
              <li key={v.version}>
                {t(`第 ${v.version} 版`, `Version ${v.version}`)} · {v.authorName ?? t('系统（由绩效目标生成）', 'the system (from the targets)')} · {time(v.createdAt)}
                {v.note ? ` · ${v.note}` : ''}
                {v.version !== current && (
                  <Space size={4} style={{ marginLeft: 8 }} className="no-print">
                    <Button size="small" type="link" onClick={() => setComparing(comparing === v.version ? null : v.version)} aria-expanded={comparing === v.version}>
                      {t('与当前版本对比', 'Compare with the current')}
                    </Button>
                    {page.editable && (
                      // Asked first; nothing is lost either way: the current version stays in the history.
                      <Popconfirm title={t(`恢复第 ${v.version} 版，保存为新版本？当前版本仍保留在历史中。`, `Restore version ${v.version} as a new version? The current one stays in the history.`)} okText={t('恢复', 'Restore')} cancelText={t('取消', 'Cancel')} disabled={!canRestore} onConfirm={() => void restore(v.version)}>
                        <Button size="small" type="link" disabled={!canRestore} loading={page.busy} title={canRestore ? undefined : t('请先保存当前修改', 'Save the current changes first')}>
                          {t('恢复此版本', 'Restore this version')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                )}
                {comparing === v.version && <VersionChanges changes={diff.data?.changes} error={diff.error} reload={diff.reload} where={where} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** What changed from an earlier version to the current, a line a field: the row as the kind names it, then the field. */
function VersionChanges({ changes, error, reload, where }: { changes: readonly Change[] | undefined; error: unknown; reload: () => void; where: (path: string) => string }) {
  const { t } = useLocale();
  const label = (path: string) => changeLabel(path, where, t);
  const value = (v: unknown) => changeValue(v, t) ?? describeValue(v, t);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!changes) return <Loading />;
  if (changes.length === 0) return <div className="cell-hint">{t('与当前版本相同', 'the same as the current version')}</div>;
  return (
    <ul className="cell-hint" data-testid="version-changes">
      {changes.map((c) => (
        <li key={`${c.op}${c.path}`}>
          {label(c.path)}
          {t('：', ': ')}
          {c.op === 'add' || c.op === 'move' ? '—' : value(c.from)} → {c.op === 'remove' ? t('（删除）', '(removed)') : value(c.to)}
        </li>
      ))}
    </ul>
  );
}

/** The question for a comment on one row. */
export function RowCommentModal<T, V extends DocumentViewBase<T>>({ page, row, title, onClose }: { page: DocumentPage<T, V>; row: number | null; title: string; onClose: () => void }) {
  const { t } = useLocale();
  const [text, setText] = useState('');
  const close = () => {
    setText('');
    onClose();
  };
  return (
    <Modal
      open={row !== null}
      title={title}
      okText={t('添加批注', 'Add comment')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ disabled: text.trim() === '', loading: page.busy }}
      onOk={() =>
        void page.run(async () => {
          if (row === null || text.trim() === '') return;
          await page.addComment(`/indicators/${row}`, text);
          close();
        })
      }
      onCancel={close}
    >
      <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} aria-label={t('批注内容', 'Comment')} data-testid="row-comment-text" />
    </Modal>
  );
}

/** The comment button at the end of a row, for a reviewer. */
export function RowCommentButton({ row, onClick }: { row: number; onClick: (row: number) => void }) {
  const { t } = useLocale();
  return (
    <td>
      <Button size="small" onClick={() => onClick(row)} aria-label={t(`批注第 ${row + 1} 行`, `Comment on row ${row + 1}`)}>
        {t('批注', 'Comment')}
      </Button>
    </td>
  );
}

/** The foot of the page: comments and history (not for the public), and the question before leaving unsaved work. */
export function DocumentFooter<T, V extends DocumentViewBase<T>>({ page, where, kind, reviewed = true }: { page: DocumentPage<T, V>; where: (path: string) => string; kind: string; reviewed?: boolean }) {
  return (
    <>
      {reviewed && <CommentsCard page={page} where={where} testId={`${kind}-comment`} />}
      {reviewed && <HistoryCard page={page} where={where} testId={`${kind}-versions`} />}
      <LeavePrompt blocker={page.blocker} invalid={page.doc.blocked} onSave={() => page.doc.save()} />
    </>
  );
}

/** The question before a step of the workflow (submit, return, accept, publish), with what it asks and any error. */
export function StepModal<T, V extends DocumentViewBase<T>>({ page, open, title, okText, danger = false, disabled = false, onOk, onCancel, children }: { page: DocumentPage<T, V>; open: boolean; title: string; okText: string; danger?: boolean; disabled?: boolean; onOk: () => void; onCancel: () => void; children: ReactNode }) {
  const { t } = useLocale();
  return (
    <Modal open={open} title={title} okText={okText} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger, loading: page.busy, disabled }} onOk={onOk} onCancel={onCancel}>
      {children}
      <ErrorAlert error={page.error} />
    </Modal>
  );
}
