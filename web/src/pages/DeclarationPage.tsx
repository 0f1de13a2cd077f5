/**
 * One declaration: the official form, its findings and review comments, and the workflow actions
 * the server says this user may take (no other button is shown).
 */
import { DeleteOutlined, EditOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, message as antdMessage, Modal, Popconfirm, Radio, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { fetchOnce } from '../api/prefetch.ts';
import type { AnyDeclarationView, Comment, DeclarationView, DocumentLinks, TransitionAction } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FindingsPanel, findingCounts } from '../components/FindingsPanel.tsx';
import { StatusPage } from '../components/StatusPage.tsx';
import { ReviewBanner } from '../declaration/ReviewBanner.tsx';
import { gradeName } from '../declaration/vocabulary.ts';
import { StateTag } from '../components/StateTag.tsx';
import { CommentsPanel } from '../declaration/CommentsPanel.tsx';
import { OfficialForm } from '../declaration/OfficialForm.tsx';
import { ProjectForm } from '../declaration/ProjectForm.tsx';
import { ExAnteNote } from '../declaration/ExAnteNote.tsx';
import { ProjectFormsCard } from '../declaration/ProjectFormsCard.tsx';
import { ProjectLinkPicker } from '../declaration/ProjectLinkPicker.tsx';
import { revealPath } from '../declaration/revealPath.ts';
import { UpdateFromFileDialog } from '../declaration/UpdateFromFileDialog.tsx';
import { ChangesSinceReturn } from '../declaration/ChangesSinceReturn.tsx';
import { openComments } from '../declaration/reviewComments.ts';
import { useLocale } from '../i18n/locale.tsx';
import { documentPath } from '../documents/documentPath.ts';
import { PrintAndDownloads } from '../documents/DocumentShell.tsx';

type ReviewMode = 'approve' | 'return';

