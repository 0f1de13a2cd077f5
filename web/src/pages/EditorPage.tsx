/**
 * The form editor: every section editable, the checker's findings live beside it, drafts saved
 * automatically. A copy of unsaved work is kept in the browser until the server has it, and a save
 * that loses a race (409) shows both versions for the user to choose.
 */
import SaveOutlined from '@ant-design/icons/es/icons/SaveOutlined';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import { api, ApiError } from '../api/client.ts';
import { fetchOnce, takeSettled } from '../api/prefetch.ts';
import type { Comment, DeclarationView } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FindingsPanel } from '../components/FindingsPanel.tsx';
import { Loading } from '../components/Loading.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { pointerLabel } from '../declaration/pointerLabel.ts';
import { revealPath } from '../declaration/revealPath.ts';
import { BudgetSection } from '../editor/BudgetSection.tsx';
import { CellInput } from '../editor/CellInput.tsx';
import { EditorSection } from '../editor/EditorSection.tsx';
import { EmptyGroups } from '../editor/EmptyGroups.tsx';
import type { Conflict } from '../editor/ConflictModal.tsx';
import { pointerOfField, withDerivedTotal } from '../editor/editing.ts';
import { IndicatorTable } from '../editor/IndicatorTable.tsx';
import { ProjectsSection } from '../editor/ProjectsSection.tsx';
import { TextListSection } from '../editor/TextListSection.tsx';
import { useLocale } from '../i18n/locale.tsx';

// Needed only when two saves collide; its table code is loaded then.
const ConflictModal = lazy(() => import('../editor/ConflictModal.tsx').then((m) => ({ default: m.ConflictModal })));

/** How long typing must pause before a draft is saved. */
const AUTOSAVE_DELAY_MS = 2000;
/** How long to wait before trying again after the server could not be reached. */
const RETRY_DELAY_MS = 15000;

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
  return <Editor key={id} id={id} view={data.view} comments={data.comments} />;
}

/** Work kept in this browser that the server does not have, unless it is what the server has. */
function unsavedWork(id: string, view: DeclarationView): UnsavedCopy | null {
  const unsaved = readUnsaved(id);
  if (unsaved && JSON.stringify(unsaved.content) !== JSON.stringify(view.content)) return unsaved;
  writeUnsaved(id, null);
  return null;
}

