/**
 * One rectification item (整改事项): the problem, where it was found, the deadline and the evidence
 * asked for (written by the bureau); the department's answer — what it did, and a file for each piece
 * of evidence — reported when complete; the bureau accepts it or reopens it with a reason. Comments
 * and the history are the shared document page's; saved like every document (autosave, Ctrl+S, undo).
 */
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import Input from 'antd/es/input';
import Tag from 'antd/es/tag';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Rectification } from '../../../src/core/rectification/rectification.ts';
import type { DocumentView } from '../../../src/format/apiTypes.ts';
import { api, apiUpload } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { DocumentFooter, DocumentLoader, DocumentToolbar, FindingsCard, StepModal, type ShellAction } from '../documents/DocumentShell.tsx';
import { useDocumentPage, type LoadedDocument } from '../documents/useDocumentPage.ts';
import { GrowingTextArea } from '../editor/GrowingTextArea.tsx';
import { RestoreBanner } from '../editor/RestoreBanner.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { RECTIFICATION_STATE_COLORS, rectificationStateName, SOURCE_NAMES, sourcePath, type DocumentFile } from '../rectification/names.ts';
import { useSession } from '../session/session.tsx';

/** An item as GET /api/v1/documents/:id gives it (the kind has no return: `returnReason` is always null). */
type RectificationView = Omit<DocumentView, 'content'> & { readonly content: Rectification; readonly returnReason: string | null };

const viewPath = (id: string) => `/api/v1/documents/${id}`;
/** Files uploaded beyond the list asked for go under this item. */
const OTHER = '其他材料';