function ReviewModal({ mode, declarationId, onClose, onDone }: { mode: ReviewMode; declarationId: string; onClose: () => void; onDone: () => void }) {
  const { t, pick } = useLocale();
  const [grade, setGrade] = useState(mode === 'approve' ? '良' : '中');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (mode === 'return' && reason.trim() === '') {
      setError(new ApiError(400, 'reason-required', { zh: '退回时须写明审核意见', en: 'a return needs a written opinion' }, [{ field: 'reason', message: 'required' }]));
      return;
    }
    setBusy(true);
    try {
      await api('POST', documentPath(declarationId, '/transitions'), { action: 'review', grade, reason: reason.trim() || undefined });
      onDone();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : null);
    } finally {
      setBusy(false);
    }
  };
  const grades = mode === 'approve' ? ['优', '良'] : ['中', '差'];
  return (
    <Modal
      open
      title={mode === 'approve' ? t('审核通过', 'Approve') : t('退回修改', 'Return for changes')}
      okText={mode === 'approve' ? t('确认通过', 'Approve') : t('确认退回', 'Return')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form layout="vertical">
        <Form.Item label={t('审核结果', 'Grade')}>
          <Radio.Group value={grade} onChange={(e) => setGrade(e.target.value as string)} options={grades.map((g) => ({ value: g, label: gradeName(g, t) }))} />
        </Form.Item>
        <Form.Item
          label={t('审核意见', 'Opinion')}
          required={mode === 'return'}
          validateStatus={error ? 'error' : undefined}
          help={error ? pick(error.text) : mode === 'return' ? t('退回时必填，将作为批注发给部门', 'Required; sent to the department as a comment') : undefined}
        >
          <Input.TextArea aria-label={t('审核意见', 'Opinion')} rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DeclarationPage() {
  const { id = '' } = useParams();
  const { t, time, pick } = useLocale();
  const navigate = useNavigate();
  // Messages of this page only, rendered in its tree (the holder below) so they take the app's theme and language.
  const [message, messageHolder] = antdMessage.useMessage();
  const declaration = useResource(`d:${id}`, () => fetchOnce<DeclarationView>(`/api/v1/declarations/${id}`));
  const links = useResource(`l:${id}`, () => fetchOnce<DocumentLinks>(`/api/v1/declarations/${id}/links`));
  const comments = useResource(`c:${id}`, () => fetchOnce<{ comments: Comment[] }>(documentPath(id, '/comments')));
  const [anchor, setAnchor] = useState<string | null>(null);
  const [review, setReview] = useState<ReviewMode | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [chosenTab, setTab] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [updating, setUpdating] = useState(false);

  const view = declaration.data;
  // The fields marked are those of the review that decided the state (earlier rounds' were answered); while under review, all.
  const reviewedVersion = view?.lastReview && view.state !== 'submitted' && view.state !== 'draft' ? view.lastReview.version : null;
  const commentCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of openComments(comments.data?.comments ?? [], reviewedVersion)) counts.set(c.path, (counts.get(c.path) ?? 0) + 1);
    return counts;
  }, [comments.data, reviewedVersion]);

  if (!view) {
    if (declaration.error instanceof ApiError && declaration.error.status === 404) {
      return <StatusPage code="404" title={t('申报表不存在，或你无权查看', 'No such form, or you may not see it')} detail={t('它可能已被删除，或属于其他部门。', 'It may have been deleted, or belong to another department.')} actions={<Link className="btn primary" to="/declarations">{t('返回申报表列表', 'Back to the forms')}</Link>} />;
    }
    return declaration.error ? <ErrorAlert error={declaration.error} onRetry={declaration.reload} /> : <Card loading />;
  }
  // A project form is shown in its own layout; the panels beside it read any kind.
  const anyView = view as unknown as AnyDeclarationView;
  const projectContent = anyView.content.kind === 'project-target' ? anyView.content : null;
  // A returned form opens on what the reviewer said; others on the checker's findings.
  const tab = chosenTab ?? (view.state === 'returned' && (comments.data?.comments.length ?? 0) > 0 ? 'comments' : 'findings');
  const counts = findingCounts(view.findings);

  const refresh = () => {
    declaration.reload();
    comments.reload();
  };
  const remove = async () => {
    setActionError(null);
    try {
      await api('DELETE', documentPath(id));
      void message.success(t('草稿已删除', 'Draft deleted'));
      navigate('/declarations');
    } catch (caught) {
      setActionError(caught);
    }
  };
  const move = async (action: Exclude<TransitionAction, 'review'>) => {
    setActionError(null);
    setSubmitting(false);
    try {
      await api('POST', documentPath(id, '/transitions'), { action });
      void message.success(action === 'submit' ? t('已提交审核', 'Submitted for review') : t('已公开', 'Published'));
      refresh();
    } catch (caught) {
      setActionError(caught);
    }
  };
  const allowed = new Set(view.allowedActions);

  return (
    <>
      {messageHolder}
      <div className="page-title no-print">
        <h1>
          {view.departmentName}
          {projectContent ? ` · ${t('项目', 'Project')}${t('：', ': ')}${projectContent.project.name ?? t('（未命名）', '(unnamed)')}` : ''} · {view.year} <StateTag state={view.state} />
        </h1>
        <Space wrap data-testid="actions">
          {view.canEdit && (
            <Link className="btn primary" to={`/declarations/${id}/edit`}>
              <EditOutlined />
              {t('编辑', 'Edit')}
            </Link>
          )}
          {view.canEdit && (
            <Button icon={<UploadOutlined />} onClick={() => setUpdating(true)} data-testid="update-from-file">
              {t('从文件更新', 'Update from a file')}
            </Button>
          )}
          {allowed.has('submit') && (
            <Button type="primary" onClick={() => setSubmitting(true)}>
              {t('提交审核', 'Submit for review')}
            </Button>
          )}
          {view.canDelete && (
            <Popconfirm
              title={t('删除此草稿？', 'Delete this draft?')}
              description={t('此草稿从未提交，删除后可在审计日志中找到其最后内容。', 'It was never submitted; its last content stays in the audit log.')}
              okText={t('删除', 'Delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('取消', 'Cancel')}
              onConfirm={() => void remove()}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('删除草稿', 'Delete draft')}
              </Button>
            </Popconfirm>
          )}
          {allowed.has('review') && (
            <>
              <Button danger onClick={() => setReview('return')}>
                {t('退回修改', 'Return')}
              </Button>
              <Button type="primary" onClick={() => setReview('approve')}>
                {t('审核通过', 'Approve')}
              </Button>
            </>
          )}
          {allowed.has('publish') && (
            <Popconfirm title={t('公开后任何人都可查看。确认公开？', 'Anyone will be able to read it. Publish?')} okText={t('公开', 'Publish')} cancelText={t('取消', 'Cancel')} onConfirm={() => move('publish')}>
              <Button type="primary">{t('公开', 'Publish')}</Button>
            </Popconfirm>
          )}
          <Link className="btn" to={`/declarations/${id}/history`}>
            <HistoryOutlined />
            {t('历史版本', 'History')}
          </Link>
          <PrintAndDownloads downloads={`/api/v1/declarations/${id}`} printLabel />
        </Space>
      </div>
      <ErrorAlert error={actionError} />
      <div className="no-print">
        <ReviewBanner view={view} comments={comments.data?.comments ?? []} />
      </div>
      {view.state === 'submitted' && view.lastReview?.outcome === 'returned' && view.lastReview.version < view.version && <ChangesSinceReturn id={id} returned={view.lastReview.version} submitted={view.version} />}
      <Descriptions size="small" className="no-print" style={{ marginBottom: 12 }} column={4}>
        <Descriptions.Item label={t('版本', 'Version')}>{view.version}</Descriptions.Item>
        <Descriptions.Item label={t('审核结果', 'Grade')}>{gradeName(view.reviewGrade, t)}</Descriptions.Item>
        <Descriptions.Item label={view.publishedAt ? t('公开时间', 'Published') : t('更新时间', 'Updated')}>{time(view.publishedAt ?? view.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('检查结果', 'Findings')}>
          {t(`${counts.error} 个错误、${counts.warning} 个警告、${counts.info} 个提示`, `${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes`)}
        </Descriptions.Item>
        {links.data?.lastYear?.evaluation && (
          <Descriptions.Item label={t(`${links.data.lastYear.year} 年自评`, `${links.data.lastYear.year} self-evaluation`)}>
            {/* Last year's result beside this year's targets: what a reviewer weighs them against. */}
            <Link to={`/evaluations/${links.data.lastYear.evaluation.id}`} data-testid="last-year-evaluation">
              {t(`${links.data.lastYear.evaluation.total ?? '—'} 分（${links.data.lastYear.evaluation.grade ?? '—'}），执行率 ${links.data.lastYear.evaluation.executionRate ?? '—'}%`, `${links.data.lastYear.evaluation.total ?? '—'} (${links.data.lastYear.evaluation.grade ?? '—'}), ${links.data.lastYear.evaluation.executionRate ?? '—'}% spent`)}
            </Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      {projectContent && <ExAnteNote record={projectContent.exAnte} />}
      <div className="form-layout">
        <Card size="small" className="form-card">
          {projectContent ? (
            <ProjectForm content={projectContent} links={links.data} onPick={view.canComment ? (path) => { setAnchor(path); setTab('comments'); } : undefined} />
          ) : (
          <OfficialForm
            content={view.content}
            commentCounts={commentCounts}
            onPick={
              view.canComment
                ? (path) => {
                    setAnchor(path);
                    setTab('comments');
                  }
                : undefined
            }
          />
          )}
          {!projectContent && links.data && <ProjectFormsCard view={view} links={links.data} onError={setActionError} />}
          {projectContent && view.canEdit && links.data?.departmentForm && <ProjectLinkPicker declarationId={id} link={links.data.departmentForm} onChanged={() => { links.reload(); declaration.reload(); }} onError={setActionError} />}
        </Card>
        <Card size="small" className="no-print" style={{ position: 'sticky', top: 16, maxHeight: 'calc(100vh - 32px)', overflow: 'auto' }}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'findings', label: `${t('检查结果', 'Findings')} (${view.findings.length})`, children: <FindingsPanel findings={view.findings} content={view.content} onSelect={revealPath} /> },
              {
                key: 'comments',
                label: `${t('审核批注', 'Comments')} (${comments.data?.comments.length ?? 0})`,
                children: (
                  <>
                    <ErrorAlert error={comments.error} onRetry={comments.reload} />
                    {view.canComment && anchor === null && (
                      <Typography.Paragraph type="secondary">
                        {t('点击左侧表中的字段或指标行添加批注，或', 'Click a field or row on the left to comment on it, or ')}
                        <Typography.Link onClick={() => setAnchor('')}>{t('对整张表批注', 'comment on the whole form')}</Typography.Link>
                      </Typography.Paragraph>
                    )}
                    <CommentsPanel
                      declarationId={id}
                      content={view.content}
                      comments={comments.data?.comments ?? []}
                      anchor={view.canComment ? anchor : null}
                      onAnchorClear={() => setAnchor(null)}
                      onAdded={() => {
                        comments.reload();
                        void message.success(t('批注已添加', 'Comment added'));
                      }}
                      onSelect={revealPath}
                    />
                  </>
                ),
              },
            ]}
          />
        </Card>
      </div>
      {submitting && (
        <Modal
          open
          title={t('提交审核', 'Submit for review')}
          okText={t('提交', 'Submit')}
          cancelText={t('取消', 'Cancel')}
          okButtonProps={{ disabled: view.blockSubmitOnErrors && counts.error > 0 }}
          onOk={() => void move('submit')}
          onCancel={() => setSubmitting(false)}
        >
          <p>{t('提交后将不能修改，直到审核退回。', 'After submitting you cannot edit until the form is returned.')}</p>
          <Alert
            data-testid="submit-counts"
            type={counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'success'}
            showIcon
            message={
              counts.error + counts.warning + counts.info === 0
                ? t('检查未发现问题。', 'The checker found nothing.')
                : t(`检查发现 ${counts.error} 个错误、${counts.warning} 个警告、${counts.info} 个提示。`, `The checker finds ${counts.error} errors, ${counts.warning} warnings and ${counts.info} notes.`)
            }
            description={
              view.blockSubmitOnErrors && counts.error > 0
                ? t('本地区要求改正全部错误后才能提交。', 'This bureau takes forms only without errors: correct them first.')
                : counts.error > 0
                  ? t('有错误的申报表很可能被退回；建议先改正。', 'A form with errors is likely to be returned; correct them first if you can.')
                  : undefined
            }
          />
          {actionError instanceof ApiError && <Alert style={{ marginTop: 12 }} role="alert" type="error" showIcon message={pick(actionError.text)} />}
        </Modal>
      )}
      {updating && <UpdateFromFileDialog draftId={id} draft={anyView.content} onClose={() => setUpdating(false)} />}
      {review && (
        <ReviewModal
          mode={review}
          declarationId={id}
          onClose={() => setReview(null)}
          onDone={() => {
            setReview(null);
            void message.success(review === 'approve' ? t('已审核通过', 'Approved') : t('已退回', 'Returned'));
            refresh();
          }}
        />
      )}
    </>
  );
}
