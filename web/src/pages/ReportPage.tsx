/**
 * One monitoring report: the department fills a grid beside its targets (stage target, value to date,
 * projection, likelihood, and — exactly where the rules ask — reason categories, reason and measures),
 * the lights recomputed as it types by the same pure core the server runs; the bureau returns it with a
 * reason and row comments, or accepts it (with rectification advice where a light is red).
 */
import { Alert, Descriptions, Input, message as antdMessage } from 'antd';
import { useMemo, useRef, useState, type ClipboardEvent } from 'react';
import { Link, useParams } from 'react-router';
import { checkMonitoringReport } from '../../../src/core/monitoring/monitoringRules.ts';
import { LIGHT_BASIS_NAMES, lightName, needsExplanation, type IndicatorProgress } from '../../../src/core/monitoring/lights.ts';
import { rectificationNeeded, REPORT_STATE_NAMES } from '../../../src/core/monitoring/reportWorkflow.ts';
import { DEVIATION_CATEGORIES, LIKELIHOOD_NAMES, type Light, type Likelihood, type MonitoringIndicator, type MonitoringReport } from '../../../src/core/monitoringReport.ts';
import type { Finding } from '../../../src/core/rules/finding.ts';
import type { ReportView } from '../../../src/format/apiTypes.ts';
import { fetchOnce } from '../api/prefetch.ts';
import { AmountCell } from '../components/AmountCell.tsx';
import { reportLightsWhileTyping } from '../components/figuresWhileTyping.ts';
import { UnknownFigure } from '../components/UnknownFigure.tsx';
import { DocumentBanners, DocumentLoader, DocumentFooter, DocumentHeader, DocumentStateTag, DocumentToolbar, FindingsCard, RowCommentButton, RowCommentModal, StepModal } from '../documents/DocumentShell.tsx';
import { SheetTable } from '../documents/SheetTable.tsx';
import { useDocumentPage, type LoadedDocument } from '../documents/useDocumentPage.ts';
import { className } from '../declaration/vocabulary.ts';
import { pastedCells } from '../editor/pasteGrid.ts';
import { useLocale } from '../i18n/locale.tsx';
import { LightTag } from '../monitoring/LightTag.tsx';
import { GRID_COLUMNS, pasteCells, setCell, type GridColumn } from '../monitoring/reportGrid.ts';

/** The overall light in words, or that there is none yet. */
const LIGHT_NAMES_OVERALL = (light: Light | null) => (light ? lightName(light, null) : { zh: '未评', en: 'none' });

const CATEGORY_EN: Record<string, string> = { 经费保障: 'funding', 制度保障: 'rules', 人员保障: 'staff', 硬件条件保障: 'equipment', 其他: 'other' };

function basisName(progress: IndicatorProgress | undefined, t: (zh: string, en: string) => string): string {
  const name = progress?.basis ? LIGHT_BASIS_NAMES[progress.basis] : undefined;
  return name ? t(name.zh, name.en) : '';
}

export default function ReportPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  return (
    <DocumentLoader
      id={id}
      cacheKey={`report:${id}`}
      load={() => fetchOnce<ReportView>(reportPath(id))}
      missing={{ title: t('监控表不存在或无权查看', 'No such report, or not yours to see'), back: t('返回运行监控', 'Back to monitoring'), to: '/monitoring' }}
      render={(loaded) => <ReportSheet key={id} loaded={loaded} />}
    />
  );
}

const reportPath = (id: string) => `/api/v1/monitoring/reports/${id}`;

