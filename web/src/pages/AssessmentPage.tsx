/**
 * One assessment (评估评价): its subject and state, the bureau's steps (开始评分, 出具结论, 发布评分,
 * 重新评分), and in tabs the score sheet (a scorer's own, keyboard first), the panel's view, the
 * evidence checklist, the conclusion and the report. Saved like every document: autosave after a
 * pause, Ctrl+S, undo, a copy kept in the browser, a lost race merged.
 */
import Alert from 'antd/es/alert';
import Modal from 'antd/es/modal';
import Tabs from 'antd/es/tabs';
import Tag from 'antd/es/tag';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Assessment, EvidenceStatus } from '../../../src/core/assessment/assessment.ts';
import { api, ApiError } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { AssignmentsCard } from '../assessment/AssignmentsCard.tsx';
import { ConclusionPanel } from '../assessment/ConclusionPanel.tsx';
import { EvidenceChecklist } from '../assessment/EvidenceChecklist.tsx';
import { DECISION_COLORS, DECISION_NAMES, GRADE_COLORS, PURPOSE_NAMES, STATE_COLORS, stateName, stepName, stepNeedsReason } from '../assessment/names.ts';
import { PanelView } from '../assessment/PanelView.tsx';
import { ReportPreview } from '../assessment/ReportPreview.tsx';
import { ScoreSheet } from '../assessment/ScoreSheet.tsx';
import { mergeAssessments, savableScores, sheetRows, withScore } from '../assessment/sheet.ts';
import type { AssessmentView, EvidenceFile } from '../assessment/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { StatusPage } from '../components/StatusPage.tsx';
import { EditorToolbar } from '../editor/EditorToolbar.tsx';
import { RestoreBanner } from '../editor/RestoreBanner.tsx';
import { useDocumentEditor } from '../editor/useDocumentEditor.ts';
import { useEditorKeys } from '../editor/useEditorKeys.ts';
import { LeavePrompt, useLeavePrompt } from '../editor/useLeavePrompt.tsx';
import { GrowingTextArea } from '../editor/GrowingTextArea.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

const TABS = ['sheet', 'panel', 'evidence', 'conclusion', 'report'] as const;
type TabKey = (typeof TABS)[number];

