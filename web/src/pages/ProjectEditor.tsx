/**
 * The project form's editor: its header, funds split, goals and indicator table with every column
 * a region prints, the indicator library suggesting names while one types and the indicators of
 * similar past projects offered. The page around these sections — toolbar, undo and redo, autosave,
 * a lost race merged field by field with a clash put to the user, the findings live beside the form —
 * is the document shell's (documents/FormEditorShell.tsx).
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { goalList, projectIndicator, type ProjectIndicator, type ProjectTargetDeclaration } from '../../../src/core/projectTarget.ts';
import { api } from '../api/client.ts';
import { StateTag } from '../components/StateTag.tsx';
import { FormEditorShell, useFormEditorPage, useLiveFindings, type FormView } from '../documents/FormEditorShell.tsx';
import type { LoadedDocument } from '../documents/useDocumentPage.ts';
import { CellInput } from '../editor/CellInput.tsx';
import { EditorSection } from '../editor/EditorSection.tsx';
import { FieldComments } from '../editor/FieldComments.tsx';
import { GrowingTextArea } from '../editor/GrowingTextArea.tsx';
import { IndicatorTable, type ExtraColumn, type NameCell } from '../editor/IndicatorTable.tsx';
import { LibraryNameInput } from '../editor/LibraryNameInput.tsx';
import { MoneyInput } from '../editor/MoneyInput.tsx';
import { similarRows } from '../editor/similarIndicators.ts';
import { useLocale } from '../i18n/locale.tsx';

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

/** A new row of the project form: no class until one is chosen. */
const newProjectRow = () => projectIndicator(null, null, '', '');

const isProjectForm = (content: unknown): content is ProjectTargetDeclaration => (content as { kind?: unknown } | null)?.kind === 'project-target';

