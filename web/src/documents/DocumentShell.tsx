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
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import Upload from 'antd/es/upload';
import { useRef, useState, type ReactNode } from 'react';
import type { Change } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { describeValue } from '../editor/describeValue.ts';
import { LeavePrompt } from '../editor/useLeavePrompt.tsx';
import { useLocale } from '../i18n/locale.tsx';
import type { Finding } from '../../../src/core/rules/finding.ts';
import { changeLabel, changeValue } from './changeWords.ts';
import { VersionHistory } from './VersionHistory.tsx';
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
export function FindingsCard({ findings, editable, testId, onPick, limit = 8, invalid = [] }: { findings: readonly Finding[]; editable: boolean; testId: string; onPick?: (finding: Finding) => void; limit?: number; invalid?: readonly string[] }) {
  const { t, pick } = useLocale();
  const [all, setAll] = useState(false);
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  return (
    <Card size="small" title={`${t('须处理', 'To fix')} (${errors.length})`} style={{ marginBottom: 12 }} data-testid={testId}>
      {editable && invalid.length > 0 && (
        // The checker reads what can be saved; an entry that is not valid is not, so nothing is ready while one is left.
        <div data-testid={`${testId}-invalid`} style={{ marginBottom: errors.length > 0 ? 8 : 0 }}>
          <Typography.Text type="danger">
            {t(`${invalid.length} 项输入无效，改正后才能保存和提交：`, `${invalid.length} ${invalid.length === 1 ? 'entry is' : 'entries are'} not valid; correct ${invalid.length === 1 ? 'it' : 'them'} to save and submit: `)}
            {invalid.join(t('；', '; '))}
          </Typography.Text>
        </div>
      )}
      {errors.length === 0 && editable && invalid.length > 0 ? null : errors.length === 0 ? (
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

/**
 * The history panel: the shared history view (every version, any two compared, a version named or
 * restored), folded until asked for. Restoring waits until nothing is unsaved.
 */
export function HistoryCard<T, V extends DocumentViewBase<T>>({ page, where, testId }: { page: DocumentPage<T, V>; where: (path: string) => string; testId: string }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const words = { labelOf: (c: Change) => changeLabel(c.path, where, t), valueText: (v: unknown) => changeValue(v, t) ?? describeValue(v, t) };
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
        <VersionHistory
          id={page.view.id}
          current={page.doc.baseVersion}
          editable={page.editable}
          restore={{ possible: page.doc.status === 'saved', why: t('请先保存当前修改', 'Save the current changes first') }}
          onRestored={page.refresh}
          words={words}
          testId={testId}
        />
      )}
    </Card>
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

/** The question before a step of the workflow (submit, return, accept, publish), with what it asks and any error (the server's refusal in its words). */
export function StepModal<T, V extends DocumentViewBase<T>>({ page, open, title, okText, danger = false, disabled = false, busy = page.busy, onOk, onCancel, children }: {
  page: DocumentPage<T, V>;
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  disabled?: boolean;
  /** The step's request is on its way (the page's busy flag by default; a page whose uploads also run on it says its own). */
  busy?: boolean;
  onOk: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useLocale();
  const body = useRef<HTMLDivElement>(null);
  // While the request runs its button is busy and cannot be pressed again, nor the dialog closed under it.
  return (
    <Modal open={open} title={title} okText={okText} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger, loading: busy, disabled: disabled || busy, 'aria-busy': busy }} cancelButtonProps={{ disabled: busy }} closable={!busy} maskClosable={!busy} keyboard={!busy} onOk={onOk} onCancel={onCancel} afterOpenChange={(opened) => opened && body.current && focusFirstField(body.current)}>
      <div ref={body}>
        {children}
        <ErrorAlert error={page.error} />
      </div>
    </Modal>
  );
}

/** Where typing goes first: a text box; else a choice (the one chosen of a radio group). */
const TEXT_FIELDS = 'textarea:not([disabled]), input:not([type=radio]):not([type=checkbox]):not([type=hidden]):not([disabled])';
const CHOICE_FIELDS = 'input[type=radio]:checked:not([disabled]), input[type=checkbox]:not([disabled]), select:not([disabled])';

/** Focuses a dialog's first field once it is open (antd focuses the close button), so a keyboard user types at once. */
function focusFirstField(container: HTMLElement): void {
  const field = container.querySelector<HTMLElement>(TEXT_FIELDS) ?? container.querySelector<HTMLElement>(CHOICE_FIELDS);
  field?.focus();
}
