/**
 * One target form (the department's or a project's) to read, on the document shell: the shell gives
 * the toolbar with the steps the server allows (submit, review — return with a reason or approve —
 * and publish, each asked in its dialog), the state, print and downloads, and the banners; this page
 * gives the form's read-only body with its findings and review comments.
 */
import DeleteOutlined from '@ant-design/icons/es/icons/DeleteOutlined';
import EditOutlined from '@ant-design/icons/es/icons/EditOutlined';
import HistoryOutlined from '@ant-design/icons/es/icons/HistoryOutlined';
import UploadOutlined from '@ant-design/icons/es/icons/UploadOutlined';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import antdMessage from 'antd/es/message';
import Popconfirm from 'antd/es/popconfirm';
import Tabs from 'antd/es/tabs';
import Typography from 'antd/es/typography';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { fetchOnce, takeSettled } from '../api/prefetch.ts';
import type { AnyDeclarationView, DeclarationView, DocumentLinks } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FindingsPanel, findingCounts } from '../components/FindingsPanel.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { nextStepBy } from '../declaration/nextStep.ts';
import { ChangesSinceReturn } from '../declaration/ChangesSinceReturn.tsx';
import { CommentsPanel } from '../declaration/CommentsPanel.tsx';
import { ExAnteNote } from '../declaration/ExAnteNote.tsx';
import { OfficialForm } from '../declaration/OfficialForm.tsx';
import { ProjectForm } from '../declaration/ProjectForm.tsx';
import { ProjectFormsCard } from '../declaration/ProjectFormsCard.tsx';
import { ProjectLinkPicker } from '../declaration/ProjectLinkPicker.tsx';
import { revealPath } from '../declaration/revealPath.ts';
import { ReviewBanner } from '../declaration/ReviewBanner.tsx';
import { openComments } from '../declaration/reviewComments.ts';
import { UpdateFromFileDialog } from '../declaration/UpdateFromFileDialog.tsx';
import { useTargetFormSteps } from '../declaration/targetFormSteps.tsx';
import { gradeName } from '../declaration/vocabulary.ts';
import { DocumentBanners, DocumentHeader, DocumentLoader, DocumentToolbar } from '../documents/DocumentShell.tsx';
import { documentPath } from '../documents/documentPath.ts';
import { useDocumentReader } from '../documents/useDocumentReader.ts';
import type { LoadedDocument } from '../documents/useDocumentPage.ts';
import { useWorkflowSteps } from '../documents/useWorkflowSteps.tsx';
import { useLocale } from '../i18n/locale.tsx';

const formPath = (id: string) => `/api/v1/declarations/${id}`;

export function DeclarationPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  return (
    <DocumentLoader
      id={id}
      cacheKey={`d:${id}`}
      load={() => fetchOnce<AnyDeclarationView>(formPath(id))}
      arrived={() => takeSettled<AnyDeclarationView>(formPath(id))}
      missing={{ title: t('申报表不存在，或你无权查看', 'No such form, or you may not see it'), detail: t('它可能已被删除，或属于其他部门。', 'It may have been deleted, or belong to another department.'), back: t('返回申报表列表', 'Back to the forms'), to: '/declarations' }}
      render={(loaded) => <DeclarationSheet key={id} loaded={loaded} />}
    />
  );
}