function Editor({ id, view, comments }: { id: string; view: DeclarationView; comments: Comment[] }) {
  const { t, pick, time } = useLocale();
  const [content, setContent] = useState<DepartmentTargetDeclaration>(() => {
    // For the web benchmark: the moment the editor has the form in hand.
    performance.mark('jixiao:editor-data');
    return view.content;
  });
  const [baseVersion, setBaseVersion] = useState(view.version);
  const [savedContent, setSavedContent] = useState<DepartmentTargetDeclaration>(view.content);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [restorable, setRestorable] = useState<UnsavedCopy | null>(() => unsavedWork(id, view));
  const [lastSavedAt, setLastSavedAt] = useState<Date | null>(null);
  const [showFindings, setShowFindings] = useState(true);

  const edit = useCallback(
    (change: (content: DepartmentTargetDeclaration) => DepartmentTargetDeclaration) => {
      setContent((previous) => {
        const next = withDerivedTotal(change(previous));
        writeUnsaved(id, { baseVersion, content: next, at: new Date().toISOString() });
        return next;
      });
      setStatus((s) => (s === 'conflict' ? s : 'dirty'));
    },
    [id, baseVersion],
  );

  const save = useCallback(
    async (over?: { baseVersion: number }) => {
      const snapshot = content;
      const base = over?.baseVersion ?? baseVersion;
      setStatus('saving');
      setSaveError(null);
      try {
        const answer = await api<DeclarationView>('PUT', `/api/v1/declarations/${id}`, { baseVersion: base, content: snapshot });
        setBaseVersion(answer.version);
        setSavedContent(snapshot);
        setLastSavedAt(new Date());
        setConflict(null);
        // Typing during the save leaves the page dirty; the next autosave takes it.
        setContent((latest) => {
          if (latest === snapshot) writeUnsaved(id, null);
          else writeUnsaved(id, { baseVersion: answer.version, content: latest, at: new Date().toISOString() });
          setStatus(latest === snapshot ? 'saved' : 'dirty');
          return latest;
        });
      } catch (caught) {
        const error = caught instanceof ApiError ? caught : new ApiError(0, 'unknown', { zh: '保存失败', en: 'saving failed' });
        if (error.id === 'version-conflict') {
          const current = error.extra.current as { content: DepartmentTargetDeclaration; createdAt: string } | undefined;
          const currentVersion = error.extra.currentVersion as number;
          if (current) {
            setConflict({ version: currentVersion, content: current.content, createdAt: current.createdAt });
            setStatus('conflict');
            return;
          }
        }
        setSaveError(error);
        setStatus('failed');
      }
    },
    [content, baseVersion, id],
  );

  // Autosave: after a pause in typing; after a lost connection, again a little later.
  useEffect(() => {
    if (!view.canEdit || content === savedContent) return;
    if (status === 'dirty') {
      const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      return () => clearTimeout(timer);
    }
    if (status === 'failed' && saveError?.status === 0) {
      const timer = setTimeout(() => void save(), RETRY_DELAY_MS);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [status, content, savedContent, save, saveError, view]);

  // Ctrl+S / ⌘S saves now.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (status === 'dirty' || status === 'failed') void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, status]);

  // Leaving with unsaved work asks first (the copy in the browser survives anyway).
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (status !== 'saved') event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [status]);

  useEffect(() => {
    performance.mark('jixiao:editor-rendered');
  }, []);

  const deferred = useDeferredValue(content);
  const checker = useChecker(deferred !== view.content);
  // Until the first edit the server's findings are the findings: the check runs on each change only.
  const findings = useMemo(() => (deferred === view.content || !checker ? view.findings : checker(deferred)), [deferred, view, checker]);
  const commentsByPath = useMemo(() => {
    const map = new Map<string, Comment[]>();
    for (const c of comments) map.set(c.path, [...(map.get(c.path) ?? []), c]);
    return map;
  }, [comments]);

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

  const statusTag = {
    saved: <span className="chip green">{lastSavedAt ? t(`已保存 ${time(lastSavedAt, 'clock')}`, `saved ${time(lastSavedAt, 'clock')}`) : t('已保存', 'saved')}</span>,
    dirty: <span className="chip orange">{t('有未保存的修改', 'unsaved changes')}</span>,
    saving: <span className="chip blue">{t('正在保存…', 'saving…')}</span>,
    failed: <span className="chip red">{t('保存失败', 'not saved')}</span>,
    conflict: <span className="chip red">{t('保存冲突', 'conflict')}</span>,
  }[status];
  const fieldErrors = saveError?.fields.map((f) => ({ ...f, pointer: pointerOfField(f.field) })).filter((f) => f.pointer !== null) ?? [];

  return (
    <>
      <div className="page-title">
        <h1>
          {t('编辑', 'Edit')} · {view.departmentName} · {view.year} <StateTag state={view.state} />
        </h1>
        <div className="header-tools">
          <span data-testid="save-status" data-status={status} aria-live="polite">
            {statusTag}
          </span>
          <span className="secondary">{t(`基于第 ${baseVersion} 版`, `based on version ${baseVersion}`)}</span>
          <Button type="primary" icon={<SaveOutlined />} disabled={status === 'saved' || status === 'saving' || status === 'conflict'} onClick={() => void save()}>
            {t('保存', 'Save')}
          </Button>
          <Link to={`/declarations/${id}`}>
            <Button>{t('完成', 'Done')}</Button>
          </Link>
        </div>
      </div>
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
                  setContent(restorable.content);
                  setRestorable(null);
                  // Restored work saves over the version it was based on; a newer version is a conflict to resolve.
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
                    ：{f.message}
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
      <div style={{ display: 'grid', gridTemplateColumns: showFindings ? 'minmax(0, 1fr) 300px' : 'minmax(0, 1fr) 48px', gap: 16, alignItems: 'start' }}>
        <div>
          <EditorSection title={t('基本信息', 'Basics')}>
            <div className="field-grid two">
              <div className="field" data-path="/department">
                <label htmlFor="department">{t('部门名称', 'Department')}</label>
                <CellInput id="department" value={content.department ?? ''} onChange={(e) => edit((c) => ({ ...c, department: e.target.value || null }))} />
              </div>
              <div className="field" data-path="/title">
                <label htmlFor="title">{t('表题', 'Title')}</label>
                <CellInput id="title" value={content.title ?? ''} placeholder="部门整体预算绩效目标申报表" onChange={(e) => edit((c) => ({ ...c, title: e.target.value || null }))} />
              </div>
            </div>
          </EditorSection>
          <EditorSection title={t('部门预算（万元）', 'Budget (10k yuan)')}>
            <BudgetSection content={content} onChange={(budget) => edit((c) => ({ ...c, budget }))} />
          </EditorSection>
          <EditorSection title={t('重点项目与年度重点工作任务', 'Key projects and their expected outcomes')}>
            <ProjectsSection projects={content.projects} comments={commentsByPath} onChange={(projects) => edit((c) => ({ ...c, projects }))} />
          </EditorSection>
          <EditorSection title={t('总体绩效目标', 'Overall goals')}>
            <TextListSection field="goals" items={content.goals} comments={commentsByPath} itemLabel={(n) => t(`目标${n}`, `Goal ${n}`)} addLabel={t('添加目标', 'Add goal')} onChange={(goals) => edit((c) => ({ ...c, goals }))} />
          </EditorSection>
          <EditorSection title={t('其他需完成的任务', 'Other tasks')}>
            <TextListSection field="otherTasks" items={content.otherTasks} comments={commentsByPath} itemLabel={(n) => t(`任务${n}`, `Task ${n}`)} addLabel={t('添加任务', 'Add task')} onChange={(otherTasks) => edit((c) => ({ ...c, otherTasks }))} />
          </EditorSection>
          <EditorSection title={t('绩效指标', 'Indicators')}>
            <IndicatorTable indicators={content.indicators} comments={commentsByPath} onChange={(indicators) => edit((c) => ({ ...c, indicators }))} />
            <EmptyGroups groups={content.emptyLevel2} onChange={(emptyLevel2) => edit((c) => ({ ...c, emptyLevel2 }))} />
          </EditorSection>
        </div>
        {showFindings ? (
          <section className="editor-section findings-panel" aria-label={t('检查结果', 'Findings')} data-testid="live-findings">
            <h2>
              {`${t('检查结果', 'Findings')} (${findings.length})`}
              <button type="button" className="btn small text" aria-expanded onClick={() => setShowFindings(false)}>
                {t('收起', 'Hide')}
              </button>
            </h2>
            <div className="editor-section-body">
              <FindingsPanel findings={findings} onSelect={revealPath} />
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
      {conflict && (
        <Suspense fallback={null}>
        <ConflictModal
          conflict={conflict}
          mine={content}
          onKeepMine={() => void save({ baseVersion: conflict.version })}
          onTakeTheirs={() => {
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
    </>
  );
}
