/**
 * One self-evaluation, laid out like the published table: the funds block, the goals, every
 * indicator with its target, actual, points and score, the total and grade. The department types the
 * year-end actuals and the scores follow as it types (the same pure scoring the server runs); the
 * cause and measure fields appear, required, exactly where a score falls short or a target was far
 * exceeded. The bureau returns it with a reason and row comments, or accepts it; the department
 * publishes it. The public sees published ones read-only (`publicView`).
 */
import { Alert, Card, Descriptions, Input, message as antdMessage, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { checkSelfEvaluation } from '../../../src/core/evaluation/evaluationRules.ts';
import { withScores } from '../../../src/core/evaluation/prefill.ts';
import { EVALUATION_STATE_NAMES } from '../../../src/core/evaluation/evaluationWorkflow.ts';
import type { ScoreFormula } from '../../../src/core/evaluation/scoring.ts';
import { twoPlaces } from '../../../src/core/monitoring/ratio.ts';
import type { EvaluationIndicator, SelfEvaluation } from '../../../src/core/selfEvaluation.ts';
import type { EvaluationView } from '../../../src/format/apiTypes.ts';
import { api } from '../api/client.ts';
import { AmountCell } from '../components/AmountCell.tsx';
import { evaluationScoreWhileTyping } from '../components/figuresWhileTyping.ts';
import { UnknownFigure } from '../components/UnknownFigure.tsx';
import { DocumentBanners, DocumentLoader, DocumentFooter, DocumentHeader, DocumentStateTag, DocumentToolbar, FindingsCard, RowCommentButton, RowCommentModal, StepModal } from '../documents/DocumentShell.tsx';
import { SheetTable } from '../documents/SheetTable.tsx';
import { useDocumentPage, type LoadedDocument } from '../documents/useDocumentPage.ts';
import { className, gradeName } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';

const GRADE_COLORS: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };

const FORMULA_NAMES: Record<ScoreFormula, { zh: string; en: string }> = {
  positive: { zh: '正向', en: 'positive' },
  'reverse-linear': { zh: '反向', en: 'reverse' },
  'reverse-proportional': { zh: '反向（比例）', en: 'reverse (proportional)' },
  equal: { zh: '等于', en: 'equality' },
  'equal-zero': { zh: '目标为零', en: 'zero target' },
  qualitative: { zh: '定性', en: 'qualitative' },
  deadline: { zh: '时限', en: 'deadline' },
  'not-applicable': { zh: '不适用', en: 'not applicable' },
  none: { zh: '未计分', en: 'not scored' },
};

const evaluationPath = (id: string) => `/api/v1/evaluations/${id}`;

export function EvaluationSheet({ publicView = false }: { publicView?: boolean }) {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const path = publicView ? `/api/v1/public/evaluations/${id}` : evaluationPath(id);
  return (
    <DocumentLoader
      id={id}
      cacheKey={`evaluation:${path}`}
      load={() => api<EvaluationView>('GET', path)}
      missing={{ title: t('绩效自评表不存在或无权查看', 'No such self-evaluation, or not yours to see'), back: t('返回绩效自评', 'Back to self-evaluations'), to: publicView ? '/public/evaluations' : '/evaluations' }}
      render={(loaded) => <EvaluationEditor key={`${publicView}:${id}`} loaded={loaded} publicView={publicView} />}
    />
  );
}

