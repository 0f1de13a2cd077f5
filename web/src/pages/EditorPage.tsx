/**
 * The form editor: every section editable, the checker's findings live beside it, drafts saved
 * automatically, every change undoable. A copy of unsaved work is kept in the browser until the
 * server has it; a box holding text that is not a value keeps the form from being saved; a save
 * that loses a race (409) is merged with the other version, asking only about what both changed.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import { api } from '../api/client.ts';
import { fetchOnce, takeSettled } from '../api/prefetch.ts';
import { isDepartmentView, type AnyDeclarationView, type Comment, type DeclarationView } from '../api/types.ts';
import { ProjectEditor } from './ProjectEditor.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FindingsPanel, findingCounts } from '../components/FindingsPanel.tsx';
import { Loading } from '../components/Loading.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { pointerLabel } from '../declaration/pointerLabel.ts';
import { revealPath } from '../declaration/revealPath.ts';
import { ReviewBanner } from '../declaration/ReviewBanner.tsx';
import { BudgetSection } from '../editor/BudgetSection.tsx';
import { CellInput } from '../editor/CellInput.tsx';
import { useConflictDialog } from '../editor/useConflictDialog.tsx';
import { EditorFieldsProvider, type EditorFields } from '../editor/editorFields.tsx';
import { EditorSection } from '../editor/EditorSection.tsx';
import { EmptyGroups } from '../editor/EmptyGroups.tsx';
import { newIndicator, pointerOfField, withDerivedTotal } from '../editor/editing.ts';
import { FieldComments } from '../editor/FieldComments.tsx';
import { IndicatorTable } from '../editor/IndicatorTable.tsx';
import { ProjectsSection } from '../editor/ProjectsSection.tsx';
import { TextListSection } from '../editor/TextListSection.tsx';
import type { EditKind } from '../editor/useUndoHistory.ts';
import { EditorToolbar } from '../editor/EditorToolbar.tsx';
import { useDocumentEditor } from '../editor/useDocumentEditor.ts';
import { useEditorKeys } from '../editor/useEditorKeys.ts';
import { LeavePrompt, useLeavePrompt } from '../editor/useLeavePrompt.tsx';
import { useReplaceFromAddress } from '../editor/useReplaceFromAddress.ts';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { documentPath } from '../documents/documentPath.ts';

// Needed only when two saves collide; its table code is loaded then.
/** A new row of the department form: no class until one is chosen (or a library entry gives it one). */
const newDepartmentRow = () => newIndicator(null, null);


/** How long a note such as "row deleted — undo" stays. */
const TOAST_MS = 8000;
/** Below this width the findings start folded away, so the form has the room. */
const WIDE_SCREEN_PX = 1440;

interface EditorData {
  readonly view: DeclarationView;
  readonly comments: Comment[];
}

const viewPath = (id: string) => `/api/v1/declarations/${id}`;
const commentsPath = (id: string) => documentPath(id, '/comments');

/** The editor's data if it was prefetched and has arrived: the editor then renders at once. */
function arrivedData(id: string): EditorData | null {
  const view = takeSettled<DeclarationView>(viewPath(id));
  if (!view) return null;
  const comments = takeSettled<{ comments: Comment[] }>(commentsPath(id));
  return { view, comments: comments?.comments ?? [] };
}

type Checker = (content: DepartmentTargetDeclaration) => DeclarationView['findings'];

const loadChecker = (): Promise<Checker> => import('../../../src/core/rules/checkDeclaration.ts').then((m) => m.checkDeclaration);

/**
 * The checker, once `needed` (after the first edit: until then the server's findings are the
 * findings). Its code, a third of the editor's, is fetched when the page is idle, off the path to an
 * editable form, and it enters the editor's state only when needed, so loading it re-renders nothing.
 */
function useChecker(needed: boolean): Checker | null {
  const [checker, setChecker] = useState<Checker | null>(null);
  useEffect(() => {
    const idle = window.requestIdleCallback(() => void loadChecker(), { timeout: 5000 });
    return () => window.cancelIdleCallback(idle);
  }, []);
  useEffect(() => {
    if (!needed || checker) return;
    let live = true;
    void loadChecker().then((check) => live && setChecker(() => check));
    return () => {
      live = false;
    };
  }, [needed, checker]);
  return checker;
}

