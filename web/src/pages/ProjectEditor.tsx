/**
 * The project form's editor: its header, funds split, goals and indicator table with every column
 * a region prints, with the checker's findings live beside it and the indicator library suggesting
 * names while one types. Every change can be undone (Ctrl+Z) and is saved a pause later; a save goes over
 * the version it started from; another's save in between is
 * merged field by field (core/declarationDiff.ts), and a clash is put to the user.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useUndoHistory } from '../editor/useUndoHistory.ts';
import { Link, useBlocker } from 'react-router';
import { mergeDeclarations } from '../../../src/core/declarationDiff.ts';
import { classesUnder, LEVEL1 } from '../../../src/core/indicatorFramework.ts';
import { goalList, projectIndicator, type ProjectIndicator, type ProjectTargetDeclaration } from '../../../src/core/projectTarget.ts';
import type { Finding } from '../../../src/core/rules/finding.ts';
import { api, ApiError } from '../api/client.ts';
import type { AnyDeclarationView, Comment, LibraryEntryView } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FindingsPanel } from '../components/FindingsPanel.tsx';
import { CellInput } from '../editor/CellInput.tsx';
import { ClassSelect } from '../editor/ClassSelect.tsx';
import { EditorFieldsProvider, type EditorFields } from '../editor/editorFields.tsx';
import { EditorSection } from '../editor/EditorSection.tsx';
import { GrowingTextArea } from '../editor/GrowingTextArea.tsx';
import { LibraryNameInput } from '../editor/LibraryNameInput.tsx';
import { MoneyInput } from '../editor/MoneyInput.tsx';
import { useLocale } from '../i18n/locale.tsx';

type Check = (content: ProjectTargetDeclaration) => Finding[];
const loadChecker = (): Promise<Check> => import('../../../src/core/rules/checkDeclaration.ts').then((m) => (content: ProjectTargetDeclaration) => m.checkDeclaration(content));

/** Rules that read other documents: only the server, which has them, can say these. */
const ACROSS_DOCUMENTS = new Set(['project-funds-match-department', 'continuing-without-last-year', 'target-below-last-year']);

type Status = 'saved' | 'unsaved' | 'saving' | 'error';

interface Similar {
  id: string;
  year: number;
  projectName: string;
  similarity: number;
  indicators: ProjectIndicator[];
}

const TEXT_COLUMNS = [
  ['unit', '计量单位', 'Unit'],
  ['standard', '绩效标准', 'Standard'],
  ['weight', '分值', 'Points'],
  ['note', '备注', 'Note'],
] as const;