function ReportSheet({ loaded }: { loaded: LoadedDocument<ReportView> }) {
  const { t, pick, time } = useLocale();
  const { id, view } = loaded;
  const page = useDocumentPage<MonitoringReport, ReportView>({
    loaded,
    viewPath: reportPath(id),
    editable: view.canEdit,
    withComments: true,
    invalidAmount: { message: { zh: '预算执行数不是有效金额，请改正后再保存', en: 'an amount spent is not a valid amount; correct it before saving' }, field: 'content.budget' },
    notSaved: { zh: '监控表未能保存，请先处理保存问题', en: 'the report could not be saved; deal with that first' },
  });
  const { doc, editable, busy, saveNow } = page;
  const [dialog, setDialog] = useState<'return' | 'accept' | 'submit' | null>(null);
  const [dialogText, setDialogText] = useState('');
  const [commentAt, setCommentAt] = useState<number | null>(null);
  const grid = useRef<HTMLTableElement>(null);
  const content = doc.content;

  const live = useMemo(() => checkMonitoringReport(content, view.config), [content, view.config]);
  const required = useMemo(() => content.indicators.map((indicator) => needsExplanation(indicator, content.round.through, view.config)), [content, view.config]);
  const findingsAt = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of live.findings) map.set(f.path, [...(map.get(f.path) ?? []), f]);
    return map;
  }, [live]);
  const commentsByRow = useMemo(() => {
    const map = new Map<number, number>();
    for (const c of page.comments.data?.comments ?? []) {
      const row = /^\/indicators\/(\d+)/.exec(c.path);
      if (row) map.set(Number(row[1]), (map.get(Number(row[1])) ?? 0) + 1);
    }
    return map;
  }, [page.comments.data]);

  const { edit } = doc;
  const editRow = (row: number, change: (indicator: MonitoringIndicator) => MonitoringIndicator) =>
    edit((r) => ({ ...r, indicators: r.indicators.map((indicator, i) => (i === row ? change(indicator) : indicator)) }));

  const onDecide = () =>
    page.run(async () => {
      const request = dialog === 'submit' ? { action: 'submit' } : dialog === 'return' ? { action: 'return', reason: dialogText } : { action: 'accept', advice: dialogText.trim() || undefined };
      await page.transition(request);
      if (dialog === 'submit') void antdMessage.success(t('已提交财政部门审核', 'Submitted to the finance bureau'));
      setDialog(null);
      setDialogText('');
    });

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

  // What the page shows: the budget's figures unknown while an amount box holds something else.
  const lights = reportLightsWhileTyping(live.lights, doc.invalid);
  const needAdvice = rectificationNeeded(content, live.lights);
  const budgetReasonRequired = live.findings.some((f) => f.path === '/budget/reason') || (editable && (live.lights.budget === 'red' || content.budget.executedToDate === '0.00'));
  const fieldError = (path: string) => findingsAt.get(path)?.filter((f) => f.severity === 'error');
  const findings = live.findings.filter((f) => f.severity === 'error' && !f.path.startsWith('/rectification'));
  const errors = findings;
  const label = (row: number) => content.indicators[row]?.name ?? '';
  const where = (path: string) => {
    const row = /^\/indicators\/(\d+)/.exec(path);
    return row ? t(`第 ${Number(row[1]) + 1} 行「${label(Number(row[1]))}」`, `row ${Number(row[1]) + 1} "${label(Number(row[1]))}"`) : t('整张表', 'whole report');
  };
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
  const openComment = (row: number) => setCommentAt(row);
  const budgetErrors = (['/budget/executedToDate', '/budget/projectedAnnual', '/budget/reason'] as const).flatMap((p) => fieldError(p) ?? []).map((f) => (
    <div key={`${f.rule}${f.path}`} className="cell-error" role="status">{pick(f.message)}</div>
  ));

  return (
    <div className="page" data-testid="report-page">
      <DocumentToolbar
        title={`${content.projectName ?? content.department ?? ''} · ${content.title ?? ''}`}
        page={page}
        actions={[
          { action: 'submit', label: t('提交审核', 'Submit for review'), testId: 'submit-report', primary: true, loading: busy && dialog === null, onClick: () => setDialog('submit') },
          { action: 'return', label: t('退回', 'Return'), testId: 'return-report', danger: true, onClick: () => { setDialog('return'); setDialogText(''); } },
          { action: 'accept', label: t('审核通过', 'Accept'), testId: 'accept-report', primary: true, onClick: () => { setDialog('accept'); setDialogText(content.rectification.advice); } },
        ]}
      />
      <DocumentHeader page={page} state={<DocumentStateTag state={view.state} name={pick(REPORT_STATE_NAMES[view.state])} />} importAccept=".xlsx,.xls,.csv,.pdf,.docx,.html,.htm" downloads={reportPath(id)}>
        <span>{t('轮次', 'Round')}{t('：', ': ')}{view.round.name}{t(`（数据截至 ${view.round.through}，报送期限 ${view.round.due}）`, ` (data to ${view.round.through}, due ${view.round.due})`)}</span>
        <span data-testid="overall-light">{t('总体', 'Overall')}{t('：', ': ')}{lights.budgetUnknown && lights.overall === null ? <UnknownFigure inline /> : <LightTag light={lights.overall} />}</span>
      </DocumentHeader>
      <DocumentBanners page={page} returned={t('财政部门退回了此监控表', 'The finance bureau returned this report')}>
        {view.target.currentVersion !== view.target.version && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t(`本表监控的是绩效目标第 ${view.target.version} 版；目标已修订为第 ${view.target.currentVersion} 版`, `This report measures version ${view.target.version} of the targets; they have since been revised to version ${view.target.currentVersion}`)} />
        )}
        {content.rectification.advice && (
          <Alert type={view.state === 'accepted' ? 'error' : 'warning'} showIcon style={{ marginBottom: 12 }} message={t('整改意见', 'Rectification advice')} description={content.rectification.advice} />
        )}
      </DocumentBanners>

      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('绩效目标', 'Targets')}>
          <Link to={`/declarations/${view.target.id}`}>{view.target.title ?? t('申报表', 'form')}</Link>{t(`（第 ${view.target.version} 版）`, ` (version ${view.target.version})`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('部门', 'Department')}>{view.departmentName}</Descriptions.Item>
        <Descriptions.Item label={t('版本', 'Version')}>{doc.baseVersion}{doc.status !== 'saved' ? t('（有未保存的修改）', ' (unsaved changes)') : ''}</Descriptions.Item>
        <Descriptions.Item label={t('更新时间', 'Updated')}>{time(view.updatedAt)}</Descriptions.Item>
      </Descriptions>

      <SheetTable title={t('预算执行情况（万元）', 'Budget execution (10k yuan)')} testId="budget-grid" after={budgetErrors} headers={[t('年度预算', 'Annual budget'), t('截至目前执行数', 'Spent to date'), t('全年预计执行数', 'Projected for the year'), t('执行率', 'Execution'), t('时间进度调整后', 'Against time elapsed'), t('预算灯', 'Budget light'), <>{t('偏差原因', 'Reason')}{budgetReasonRequired && <span className="required-mark">*</span>}</>]}>
        <tr>
          <td className="readonly">{content.budget.annual ?? '—'}</td>
          <td>
            <AmountCell label={t('截至目前执行数', 'Spent to date')} value={content.budget.executedToDate} disabled={!editable} invalid={editable && !!fieldError('/budget/executedToDate')?.length} onValidity={(ok) => doc.setInvalid('/budget/executedToDate', ok ? null : t('截至目前执行数不是金额', 'the amount spent is not an amount'))} onChange={(amount) => edit((r) => ({ ...r, budget: { ...r.budget, executedToDate: amount } }))} />
          </td>
          <td>
            <AmountCell label={t('全年预计执行数', 'Projected for the year')} value={content.budget.projectedAnnual} disabled={!editable} invalid={editable && !!fieldError('/budget/projectedAnnual')?.length} onValidity={(ok) => doc.setInvalid('/budget/projectedAnnual', ok ? null : t('全年预计执行数不是金额', 'the projection is not an amount'))} onChange={(amount) => edit((r) => ({ ...r, budget: { ...r.budget, projectedAnnual: amount } }))} />
          </td>
          <td className="readonly" data-testid="execution-rate">{lights.budgetUnknown ? <UnknownFigure /> : lights.executionRate === null ? '—' : `${lights.executionRate}%`}</td>
          <td className="readonly">{lights.budgetUnknown ? '—' : lights.budgetProgress === null ? '—' : `${lights.budgetProgress}%`}</td>
          <td className="readonly" data-testid="budget-light">{lights.budgetUnknown ? <UnknownFigure /> : <LightTag light={lights.budget} basis={lights.budgetBasis} />}</td>
          <td>
            {budgetReasonRequired || content.budget.reason ? (
              <textarea aria-label={t('预算偏差原因', 'Why the budget lags')} aria-required={budgetReasonRequired} value={content.budget.reason} disabled={!editable} rows={2} aria-invalid={editable && fieldError('/budget/reason')?.length ? true : undefined} onChange={(e) => edit((r) => ({ ...r, budget: { ...r.budget, reason: e.target.value } }))} />
            ) : (
              <span className="cell-hint">{t('进度正常，无需说明', 'on track: nothing to explain')}</span>
            )}
          </td>
        </tr>
      </SheetTable>

      <SheetTable title={t('绩效指标完成情况', 'Indicators')} testId="indicator-grid" headers={['#', t('指标（一级/二级）', 'Indicator (class)'), t('年度指标值', 'Annual target'), t('阶段性目标', 'Stage target'), t('截至目前完成值', 'Value to date'), t('全年预计完成值', 'Projected for the year'), t('完成可能性', 'Likelihood'), t('灯', 'Light'), t('偏差原因类别', 'Reason category'), t('偏差原因分析', 'Reason'), t('纠偏措施', 'Measures'), view.allowedActions.includes('return') && t('批注', 'Comment')]} grid={{ tableRef: grid, onSave: saveNow, onPaste: onGridPaste, hint: editable ? t('Enter/↑↓ 在列中移动；可从 Excel 粘贴一列或一块；Ctrl+S 保存', 'Enter/↑↓ move within a column; paste a column or block from Excel; Ctrl+S saves') : '' }}>
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
                <div className="cell-hint">{className(indicator.level1, t)}{indicator.level2 ? ` / ${className(indicator.level2, t)}` : ''}</div>
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
              {view.allowedActions.includes('return') && <RowCommentButton row={row} onClick={openComment} />}
            </tr>
          );
        })}
      </SheetTable>

      <FindingsCard
        findings={findings}
        editable={editable}
        testId="report-findings"
        invalid={[...doc.invalid.values()]}
        onPick={(f) => {
          const match = /^\/indicators\/(\d+)\/(\w+)(?:\/(\w+))?/.exec(f.path);
          const column = match ? (match[3] ?? match[2]) : null;
          grid.current?.querySelector<HTMLElement>(`[data-row="${match?.[1]}"][data-column="${column}"]`)?.focus();
        }}
      />
      <DocumentFooter page={page} where={where} kind="report" />
      <StepModal
        page={page}
        open={dialog !== null}
        title={{ return: t('退回监控表', 'Return the report'), accept: t('审核通过', 'Accept the report'), submit: t('提交审核', 'Submit for review') }[dialog ?? 'submit']}
        okText={{ return: t('退回', 'Return'), accept: t('审核通过', 'Accept'), submit: t('提交', 'Submit') }[dialog ?? 'submit']}
        danger={dialog === 'return'}
        disabled={(dialog === 'accept' && needAdvice && dialogText.trim() === '') || (dialog === 'submit' && errors.length > 0)}
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
      </StepModal>
      <RowCommentModal page={page} row={commentAt} title={t(`批注第 ${(commentAt ?? 0) + 1} 行「${label(commentAt ?? 0)}」`, `Comment on row ${(commentAt ?? 0) + 1} "${label(commentAt ?? 0)}"`)} onClose={() => setCommentAt(null)} />
    </div>
  );
}