export default function RectificationPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  return (
    <DocumentLoader
      id={id}
      cacheKey={`rectification:${id}`}
      load={async (): Promise<RectificationView> => ({ ...(await api<Omit<RectificationView, 'returnReason'>>('GET', viewPath(id))), returnReason: null })}
      missing={{ title: t('没有这项整改事项，或你无权查看', 'No such rectification item, or not yours to see'), back: t('返回整改台账', 'Back to the ledger'), to: '/rectifications' }}
      render={(loaded) => (loaded.view.kind === 'rectification' ? <Item key={id} loaded={loaded} /> : <Alert type="error" message={t('这不是整改事项', 'This is not a rectification item')} />)}
    />
  );
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function Item({ loaded }: { loaded: LoadedDocument<RectificationView> }) {
  const { t, pick, time } = useLocale();
  const { user } = useSession();
  const { id, view } = loaded;
  const page = useDocumentPage<Rectification, RectificationView>({
    loaded,
    viewPath: viewPath(id),
    editable: view.canEdit,
    withComments: true,
    invalidAmount: { message: { zh: '有无效的输入，改正后才能继续', en: 'some entries are not valid; correct them first' }, field: 'content' },
    notSaved: { zh: '整改事项未能保存，请先处理保存问题', en: 'the item could not be saved; deal with that first' },
  });
  const { doc, editable } = page;
  const content = doc.content;
  const bureau = user?.role === 'reviewer';
  const department = user !== null && user !== undefined && user.departmentId === view.departmentId;
  const files = useResource(`rectification-files:${id}:${view.version}`, () => api<{ files: DocumentFile[] }>('GET', `/api/v1/documents/${id}/files`));
  const [dialog, setDialog] = useState<'report' | 'accept' | 'reopen' | null>(null);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [uploading, setUploading] = useState<string | null>(null);
  // Uploads and removals still on their way, counted: the page's busy flag is one for all its
  // requests and is cleared by whichever ends first, and a report sent meanwhile would be decided
  // on the item without the file (refused as missing it, or reported without it).
  const [filesInFlight, setFilesInFlight] = useState(0);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const today = new Date().toISOString().slice(0, 10);
  const overdue = (view.state === 'open' || view.state === 'reopened') && view.content.deadline < today;
  const source = content.source;
  const sourceLink = sourcePath(source.documentKind, source.documentId);
  const items = [...content.evidenceRequired, ...(content.response.files.some((f) => !content.evidenceRequired.includes(f.item)) || (editable && department) ? [OTHER] : [])];
  const fileList = files.data?.files ?? [];

  const upload = (item: string, file: File) =>
    page.run(async () => {
      setUploading(item);
      setFilesInFlight((n) => n + 1);
      try {
        // What is typed is saved first: the upload makes a version of its own, read back after.
        await page.saveFirst();
        await apiUpload(`/api/v1/documents/${id}/files?${new URLSearchParams({ name: file.name, item }).toString()}`, file);
        await page.refresh();
        files.reload();
      } finally {
        setUploading(null);
        setFilesInFlight((n) => n - 1);
        const input = inputs.current.get(item);
        if (input) input.value = '';
      }
    });
  const remove = (file: DocumentFile) =>
    page.run(async () => {
      setFilesInFlight((n) => n + 1);
      try {
        await page.saveFirst();
        await api('DELETE', `/api/v1/documents/${id}/files/${file.id}`);
        await page.refresh();
        files.reload();
      } finally {
        setFilesInFlight((n) => n - 1);
      }
    });
  // The step's own request, apart from the page's busy flag, which an upload also raises: the dialog
  // stays closable while a file is on its way.
  const [stepping, setStepping] = useState(false);
  const step = (action: 'report' | 'accept' | 'reopen') =>
    page.run(async () => {
      setStepping(true);
      try {
        await page.transition(action === 'reopen' ? { action, reason: reason.trim() } : { action });
        setDialog(null);
        setReason('');
      } finally {
        setStepping(false);
      }
    });

  const actions: ShellAction[] = [
    { action: 'report', label: t('报送整改情况', 'Report'), testId: 'step-report', primary: true, onClick: () => setDialog('report') },
    { action: 'accept', label: t('验收通过', 'Accept'), testId: 'step-accept', primary: true, onClick: () => setDialog('accept') },
    { action: 'reopen', label: t('退回重新整改', 'Reopen'), testId: 'step-reopen', danger: true, onClick: () => setDialog('reopen') },
  ];
  const bureauEdits = editable && bureau;
  const departmentEdits = editable && department;
  const where = (path: string) => (path.startsWith('/response') ? t('整改情况', 'the answer') : path === '' ? t('整个事项', 'the whole item') : t('整改要求', 'the item'));

  return (
    <div className="page" data-testid="rectification-page">
      <DocumentToolbar title={content.title || t('整改事项', 'Rectification item')} page={page} actions={actions} />
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 8, flexWrap: "wrap", marginBottom: 12 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
          <Tag color={RECTIFICATION_STATE_COLORS[view.state]} data-testid="rectification-state" data-state={view.state}>
            {pick(rectificationStateName(view.state))}
          </Tag>
          {overdue && <Tag color="red" data-testid="rectification-overdue">{t('已逾期', 'Overdue')}</Tag>}
          <span>{t('责任部门：', 'Department: ')}{view.departmentName}</span>
          <span>{t('年度：', 'Year: ')}{view.year}</span>
          <span className={overdue ? 'overdue-text' : undefined}>{t('整改期限：', 'Deadline: ')}{view.content.deadline}</span>
          <span>
            {t('来源：', 'Found in: ')}
            {sourceLink ? <Link to={sourceLink} data-testid="rectification-source">{pick(SOURCE_NAMES[source.type])}</Link> : pick(SOURCE_NAMES[source.type])}
          </span>
        </div>
        <Link className="btn no-print" to="/rectifications">{t('返回整改台账', 'Back to the ledger')}</Link>
      </div>
      <RestoreBanner copy={doc.restorable} onRestore={doc.restore} onDiscard={doc.discard} />
      {page.notice && <Alert type="info" showIcon closable onClose={() => page.setNotice(null)} style={{ marginBottom: 12 }} message={page.notice} />}
      <ErrorAlert error={doc.saveError} onRetry={() => void doc.save()} />
      <ErrorAlert error={dialog ? null : page.error} />
      {view.state === 'reopened' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('财政部门退回重新整改，理由见下方批注。', 'The bureau reopened the item; its reason is in the comments below.')} />}

      <Card size="small" title={t('整改问题', 'The problem')} style={{ marginBottom: 12 }} data-testid="rectification-item">
        {bureauEdits ? (
          <div style={{ display: 'grid', gap: 4 }}>
            <label className="field-label">
              {t('问题', 'Problem')}
              <Input aria-label={t('问题', 'Problem')} value={content.title} maxLength={200} onChange={(e) => doc.edit((c) => ({ ...c, title: e.target.value }))} />
            </label>
            <label className="field-label">
              {t('问题描述', 'Description')}
              <GrowingTextArea aria-label={t('问题描述', 'Description')} value={content.problem} maxLength={5000} onChange={(e) => doc.edit((c) => ({ ...c, problem: e.target.value }))} />
            </label>
            <label className="field-label">
              {t('涉及项目（可空：部门整体）', 'Project (blank: the whole department)')}
              <Input aria-label={t('涉及项目', 'Project')} value={content.projectName ?? ''} maxLength={200} onChange={(e) => doc.edit((c) => ({ ...c, projectName: e.target.value || null }))} />
            </label>
            <label className="field-label">
              {t('整改期限', 'Deadline')}
              <div>
                <Input type="date" aria-label={t('整改期限', 'Deadline')} value={content.deadline} style={{ width: 180 }} onChange={(e) => e.target.value && doc.edit((c) => ({ ...c, deadline: e.target.value }))} />
              </div>
            </label>
            <label className="field-label">
              {t('整改要求', 'What is asked')}
              <GrowingTextArea aria-label={t('整改要求', 'What is asked')} value={content.requirement} maxLength={5000} onChange={(e) => doc.edit((c) => ({ ...c, requirement: e.target.value }))} />
            </label>
            <label className="field-label">
              {t('佐证材料要求（每行一项）', 'Evidence required (one a line)')}
              <GrowingTextArea aria-label={t('佐证材料要求', 'Evidence required')} value={content.evidenceRequired.join('\n')} onChange={(e) => doc.edit((c) => ({ ...c, evidenceRequired: e.target.value.split('\n') }))} />
            </label>
          </div>
        ) : (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('问题描述', 'Description')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{content.problem || '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('涉及项目', 'Project')}>{content.projectName ?? t('部门整体', 'the whole department')}</Descriptions.Item>
            <Descriptions.Item label={t('整改要求', 'What is asked')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{content.requirement || '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('佐证材料要求', 'Evidence required')}>{content.evidenceRequired.length > 0 ? content.evidenceRequired.join(t('、', ', ')) : t('无', 'none')}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      <Card size="small" title={t('整改情况', 'What was done')} style={{ marginBottom: 12 }} data-testid="rectification-response">
        {departmentEdits ? (
          <GrowingTextArea aria-label={t('整改情况', 'What was done')} data-testid="response-text" value={content.response.text} maxLength={20000} placeholder={t('写明采取的整改措施和成效', 'what was done and what it achieved')} onChange={(e) => doc.edit((c) => ({ ...c, response: { ...c.response, text: e.target.value } }))} />
        ) : (
          <p style={{ whiteSpace: 'pre-wrap' }} data-testid="response-text-read">{content.response.text || t('部门尚未填写整改情况', 'The department has not written its answer yet')}</p>
        )}
        <h3 style={{ fontSize: 14, marginTop: 12 }}>{t('佐证材料', 'Evidence')}</h3>
        <ErrorAlert error={files.error} onRetry={files.reload} />
        {items.length === 0 && <p className="secondary">{t('未要求佐证材料', 'No evidence is asked for')}</p>}
        <ul style={{ paddingLeft: 20, margin: 0 }} data-testid="evidence-items">
          {items.map((item) => {
            const mine = fileList.filter((f) => f.item === item);
            return (
              <li key={item} data-testid="evidence-item" style={{ marginBottom: 6 }}>
                <strong>{item === OTHER ? t('其他材料', 'Other files') : item}</strong>{' '}
                {item !== OTHER && (mine.length > 0 ? <Tag color="success">{t('已上传', 'uploaded')}</Tag> : <Tag color="warning">{t('缺', 'missing')}</Tag>)}
                {mine.map((f) => (
                  <span key={f.id} style={{ marginLeft: 8 }}>
                    <a href={`/api/v1/documents/${id}/files/${f.id}`} download title={`${f.uploadedBy?.displayName ?? ''} ${time(f.uploadedAt)}`}>{f.name}</a> <span className="secondary">({size(f.size)})</span>
                    {departmentEdits && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t(`删除 ${f.name}`, `Remove ${f.name}`)} onClick={() => void remove(f)} />}
                  </span>
                ))}
                {departmentEdits && (
                  <label className="btn" style={{ marginLeft: 8 }}>
                    <UploadOutlined /> {uploading === item ? t('上传中…', 'Uploading…') : t('上传', 'Upload')}
                    <input
                      type="file"
                      className="visually-hidden"
                      aria-label={t(`上传「${item}」`, `Upload "${item}"`)}
                      ref={(el) => { if (el) inputs.current.set(item, el); }}
                      onChange={(e) => { const file = e.target.files?.[0]; if (file) void upload(item, file); }}
                    />
                  </label>
                )}
              </li>
            );
          })}
        </ul>
      </Card>

      {/* What is left to do, while the item is still being worked on. */}
      {editable && <FindingsCard findings={view.findings} editable={editable} testId="rectification-findings" />}
      {view.canComment && (
        <Card size="small" title={t('添加批注', 'Add a comment')} style={{ marginBottom: 12 }}>
          <Input.TextArea rows={2} value={comment} maxLength={5000} onChange={(e) => setComment(e.target.value)} aria-label={t('批注内容', 'Comment')} />
          <Button style={{ marginTop: 8 }} disabled={comment.trim() === ''} loading={page.busy} onClick={() => void page.run(async () => { await page.addComment('', comment.trim()); setComment(''); })}>
            {t('添加批注', 'Add comment')}
          </Button>
        </Card>
      )}
      <DocumentFooter page={page} where={where} kind="rectification" />
      <StepModal
        page={page}
        open={dialog !== null}
        busy={stepping}
        title={dialog === 'report' ? t('报送整改情况', 'Report what was done') : dialog === 'accept' ? t('验收通过', 'Accept the fix') : t('退回重新整改', 'Reopen the item')}
        okText={dialog === 'report' ? t('报送', 'Report') : dialog === 'accept' ? t('验收通过', 'Accept') : t('退回', 'Reopen')}
        danger={dialog === 'reopen'}
        disabled={(dialog === 'reopen' && reason.trim() === '') || (dialog === 'report' && filesInFlight > 0)}
        onOk={() => dialog && void step(dialog)}
        onCancel={() => { setDialog(null); setReason(''); }}
      >
        {dialog === 'report' && <p>{t('报送后由财政部门验收；验收前不能再修改。', 'The bureau then checks it; it cannot be changed until then.')}</p>}
        {dialog === 'report' && filesInFlight > 0 && <Alert type="info" showIcon data-testid="report-waits-for-files" message={t('佐证材料上传完成后才能报送。', 'The files are still uploading: report once they are in.')} />}
        {dialog === 'accept' && <p>{t('确认整改到位，事项结束。', 'The fix is confirmed and the item closed.')}</p>}
        {dialog === 'reopen' && (
          <label className="field-label">
            {t('理由（必填）', 'Reason (required)')}
            <GrowingTextArea aria-label={t('理由', 'Reason')} value={reason} maxLength={5000} onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
      </StepModal>
    </div>
  );
}
