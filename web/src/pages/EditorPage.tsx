/**
 * The form editor: every section editable, the checker's findings live beside it, drafts saved
 * automatically, every change undoable. A copy of unsaved work is kept in the browser until the
 * server has it; a box holding text that is not a value keeps the form from being saved; a save
 * that loses a race (409) is merged with the other version, asking only about what both changed.
 */
import SaveOutlined from '@ant-design/icons/es/icons/SaveOutlined';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useBlocker, useParams } from 'react-router';
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import { mergeDeclarations, resolveMerge, type Resolution } from '../../../src/core/declarationDiff.ts';
import { api, ApiError } from '../api/client.ts';
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
import type { Conflict } from '../editor/ConflictModal.tsx';
import { EditorFieldsProvider, type EditorFields } from '../editor/editorFields.tsx';
import { EditorSection } from '../editor/EditorSection.tsx';
import { EmptyGroups } from '../editor/EmptyGroups.tsx';
import { pointerOfField, withDerivedTotal } from '../editor/editing.ts';
import { FieldComments } from '../editor/FieldComments.tsx';
import { IndicatorTable } from '../editor/IndicatorTable.tsx';
import { ProjectsSection } from '../editor/ProjectsSection.tsx';
import { TextListSection } from '../editor/TextListSection.tsx';
import { useUndoHistory, type EditKind } from '../editor/useUndoHistory.ts';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

// Needed only when two saves collide; its table code is loaded then.
const ConflictModal = lazy(() => import('../editor/ConflictModal.tsx').then((m) => ({ default: m.ConflictModal })));

/** How long typing must pause before a draft is saved. */
const AUTOSAVE_DELAY_MS = 2000;
/** How long to wait before trying again after the server could not be reached. */
const RETRY_DELAY_MS = 15000;
/** How long a note such as "row deleted — undo" stays. */
const TOAST_MS = 8000;
/** Below this width the findings start folded away, so the form has the room. */
const WIDE_SCREEN_PX = 1440;

type SaveStatus = 'saved' | 'dirty' | 'saving' | 'failed' | 'conflict';

interface UnsavedCopy {
  readonly baseVersion: number;
  readonly content: DepartmentTargetDeclaration;
  readonly at: string;
}

const unsavedKey = (id: string) => `jixiao.unsaved.${id}`;

function readUnsaved(id: string): UnsavedCopy | null {
  try {
    const text = localStorage.getItem(unsavedKey(id));
    return text ? (JSON.parse(text) as UnsavedCopy) : null;
  } catch {
    return null;
  }
}

function writeUnsaved(id: string, copy: UnsavedCopy | null): void {
  try {
    if (copy) localStorage.setItem(unsavedKey(id), JSON.stringify(copy));
    else localStorage.removeItem(unsavedKey(id));
  } catch {
    // Storage full or refused: the work is still in the page.
  }
}

interface EditorData {
  readonly view: DeclarationView;
  readonly comments: Comment[];
}

const viewPath = (id: string) => `/api/v1/declarations/${id}`;
const commentsPath = (id: string) => `/api/v1/declarations/${id}/comments`;

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

/** Work kept in this browser that the server does not have, unless it is what the server has. */
function unsavedWork(id: string, view: DeclarationView): UnsavedCopy | null {
  const unsaved = readUnsaved(id);
  if (unsaved && JSON.stringify(unsaved.content) !== JSON.stringify(view.content)) return unsaved;
  writeUnsaved(id, null);
  return null;
}

interface ConflictAnswer {
  readonly content: DepartmentTargetDeclaration;
  readonly createdAt: string;
  readonly authorId: string;
  readonly authorName?: string;
}