function DeclarationSheet({ loaded }: { loaded: LoadedDocument<AnyDeclarationView> }) {
  const { t, time, pick } = useLocale();
  const navigate = useNavigate();
  const { id, view } = loaded;
  const page = useDocumentReader<AnyDeclarationView['content'], AnyDeclarationView>({ loaded, viewPath: formPath(id) });
  const links = useResource(`l:${id}`, () => fetchOnce<DocumentLinks>(`${formPath(id)}/links`));
  const commentList = page.comments.data?.comments;
  const comments = useMemo(() => commentList ?? [], [commentList]);
  const [anchor, setAnchor] = useState<string | null>(null);
  const [chosenTab, setTab] = useState<string | null>(null);
  const [updating, setUpdating] = useState(false);

  // The panels beside the form read any kind; the department form's own parts read it as such.
  const departmentView = view as unknown as DeclarationView;
  const projectContent = view.content.kind === 'project-target' ? view.content : null;
  // The fields marked are those of the review that decided the state (earlier rounds' were answered); while under review, all.
  const reviewedVersion = view.lastReview && view.state !== 'submitted' && view.state !== 'draft' ? view.lastReview.version : null;
  const commentCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of openComments(comments, reviewedVersion)) counts.set(c.path, (counts.get(c.path) ?? 0) + 1);
    return counts;
  }, [comments, reviewedVersion]);
  // A returned form opens on what the reviewer said; others on the checker's findings.
  const tab = chosenTab ?? (view.state === 'returned' && comments.length > 0 ? 'comments' : 'findings');
  const counts = findingCounts(view.findings);
  const nextStep = nextStepBy(view.state, view.allowedActions);
  const pickAt = view.canComment
    ? (path: string) => {
        setAnchor(path);
        setTab('comments');
      }
    : undefined;

  const workflow = useWorkflowSteps(page, useTargetFormSteps(view.findings, view.blockSubmitOnErrors));
  const remove = () =>
    page.run(async () => {
      await api('DELETE', documentPath(id));
      void antdMessage.success(t('草稿已删除', 'Draft deleted'));
      navigate('/declarations');
    });

  return (
    <div className="page declaration-page">
      <DocumentToolbar title={`${view.departmentName}${projectContent ? ` · ${t('项目', 'Project')}${t('：', ': ')}${projectContent.project.name ?? t('（未命名）', '(unnamed)')}` : ''} · ${view.year}`} page={page} actions={workflow.actions} testId="actions">
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
        {view.canDelete && (
          <Popconfirm
            title={t('删除此草稿？', 'Delete this draft?')}
            description={t('此草稿从未提交，删除后可在审计日志中找到其最后内容。', 'It was never submitted; its last content stays in the audit log.')}
            okText={t('删除', 'Delete')}
            okButtonProps={{ danger: true, loading: page.busy }}
            cancelText={t('取消', 'Cancel')}
            onConfirm={() => void remove()}
          >
            <Button danger icon={<DeleteOutlined />} disabled={page.busy}>
              {t('删除草稿', 'Delete draft')}
            </Button>
          </Popconfirm>
        )}
        <Link className="btn" to={`/declarations/${id}/history`}>
          <HistoryOutlined />
          {t('历史版本', 'History')}
        </Link>
      </DocumentToolbar>
      <DocumentHeader page={page} state={<StateTag state={view.state} />} downloads={formPath(id)}>
        <span>{t(`第 ${view.version} 版`, `Version ${view.version}`)}</span>
      </DocumentHeader>
      <DocumentBanners page={page}>
        <div className="no-print">
          <ReviewBanner view={departmentView} comments={comments} />
        </div>
      </DocumentBanners>
      {view.state === 'submitted' && view.lastReview?.outcome === 'returned' && view.lastReview.version < view.version && <ChangesSinceReturn id={id} returned={view.lastReview.version} submitted={view.version} />}
      <Descriptions size="small" className="no-print" style={{ marginBottom: 12 }} column={4}>
        <Descriptions.Item label={t('审核结果', 'Grade')}>{gradeName(view.reviewGrade, t)}</Descriptions.Item>
        <Descriptions.Item label={view.publishedAt ? t('公开时间', 'Published') : t('更新时间', 'Updated')}>{time(view.publishedAt ?? view.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('检查结果', 'Findings')}>
          {t(`${counts.error} 个错误、${counts.warning} 个警告、${counts.info} 个提示`, `${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes`)}
        </Descriptions.Item>
        {nextStep && (
          <Descriptions.Item label={t('下一步', 'Next step')}>
            <span data-testid="next-step">{pick(nextStep)}</span>
          </Descriptions.Item>
        )}
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
          {projectContent ? <ProjectForm content={projectContent} links={links.data} onPick={pickAt} /> : <OfficialForm content={departmentView.content} commentCounts={commentCounts} onPick={pickAt} />}
          {!projectContent && links.data && <ProjectFormsCard view={departmentView} links={links.data} onError={page.showError} />}
          {projectContent && view.canEdit && links.data?.departmentForm && (
            <ProjectLinkPicker
              declarationId={id}
              link={links.data.departmentForm}
              onChanged={() => {
                links.reload();
                loaded.reload();
              }}
              onError={page.showError}
            />
          )}
        </Card>
        <Card size="small" className="no-print" style={{ position: 'sticky', top: 64, maxHeight: 'calc(100vh - 80px)', overflow: 'auto' }}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'findings', label: `${t('检查结果', 'Findings')} (${view.findings.length})`, children: <FindingsPanel findings={view.findings} content={departmentView.content} onSelect={revealPath} /> },
              {
                key: 'comments',
                label: `${t('审核批注', 'Comments')} (${comments.length})`,
                children: (
                  <>
                    <ErrorAlert error={page.comments.error} onRetry={page.comments.reload} />
                    {view.canComment && anchor === null && (
                      <Typography.Paragraph type="secondary">
                        {t('点击左侧表中的字段或指标行添加批注，或', 'Click a field or row on the left to comment on it, or ')}
                        <Typography.Link onClick={() => setAnchor('')}>{t('对整张表批注', 'comment on the whole form')}</Typography.Link>
                      </Typography.Paragraph>
                    )}
                    <CommentsPanel
                      declarationId={id}
                      content={departmentView.content}
                      comments={comments}
                      anchor={view.canComment ? anchor : null}
                      onAnchorClear={() => setAnchor(null)}
                      onAdded={() => {
                        page.comments.reload();
                        void antdMessage.success(t('批注已添加', 'Comment added'));
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
      {workflow.dialog}
      {updating && <UpdateFromFileDialog draftId={id} draft={view.content} onClose={() => setUpdating(false)} />}
    </div>
  );
}
