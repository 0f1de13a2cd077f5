/**
 * One monitoring report: the department fills a grid beside its targets (stage target, value to date,
 * projection, likelihood, and — exactly where the rules ask — reason categories, reason and measures),
 * the lights recomputed as it types by the same pure core the server runs; the bureau returns it with a
 * reason and row comments, or accepts it (with rectification advice where a light is red).
 */
import { FileExcelOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, message as antdMessage, Modal, Space, Tag, Typography, Upload } from 'antd';
import { useCallback, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router';
import { checkMonitoringReport } from '../../../src/core/monitoring/monitoringRules.ts';
import { lightName, needsExplanation, type IndicatorProgress } from '../../../src/core/monitoring/lights.ts';
import { rectificationNeeded, REPORT_STATE_NAMES, type ReportState } from '../../../src/core/monitoring/reportWorkflow.ts';
import { DEVIATION_CATEGORIES, LIKELIHOOD_NAMES, type Light, type Likelihood, type MonitoringIndicator, type MonitoringReport } from '../../../src/core/monitoringReport.ts';
import type { Finding } from '../../../src/core/rules/finding.ts';
import type { ReportView } from '../../../src/format/apiTypes.ts';
import { api, ApiError } from '../api/client.ts';
import { fileToBase64 } from '../api/fileData.ts';
import { fetchOnce } from '../api/prefetch.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StatusPage } from '../components/StatusPage.tsx';
import { Loading } from '../components/Loading.tsx';
import { pastedCells } from '../editor/pasteGrid.ts';
import { useLocale } from '../i18n/locale.tsx';
import { LightTag } from '../monitoring/LightTag.tsx';
import { GRID_COLUMNS, pasteCells, setCell, type GridColumn } from '../monitoring/reportGrid.ts';
import { AmountCell } from '../components/AmountCell.tsx';
import { moveInGrid } from '../components/gridNavigation.ts';
import { EditorToolbar } from '../editor/EditorToolbar.tsx';
import { mergeWithCurrent } from '../editor/mergeWithCurrent.ts';
import { RestoreBanner } from '../editor/RestoreBanner.tsx';
import { useDocumentEditor } from '../editor/useDocumentEditor.ts';
import { useEditorKeys } from '../editor/useEditorKeys.ts';
import { LeavePrompt, useLeavePrompt } from '../editor/useLeavePrompt.tsx';

interface CommentRow {
  id: string;
  path: string;
  body: string;
  author: { displayName: string; role: string };
  createdAt: string;
  anchored: boolean;
}

/** The overall light in words, or that there is none yet. */
const LIGHT_NAMES_OVERALL = (light: Light | null) => (light ? lightName(light, null) : { zh: '未评', en: 'none' });

const CATEGORY_EN: Record<string, string> = { 经费保障: 'funding', 制度保障: 'rules', 人员保障: 'staff', 硬件条件保障: 'equipment', 其他: 'other' };
const STATE_COLORS: Record<ReportState, string> = { draft: 'default', submitted: 'processing', returned: 'error', accepted: 'success' };

/** The basis of a row's light, in words. */
function basisName(progress: IndicatorProgress | undefined, t: (zh: string, en: string) => string): string {
  switch (progress?.basis) {
    case 'time-share':
      return t('按时间进度', 'against the time share');
    case 'stage-target':
      return t('按阶段目标', 'against the stage target');
    case 'rate':
      return t('比率直接比较', 'rate against its target');
    case 'reverse':
      return t('反向指标', 'within the limit');
    case 'deadline':
      return t('时限', 'deadline');
    case 'grade':
      return t('定性等级', 'grade');
    case 'equal':
      return t('等于目标', 'equal to the target');
    default:
      return '';
  }
}

export default function ReportPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const report = useResource(`report:${id}`, () => fetchOnce<ReportView>(`/api/v1/monitoring/reports/${id}`));
  if (report.error instanceof ApiError && report.error.status === 404) {
    return <StatusPage code="404" title={t('监控表不存在或无权查看', 'No such report, or not yours to see')} actions={<Link className="btn" to="/monitoring">{t('返回运行监控', 'Back to monitoring')}</Link>} />;
  }
  if (!report.data || report.data.id !== id) return report.error ? <ErrorAlert error={report.error} onRetry={report.reload} /> : <Loading />;
  return <ReportSheet key={id} id={id} view={report.data} setView={report.set} reload={report.reload} />;
}