function Editor({ id, view, comments }: { id: string; view: DeclarationView; comments: Comment[] }) {
  const { t, pick, time } = useLocale();
  const { user } = useSession();
  const [content, setContent] = useState<DepartmentTargetDeclaration>(() => {
    // For the web benchmark: the moment the editor has the form in hand.
    performance.mark('jixiao:editor-data');
    return view.content;
  });
  const [baseVersion, setBaseVersion] = useState(view.version);
  // What the server holds at baseVersion: the common ancestor when a save collides.
  const [savedContent, setSavedContent] = useState<DepartmentTargetDeclaration>(view.content);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [restorable, setRestorable] = useState<UnsavedCopy | null>(() => unsavedWork(id, view));
  const [lastSavedAt, setLastSavedAt] = useState<Date | null>(null);
  const [showFindings, setShowFindings] = useState(() => window.innerWidth >= WIDE_SCREEN_PX);
  const [invalid, setInvalidMap] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [toast, setToast] = useState<{ text: string; undo: boolean } | null>(null);
  const [naming, setNaming] = useState<string | null>(null);
  const history = useUndoHistory<DepartmentTargetDeclaration>();
  const editKind = useRef<EditKind>('typing');
  const contentRef = useRef(content);
  contentRef.current = content;

  const savedRef = useRef(savedContent);
  savedRef.current = savedContent;
  const markChanged = useCallback(
    (next: DepartmentTargetDeclaration, base: number) => {
      // Undone back to what the server has: nothing is unsaved any more.
      if (next === savedRef.current) {
        writeUnsaved(id, null);
        setStatus((s) => (s === 'conflict' ? s : 'saved'));
        return;
      }
      writeUnsaved(id, { baseVersion: base, content: next, at: new Date().toISOString() });
      setStatus((s) => (s === 'conflict' ? s : 'dirty'));
    },
    [id],
  );

  const edit = useCallback(
    (change: (content: DepartmentTargetDeclaration) => DepartmentTargetDeclaration) => {
      const previous = contentRef.current;
      const next = withDerivedTotal(change(previous));
      history.record(previous, editKind.current);
      editKind.current = 'typing';
      contentRef.current = next;
      setContent(next);
      markChanged(next, baseVersion);
    },
    [history, markChanged, baseVersion],
  );

  const stepHistory = useCallback(
    (direction: 'undo' | 'redo') => {
      const target = direction === 'undo' ? history.undo(contentRef.current) : history.redo(contentRef.current);
      if (!target) return;
      contentRef.current = target;
      setContent(target);
      setToast(null);
      markChanged(target, baseVersion);
    },
    [history, markChanged, baseVersion],
  );

  const announce = useCallback((text: string) => setToast({ text, undo: true }), []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const setInvalid = useCallback((path: string, message: string | null) => {
    setInvalidMap((previous) => {
      if ((previous.get(path) ?? null) === message) return previous;
      const next = new Map(previous);
      if (message === null) next.delete(path);
      else next.set(path, message);
      return next;
    });
  }, []);

  const commentsByPath = useMemo(() => {
    const map = new Map<string, Comment[]>();
    for (const c of comments) map.set(c.path, [...(map.get(c.path) ?? []), c]);
    return map;
  }, [comments]);
  const fields = useMemo<EditorFields>(() => ({ comments: commentsByPath, setInvalid, announce, editKind }), [commentsByPath, setInvalid, announce]);

  const save = useCallback(
    async (options: { baseVersion?: number; content?: DepartmentTargetDeclaration; autosave?: boolean; note?: string } = {}) => {
      const snapshot = options.content ?? contentRef.current;
      const base = options.baseVersion ?? baseVersion;
      setStatus('saving');
      setSaveError(null);
      try {
        const answer = await api<DeclarationView>('PUT', `/api/v1/declarations/${id}`, { baseVersion: base, content: snapshot, autosave: options.autosave ?? false, ...(options.note ? { note: options.note } : {}) });
        setBaseVersion(answer.version);
        setSavedContent(snapshot);
        setLastSavedAt(new Date());
        setConflict(null);
        // Typing during the save leaves the page dirty; the next autosave takes it.
        const latest = contentRef.current;
        if (latest === snapshot) writeUnsaved(id, null);
        else writeUnsaved(id, { baseVersion: answer.version, content: latest, at: new Date().toISOString() });
        setStatus(latest === snapshot ? 'saved' : 'dirty');
      } catch (caught) {
        const error = caught instanceof ApiError ? caught : new ApiError(0, 'unknown', { zh: '保存失败', en: 'saving failed' });
        if (error.id === 'version-conflict') {
          const current = error.extra.current as ConflictAnswer | undefined;
          const currentVersion = error.extra.currentVersion as number;
          if (current) {
            const merge = mergeDeclarations(savedContent, snapshot, current.content);
            const authorName = current.authorId === user?.id ? null : (current.authorName ?? t('他人', 'someone else'));
            if (merge.conflicts.length === 0) {
              // Edits of different fields: both kept, saved over their version at once.
              contentRef.current = merge.merged;
              setContent(merge.merged);
              setSavedContent(current.content);
              setBaseVersion(currentVersion);
              setToast({
                text: authorName
                  ? t(`${authorName}于 ${time(current.createdAt, 'clock')} 保存了第 ${currentVersion} 版，已与你的修改合并`, `${authorName} saved version ${currentVersion} at ${time(current.createdAt, 'clock')}; merged with your changes`)
                  : t(`另一窗口于 ${time(current.createdAt, 'clock')} 保存了第 ${currentVersion} 版，已与本窗口的修改合并`, `another window saved version ${currentVersion} at ${time(current.createdAt, 'clock')}; merged with this one`),
                undo: false,
              });
              void save({ baseVersion: currentVersion, content: merge.merged, autosave: options.autosave ?? false });
              return;
            }
            setConflict({ version: currentVersion, content: current.content, createdAt: current.createdAt, authorName, merge });
            setStatus('conflict');
            return;
          }
        }
        setSaveError(error);
        setStatus('failed');
      }
    },
    [baseVersion, id, savedContent, user, t, time],
  );

  const blocked = invalid.size > 0;

  // Autosave: after a pause in typing; after a lost connection, again a little later. Never while a box holds what is not a value.
  useEffect(() => {
    if (!view.canEdit || content === savedContent || blocked) return;
    if (status === 'dirty') {
      const timer = setTimeout(() => void save({ autosave: true }), AUTOSAVE_DELAY_MS);
      return () => clearTimeout(timer);
    }
    if (status === 'failed' && saveError?.status === 0) {
      const timer = setTimeout(() => void save({ autosave: true }), RETRY_DELAY_MS);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [status, content, savedContent, save, saveError, view, blocked]);

  // Ctrl+S / ⌘S saves now; Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo — the form's history, in any box.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        if (!blocked && (status === 'dirty' || status === 'failed')) void save();
      } else if (key === 'z' || key === 'y') {
        event.preventDefault();
        stepHistory(key === 'y' || event.shiftKey ? 'redo' : 'undo');
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [save, status, stepHistory, blocked]);

  const unsaved = status !== 'saved' || blocked;
  // Leaving with unsaved work asks first: closing the tab, and moving elsewhere in the app.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (unsaved) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);

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

  const statusTag = blocked ? (
    <span className="chip red">{t(`${invalid.size} 处输入无效，未保存`, `${invalid.size} invalid entries; not saved`)}</span>
  ) : (
    {
      saved: <span className="chip green">{lastSavedAt ? t(`已保存 ${time(lastSavedAt, 'clock')}`, `Saved ${time(lastSavedAt, 'clock')}`) : t('已保存', 'Saved')}</span>,
      dirty: <span className="chip orange">{t('有未保存的修改', 'Unsaved changes')}</span>,
      saving: <span className="chip blue">{t('正在保存…', 'Saving…')}</span>,
      failed: <span className="chip red">{t('保存失败', 'Not saved')}</span>,
      conflict: <span className="chip red">{t('保存冲突', 'Conflict')}</span>,
    }[status]
  );
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
      <div className="page-title">
        <h1>
          {t('编辑', 'Edit')} · {view.departmentName} · {view.year} <StateTag state={view.state} />
        </h1>
        <div className="header-tools">
          <span data-testid="save-status" data-status={blocked ? 'invalid' : status} aria-live="polite">
            {statusTag}
          </span>
          <span className="secondary">{t(`基于第 ${baseVersion} 版`, `based on version ${baseVersion}`)}</span>
          <button type="button" className="btn" disabled={!history.canUndo} onClick={() => stepHistory('undo')} title="Ctrl+Z">
            {t('撤销', 'Undo')}
          </button>
          <button type="button" className="btn" disabled={!history.canRedo} onClick={() => stepHistory('redo')} title="Ctrl+Shift+Z">
            {t('重做', 'Redo')}
          </button>
          <button type="button" className="btn" disabled={blocked || status === 'saving' || status === 'conflict'} onClick={() => setNaming('')}>
            {t('保存为命名版本…', 'Save a named version…')}
          </button>
          <Button type="primary" icon={<SaveOutlined />} disabled={blocked || status === 'saved' || status === 'saving' || status === 'conflict'} onClick={() => void save()}>
            {t('保存', 'Save')}
          </Button>
          <Link className="btn" to={`/declarations/${id}`}>
            {t('完成', 'Done')}
          </Link>
        </div>
      </div>
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
            void save({ note });
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
      {restorable && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t(`此浏览器中有 ${time(restorable.at)} 未保存的修改`, `This browser holds unsaved changes from ${time(restorable.at)}`)}
          action={
            <Space>
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  history.record(contentRef.current, 'structure');
                  contentRef.current = restorable.content;
                  setContent(restorable.content);
                  setRestorable(null);
                  // Restored work saves over the version it was based on; a newer version is merged.
                  setBaseVersion(restorable.baseVersion);
                  setStatus('dirty');
                }}
              >
                {t('恢复', 'Restore')}
              </Button>
              <Button
                size="small"
                onClick={() => {
                  writeUnsaved(id, null);
                  setRestorable(null);
                }}
              >
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
          action={<Button size="small" onClick={() => void save()}>{t('重试', 'Retry')}</Button>}
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
            <IndicatorTable indicators={content.indicators} onChange={(indicators) => edit((c) => ({ ...c, indicators }))} />
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
      {blocker.state === 'blocked' && (
        <div className="leave-prompt" role="alertdialog" aria-modal="true" aria-labelledby="leave-title">
          <div className="leave-prompt-box">
            <h2 id="leave-title">{blocked ? t('有无效的输入尚未保存', 'Some entries are invalid and not saved') : t('有修改尚未保存', 'There are unsaved changes')}</h2>
            <p>{t('离开后，未保存的修改仍会保留在此浏览器中，下次打开时可以恢复。', 'If you leave, the unsaved changes stay in this browser and can be restored next time.')}</p>
            <div className="leave-prompt-actions">
              <button type="button" className="btn" onClick={() => blocker.reset()} autoFocus>
                {t('留在此页', 'Stay')}
              </button>
              {!blocked && (
                <button
                  type="button"
                  className="btn primary"
                  onClick={() => {
                    void save().then(() => blocker.proceed());
                  }}
                >
                  {t('保存后离开', 'Save and leave')}
                </button>
              )}
              <button type="button" className="btn" onClick={() => blocker.proceed()}>
                {t('不保存，离开', 'Leave without saving')}
              </button>
            </div>
          </div>
        </div>
      )}
      {conflict && (
        <Suspense fallback={null}>
          <ConflictModal
            conflict={conflict}
            onResolve={(choices: ReadonlyMap<string, Resolution>) => {
              const resolved = resolveMerge(conflict.merge, choices);
              history.record(contentRef.current, 'structure');
              contentRef.current = resolved;
              setContent(resolved);
              setSavedContent(conflict.content);
              setBaseVersion(conflict.version);
              setConflict(null);
              void save({ baseVersion: conflict.version, content: resolved });
            }}
            onTakeTheirs={() => {
              history.record(contentRef.current, 'structure');
              contentRef.current = conflict.content;
              setContent(conflict.content);
              setSavedContent(conflict.content);
              setBaseVersion(conflict.version);
              writeUnsaved(id, null);
              setConflict(null);
              setStatus('saved');
            }}
          />
        </Suspense>
      )}
    </EditorFieldsProvider>
  );
}