function EvaluationEditor({ loaded, publicView }: { loaded: LoadedDocument<EvaluationView>; publicView: boolean }) {
  const { t, pick, time } = useLocale();
  const { id, view } = loaded;
  const page = useDocumentPage<SelfEvaluation, EvaluationView>({
    loaded,
    viewPath: evaluationPath(id),
    editable: view.canEdit && !publicView,
    withComments: !publicView,
    invalidAmount: { message: { zh: '执行数不是有效金额，请改正后再保存', en: 'the amount spent is not a valid amount; correct it first' }, field: 'content.funds.executed' },
    notSaved: { zh: '自评表未能保存，请先处理保存问题', en: 'the self-evaluation could not be saved; deal with that first' },
  });
  const { doc, editable, saveNow } = page;
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<'submit' | 'accept' | 'publish' | null>(null);
  const [commentAt, setCommentAt] = useState<number | null>(null);
  const grid = useRef<HTMLTableElement>(null);
  const content = doc.content;

  // The scores as the server will store them, from what is typed now: a score computed from the last
  // saved points or actual never disagrees with the one shown beside it.
  const live = useMemo(() => checkSelfEvaluation(withScores(content, view.config), view.config), [content, view.config]);
  const errorsAt = useMemo(() => {
    const map = new Map<string, string>();
    for (const f of live.findings) if (f.severity === 'error') map.set(f.path, pick(f.message));
    return map;
  }, [live, pick]);

  const { edit } = doc;
  const editRow = (row: number, change: (i: EvaluationIndicator) => EvaluationIndicator) => edit((e) => ({ ...e, indicators: e.indicators.map((i, k) => (k === row ? change(i) : i)) }));

  const move = (action: 'submit' | 'accept' | 'publish') =>
    page.run(async () => {
      await page.transition({ action });
      setConfirming(null);
      void antdMessage.success({ submit: t('已提交财政部门审核', 'Submitted'), accept: t('已审核通过', 'Accepted'), publish: t('已公开', 'Published') }[action]);
    });
  const onReturn = () =>
    page.run(async () => {
      await page.transition({ action: 'return', reason });
      setReturning(false);
      setReason('');
    });

  // What the page shows: the funds' rate and score, the total and the grade unknown while the amount executed holds something else.
  const score = evaluationScoreWhileTyping(live.score, doc.invalid);
  const canReview = view.allowedActions.includes('return');
  const errors = live.findings.filter((f) => f.severity === 'error');
  const downloads = publicView ? '/api/v1/public/evaluations' : '/api/v1/evaluations';
  const required = (row: number) => errorsAt.has(`/indicators/${row}/deviation/reason`) || errorsAt.has(`/indicators/${row}/deviation/measures`) || (score.indicators[row]?.missed ?? false) || (score.indicators[row]?.overAchieved ?? false);
  const where = (path: string) => {
    const row = /^\/indicators\/(\d+)/.exec(path);
    return row ? t(`第 ${Number(row[1]) + 1} 行`, `row ${Number(row[1]) + 1}`) : t('整张表', 'whole table');
  };
  const openComment = (row: number) => setCommentAt(row);

  return (
    <div className="page" data-testid="evaluation-page">
      <DocumentToolbar
        title={`${content.projectName ?? content.department ?? ''} · ${content.year ?? ''} ${content.title ?? ''}`}
        page={page}
        actions={[
          { action: 'submit', label: t('提交审核', 'Submit for review'), testId: 'submit-evaluation', primary: true, onClick: () => setConfirming('submit') },
          { action: 'return', label: t('退回', 'Return'), testId: 'return-evaluation', danger: true, onClick: () => setReturning(true) },
          { action: 'accept', label: t('审核通过', 'Accept'), testId: 'accept-evaluation', primary: true, onClick: () => setConfirming('accept') },
          { action: 'publish', label: t('公开', 'Publish'), testId: 'publish-evaluation', primary: true, onClick: () => setConfirming('publish') },
        ]}
      />
      <DocumentHeader page={page} state={<DocumentStateTag state={view.state} name={pick(EVALUATION_STATE_NAMES[view.state])} />} importAccept=".xlsx,.xls,.csv,.pdf,.docx,.html,.htm,.txt" downloads={`${downloads}/${id}`}>
        <span data-testid="evaluation-total">
          {t('总分', 'Total')}{t('：', ': ')}<strong>{score.fundsUnknown ? <UnknownFigure inline /> : (score.total ?? '—')}</strong>
        </span>
        <span data-testid="evaluation-grade">
          {t('等级', 'Grade')}{t('：', ': ')}{score.fundsUnknown ? <UnknownFigure inline /> : score.grade ? <Tag color={GRADE_COLORS[score.grade]}>{gradeName(score.grade, t)}</Tag> : '—'}
        </span>
      </DocumentHeader>
      <DocumentBanners page={page} returned={t('财政部门退回了此自评表', 'The finance bureau returned this self-evaluation')} />

      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('主管部门', 'Department')}>{content.department}</Descriptions.Item>
        <Descriptions.Item label={t('实施单位', 'Implementer')}>{content.implementer ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('绩效目标', 'Targets')}>{publicView ? (view.target.title ?? '—') : <Link to={`/declarations/${view.target.id}`}>{view.target.title ?? t('申报表', 'form')}</Link>}</Descriptions.Item>
        <Descriptions.Item label={t('更新时间', 'Updated')}>{time(view.updatedAt)}</Descriptions.Item>
      </Descriptions>

      <SheetTable title={t('项目资金（万元）', 'Funds (10k yuan)')} testId="funds-grid" headers={[t('年初预算数', 'Initial budget'), t('全年预算数', 'Annual budget'), t('全年执行数', 'Executed'), t('分值', 'Points'), t('执行率', 'Rate'), t('得分', 'Score'), <>{t('原因', 'Cause')}{errorsAt.has('/funds/reason') && <span className="required-mark">*</span>}</>]}>
        <tr>
          <td className="readonly">{content.funds.initialBudget ?? '—'}</td>
          <td className="readonly">{content.funds.annualBudget ?? '—'}</td>
          <td>
            {!editable ? content.funds.executed ?? '—' : <AmountCell label={t('全年执行数', 'Executed')} value={content.funds.executed} disabled={!editable} invalid={false} onValidity={(ok) => doc.setInvalid('/funds/executed', ok ? null : t('全年执行数不是金额', 'the amount executed is not an amount'))} onChange={(amount) => edit((e) => ({ ...e, funds: { ...e.funds, executed: amount, items: e.funds.items.map((item, k) => (k === 0 ? { ...item, executed: amount } : item)) } }))} />}
          </td>
          <td className="readonly">{score.funds.points}</td>
          <td className="readonly" data-testid="funds-rate">{score.fundsUnknown ? <UnknownFigure /> : score.funds.rate === null ? '—' : `${score.funds.rate}%`}</td>
          <td className="readonly" data-testid="funds-score">{score.fundsUnknown ? <UnknownFigure /> : (score.funds.score ?? '—')}</td>
          <td>
            {!editable ? (content.funds.reason || '—') : errorsAt.has('/funds/reason') || content.funds.reason ? (
              <textarea rows={2} aria-label={t('执行率偏低的原因', 'Why execution fell short')} aria-required={errorsAt.has('/funds/reason')} aria-invalid={editable && errorsAt.has('/funds/reason') ? true : undefined} value={content.funds.reason} disabled={!editable} onChange={(e) => edit((x) => ({ ...x, funds: { ...x.funds, reason: e.target.value } }))} />
            ) : (
              <span className="cell-hint">{t('无需说明', 'nothing to explain')}</span>
            )}
          </td>
        </tr>
      </SheetTable>

      {content.goals.length > 0 && (
        <Card size="small" title={t('年度总体目标', 'Goals for the year')} style={{ marginBottom: 12 }}>
          <table className="monitor-grid">
            <thead>
              <tr>
                <th style={{ width: '50%' }}>{t('预期目标', 'Expected')}</th>
                <th>{t('实际完成情况', 'Achieved')}</th>
              </tr>
            </thead>
            <tbody>
              {content.goals.map((goal, k) => (
                <tr key={k}>
                  <td className="readonly">{goal.expected}</td>
                  <td>
                    {!editable ? goal.achieved : <textarea rows={2} aria-label={t(`第 ${k + 1} 项目标的实际完成情况`, `What goal ${k + 1} achieved`)} value={goal.achieved} disabled={!editable} onChange={(e) => edit((x) => ({ ...x, goals: x.goals.map((g, j) => (j === k ? { ...g, achieved: e.target.value } : g)) }))} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}

      <SheetTable title={t('绩效指标', 'Indicators')} testId="evaluation-grid" headers={['#', t('一级/二级指标', 'Class'), t('三级指标', 'Indicator'), t('年度指标值', 'Annual target'), t('实际完成值', 'Actual'), t('分值', 'Points'), t('得分', 'Score'), t('适用', 'Applies'), t('偏差原因分析', 'Cause'), t('改进措施', 'Measures'), canReview && t('批注', 'Comment')]} grid={{ tableRef: grid, onSave: saveNow, hint: editable ? t('Enter/↑↓ 在列中移动；Ctrl+S 保存', 'Enter/↑↓ move within a column; Ctrl+S saves') : '' }}>
        {content.indicators.map((indicator, row) => {
          const s = score.indicators[row];
          const base = `/indicators/${row}`;
          const needs = required(row);
          const qualitative = s?.formula === 'qualitative';
          const name = indicator.name;
          return (
            <tr key={row} data-testid={`evaluation-row-${row}`} data-required={needs ? 'true' : 'false'} className={s?.missed ? 'row-red' : undefined}>
              <td>{row + 1}</td>
              <td className="readonly">{className(indicator.level1, t)}{indicator.level2 ? ` / ${className(indicator.level2, t)}` : ''}</td>
              <td className="readonly">{name}</td>
              <td className="readonly">{indicator.annualTarget}</td>
              <td className={editable ? undefined : 'readonly'}>
                {!editable ? (indicator.applicable ? indicator.actual : '/') : <input aria-label={`${name} ${t('实际完成值', 'actual')}`} data-row={row} data-column="actual" value={indicator.actual} disabled={!editable || !indicator.applicable} aria-invalid={editable && errorsAt.has(`${base}/actual`) ? true : undefined} title={errorsAt.get(`${base}/actual`)} onChange={(e) => editRow(row, (i) => ({ ...i, actual: e.target.value }))} />}
              </td>
              <td className={editable ? undefined : 'readonly'}>
                {!editable ? (indicator.points === null ? '—' : twoPlaces(indicator.points)) : <input aria-label={`${name} ${t('分值', 'points')}`} data-row={row} data-column="points" inputMode="decimal" value={indicator.points ?? ''} disabled={!editable} style={{ minWidth: 56 }} aria-invalid={editable && errorsAt.has(`${base}/points`) ? true : undefined} onChange={(e) => editRow(row, (i) => ({ ...i, points: e.target.value.trim() === '' ? null : e.target.value.trim() }))} />}
              </td>
              <td className={qualitative && editable ? undefined : 'readonly'} data-testid={`score-${row}`}>
                {qualitative && editable ? (
                  <input aria-label={`${name} ${t('得分', 'score')}`} data-row={row} data-column="score" inputMode="decimal" style={{ minWidth: 56 }} placeholder={s?.counted ?? ''} value={indicator.score ?? ''} aria-invalid={errorsAt.has(`${base}/score`) ? true : undefined} title={errorsAt.get(`${base}/score`)} onChange={(e) => editRow(row, (i) => ({ ...i, score: e.target.value.trim() === '' ? null : e.target.value.trim() }))} />
                ) : (
                  <strong>{s?.counted ?? '—'}</strong>
                )}
                <div className="cell-hint">
                  {s ? pick(FORMULA_NAMES[s.formula]) : ''}
                  {s?.band ? ` ${s.band.min}–${s.band.max}` : ''}
                  {s && s.score !== null && s.counted !== s.score && score.rescale ? t(`（${s.score} × ${score.rescale.factor}，不适用指标的分值已分摊）`, ` (${s.score} × ${score.rescale.factor}: points of rows not applicable shared out)`) : ''}
                </div>
                {errorsAt.get(`${base}/score`) && editable && <div className="cell-error">{errorsAt.get(`${base}/score`)}</div>}
              </td>
              <td>
                {editable ? (
                  <input type="checkbox" style={{ width: 'auto', minWidth: 0 }} aria-label={`${name} ${t('适用', 'applies')}`} checked={indicator.applicable} onChange={(e) => editRow(row, (i) => ({ ...i, applicable: e.target.checked }))} />
                ) : indicator.applicable ? (
                  t('适用', 'yes')
                ) : (
                  t('不适用', 'no')
                )}
              </td>
              {!editable ? (
                <>
                  <td className="readonly">{indicator.deviation.reason}</td>
                  <td className="readonly">{indicator.deviation.measures}</td>
                </>
              ) : needs || indicator.deviation.reason || indicator.deviation.measures ? (
                <>
                  <td>
                    <textarea rows={2} data-row={row} data-column="reason" aria-label={`${name} ${t('偏差原因分析', 'cause')}`} aria-required={needs} aria-invalid={editable && errorsAt.has(`${base}/deviation/reason`) ? true : undefined} value={indicator.deviation.reason} disabled={!editable} onChange={(e) => editRow(row, (i) => ({ ...i, deviation: { ...i.deviation, reason: e.target.value } }))} />
                    {needs && <span className="required-mark" aria-hidden="true">*</span>}
                  </td>
                  <td>
                    <textarea rows={2} data-row={row} data-column="measures" aria-label={`${name} ${t('改进措施', 'measures')}`} aria-required={needs} aria-invalid={editable && errorsAt.has(`${base}/deviation/measures`) ? true : undefined} value={indicator.deviation.measures} disabled={!editable} onChange={(e) => editRow(row, (i) => ({ ...i, deviation: { ...i.deviation, measures: e.target.value } }))} />
                    {needs && <span className="required-mark" aria-hidden="true">*</span>}
                  </td>
                </>
              ) : (
                <td colSpan={2} className="cell-hint">{t('达到目标，无需说明', 'target met: nothing to explain')}</td>
              )}
              {canReview && <RowCommentButton row={row} onClick={openComment} />}
            </tr>
          );
        })}
        <tr>
          <td colSpan={5} className="readonly"><strong>{t('总分', 'Total')}</strong>{score.rescale ? <span className="cell-hint">{t(`（不适用指标已剔除，其余 × ${score.rescale.factor}）`, ` (rows not applicable dropped; the rest × ${score.rescale.factor})`)}</span> : null}</td>
          <td className="readonly">100</td>
          <td className="readonly"><strong>{score.fundsUnknown ? <UnknownFigure /> : (score.total ?? '—')}</strong></td>
          <td colSpan={canReview ? 4 : 3} className="readonly">{t('评价等级', 'Grade')}{t('：', ': ')}{score.fundsUnknown ? <UnknownFigure inline /> : gradeName(score.grade, t)}</td>
        </tr>
      </SheetTable>

      <Card size="small" title={t('总体评价', 'Overall assessment')} style={{ marginBottom: 12 }}>
        {(['conclusion', 'problems', 'improvements'] as const).map((field) => (
          <div key={field} style={{ marginBottom: 8 }}>
            <label htmlFor={`closing-${field}`}>{{ conclusion: t('评价结论', 'Conclusion'), problems: t('存在问题', 'Problems'), improvements: t('改进措施', 'Improvements') }[field]}</label>
            {editable ? <Input.TextArea id={`closing-${field}`} rows={2} maxLength={2000} showCount value={content[field]} onChange={(e) => edit((x) => ({ ...x, [field]: e.target.value }))} /> : <p id={`closing-${field}`} style={{ margin: '4px 0' }}>{content[field] || '—'}</p>}
          </div>
        ))}
      </Card>

      {!publicView && <FindingsCard findings={live.findings} editable={editable} testId="evaluation-findings" limit={20} invalid={[...doc.invalid.values()]} />}
      <DocumentFooter page={page} where={where} kind="evaluation" reviewed={!publicView} />
      <StepModal
        page={page}
        open={confirming !== null}
        title={{ submit: t('提交审核', 'Submit for review'), accept: t('审核通过', 'Accept'), publish: t('公开自评表', 'Publish the self-evaluation') }[confirming ?? 'submit']}
        okText={{ submit: t('提交', 'Submit'), accept: t('审核通过', 'Accept'), publish: t('公开', 'Publish') }[confirming ?? 'submit']}
        disabled={confirming === 'submit' && errors.length > 0}
        onOk={() => confirming && void move(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>
          {{
            submit: t('提交后将不能修改，直到财政部门退回。', 'After submitting it cannot be edited until the finance bureau returns it.'),
            accept: t('审核通过后，部门即可公开此自评表。', 'Once accepted, the department can publish it.'),
            publish: t('公开后任何人都可查看。', 'Anyone will be able to read it.'),
          }[confirming ?? 'submit']}
        </p>
        <Alert
          data-testid="confirm-evaluation-summary"
          type={errors.length > 0 ? 'error' : 'info'}
          showIcon
          message={
            errors.length > 0
              ? t(`还有 ${errors.length} 处须处理。`, `${errors.length} things still to fix.`)
              : t(`总分 ${score.total ?? '—'}，等级 ${gradeName(score.grade, t)}`, `Total ${score.total ?? '—'}, grade ${gradeName(score.grade, t)}`)
          }
        />
      </StepModal>
      <StepModal page={page} open={returning} title={t('退回自评表', 'Return the self-evaluation')} okText={t('退回', 'Return')} danger disabled={reason.trim() === ''} onOk={() => void onReturn()} onCancel={() => setReturning(false)}>
        <label htmlFor="return-reason">{t('退回意见（必填）', 'Reason (required)')}</label>
        <Input.TextArea id="return-reason" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={5000} data-testid="return-reason" />
      </StepModal>
      <RowCommentModal page={page} row={commentAt} title={t(`批注第 ${(commentAt ?? 0) + 1} 行`, `Comment on row ${(commentAt ?? 0) + 1}`)} onClose={() => setCommentAt(null)} />
    </div>
  );
}

export default function EvaluationPage() {
  return <EvaluationSheet />;
}

export function PublicEvaluationPage() {
  return <EvaluationSheet publicView />;
}