/** Loads the declaration and its comments, then hands them to the editor. */
export default function EditorPage() {
  const { id = '' } = useParams();
  const [data, setData] = useState<EditorData | null>(() => arrivedData(id));
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (data?.view.id === id) return;
    let current = true;
    Promise.all([fetchOnce<DeclarationView>(viewPath(id)), fetchOnce<{ comments: Comment[] }>(commentsPath(id)).catch(() => ({ comments: [] }))])
      .then(([view, answer]) => current && setData({ view, comments: answer.comments }))
      .catch((caught: unknown) => current && setError(caught));
    return () => {
      current = false;
    };
  }, [id, data]);

  if (error) return <ErrorAlert error={error} />;
  if (!data || data.view.id !== id) return <Loading />;
  // The grid editor is the department form's; a project form has an editor of its own.
  if (!isDepartmentView(data.view)) {
    const view = data.view as unknown as AnyDeclarationView;
    if (view.content.kind !== 'project-target') return <Navigate to={`/declarations/${id}`} replace />;
    return <ProjectEditor key={id} id={id} view={{ ...view, content: view.content }} comments={data.comments} />;
  }
  return <Editor key={id} id={id} view={data.view} comments={data.comments} />;
}

const isDepartmentForm = (content: unknown): content is DepartmentTargetDeclaration => (content as { kind?: unknown } | null)?.kind === 'department-target';