function Workspace({ view, onReload }: { view: AssessmentView; onReload: () => void }) {
  const { t, pick } = useLocale();
  const { user } = useSession();
  const id = view.id;
  const [latest, setLatest] = useState(view);
  const [params, setParams] = useSearchParams();
  const [stepError, setStepError] = useState<unknown>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const files = useResource(`evidence:${id}:${latest.version}`, () => api<{ files: EvidenceFile[] }>('GET', `/api/v1/assessments/${id}/evidence`));
  const open = view.state === 'draft' || view.state === 'scoring';
  const editable = view.canEdit && open;

  const doc = useDocumentEditor<Assessment>({
    id,
    content: view.content,
    version: view.version,
    canEdit: editable,
    put: async ({ baseVersion, content, autosave, note }) => {
      const answer = await api<AssessmentView>('PUT', `/api/v1/documents/${id}`, { baseVersion, content: { ...content, scores: savableScores(content.scores) }, autosave, ...(note ? { note } : {}) });
      setLatest(answer);
      return answer;
    },
    // The server's 409 carries what it holds unredacted for the bureau only; the page reads it again as the reader may see it.
    onConflict: async (_error, base, mine) => {
      const current = await api<AssessmentView>('GET', `/api/v1/documents/${id}`);
      setLatest(current);
      setNotice(t('他人刚保存了新版本，已与你的修改合并', 'Someone saved meanwhile; their changes are merged with yours'));
      return { merged: mergeAssessments(base, mine, current.content), theirs: current.content, version: current.version };
    },
    current: async () => {
      const current = await api<AssessmentView>('GET', `/api/v1/documents/${id}`);
      setLatest(current);
      return { version: current.version, content: current.content };
    },
    onNewer: (version) => setNotice(t(`已载入第 ${version} 版（在另一窗口或由他人保存）`, `Loaded version ${version} (saved in another window or by someone else)`)),
  });
  const saveNow = () => {
    if (!doc.blocked && (doc.status === 'dirty' || doc.status === 'failed')) void doc.save();
  };
  useEditorKeys({ save: saveNow, undo: doc.undo, redo: doc.redo }, editable);
  const blocker = useLeavePrompt(editable && doc.unsaved);

  const content = doc.content;
  const result = latest.content.result;
  const rows = useMemo(() => sheetRows(content.template.criteria), [content.template.criteria]);
  const me = user ? content.scorers.find((s) => s.id === user.id && s.role !== 'self') : undefined;
  const bureau = user?.role === 'reviewer';
  const department = user !== null && user !== undefined && user.departmentId === view.departmentId;
  const decided = view.state === 'concluded' || view.state === 'released';
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : bureau ? 'panel' : department ? 'evidence' : 'sheet';

  const takeStep = async (action: string, text: string) => {
    setBusy(true);
    setStepError(null);
    try {
      // What is typed is saved first: the step is taken on it.
      if (doc.status === 'dirty' || doc.status === 'failed') {
        if (doc.blocked) throw new ApiError(400, 'invalid', { zh: '有无效的输入，改正后才能继续', en: 'some entries are invalid; correct them first' });
        if (!(await doc.save())) throw doc.saveError ?? new ApiError(0, 'unsaved', { zh: '未能保存，请重试', en: 'not saved; retry' });
      }
      await api('POST', `/api/v1/documents/${id}/transitions`, { action, ...(text ? { reason: text } : {}) });
      setAsking(null);
      setReason('');
      onReload();
    } catch (caught) {
      setStepError(caught);
    } finally {
      setBusy(false);
    }
  };

  const decision = (decided ? view.content.conclusion.decision : null) ?? null;
  const title = (
    <>
      {view.projectName ?? content.subject.name} <Tag color={STATE_COLORS[view.state]} data-testid="assessment-state" data-state={view.state}>{pick(stateName(view.state))}</Tag>
    </>
  );
  const items = [
    {
      key: 'sheet',
      label: me ? t('我的评分', 'My scores') : t('评分表', 'Score sheet'),
      children: (
        <ScoreSheet
          rows={rows}
          content={content}
          result={result}
          scorer={me ? { id: me.id, name: me.name } : null}
          editable={editable && me !== undefined}
          invalid={doc.invalid}
          onSave={saveNow}
          onScore={(criterion, change, problem) => {
            doc.setInvalid(`/scores/${criterion}`, problem);
            doc.edit((c) => withScore(c, me?.id ?? '', criterion, change));
          }}
        />
      ),
    },
    // The panel's scores side by side: the bureau's always, the department's once released.
    ...(bureau || (department && view.state === 'released')
      ? [
          {
            key: 'panel',
            label: t('专家组评分', 'Panel'),
            children: (
              <>
                {bureau && <AssignmentsCard id={id} canAssign={open} onChanged={onReload} />}
                <PanelView rows={rows} content={latest.content} result={result} />
              </>
            ),
          },
        ]
      : []),
    {
      key: 'evidence',
      label: t('佐证材料', 'Evidence'),
      children: (
        <EvidenceChecklist
          id={id}
          content={content}
          files={files.data?.files ?? []}
          canUpload={open && (bureau || department || user?.role === 'agency')}
          canJudge={editable && bureau}
          onStatus={(index: number, status: EvidenceStatus) => doc.edit((c) => ({ ...c, evidence: c.evidence.map((e, i) => (i === index ? { ...e, status } : e)) }), 'structure')}
          onChanged={() => {
            // An upload is a version of its own (its item marked received): read in place, so the page and what it said stay;
            // work typed meanwhile is merged over it by the next save.
            void api<AssessmentView>('GET', `/api/v1/documents/${id}`)
              .then((current) => {
                setLatest(current);
                if (!doc.unsaved) doc.adopt({ content: current.content, saved: current.content, version: current.version });
              })
              .catch((caught: unknown) => setStepError(caught))
              .finally(() => files.reload());
          }}
        />
      ),
    },
    {
      key: 'conclusion',
      label: t('结论', 'Conclusion'),
      children: (
        <ConclusionPanel
          content={bureau ? content : view.content}
          editable={editable && bureau}
          invalid={doc.invalid}
          onConclusion={(conclusion, problem) => {
            doc.setInvalid('/conclusion/cut', problem);
            doc.edit((c) => ({ ...c, conclusion }));
          }}
          onFindings={(findings) => doc.edit((c) => ({ ...c, findings }))}
        />
      ),
    },
    { key: 'report', label: t('报告', 'Report'), children: <ReportPreview id={id} content={latest.content} departmentName={view.departmentName} /> },
  ];

  return (
    <div className="page" data-testid="assessment-page">
      <EditorToolbar title={title} editing={editable ? { status: doc.status, invalidCount: doc.invalid.size, lastSavedAt: doc.lastSavedAt, baseVersion: doc.baseVersion, canUndo: doc.canUndo, canRedo: doc.canRedo, onUndo: doc.undo, onRedo: doc.redo, onSave: saveNow } : undefined}>
        {view.allowedActions.map((action) => (
          <button key={action} type="button" className={`btn${action === 'conclude' || action === 'start' ? ' primary' : ''}`} disabled={busy} data-testid={`step-${action}`} onClick={() => (stepNeedsReason(action) || action === 'conclude' || action === 'release' ? setAsking(action) : void takeStep(action, ''))}>
            {pick(stepName(action))}
          </button>
        ))}
        <Link className="btn" to="/assessments">
          {t('返回列表', 'Back to the list')}
        </Link>
      </EditorToolbar>
      <div className="assessment-head" data-testid="assessment-head">
        <span>{pick(PURPOSE_NAMES[content.purpose])}</span>
        <span>
          {t('部门：', 'Department: ')}{view.departmentName}
        </span>
        {content.subject.amount && (
          <span>
            {t('金额：', 'Amount: ')}{content.subject.amount} {t('万元', '万元')}
          </span>
        )}
        <span>
          {t('模板：', 'Template: ')}{content.template.name}
        </span>
        {content.subject.kind === 'project-target' && content.subject.id && (
          <Link to={`/declarations/${content.subject.id}`}>{t('查看项目申报表', 'Open the project form')}</Link>
        )}
        {decided && result?.total && (
          <span data-testid="assessment-total">
            {t('总分', 'Total')} <strong>{result.total}</strong> {result.grade && <Tag color={GRADE_COLORS[result.grade]}>{result.grade}</Tag>}
          </span>
        )}
        {decision && (
          <span data-testid="assessment-decision">
            <Tag color={DECISION_COLORS[decision]}>{pick(DECISION_NAMES[decision])}</Tag>
            {view.content.conclusion.cut && decision === 'support-after-adjustment' ? t(`核减 ${view.content.conclusion.cut} 万元`, `cut ${view.content.conclusion.cut} 万元`) : ''}
          </span>
        )}
      </div>
      <RestoreBanner copy={doc.restorable} onRestore={doc.restore} onDiscard={doc.discard} />
      {doc.invalid.size > 0 && (
        <Alert type="error" showIcon role="alert" data-testid="invalid-entries" style={{ marginBottom: 12 }} message={<>
          {t('以下输入无效，改正前不会保存：', 'These entries are not valid; nothing is saved until they are corrected: ')}
          {[...doc.invalid.values()].join(t('；', '; '))}
        </>} />
      )}
      {notice && (
        <Alert type="info" showIcon role="status" style={{ marginBottom: 12 }} message={<>
          {notice}
        </>} />
      )}
      <ErrorAlert error={stepError ?? doc.saveError} onRetry={stepError ? undefined : () => void doc.save()} />
      {latest.findings.some((f) => f.severity === 'error') && (
        <Alert type="warning" showIcon role="status" data-testid="assessment-errors" style={{ marginBottom: 12 }} message={<>
          {latest.findings.filter((f) => f.severity === 'error').slice(0, 3).map((f) => pick(f.message)).join(t('；', '; '))}
        </>} />
      )}
      <LeavePrompt blocker={blocker} invalid={doc.blocked} onSave={() => doc.save()} />
      <Tabs activeKey={tab} onChange={(key) => setParams((p) => { const next = new URLSearchParams(p); next.set('tab', key); return next; }, { replace: true })} items={items} />
      <Modal
        open={asking !== null}
        title={asking ? pick(stepName(asking)) : ''}
        okText={asking ? pick(stepName(asking)) : ''}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: asking !== null && stepNeedsReason(asking) && reason.trim() === '' }}
        onOk={() => asking && void takeStep(asking, reason.trim())}
        onCancel={() => {
          setAsking(null);
          setStepError(null);
        }}
      >
        <ErrorAlert error={stepError} />
        {asking === 'conclude' && (
          <p>
            {t('出具结论后评分不能再改（可重新评分），被评单位将看到结论和汇总得分。', 'Once concluded the scores are fixed (until reopened); the department sees the conclusion and the aggregates.')}
            {content.conclusion.decision ? t(`结论：${DECISION_NAMES[content.conclusion.decision].zh}。`, ` Decision: ${DECISION_NAMES[content.conclusion.decision].en}.`) : ''}
          </p>
        )}
        {asking === 'release' && <p>{t('发布后，被评单位可以看到每位评分人的评分。', 'Once released, the department sees every scorer’s scores.')}</p>}
        {asking !== null && stepNeedsReason(asking) && (
          <label className="field-label">
            {t('理由（必填）', 'Reason (required)')}
            <GrowingTextArea aria-label={t('理由', 'Reason')} value={reason} maxLength={5000} onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
      </Modal>
    </div>
  );
}

export default function AssessmentPage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const view = useResource(`assessment:${id}`, () => api<AssessmentView>('GET', `/api/v1/documents/${id}`));
  if (view.error) {
    if (view.error instanceof ApiError && view.error.status === 404) {
      return <StatusPage code="404" title={t('没有这项评估评价，或你无权查看', 'No such assessment, or you may not see it')} detail={t('专家和第三方机构只能看到指派给自己的评估评价。', 'Experts and agencies see only the assessments they are assigned to.')} actions={<Link className="btn" to="/assessments">{t('返回列表', 'Back to the list')}</Link>} />;
    }
    return (
      <div className="page">
        <ErrorAlert error={view.error} onRetry={view.reload} />
      </div>
    );
  }
  if (!view.data) return <Loading />;
  if (view.data.kind !== 'assessment') return <StatusPage code="404" title={t('这不是评估评价', 'This is not an assessment')} />;
  return <Workspace key={`${view.data.id}:${view.data.version}:${view.data.state}`} view={view.data} onReload={view.reload} />;
}