export function ProjectEditor({ id, view }: { id: string; view: AnyDeclarationView & { content: ProjectTargetDeclaration }; comments: Comment[] }) {
  const { t } = useLocale();
  const [content, setContent] = useState<ProjectTargetDeclaration>(view.content);
  const [saved, setSaved] = useState<ProjectTargetDeclaration>(view.content);
  const [baseVersion, setBaseVersion] = useState(view.version);
  const [status, setStatus] = useState<Status>('saved');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [serverFindings, setServerFindings] = useState<Finding[]>(view.findings);
  const [check, setCheck] = useState<Check | null>(null);
  const [invalid, setInvalidBoxes] = useState<ReadonlyMap<string, string>>(new Map());
  const [similar, setSimilar] = useState<Similar[] | null>(null);
  // The columns regions add beyond the target are shown when the form has them, or when asked for.
  const [allColumns, setAllColumns] = useState(() => view.content.indicators.some((i) => i.standard || i.weight || i.note));
  const contentRef = useRef(content);
  contentRef.current = content;

  useEffect(() => {
    let live = true;
    void loadChecker().then((loaded) => live && setCheck(() => loaded));
    return () => {
      live = false;
    };
  }, []);

  const deferred = useDeferredValue(content);
  const findings = useMemo(() => {
    if (!check || deferred === saved) return serverFindings;
    return [...check(deferred), ...serverFindings.filter((f) => ACROSS_DOCUMENTS.has(f.rule))];
  }, [check, deferred, saved, serverFindings]);

  const history = useUndoHistory<ProjectTargetDeclaration>();
  const edit = (change: (draft: ProjectTargetDeclaration) => ProjectTargetDeclaration) => {
    // Typing in one box is one step; a button (another element in focus) starts a step of its own.
    history.record(contentRef.current, 'typing');
    setContent((current) => change(current));
    setStatus('unsaved');
    setNotice(null);
  };
  const step = (direction: 'undo' | 'redo') => {
    const next = direction === 'undo' ? history.undo(contentRef.current) : history.redo(contentRef.current);
    if (!next) return;
    contentRef.current = next;
    setContent(next);
    setStatus('unsaved');
  };
  const setProject = <K extends keyof ProjectTargetDeclaration['project']>(key: K, value: ProjectTargetDeclaration['project'][K]) => edit((d) => ({ ...d, project: { ...d.project, [key]: value } }));
  const setRow = (index: number, change: Partial<ProjectIndicator>) => edit((d) => ({ ...d, indicators: d.indicators.map((row, i) => (i === index ? { ...row, ...change } : row)) }));

  const fields = useMemo<EditorFields>(
    () => ({
      comments: new Map(),
      setInvalid: (path, message) =>
        setInvalidBoxes((current) => {
          if ((message === null && !current.has(path)) || current.get(path) === message) return current;
          const next = new Map(current);
          if (message === null) next.delete(path);
          else next.set(path, message);
          return next;
        }),
      announce: (message) => setNotice(message),
      editKind: { current: 'typing' },
    }),
    [],
  );

  const saving = useRef(false);
  const save = useCallback(async (autosave = false) => {
    // One save at a time: a second one on the same base would collide with the first.
    if (invalid.size > 0 || saving.current) return;
    saving.current = true;
    setStatus('saving');
    setError(null);
    const sending = contentRef.current;
    try {
      const answer = await api<{ version: number; findings: Finding[]; content: ProjectTargetDeclaration }>('PUT', `/api/v1/declarations/${id}`, { baseVersion, content: sending, autosave });
      setBaseVersion(answer.version);
      setSaved(sending);
      setServerFindings(answer.findings);
      setStatus(contentRef.current === sending ? 'saved' : 'unsaved');
    } catch (caught) {
      if (caught instanceof ApiError && caught.id === 'version-conflict' && caught.extra.current) {
        const details = caught.extra as unknown as { currentVersion: number; current: { content: ProjectTargetDeclaration; authorName?: string } };
        const merge = mergeDeclarations(saved, sending, details.current.content);
        setBaseVersion(details.currentVersion);
        setSaved(details.current.content);
        if (merge.conflicts.length === 0) {
          setContent(merge.merged);
          setStatus('unsaved');
          setNotice(t(`${details.current.authorName ?? '他人'}刚保存了新版本，已与你的修改合并，请再次保存`, `${details.current.authorName ?? 'Someone'} saved meanwhile; their changes are merged with yours — save again`));
        } else {
          setStatus('unsaved');
          setNotice(t(`${details.current.authorName ?? '他人'}刚保存了新版本，有 ${merge.conflicts.length} 处与你的修改冲突；保存将以你的修改为准`, `${details.current.authorName ?? 'Someone'} saved meanwhile; ${merge.conflicts.length} fields clash with yours — saving keeps yours`));
        }
        return;
      }
      setStatus('error');
      setError(caught);
    } finally {
      saving.current = false;
    }
  }, [baseVersion, id, invalid.size, saved, t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        void save();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        step('redo');
      } else if (key === 'z') {
        event.preventDefault();
        step('undo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Autosave a pause after the last change, unless a box holds text it cannot take or a clash awaits the user.
  useEffect(() => {
    if (status !== 'unsaved' || invalid.size > 0 || notice !== null) return;
    const timer = window.setTimeout(() => void save(true), 2500);
    return () => window.clearTimeout(timer);
  }, [content, status, invalid.size, notice, save]);

  const unsaved = status === 'unsaved' || status === 'error';
  const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);

  const findSimilar = async () => {
    setError(null);
    try {
      const query = new URLSearchParams({ name: content.project.name ?? '', departmentId: view.departmentId });
      setSimilar((await api<{ projects: Similar[] }>('GET', `/api/v1/indicator-library/similar-projects?${query.toString()}`)).projects);
    } catch (caught) {
      setError(caught);
    }
  };

  const pickEntry = (index: number, entry: LibraryEntryView) => {
    const row = contentRef.current.indicators[index];
    if (!row) return;
    setRow(index, { level1: row.level1 ?? entry.level1, level2: row.level2 ?? entry.level2, unit: row.unit ?? entry.unit });
  };

  const goals = (key: 'periodGoal' | 'annualGoal', zh: string, en: string) => {
    const list = goalList(content[key]);
    const items = list.length === 0 ? [''] : list;
    return (
      <div className="goal-list">
        {items.map((goal, i) => (
          <div key={i} className="goal-row">
            <GrowingTextArea
              aria-label={t(`${zh} ${i + 1}`, `${en} ${i + 1}`)}
              value={goal}
              onChange={(e) => {
                const next = items.map((g, j) => (j === i ? e.target.value : g));
                edit((d) => ({ ...d, [key]: next.length === 1 ? (next[0] ?? '') : next }));
              }}
            />
            {items.length > 1 && (
              <button type="button" className="btn" aria-label={t(`删除${zh} ${i + 1}`, `Remove ${en} ${i + 1}`)} onClick={() => edit((d) => ({ ...d, [key]: items.filter((_, j) => j !== i) }))}>
                ×
              </button>
            )}
          </div>
        ))}
        <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, [key]: [...items, ''] }))}>
          {t(`添加一条${zh}`, `Add a line`)}
        </button>
      </div>
    );
  };

  const p = content.project;
  const columns = TEXT_COLUMNS.filter(([key]) => key === 'unit' || allColumns);
  const text = (value: string | null) => value ?? '';
  const orNull = (value: string) => (value.trim() === '' ? null : value);
  return (
    <EditorFieldsProvider value={fields}>
      <div className="page-title">
        <h1>
          {t('编辑项目申报表', 'Edit project form')}：{p.name ?? t('（未命名项目）', '(unnamed project)')}
        </h1>
        <span className="save-status" role="status" data-testid="save-status" data-status={status}>
          {{ saved: t('已保存', 'Saved'), unsaved: t('有未保存的修改', 'Unsaved changes'), saving: t('正在保存…', 'Saving…'), error: t('保存失败', 'Not saved') }[status]}
        </span>
        <button type="button" className="btn" disabled={!history.canUndo} onClick={() => step('undo')} title="Ctrl+Z">
          {t('撤销', 'Undo')}
        </button>
        <button type="button" className="btn" disabled={!history.canRedo} onClick={() => step('redo')} title="Ctrl+Shift+Z">
          {t('重做', 'Redo')}
        </button>
        <button type="button" className="btn primary" disabled={status === 'saving' || invalid.size > 0} onClick={() => void save()}>
          {t('保存', 'Save')}
        </button>
        <Link className="btn" to={`/declarations/${id}`}>
          {t('查看', 'View')}
        </Link>
      </div>
      {invalid.size > 0 && (
        <div className="ant-alert ant-alert-error" role="alert">
          {t('以下金额无法识别，改正后才能保存：', 'These amounts cannot be read; correct them to save: ')}
          {[...invalid.values()].join('；')}
        </div>
      )}
      {notice && (
        <div className="ant-alert ant-alert-info" role="status">
          {notice}
        </div>
      )}
      <ErrorAlert error={error} />
      {blocker.state === 'blocked' && (
        <div className="ant-alert ant-alert-warning" role="alertdialog" aria-label={t('有未保存的修改', 'Unsaved changes')}>
          {t('有未保存的修改。离开将丢失这些修改。', 'There are unsaved changes. Leaving loses them.')}
          <button type="button" className="btn" onClick={() => blocker.reset()}>
            {t('留下', 'Stay')}
          </button>
          <button type="button" className="btn danger" onClick={() => blocker.proceed()}>
            {t('离开', 'Leave')}
          </button>
        </div>
      )}
      <div className="form-layout">
        <div className="editor-main">
          <EditorSection title={t('项目基本情况', 'The project')}>
            <div className="field-grid">
              <div className="field">
                <label htmlFor="project-field-1">{t('项目名称', 'Project name')}</label>
                <CellInput id="project-field-1" value={text(p.name)} onChange={(e) => setProject('name', orNull(e.target.value))} />
              </div>
              <div className="field">
                <label htmlFor="project-field-2">{t('项目编码', 'Project code')}</label>
                <CellInput id="project-field-2" value={text(p.code)} onChange={(e) => setProject('code', orNull(e.target.value))} />
              </div>
              <div className="field">
                <label htmlFor="project-field-3">{t('主管部门', 'Department')}</label>
                <CellInput id="project-field-3" value={text(content.department)} onChange={(e) => edit((d) => ({ ...d, department: orNull(e.target.value) }))} />
              </div>
              <div className="field">
                <label htmlFor="project-field-4">{t('实施单位', 'Implementer')}</label>
                <CellInput id="project-field-4" value={text(content.implementer)} onChange={(e) => edit((d) => ({ ...d, implementer: orNull(e.target.value) }))} />
              </div>
              <div className="field">
                <label htmlFor="project-field-5">{t('项目类型', 'Category')}</label>
                <CellInput id="project-field-5" value={text(p.category)} onChange={(e) => setProject('category', orNull(e.target.value))} />
              </div>
              <div className="field">
                <label htmlFor="project-field-6">{t('项目属性', 'Nature')}</label>
                <select id="project-field-6" className="class-select" value={text(p.nature)} onChange={(e) => setProject('nature', orNull(e.target.value))}>
                  <option value="">—</option>
                  {[...new Set(['新增项目', '延续项目', ...(p.nature ? [p.nature] : [])])].map((n) => (
                    <option key={n} value={n}>
                      {n === '新增项目' ? t('新增项目', 'New') : n === '延续项目' ? t('延续项目', 'Continuing') : n}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="project-field-7">{t('实施期起', 'Period from')}</label>
                <input id="project-field-7" type="month" className="cell-input" value={p.period.start?.length === 7 ? p.period.start : ''} onChange={(e) => setProject('period', { ...p.period, start: orNull(e.target.value), text: periodText(orNull(e.target.value), p.period.end) })} />
              </div>
              <div className="field">
                <label htmlFor="project-field-8">{t('实施期止', 'Period to')}</label>
                <input id="project-field-8" type="month" className="cell-input" value={p.period.end?.length === 7 ? p.period.end : ''} onChange={(e) => setProject('period', { ...p.period, end: orNull(e.target.value), text: periodText(p.period.start, orNull(e.target.value)) })} />
              </div>
            </div>
            <div className="field-wide">
              <label htmlFor="project-field-9">{t('立项依据', 'Basis')}</label>
              <GrowingTextArea id="project-field-9" value={text(p.basis)} onChange={(e) => setProject('basis', orNull(e.target.value))} />
            </div>
            <div className="field-wide">
              <label htmlFor="project-field-10">{t('项目概况', 'Content')}</label>
              <GrowingTextArea id="project-field-10" value={text(p.content)} onChange={(e) => setProject('content', orNull(e.target.value))} />
            </div>
          </EditorSection>
          <EditorSection title={t('项目资金（万元）', 'Funds (10,000 yuan)')}>
            <div className="field-grid">
              <MoneyInput id="funds-total" label={t('资金总额', 'Total')} path="/funds/total" value={content.funds.total} onChange={(total) => edit((d) => ({ ...d, funds: { ...d.funds, total } }))} />
            </div>
            <table className="editor-table">
              <thead>
                <tr>
                  <th>{t('资金来源', 'Source')}</th>
                  <th>{t('金额（万元）', 'Amount (10,000 yuan)')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {content.funds.items.map((item, i) => (
                  <tr key={i}>
                    <td>
                      <CellInput aria-label={t(`资金来源 ${i + 1}`, `Source ${i + 1}`)} value={item.label} onChange={(e) => edit((d) => ({ ...d, funds: { ...d.funds, items: d.funds.items.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) } }))} />
                    </td>
                    <td>
                      <MoneyInput label={t(`资金来源 ${i + 1} 金额`, `Source ${i + 1} amount`)} path={`/funds/items/${i}/amount`} value={item.amount} onChange={(amount) => edit((d) => ({ ...d, funds: { ...d.funds, items: d.funds.items.map((x, j) => (j === i ? { ...x, amount } : x)) } }))} />
                    </td>
                    <td>
                      <button type="button" className="btn" aria-label={t(`删除资金来源 ${i + 1}`, `Remove source ${i + 1}`)} onClick={() => edit((d) => ({ ...d, funds: { ...d.funds, items: d.funds.items.filter((_, j) => j !== i) } }))}>
                        ×
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, funds: { ...d.funds, items: [...d.funds.items, { label: '', amount: null }] } }))}>
              {t('添加资金来源', 'Add a source')}
            </button>
          </EditorSection>
          <EditorSection title={t('绩效目标', 'Goals')}>
            <h3>{t('实施期目标', 'Period goal')}</h3>
            {goals('periodGoal', '实施期目标', 'Period goal')}
            <h3>{t('年度目标', 'Annual goal')}</h3>
            {goals('annualGoal', '年度目标', 'Annual goal')}
          </EditorSection>
          <EditorSection title={t('绩效指标', 'Indicators')}>
            <label className="check">
              <input type="checkbox" checked={allColumns} onChange={(e) => setAllColumns(e.target.checked)} />
              {t('显示绩效标准、分值、备注列', 'Show the standard, points and note columns')}
            </label>
            <div className="editor-table-scroll">
              <table className="editor-table project-indicators" data-testid="project-indicator-editor">
                <colgroup>
                  <col className="col-class" />
                  <col className="col-class2" />
                  <col />
                  <col className="col-target" />
                  <col className="col-target" />
                  {columns.map(([key]) => (
                    <col key={key} className={`col-${key}`} />
                  ))}
                  <col className="col-mark" />
                  <col className="col-mark" />
                </colgroup>
                <thead>
                  <tr>
                    <th>{t('一级指标', 'Level 1')}</th>
                    <th>{t('二级指标', 'Level 2')}</th>
                    <th>{t('三级指标', 'Indicator')}</th>
                    <th>{t('实施期指标值', 'Period target')}</th>
                    <th>{t('年度指标值', 'Annual target')}</th>
                    {columns.map(([key, zh, en]) => (
                      <th key={key}>{t(zh, en)}</th>
                    ))}
                    <th title={t('核心指标', 'Core indicator')}>★</th>
                    <th>
                      <span className="visually-hidden">{t('删除', 'Remove')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {content.indicators.map((row, i) => (
                    <tr key={i} data-path={`/indicators/${i}`}>
                      <td>
                        <ClassSelect label={t(`第 ${i + 1} 行一级指标`, `Row ${i + 1} level 1`)} value={row.level1} options={LEVEL1} onChange={(level1) => setRow(i, { level1, level2: null })} />
                      </td>
                      <td>
                        <ClassSelect label={t(`第 ${i + 1} 行二级指标`, `Row ${i + 1} level 2`)} value={row.level2} options={row.level1 ? classesUnder(row.level1) : []} onChange={(level2) => setRow(i, { level2 })} />
                      </td>
                      <td>
                        <LibraryNameInput label={t(`第 ${i + 1} 行三级指标`, `Row ${i + 1} indicator`)} value={row.name} level1={row.level1} onChange={(name) => setRow(i, { name })} onPick={(entry) => pickEntry(i, entry)} />
                        {row.carriedOver !== undefined && <div className="carried-over">{t(`上年 ${row.carriedOver}`, `last year ${row.carriedOver}`)}</div>}
                      </td>
                      <td>
                        <CellInput aria-label={t(`第 ${i + 1} 行实施期指标值`, `Row ${i + 1} period target`)} value={row.periodTarget ?? ''} onChange={(e) => setRow(i, { periodTarget: row.periodTarget === null && e.target.value === '' ? null : e.target.value })} />
                      </td>
                      <td>
                        <CellInput aria-label={t(`第 ${i + 1} 行年度指标值`, `Row ${i + 1} annual target`)} value={row.annualTarget} onChange={(e) => setRow(i, { annualTarget: e.target.value })} />
                      </td>
                      {columns.map(([key, zh, en]) => (
                        <td key={key}>
                          <CellInput aria-label={t(`第 ${i + 1} 行${zh}`, `Row ${i + 1} ${en}`)} value={row[key] ?? ''} onChange={(e) => setRow(i, { [key]: row[key] === null && e.target.value === '' ? null : e.target.value })} />
                        </td>
                      ))}
                      <td>
                        <input type="checkbox" aria-label={t(`第 ${i + 1} 行为核心指标`, `Row ${i + 1} is a core indicator`)} checked={row.core} onChange={(e) => setRow(i, { core: e.target.checked })} />
                      </td>
                      <td>
                        <button type="button" className="row-button danger icon-delete" aria-label={t(`删除第 ${i + 1} 行`, `Remove row ${i + 1}`)} title={t('删除此行', 'Remove this row')} onClick={() => edit((d) => ({ ...d, indicators: d.indicators.filter((_, j) => j !== i) }))} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, indicators: [...d.indicators, projectIndicator('产出指标', '数量指标', '', '')] }))}>
              {t('添加指标', 'Add an indicator')}
            </button>
            <button type="button" className="btn" disabled={!p.name || p.name.trim().length < 2} onClick={() => void findSimilar()}>
              {t('参考以往类似项目的指标', 'Indicators of similar past projects')}
            </button>
            {similar !== null && (
              <div className="similar-projects" data-testid="similar-projects">
                {similar.length === 0 && <p className="muted">{t('没有名称相近的已审核项目', 'No approved project with a similar name')}</p>}
                {similar.map((s) => (
                  <div key={s.id}>
                    {s.year} {t('年度', '')}「{s.projectName}」（{t(`${s.indicators.length} 项指标`, `${s.indicators.length} indicators`)}）
                    <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, indicators: [...d.indicators, ...s.indicators.filter((x) => !d.indicators.some((y) => y.name === x.name)).map((x) => ({ ...x }))] }))}>
                      {t('添加其指标', 'Add its indicators')}
                    </button>
                  </div>
                ))}
              </div>
            )}
          </EditorSection>
        </div>
        <aside className="editor-findings" id="editor-findings" tabIndex={-1} aria-label={t('检查结果', 'Findings')}>
          <h2>
            {t('检查结果', 'Findings')} ({findings.length})
          </h2>
          <FindingsPanel findings={findings} />
        </aside>
      </div>
    </EditorFieldsProvider>
  );
}

function periodText(start: string | null, end: string | null): string | null {
  const show = (m: string | null) => (m ? `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` : '');
  if (!start && !end) return null;
  return `${show(start)}-${show(end)}`;
}