/** The project form's sections on the form editor's shell. */
export function ProjectEditor({ loaded }: { loaded: LoadedDocument<FormView<ProjectTargetDeclaration>> }) {
  const { t } = useLocale();
  const page = useFormEditorPage({ loaded, accepts: isProjectForm });
  const findings = useLiveFindings(page);
  const { view, edit, tell } = page;
  const [similar, setSimilar] = useState<Similar[] | null>(null);
  // The columns regions add beyond the target are shown when the form has them, or when asked for.
  const [allColumns, setAllColumns] = useState(() => view.content.indicators.some((i) => i.standard || i.weight || i.note));
  const content = page.doc.content;
  const contentRef = page.doc.contentRef;

  const setProject = <K extends keyof ProjectTargetDeclaration['project']>(key: K, value: ProjectTargetDeclaration['project'][K]) => edit((d) => ({ ...d, project: { ...d.project, [key]: value } }));

  const findSimilar = () =>
    page.run(async () => {
      const query = new URLSearchParams({ name: content.project.name ?? '', departmentId: view.departmentId });
      setSimilar((await api<{ projects: Similar[] }>('GET', `/api/v1/indicator-library/similar-projects?${query.toString()}`)).projects);
    });

  // The project form's own columns and its name box, in the grid every target form shares.
  const extraColumns = useMemo<ExtraColumn<ProjectIndicator>[]>(
    () => [
      ...TEXT_COLUMNS.filter(([key]) => key === 'unit' || allColumns).map(([key, zh, en]) => ({
        key,
        className: `col-${key}`,
        header: t(zh, en),
        cell: (row: ProjectIndicator, i: number, editRow: (row: ProjectIndicator) => void) => <CellInput aria-label={t(`第 ${i + 1} 行${zh}`, `Row ${i + 1} ${en}`)} value={row[key] ?? ''} onChange={(e) => editRow({ ...row, [key]: row[key] === null && e.target.value === '' ? null : e.target.value })} />,
      })),
      {
        key: 'core',
        className: 'col-mark',
        header: <span title={t('核心指标', 'Core indicator')}>★</span>,
        cell: (row: ProjectIndicator, i: number, editRow: (row: ProjectIndicator) => void) => <input type="checkbox" aria-label={t(`第 ${i + 1} 行为核心指标`, `Row ${i + 1} is a core indicator`)} checked={row.core} onChange={(e) => editRow({ ...row, core: e.target.checked })} />,
      },
    ],
    [allColumns, t],
  );
  const nameCell = useCallback<NameCell<ProjectIndicator>>(
    (row, i, { edit: editRow, reclass }) => (
      <LibraryNameInput
        label={t(`第 ${i + 1} 行三级指标`, `Row ${i + 1} indicator`)}
        value={row.name}
        onChange={(name) => editRow({ ...row, name })}
        // The entry says where the indicator belongs: its class is taken, the row's unit kept if it has one.
        onPick={(entry) => {
          const typed = contentRef.current.indicators[i] ?? row;
          reclass({ ...typed, level1: entry.level1 ?? typed.level1, level2: entry.level2 ?? typed.level2, unit: typed.unit ?? entry.unit });
        }}
      />
    ),
    [contentRef, t],
  );

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
              <button type="button" className="btn" aria-label={t(`删除${zh} ${i + 1}`, `Remove ${en} ${i + 1}`)} onClick={() => edit((d) => ({ ...d, [key]: items.filter((_, j) => j !== i) }), 'structure')}>
                ×
              </button>
            )}
          </div>
        ))}
        <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, [key]: [...items, ''] }), 'structure')}>
          {t(`添加一条${zh}`, `Add a line`)}
        </button>
      </div>
    );
  };

  const p = content.project;
  const text = (value: string | null) => value ?? '';
  const orNull = (value: string) => (value.trim() === '' ? null : value);
  return (
    <FormEditorShell
      page={page}
      findings={findings}
      title={
        <>
          {t('编辑', 'Edit')} · {view.year} <StateTag state={view.state} /> · {p.name ?? t('（未命名项目）', '(unnamed project)')} · {view.departmentName}
        </>
      }
    >
      <EditorSection title={t('项目基本情况', 'The project')}>
        <div className="field-grid">
          <Field n={1} path="/project/name" label={t('项目名称', 'Project name')}>
            {(id) => <CellInput id={id} value={text(p.name)} onChange={(e) => setProject('name', orNull(e.target.value))} />}
          </Field>
          <Field n={2} path="/project/code" label={t('项目编码', 'Project code')}>
            {(id) => <CellInput id={id} value={text(p.code)} onChange={(e) => setProject('code', orNull(e.target.value))} />}
          </Field>
          <Field n={3} path="/department" label={t('主管部门', 'Department')}>
            {(id) => <CellInput id={id} value={text(content.department)} onChange={(e) => edit((d) => ({ ...d, department: orNull(e.target.value) }))} />}
          </Field>
          <Field n={4} path="/implementer" label={t('实施单位', 'Implementer')}>
            {(id) => <CellInput id={id} value={text(content.implementer)} onChange={(e) => edit((d) => ({ ...d, implementer: orNull(e.target.value) }))} />}
          </Field>
          <Field n={5} path="/project/category" label={t('项目类型', 'Category')}>
            {(id) => <CellInput id={id} value={text(p.category)} onChange={(e) => setProject('category', orNull(e.target.value))} />}
          </Field>
          <Field n={6} path="/project/nature" label={t('项目属性', 'Nature')}>
            {(id) => (
              <select id={id} className="class-select" value={text(p.nature)} onChange={(e) => setProject('nature', orNull(e.target.value))}>
                <option value="">—</option>
                {[...new Set(['新增项目', '延续项目', ...(p.nature ? [p.nature] : [])])].map((n) => (
                  <option key={n} value={n}>
                    {n === '新增项目' ? t('新增项目', 'New') : n === '延续项目' ? t('延续项目', 'Continuing') : n}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field n={7} path="/project/period/start" label={t('实施期起', 'Period from')}>
            {(id) => <input id={id} type="month" className="cell-input" value={p.period.start?.length === 7 ? p.period.start : ''} onChange={(e) => setProject('period', { ...p.period, start: orNull(e.target.value), text: periodText(orNull(e.target.value), p.period.end) })} />}
          </Field>
          <Field n={8} path="/project/period/end" label={t('实施期止', 'Period to')}>
            {(id) => <input id={id} type="month" className="cell-input" value={p.period.end?.length === 7 ? p.period.end : ''} onChange={(e) => setProject('period', { ...p.period, end: orNull(e.target.value), text: periodText(p.period.start, orNull(e.target.value)) })} />}
          </Field>
        </div>
        <Field n={9} path="/project/basis" label={t('立项依据', 'Basis')} wide>
          {(id) => <GrowingTextArea id={id} value={text(p.basis)} onChange={(e) => setProject('basis', orNull(e.target.value))} />}
        </Field>
        <Field n={10} path="/project/content" label={t('项目概况', 'Content')} wide>
          {(id) => <GrowingTextArea id={id} value={text(p.content)} onChange={(e) => setProject('content', orNull(e.target.value))} />}
        </Field>
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
                  <button type="button" className="btn" aria-label={t(`删除资金来源 ${i + 1}`, `Remove source ${i + 1}`)} onClick={() => edit((d) => ({ ...d, funds: { ...d.funds, items: d.funds.items.filter((_, j) => j !== i) } }), 'structure')}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, funds: { ...d.funds, items: [...d.funds.items, { label: '', amount: null }] } }), 'structure')}>
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
        <IndicatorTable<ProjectIndicator>
          indicators={content.indicators}
          onChange={(indicators) => edit((d) => ({ ...d, indicators }))}
          newRow={newProjectRow}
          testId="project-indicator-editor"
          className="project-indicators"
          extraColumns={extraColumns}
          nameCell={nameCell}
        >
          <button type="button" className="btn" disabled={!p.name || p.name.trim().length < 2} onClick={() => void findSimilar()}>
            {t('参考以往类似项目的指标', 'Indicators of similar past projects')}
          </button>
          {similar !== null && (
            <div className="similar-projects" data-testid="similar-projects">
              {similar.length === 0 && <p className="muted">{t('没有名称相近的已审核项目', 'No approved project with a similar name')}</p>}
              {similar.map((s) => (
                <div key={s.id}>
                  {s.year} {t('年度', '')}「{s.projectName}」（{t(`${s.indicators.length} 项指标`, `${s.indicators.length} indicators`)}）
                  <button
                    type="button"
                    className="btn"
                    onClick={() => {
                      const rows = similarRows(contentRef.current.indicators, s, view.year);
                      edit((d) => ({ ...d, indicators: [...d.indicators, ...rows] }), 'structure');
                      tell(
                        s.year === view.year
                          ? t(`已添加 ${rows.length} 项指标（来自「${s.projectName}」）；请按本项目核对指标值`, `${rows.length} indicators added (from "${s.projectName}"); check their targets for this project`)
                          : t(`已添加 ${rows.length} 项指标（来自 ${s.year} 年「${s.projectName}」），目标中的年份已改为 ${view.year} 年起；请按本项目核对指标值`, `${rows.length} indicators added (from ${s.year}'s "${s.projectName}"), years in their targets moved to ${view.year}; check their targets for this project`),
                          true,
                      );
                    }}
                  >
                    {t('添加其指标', 'Add its indicators')}
                  </button>
                </div>
              ))}
            </div>
          )}
        </IndicatorTable>
      </EditorSection>
    </FormEditorShell>
  );
}

/** A labelled box of the project's header, where its findings lead and its comments are marked. */
function Field({ n, path, label, wide = false, children }: { n: number; path: string; label: string; wide?: boolean; children: (id: string) => ReactNode }) {
  const id = `project-field-${n}`;
  return (
    <div className={wide ? 'field-wide' : 'field'} data-path={path}>
      <label htmlFor={id}>
        {label} <FieldComments path={path} />
      </label>
      {children(id)}
    </div>
  );
}

function periodText(start: string | null, end: string | null): string | null {
  const show = (m: string | null) => (m ? `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` : '');
  if (!start && !end) return null;
  return `${show(start)}-${show(end)}`;
}