const reportPath = (id: string) => `/api/v1/monitoring/reports/${id}`;

function ReportSheet({ id, view, setView, reload }: { id: string; view: ReportView; setView: (view: ReportView) => void; reload: () => void }) {
  const { t, pick, time } = useLocale();
  const comments = useResource(`report-comments:${id}`, () => api<{ comments: CommentRow[] }>('GET', `/api/v1/monitoring/reports/${id}/comments`));
  const [showHistory, setShowHistory] = useState(false);
  const history = useResource(showHistory ? `report-versions:${id}:${view.version}` : null, () => api<{ versions: Array<{ version: number; createdAt: string; note: string | null; authorName: string | null }> }>('GET', `/api/v1/monitoring/reports/${id}/versions`));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<'return' | 'accept' | 'submit' | null>(null);
  const [dialogText, setDialogText] = useState('');
  const [commentAt, setCommentAt] = useState<number | null>(null);
  const [commentText, setCommentText] = useState('');
  const [showAllFindings, setShowAllFindings] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const grid = useRef<HTMLTableElement>(null);

  const current = useCallback(async () => {
    const answer = await api<ReportView>('GET', reportPath(id));
    return { version: answer.version, content: answer.content };
  }, [id]);
  const doc = useDocumentEditor<MonitoringReport>({
    id,
    content: view.content,
    version: view.version,
    canEdit: view.canEdit,
    put: async ({ baseVersion, content: sent, autosave, note }) => {
      const saved = await api<ReportView>('PUT', reportPath(id), { baseVersion, content: sent, autosave, ...(note ? { note } : {}) });
      setView(saved);
      return saved;
    },
    onConflict: mergeWithCurrent(current, (version, clashes) =>
      setNotice(
        clashes > 0
          ? t(`他人或另一窗口保存了第 ${version} 版，已与你的修改合并；${clashes} 处两边都改过，保留了你的填写`, `Version ${version} was saved elsewhere and merged with yours; ${clashes} fields changed on both sides keep what you typed`)
          : t(`他人或另一窗口保存了第 ${version} 版，已与你的修改合并`, `Version ${version} was saved elsewhere and merged with yours`),
      ),
    ),
    current,
    onNewer: (version) => setNotice(t(`已载入第 ${version} 版（在另一窗口或由他人保存）`, `Loaded version ${version} (saved in another window or by someone else)`)),
  });
  const content = doc.content;
  const editable = view.canEdit;
  const saveNow = () => {
    if (!doc.blocked && (doc.status === 'dirty' || doc.status === 'failed')) void doc.save();
  };
  useEditorKeys({ save: saveNow, undo: doc.undo, redo: doc.redo }, editable);
  const blocker = useLeavePrompt(editable && doc.unsaved);

  const live = useMemo(() => checkMonitoringReport(content, view.config), [content, view.config]);
  const required = useMemo(() => content.indicators.map((indicator) => needsExplanation(indicator, content.round.through, view.config)), [content, view.config]);
  const findingsAt = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of live.findings) map.set(f.path, [...(map.get(f.path) ?? []), f]);
    return map;
  }, [live]);
  const commentsByRow = useMemo(() => {
    const map = new Map<number, number>();
    for (const c of comments.data?.comments ?? []) {
      const row = /^\/indicators\/(\d+)/.exec(c.path);
      if (row) map.set(Number(row[1]), (map.get(Number(row[1])) ?? 0) + 1);
    }
    return map;
  }, [comments.data]);

  const { edit } = doc;
  const editRow = (row: number, change: (indicator: MonitoringIndicator) => MonitoringIndicator) =>
    edit((r) => ({ ...r, indicators: r.indicators.map((indicator, i) => (i === row ? change(indicator) : indicator)) }));

  /** Saves what is unsaved; refuses while an amount is not one. */
  const saveFirst = async (): Promise<void> => {
    if (doc.blocked) throw new ApiError(400, 'validation-failed', { zh: '预算执行数不是有效金额，请改正后再保存', en: 'an amount spent is not a valid amount; correct it before saving' }, [{ field: 'content.budget', message: 'invalid' }]);
    if (doc.status === 'saved') return;
    if (!(await doc.save())) throw doc.saveError ?? new ApiError(409, 'not-saved', { zh: '监控表未能保存，请先处理保存问题', en: 'the report could not be saved; deal with that first' });
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = () => run(async () => {
    await saveFirst();
    await api('POST', `/api/v1/monitoring/reports/${id}/transitions`, { action: 'submit' });
    setDialog(null);
    reload();
    void antdMessage.success(t('已提交财政部门审核', 'Submitted to the finance bureau'));
  });
  const onDecide = () => (dialog === 'submit' ? onSubmit() : run(async () => {
    if (dialog === 'return' && dialogText.trim() === '') throw new ApiError(400, 'reason-required', { zh: '退回时须写明退回意见', en: 'returning a report needs a reason' }, [{ field: 'reason', message: 'required' }]);
    await api('POST', `/api/v1/monitoring/reports/${id}/transitions`, dialog === 'return' ? { action: 'return', reason: dialogText } : { action: 'accept', advice: dialogText.trim() || undefined });
    setDialog(null);
    setDialogText('');
    reload();
    comments.reload();
  }));
  const onComment = () => run(async () => {
    if (commentAt === null || commentText.trim() === '') return;
    await api('POST', `/api/v1/monitoring/reports/${id}/comments`, { path: `/indicators/${commentAt}`, body: commentText });
    setCommentAt(null);
    setCommentText('');
    comments.reload();
  });
  const onImport = (file: File) => {
    void run(async () => {
      // Unsaved values are saved first, so the file fills in on top of them and nothing typed is lost.
      await saveFirst();
      const data = await fileToBase64(file);
      const answer = await api<ReportView & { matched: number; unmatched: string[] }>('POST', `/api/v1/monitoring/reports/${id}/import`, { baseVersion: doc.baseVersion, file: { name: file.name, data } });
      setView(answer);
      doc.adopt({ content: answer.content, saved: answer.content, version: answer.version });
      void antdMessage.success(
        answer.unmatched.length > 0
          ? t(`已填入 ${answer.matched} 项指标；${answer.unmatched.length} 项未找到同名指标：${answer.unmatched.join('、')}`, `${answer.matched} indicators filled; ${answer.unmatched.length} not found by name: ${answer.unmatched.join(', ')}`)
          : t(`已填入 ${answer.matched} 项指标`, `${answer.matched} indicators filled`),
      );
    });
    return false;
  };

  // Excel-like keys: Enter and the arrows move down and up a column (Ctrl+S saves from any box: useEditorKeys).
  const onGridKey = (event: KeyboardEvent<HTMLTableElement>) => moveInGrid(event, grid.current, saveNow);
  const onGridPaste = (event: ClipboardEvent<HTMLTableElement>) => {
    const target = event.target as HTMLElement;
    const column = target.dataset.column as GridColumn | undefined;
    const row = Number(target.dataset.row);
    if (!column || Number.isNaN(row) || !(GRID_COLUMNS as readonly string[]).includes(column)) return;
    const cells = pastedCells(event.clipboardData.getData('text/plain'));
    if (!cells) return;
    event.preventDefault();
    let outcome = { written: 0, dropped: 0 };
    edit((r) => {
      const pasted = pasteCells(r.indicators, { row, column }, cells);
      outcome = pasted;
      return { ...r, indicators: pasted.rows };
    }, 'structure');
    void antdMessage.info(outcome.dropped > 0 ? t(`已粘贴 ${outcome.written} 格，超出表格的 ${outcome.dropped} 格未粘贴`, `${outcome.written} cells pasted; ${outcome.dropped} beyond the grid left out`) : t(`已粘贴 ${outcome.written} 格`, `${outcome.written} cells pasted`));
  };

  const lights = live.lights;
  const needAdvice = rectificationNeeded(content, lights);
  const budgetReasonRequired = live.findings.some((f) => f.path === '/budget/reason') || (editable && (lights.budget === 'red' || content.budget.executedToDate === '0.00'));
  const fieldError = (path: string) => findingsAt.get(path)?.filter((f) => f.severity === 'error');
  const errors = live.findings.filter((f) => f.severity === 'error' && !f.path.startsWith('/rectification'));
  const label = (row: number) => content.indicators[row]?.name ?? '';
  const cellProps = (row: number, column: GridColumn, path: string) => {
    const problems = editable ? fieldError(path) : undefined;
    return {
      'data-row': row,
      'data-column': column,
      'aria-invalid': problems && problems.length > 0 ? true : undefined,
      title: problems?.map((f) => pick(f.message)).join('\n'),
      disabled: !editable,
    } as const;
  };

  return (
    <div className="page" data-testid="report-page">
      <EditorToolbar
        title={`${content.projectName ?? content.department ?? ''} · ${content.title ?? ''}`}
        editing={
          editable
            ? { status: doc.status, invalidCount: doc.invalid.size, lastSavedAt: doc.lastSavedAt, baseVersion: doc.baseVersion, canUndo: doc.canUndo, canRedo: doc.canRedo, onUndo: doc.undo, onRedo: doc.redo, onSave: () => void doc.save() }
            : undefined
        }
      >
        {view.allowedActions.includes('submit') && (
          <Button type="primary" onClick={() => setDialog('submit')} loading={busy && dialog === null} data-testid="submit-report">
            {t('提交审核', 'Submit for review')}
          </Button>
        )}
        {view.allowedActions.includes('return') && (
          <Button danger onClick={() => { setDialog('return'); setDialogText(''); }} data-testid="return-report">
            {t('退回', 'Return')}
          </Button>
        )}
        {view.allowedActions.includes('accept') && (
          <Button type="primary" onClick={() => { setDialog('accept'); setDialogText(content.rectification.advice); }} data-testid="accept-report">
            {t('审核通过', 'Accept')}
          </Button>
        )}
      </EditorToolbar>
      <div className="page-header">
        <Space wrap>
          <Tag color={STATE_COLORS[view.state]} data-state={view.state}>{pick(REPORT_STATE_NAMES[view.state])}</Tag>
          <span>{t('轮次', 'Round')}{t('：', ': ')}{view.round.name}{t(`（数据截至 ${view.round.through}，报送期限 ${view.round.due}）`, ` (data to ${view.round.through}, due ${view.round.due})`)}</span>
          <span data-testid="overall-light">{t('总体', 'Overall')}{t('：', ': ')}<LightTag light={lights.overall} /></span>
        </Space>
        <Space wrap className="no-print">
          {editable && (
            <Upload accept=".xlsx,.xls,.csv,.pdf,.docx,.html,.htm" showUploadList={false} beforeUpload={onImport}>
              <Button icon={<UploadOutlined />}>{t('从 Excel 导入', 'Import from Excel')}</Button>
            </Upload>
          )}
          <a className="btn" href={`/api/v1/monitoring/reports/${id}.pdf`} download>
            <FilePdfOutlined />
            {t('下载 PDF', 'Download PDF')}
          </a>
          <a className="btn" href={`/api/v1/monitoring/reports/${id}.xlsx`} download>
            <FileExcelOutlined />
            {t('下载 Excel', 'Download Excel')}
          </a>
        </Space>
      </div>
      <RestoreBanner copy={doc.restorable} onRestore={doc.restore} onDiscard={doc.discard} />
      {notice && <Alert type="info" showIcon closable onClose={() => setNotice(null)} style={{ marginBottom: 12 }} message={notice} data-testid="editor-notice" />}
      <ErrorAlert error={doc.saveError} onRetry={() => void doc.save()} />
      <ErrorAlert error={error} />
      {editable && !view.allowedActions.includes('submit') && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('填好并保存后，请部门负责人提交财政部门审核。', 'When it is filled in and saved, the department’s approver submits it to the finance bureau.')} />}
      {view.state === 'returned' && view.returnReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('财政部门退回了此监控表', 'The finance bureau returned this report')} description={view.returnReason} />}
      {view.target.currentVersion !== view.target.version && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t(`本表监控的是绩效目标第 ${view.target.version} 版；目标已修订为第 ${view.target.currentVersion} 版`, `This report measures version ${view.target.version} of the targets; they have since been revised to version ${view.target.currentVersion}`)} />
      )}
      {content.rectification.advice && (
        <Alert type={view.state === 'accepted' ? 'error' : 'warning'} showIcon style={{ marginBottom: 12 }} message={t('整改意见', 'Rectification advice')} description={content.rectification.advice} />
      )}

      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('绩效目标', 'Targets')}>
          <Link to={`/declarations/${view.target.id}`}>{view.target.title ?? t('申报表', 'form')}</Link>（{t(`第 ${view.target.version} 版`, `version ${view.target.version}`)}）
        </Descriptions.Item>
        <Descriptions.Item label={t('部门', 'Department')}>{view.departmentName}</Descriptions.Item>
        <Descriptions.Item label={t('版本', 'Version')}>{doc.baseVersion}{doc.status !== 'saved' ? t('（有未保存的修改）', ' (unsaved changes)') : ''}</Descriptions.Item>
        <Descriptions.Item label={t('更新时间', 'Updated')}>{time(view.updatedAt)}</Descriptions.Item>
      </Descriptions>

      <Card size="small" title={t('预算执行情况（万元）', 'Budget execution (10k yuan)')} style={{ marginBottom: 12 }}>
        <table className="monitor-grid" data-testid="budget-grid">
          <thead>
            <tr>
              <th>{t('年度预算', 'Annual budget')}</th>
              <th>{t('截至目前执行数', 'Spent to date')}</th>
              <th>{t('全年预计执行数', 'Projected for the year')}</th>
              <th>{t('执行率', 'Execution')}</th>
              <th>{t('时间进度调整后', 'Against time elapsed')}</th>
              <th>{t('预算灯', 'Budget light')}</th>
              <th>{t('偏差原因', 'Reason')}{budgetReasonRequired && <span className="required-mark">*</span>}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className="readonly">{content.budget.annual ?? '—'}</td>
              <td>
                <AmountCell label={t('截至目前执行数', 'Spent to date')} value={content.budget.executedToDate} disabled={!editable} invalid={editable && !!fieldError('/budget/executedToDate')?.length} onValidity={(ok) => doc.setInvalid('/budget/executedToDate', ok ? null : t('截至目前执行数不是金额', 'the amount spent is not an amount'))} onChange={(amount) => edit((r) => ({ ...r, budget: { ...r.budget, executedToDate: amount } }))} />
              </td>
              <td>
                <AmountCell label={t('全年预计执行数', 'Projected for the year')} value={content.budget.projectedAnnual} disabled={!editable} invalid={editable && !!fieldError('/budget/projectedAnnual')?.length} onValidity={(ok) => doc.setInvalid('/budget/projectedAnnual', ok ? null : t('全年预计执行数不是金额', 'the projection is not an amount'))} onChange={(amount) => edit((r) => ({ ...r, budget: { ...r.budget, projectedAnnual: amount } }))} />
              </td>
              <td className="readonly">{lights.executionRate === null ? '—' : `${lights.executionRate}%`}</td>
              <td className="readonly">{lights.budgetProgress === null ? '—' : `${lights.budgetProgress}%`}</td>
              <td className="readonly"><LightTag light={lights.budget} /></td>
              <td>
                {budgetReasonRequired || content.budget.reason ? (
                  <textarea aria-label={t('预算偏差原因', 'Why the budget lags')} aria-required={budgetReasonRequired} value={content.budget.reason} disabled={!editable} rows={2} aria-invalid={editable && fieldError('/budget/reason')?.length ? true : undefined} onChange={(e) => edit((r) => ({ ...r, budget: { ...r.budget, reason: e.target.value } }))} />
                ) : (
                  <span className="cell-hint">{t('进度正常，无需说明', 'on track: nothing to explain')}</span>
                )}
              </td>
            </tr>
          </tbody>
        </table>
        {(['/budget/executedToDate', '/budget/projectedAnnual', '/budget/reason'] as const).flatMap((p) => fieldError(p) ?? []).map((f) => (
          <div key={`${f.rule}${f.path}`} className="cell-error" role="status">{pick(f.message)}</div>
        ))}
      </Card>

      <Card
        size="small"
        title={t('绩效指标完成情况', 'Indicators')}
        extra={<span className="cell-hint">{editable ? t('Enter/↑↓ 在列中移动；可从 Excel 粘贴一列或一块；Ctrl+S 保存', 'Enter/↑↓ move within a column; paste a column or block from Excel; Ctrl+S saves') : ''}</span>}
        style={{ marginBottom: 12 }}
      >
        <div className="grid-scroll">
          <table className="monitor-grid" ref={grid} onKeyDown={onGridKey} onPaste={onGridPaste} data-testid="indicator-grid">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('指标（一级/二级）', 'Indicator (class)')}</th>
                <th>{t('年度指标值', 'Annual target')}</th>
                <th>{t('阶段性目标', 'Stage target')}</th>
                <th>{t('截至目前完成值', 'Value to date')}</th>
                <th>{t('全年预计完成值', 'Projected for the year')}</th>
                <th>{t('完成可能性', 'Likelihood')}</th>
                <th>{t('灯', 'Light')}</th>
                <th>{t('偏差原因类别', 'Reason category')}</th>
                <th>{t('偏差原因分析', 'Reason')}</th>
                <th>{t('纠偏措施', 'Measures')}</th>
                {view.allowedActions.includes('return') && <th>{t('批注', 'Comment')}</th>}
              </tr>
            </thead>
            <tbody>
              {content.indicators.map((indicator, row) => {
                const progress = live.lights.perIndicator[row];
                const explain = required[row] ?? false;
                const base = `/indicators/${row}`;
                const showReasons = explain || indicator.deviation.reason !== '' || indicator.deviation.measures !== '' || indicator.deviation.categories.length > 0;
                return (
                  <tr key={row} className={progress?.light === 'red' ? 'row-red' : undefined} data-testid={`indicator-row-${row}`} data-light={progress?.light ?? 'none'} data-required={explain ? 'true' : 'false'}>
                    <td>{row + 1}{(commentsByRow.get(row) ?? 0) > 0 && <span title={t('有批注', 'has comments')}> 💬</span>}</td>
                    <td className="readonly indicator-name">
                      {indicator.name}
                      <div className="cell-hint">{indicator.level1}{indicator.level2 ? ` / ${indicator.level2}` : ''}</div>
                    </td>
                    <td className="readonly">{indicator.annualTarget}</td>
                    <td>
                      <input aria-label={`${label(row)} ${t('阶段性目标', 'stage target')}`} placeholder={t('按时间进度', 'time share')} value={indicator.stageTarget ?? ''} {...cellProps(row, 'stageTarget', `${base}/stageTarget`)} onChange={(e) => editRow(row, (i) => setCell(i, 'stageTarget', e.target.value))} />
                    </td>
                    <td>
                      <input aria-label={`${label(row)} ${t('截至目前完成值', 'value to date')}`} value={indicator.actualToDate} {...cellProps(row, 'actualToDate', `${base}/actualToDate`)} onChange={(e) => editRow(row, (i) => setCell(i, 'actualToDate', e.target.value))} />
                    </td>
                    <td>
                      <input aria-label={`${label(row)} ${t('全年预计完成值', 'projection')}`} value={indicator.projectedAnnual} {...cellProps(row, 'projectedAnnual', `${base}/projectedAnnual`)} onChange={(e) => editRow(row, (i) => setCell(i, 'projectedAnnual', e.target.value))} />
                    </td>
                    <td>
                      <select aria-label={`${label(row)} ${t('完成可能性', 'likelihood')}`} value={indicator.likelihood ?? ''} {...cellProps(row, 'likelihood', `${base}/likelihood`)} onChange={(e) => editRow(row, (i) => ({ ...i, likelihood: (e.target.value || null) as Likelihood | null }))}>
                        <option value="">{t('请选择', 'choose')}</option>
                        {(['certain', 'possible', 'impossible'] as const).map((l) => (
                          <option key={l} value={l}>{pick(LIKELIHOOD_NAMES[l])}</option>
                        ))}
                      </select>
                    </td>
                    <td className="readonly" data-testid={`light-${row}`}>
                      <LightTag light={progress?.light ?? null} basis={progress?.basis ?? null} short />
                      {progress?.progress && <div className="cell-hint">{progress.progress}% · {basisName(progress, t)}</div>}
                    </td>
                    {showReasons ? (
                      <>
                        <td>
                          <div role="group" aria-label={`${label(row)} ${t('偏差原因类别', 'reason category')}`} aria-invalid={editable && fieldError(`${base}/deviation/categories`)?.length ? true : undefined} className={editable && fieldError(`${base}/deviation/categories`)?.length ? 'categories invalid' : 'categories'}>
                            {DEVIATION_CATEGORIES.map((c) => (
                              <label key={c} style={{ display: 'block', whiteSpace: 'nowrap' }}>
                                <input
                                  type="checkbox"
                                  style={{ width: 'auto', minWidth: 0, marginRight: 4 }}
                                  checked={indicator.deviation.categories.includes(c)}
                                  disabled={!editable}
                                  data-row={row}
                                  data-column="categories"
                                  aria-label={t(`第 ${row + 1} 行「${label(row)}」偏差原因类别：${c}`, `row ${row + 1} "${label(row)}" reason category: ${CATEGORY_EN[c] ?? c}`)}
                                  onChange={(e) => editRow(row, (i) => ({ ...i, deviation: { ...i.deviation, categories: e.target.checked ? DEVIATION_CATEGORIES.filter((d) => d === c || i.deviation.categories.includes(d)) : i.deviation.categories.filter((d) => d !== c) } }))}
                                />
                                {t(c, CATEGORY_EN[c] ?? c)}
                              </label>
                            ))}
                          </div>
                        </td>
                        <td>
                          <textarea rows={2} aria-required={explain} aria-label={`${label(row)} ${t('偏差原因分析', 'reason')}`} value={indicator.deviation.reason} {...cellProps(row, 'reason', `${base}/deviation/reason`)} onChange={(e) => editRow(row, (i) => setCell(i, 'reason', e.target.value))} />
                          {explain && <span className="required-mark" aria-hidden="true">*</span>}
                        </td>
                        <td>
                          <textarea rows={2} aria-required={explain} aria-label={`${label(row)} ${t('纠偏措施', 'measures')}`} value={indicator.deviation.measures} {...cellProps(row, 'measures', `${base}/deviation/measures`)} onChange={(e) => editRow(row, (i) => setCell(i, 'measures', e.target.value))} />
                          {explain && <span className="required-mark" aria-hidden="true">*</span>}
                        </td>
                      </>
                    ) : (
                      <td colSpan={3} className="cell-hint">{t('未偏离目标，无需说明', 'on track: nothing to explain')}</td>
                    )}
                    {view.allowedActions.includes('return') && (
                      <td>
                        <Button size="small" onClick={() => { setCommentAt(row); setCommentText(''); }} aria-label={t(`批注第 ${row + 1} 行`, `Comment on row ${row + 1}`)}>
                          {t('批注', 'Comment')}
                        </Button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>

      <Card size="small" title={`${t('须处理', 'To fix')} (${errors.length})`} style={{ marginBottom: 12 }} data-testid="report-findings">
        {errors.length === 0 ? (
          <Typography.Text type="success">{editable ? t('没有须填写的项，可以提交。', 'Nothing left to fill in: ready to submit.') : t('没有错误。', 'No errors.')}</Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {(showAllFindings ? errors : errors.slice(0, 8)).map((f) => (
              <li key={`${f.rule}${f.path}`}>
                <Typography.Link
                  onClick={() => {
                    const match = /^\/indicators\/(\d+)\/(\w+)(?:\/(\w+))?/.exec(f.path);
                    const column = match ? (match[3] ?? match[2]) : null;
                    grid.current?.querySelector<HTMLElement>(`[data-row="${match?.[1]}"][data-column="${column}"]`)?.focus();
                  }}
                >
                  {pick(f.message)}
                </Typography.Link>
              </li>
            ))}
            {errors.length > 8 && !showAllFindings && <li><Typography.Link onClick={() => setShowAllFindings(true)}>{t(`还有 ${errors.length - 8} 项…`, `${errors.length - 8} more…`)}</Typography.Link></li>}
          </ul>
        )}
      </Card>

      <Card size="small" title={`${t('审核批注', 'Comments')} (${comments.data?.comments.length ?? 0})`}>
        <ErrorAlert error={comments.error} onRetry={comments.reload} />
        {(comments.data?.comments ?? []).length === 0 && <Typography.Text type="secondary">{t('暂无批注', 'No comments yet')}</Typography.Text>}
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {(comments.data?.comments ?? []).map((c) => {
            const row = /^\/indicators\/(\d+)/.exec(c.path);
            return (
              <li key={c.id} data-testid="report-comment">
                <strong>{row ? t(`第 ${Number(row[1]) + 1} 行「${label(Number(row[1]))}」`, `row ${Number(row[1]) + 1} "${label(Number(row[1]))}"`) : t('整张表', 'whole report')}</strong>{t('：', ': ')}{c.body}
                <span className="cell-hint"> — {c.author.displayName}，{time(c.createdAt)}</span>
              </li>
            );
          })}
        </ul>
      </Card>

      <Card size="small" style={{ marginTop: 12 }} title={t('历史版本', 'History')} extra={<Button size="small" onClick={() => setShowHistory((v) => !v)} aria-expanded={showHistory}>{showHistory ? t('收起', 'Hide') : t('展开', 'Show')}</Button>}>
        {showHistory && (
          <>
            <ErrorAlert error={history.error} onRetry={history.reload} />
            {!history.data && !history.error && <Loading />}
            <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="report-versions">
              {history.data?.versions.map((v) => (
                <li key={v.version}>
                  {t(`第 ${v.version} 版`, `Version ${v.version}`)} · {v.authorName ?? t('系统（由绩效目标生成）', 'the system (from the targets)')} · {time(v.createdAt)}{v.note ? ` · ${v.note}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      <LeavePrompt blocker={blocker} invalid={doc.blocked} onSave={() => doc.save()} />
      <Modal
        open={dialog !== null}
        title={{ return: t('退回监控表', 'Return the report'), accept: t('审核通过', 'Accept the report'), submit: t('提交审核', 'Submit for review') }[dialog ?? 'submit']}
        okText={{ return: t('退回', 'Return'), accept: t('审核通过', 'Accept'), submit: t('提交', 'Submit') }[dialog ?? 'submit']}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ danger: dialog === 'return', loading: busy, disabled: (dialog === 'accept' && needAdvice && dialogText.trim() === '') || (dialog === 'submit' && errors.length > 0) }}
        onOk={() => void onDecide()}
        onCancel={() => setDialog(null)}
      >
        {dialog === 'submit' ? (
          <>
            <p>{t('提交后将不能修改，直到财政部门退回。', 'After submitting it cannot be edited until the finance bureau returns it.')}</p>
            <Alert
              data-testid="submit-report-counts"
              type={errors.length > 0 ? 'error' : 'success'}
              showIcon
              message={errors.length > 0 ? t(`还有 ${errors.length} 处须填写，填好后才能提交。`, `${errors.length} things still to fill in before it can be submitted.`) : t(`没有须填写的项。总体：${pick(LIGHT_NAMES_OVERALL(lights.overall))}`, `Nothing left to fill in. Overall: ${pick(LIGHT_NAMES_OVERALL(lights.overall))}`)}
            />
          </>
        ) : (
          <>
            {dialog === 'accept' && needAdvice && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('此表有红灯或"完全不可能"完成的指标，须提出整改意见', 'The report has a red light or a target impossible to meet: give rectification advice')} />}
            <label htmlFor="decision-text">{dialog === 'return' ? t('退回意见（必填）', 'Reason (required)') : needAdvice ? t('整改意见（必填）', 'Rectification advice (required)') : t('整改意见（可选）', 'Rectification advice (optional)')}</label>
            <Input.TextArea id="decision-text" rows={4} value={dialogText} onChange={(e) => setDialogText(e.target.value)} maxLength={5000} data-testid="decision-text" />
          </>
        )}
        <ErrorAlert error={error} />
      </Modal>
      <Modal
        open={commentAt !== null}
        title={t(`批注第 ${(commentAt ?? 0) + 1} 行「${label(commentAt ?? 0)}」`, `Comment on row ${(commentAt ?? 0) + 1} "${label(commentAt ?? 0)}"`)}
        okText={t('添加批注', 'Add comment')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ disabled: commentText.trim() === '', loading: busy }}
        onOk={() => void onComment()}
        onCancel={() => setCommentAt(null)}
      >
        <Input.TextArea rows={3} value={commentText} onChange={(e) => setCommentText(e.target.value)} maxLength={5000} aria-label={t('批注内容', 'Comment')} data-testid="row-comment-text" />
      </Modal>
    </div>
  );
}