function Editor({ id, view, comments }: { id: string; view: DeclarationView; comments: Comment[] }) {
  const { t, pick, time } = useLocale();
  const { user } = useSession();
  useState(() => {
    // For the web benchmark: the moment the editor has the form in hand.
    performance.mark('jixiao:editor-data');
    return null;
  });
  const [showFindings, setShowFindings] = useState(() => window.innerWidth >= WIDE_SCREEN_PX);
  const [toast, setToast] = useState<{ text: string; undo: boolean } | null>(null);
  const [naming, setNaming] = useState<string | null>(null);
  const editKind = useRef<EditKind>('typing');

  const clash = useConflictDialog<DepartmentTargetDeclaration>(user?.id, (text) => setToast({ text, undo: false }));
  const doc = useDocumentEditor<DepartmentTargetDeclaration>({
    id,
    content: view.content,
    version: view.version,
    canEdit: view.canEdit,
    derive: withDerivedTotal,
    put: ({ baseVersion, content, autosave, note }) => api<DeclarationView>('PUT', `/api/v1/declarations/${id}`, { baseVersion, content, autosave, ...(note ? { note } : {}) }),
    onConflict: clash.onConflict,
    current: async () => {
      const answer = await api<DeclarationView>('GET', viewPath(id));
      return { version: answer.version, content: answer.content };
    },
    onNewer: (version) => setToast({ text: t(`已载入第 ${version} 版（在另一窗口或由他人保存）`, `Loaded version ${version} (saved in another window or by someone else)`), undo: false }),
  });
  const { content, status, blocked, invalid, saveError } = doc;

  const edit = useCallback(
    (change: (content: DepartmentTargetDeclaration) => DepartmentTargetDeclaration) => {
      const kind = editKind.current;
      editKind.current = 'typing';
      doc.edit(change, kind);
    },
    [doc],
  );
  const stepHistory = useCallback(
    (direction: 'undo' | 'redo') => {
      if (direction === 'undo') doc.undo();
      else doc.redo();
      setToast(null);
    },
    [doc],
  );

  const announce = useCallback((text: string) => setToast({ text, undo: true }), []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const commentsByPath = useMemo(() => {
    const map = new Map<string, Comment[]>();
    for (const c of comments) map.set(c.path, [...(map.get(c.path) ?? []), c]);
    return map;
  }, [comments]);
  const { setInvalid } = doc;
  const fields = useMemo<EditorFields>(() => ({ comments: commentsByPath, setInvalid, invalid, announce, editKind }), [commentsByPath, setInvalid, invalid, announce]);

  const saveNow = useCallback(() => {
    if (!blocked && (status === 'dirty' || status === 'failed')) void doc.save();
  }, [blocked, status, doc]);
  useEditorKeys({ save: saveNow, undo: () => stepHistory('undo'), redo: () => stepHistory('redo') }, view.canEdit);
  const blocker = useLeavePrompt(view.canEdit && doc.unsaved);
  useReplaceFromAddress(doc, isDepartmentForm);

  useEffect(() => {
    performance.mark('jixiao:editor-rendered');
  }, []);

  const deferred = useDeferredValue(content);
  const checker = useChecker(deferred !== view.content);
  // Until the first edit the server's findings are the findings: the check runs on each change only.
  const findings = useMemo(() => (deferred === view.content || !checker ? view.findings : checker(deferred)), [deferred, view, checker]);
  const counts = findingCounts(findings);

  if (!view.canEdit) {
    return (
      <Alert
        type="info"
        showIcon
        message={t('此申报表当前不可编辑', 'This form cannot be edited now')}
        description={
          <span>
            {t('只有草稿或被退回的申报表可由本部门编辑。', 'Only drafts and returned forms can be edited, by their department. ')}
            <Link to={`/declarations/${id}`}>{t('查看申报表', 'View the form')}</Link>
          </span>
        }
      />
    );
  }

  const fieldErrors = saveError?.fields.map((f) => ({ ...f, pointer: pointerOfField(f.field) })).filter((f) => f.pointer !== null) ?? [];

  return (
    <EditorFieldsProvider value={fields}>
      <a className="skip-link" href="#editor-findings" onClick={(e) => {
        e.preventDefault();
        setShowFindings(true);
        requestAnimationFrame(() => document.getElementById('editor-findings')?.focus());
      }}>
        {t('跳到检查结果', 'Skip to the findings')}
      </a>
      <EditorToolbar
        title={
          <>
            {/* Year and state first: a long department name is what gives way on a narrow screen. */}
            {t('编辑', 'Edit')} · {view.year} <StateTag state={view.state} /> · {view.departmentName}
          </>
        }
        editing={{
          status,
          invalidCount: invalid.size,
          lastSavedAt: doc.lastSavedAt,
          baseVersion: doc.baseVersion,
          canUndo: doc.canUndo,
          canRedo: doc.canRedo,
          onUndo: () => stepHistory('undo'),
          onRedo: () => stepHistory('redo'),
          onSave: () => void doc.save(),
        }}
      >
        <button type="button" className="btn" disabled={blocked || status === 'saving' || status === 'conflict'} onClick={() => setNaming('')}>
          {t('保存为命名版本…', 'Save a named version…')}
        </button>
        <Link className="btn" to={`/declarations/${id}`}>
          {t('完成', 'Done')}
        </Link>
      </EditorToolbar>
      <ReviewBanner view={view} comments={comments} />
      {blocked && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="invalid-entries"
          message={t('以下输入无效，改正前不会保存：', 'These entries are not valid; nothing is saved until they are corrected:')}
          description={
            <ul style={{ margin: 0 }}>
              {[...invalid.entries()].map(([path, message]) => (
                <li key={path}>
                  <button type="button" className="link-button" onClick={() => revealPath(path)}>
                    {message}
                  </button>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {naming !== null && (
        <form
          className="name-version"
          onSubmit={(e) => {
            e.preventDefault();
            if (!naming.trim()) return;
            const note = naming.trim();
            setNaming(null);
            void doc.save({ note });
          }}
        >
          <label htmlFor="version-name">{t('版本名称', 'Version name')}</label>
          <CellInput id="version-name" autoFocus maxLength={500} value={naming} placeholder={t('例如：送审前定稿', 'e.g. final before review')} onChange={(e) => setNaming(e.target.value)} />
          <button type="submit" className="btn primary" disabled={!naming.trim()}>
            {t('保存', 'Save')}
          </button>
          <button type="button" className="btn" onClick={() => setNaming(null)}>
            {t('取消', 'Cancel')}
          </button>
        </form>
      )}
      {doc.restorable && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t(`此浏览器中有 ${time(doc.restorable.at)} 未保存的修改`, `This browser holds unsaved changes from ${time(doc.restorable.at)}`)}
          action={
            <Space>
              <Button size="small" type="primary" onClick={doc.restore}>
                {t('恢复', 'Restore')}
              </Button>
              <Button size="small" onClick={doc.discard}>
                {t('丢弃', 'Discard')}
              </Button>
            </Space>
          }
        />
      )}
      {saveError && (
        <Alert
          role="alert"
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={pick(saveError.text)}
          description={
            fieldErrors.length > 0 ? (
              <ul style={{ margin: 0 }}>
                {fieldErrors.map((f) => (
                  <li key={f.field}>
                    <button type="button" className="link-button" onClick={() => revealPath(f.pointer ?? '')}>
                      {pointerLabel(content, f.pointer ?? '', t)}
                    </button>
                    {t('：', ': ')}
                    {f.message}
                  </li>
                ))}
              </ul>
            ) : saveError.status === 0 ? (
              t('修改保存在此浏览器中，连接恢复后会自动重试。', 'Your changes are kept in this browser and will be saved when the connection returns.')
            ) : undefined
          }
          action={<Button size="small" onClick={() => void doc.save()}>{t('重试', 'Retry')}</Button>}
        />
      )}
      <div className={`editor-layout${showFindings ? ' with-findings' : ''}`}>
        <div className="editor-main">
          <EditorSection title={t('基本信息', 'Basics')}>
            <div className="field-grid two">
              <div className="field" data-path="/department">
                <label htmlFor="department">
                  {t('部门名称', 'Department')} <FieldComments path="/department" />
                </label>
                <CellInput id="department" value={content.department ?? ''} onChange={(e) => edit((c) => ({ ...c, department: e.target.value || null }))} />
              </div>
              <div className="field" data-path="/title">
                <label htmlFor="title">
                  {t('表题', 'Title')} <FieldComments path="/title" />
                </label>
                <CellInput id="title" value={content.title ?? ''} placeholder="部门整体预算绩效目标申报表" onChange={(e) => edit((c) => ({ ...c, title: e.target.value || null }))} />
              </div>
            </div>
          </EditorSection>
          <EditorSection title={t('部门预算（万元）', 'Budget (10k yuan)')}>
            <BudgetSection content={content} onChange={(budget) => edit((c) => ({ ...c, budget }))} />
          </EditorSection>
          <EditorSection title={t('重点项目与年度重点工作任务', 'Key projects and their expected outcomes')}>
            <ProjectsSection projects={content.projects} onChange={(projects) => edit((c) => ({ ...c, projects }))} />
          </EditorSection>
          <EditorSection title={t('总体绩效目标', 'Overall goals')}>
            <TextListSection field="goals" items={content.goals} itemLabel={(n) => t(`目标${n}`, `Goal ${n}`)} addLabel={t('添加目标', 'Add goal')} onChange={(goals) => edit((c) => ({ ...c, goals }))} />
          </EditorSection>
          <EditorSection title={t('其他需完成的任务', 'Other tasks')}>
            <TextListSection field="otherTasks" items={content.otherTasks} itemLabel={(n) => t(`任务${n}`, `Task ${n}`)} addLabel={t('添加任务', 'Add task')} onChange={(otherTasks) => edit((c) => ({ ...c, otherTasks }))} />
          </EditorSection>
          <EditorSection title={t('绩效指标', 'Indicators')}>
            <IndicatorTable indicators={content.indicators} newRow={newDepartmentRow} onChange={(indicators) => edit((c) => ({ ...c, indicators }))} />
            <EmptyGroups groups={content.emptyLevel2} onChange={(emptyLevel2) => edit((c) => ({ ...c, emptyLevel2 }))} />
          </EditorSection>
        </div>
        {showFindings ? (
          <section className="editor-section findings-panel" aria-label={t('检查结果', 'Findings')} data-testid="live-findings" id="editor-findings" tabIndex={-1}>
            <h2>
              <span>
                {t('检查结果', 'Findings')} <span className="secondary">{t(`${counts.error} 错误 · ${counts.warning} 警告 · ${counts.info} 提示`, `${counts.error} errors · ${counts.warning} warnings · ${counts.info} notes`)}</span>
              </span>
              <button type="button" className="btn small text" aria-expanded onClick={() => setShowFindings(false)}>
                {t('收起', 'Hide')}
              </button>
            </h2>
            <div className="editor-section-body">
              <FindingsPanel findings={findings} content={content} onSelect={revealPath} />
            </div>
          </section>
        ) : (
          <button
            type="button"
            className="btn findings-toggle"
            aria-expanded={false}
            aria-label={t(`展开检查结果（${findings.length}）`, `Show findings (${findings.length})`)}
            onClick={() => setShowFindings(true)}
          >
            {t(`检查结果 ${findings.length}`, `Findings ${findings.length}`)}
          </button>
        )}
      </div>
      {toast && (
        <div className="toast" role="status" data-testid="toast">
          <span>{toast.text}</span>
          {toast.undo && (
            <button type="button" className="btn small" onClick={() => stepHistory('undo')}>
              {t('撤销', 'Undo')}
            </button>
          )}
          <button type="button" className="btn small text" aria-label={t('关闭', 'Close')} onClick={() => setToast(null)}>
            ×
          </button>
        </div>
      )}
      <LeavePrompt blocker={blocker} invalid={blocked} onSave={() => doc.save()} />
      {clash.dialog(doc)}
    </EditorFieldsProvider>
  );
}
