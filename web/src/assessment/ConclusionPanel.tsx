/**
 * The bureau's conclusion: the grade the total gives, for an ex-ante assessment the decision — 予以支持
 * / 调整后予以支持 / 不予支持 — with the amount cut (万元, exact; what is supported follows), the advice,
 * and the findings (事实依据 → 发现的问题 → 分析判断 → 结论, with the advice tied to each). Concluding is
 * the page's step; the department reads this once it is taken.
 */
import Radio from 'antd/es/radio';
import Select from 'antd/es/select';
import Tag from 'antd/es/tag';
import type { Assessment, AssessmentFinding, Conclusion, Decision } from '../../../src/core/assessment/assessment.ts';
import { formatCents, parseCents } from '../../../src/core/assessment/decimal.ts';
import { CellInput } from '../editor/CellInput.tsx';
import { GrowingTextArea } from '../editor/GrowingTextArea.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { DECISION_COLORS, DECISION_NAMES, GRADE_COLORS, isExAntePurpose } from './names.ts';

export interface ConclusionPanelProps {
  readonly content: Assessment;
  readonly editable: boolean;
  readonly invalid: ReadonlyMap<string, string>;
  readonly onConclusion: (conclusion: Conclusion, problem: string | null) => void;
  readonly onFindings: (findings: AssessmentFinding[]) => void;
}

/** The amounts that follow a decision and a cut typed as text: what is supported, or why the cut cannot be taken. */
export function amountsFor(asked: string | null, decision: Decision | null, cutText: string): { supported: string | null; cut: string | null; problem: { zh: string; en: string } | null } {
  const total = asked === null ? null : parseCents(asked);
  if (decision === null) return { supported: null, cut: null, problem: null };
  if (decision === 'reject') return { supported: total === null ? null : '0.00', cut: total === null ? null : formatCents(total), problem: null };
  if (decision === 'support') return { supported: total === null ? null : formatCents(total), cut: total === null ? null : '0.00', problem: null };
  const text = cutText.trim();
  const cut = parseCents(text);
  if (text === '' || cut === null) return { supported: null, cut: text, problem: { zh: `核减金额「${text}」须为至多两位小数的万元数，如 15.00`, en: `the cut "${text}" must be an amount in 万元 with at most two decimals, such as 15.00` } };
  if (cut === 0n) return { supported: null, cut: text, problem: { zh: '调整后予以支持须核减一定金额（大于 0）', en: 'support after adjustment needs a cut above zero' } };
  if (total !== null && cut >= total) return { supported: null, cut: text, problem: { zh: `核减金额 ${text} 不能达到或超过申请金额 ${asked ?? ''} 万元（全部核减请选不予支持）`, en: `the cut ${text} cannot reach the ${asked ?? ''} asked (cutting it all is a rejection)` } };
  return { supported: total === null ? null : formatCents(total - cut), cut: formatCents(cut), problem: null };
}

const EMPTY_FINDING: AssessmentFinding = { criterion: null, fact: '', problem: '', analysis: '', conclusion: '', advice: '' };

export function ConclusionPanel({ content, editable, invalid, onConclusion, onFindings }: ConclusionPanelProps) {
  const { t, pick } = useLocale();
  const { conclusion, result } = content;
  const exAnte = isExAntePurpose(content.purpose);
  const asked = content.subject.amount;
  const suggested = result?.suggestedDecision ?? null;
  const cutProblem = invalid.get('/conclusion/cut');
  const setDecision = (decision: Decision) => {
    const cutText = decision === 'support-after-adjustment' ? (conclusion.decision === 'support-after-adjustment' ? (conclusion.cut ?? '') : '') : '';
    const amounts = amountsFor(asked, decision, cutText);
    onConclusion({ ...conclusion, decision, supported: amounts.supported, cut: amounts.cut === '' ? null : amounts.cut }, amounts.problem && cutText.trim() !== '' ? pick(amounts.problem) : null);
  };
  const setCut = (text: string) => {
    if (text.trim() === '') {
      onConclusion({ ...conclusion, cut: null, supported: null }, null);
      return;
    }
    const amounts = amountsFor(asked, conclusion.decision, text);
    onConclusion({ ...conclusion, cut: amounts.problem ? text : amounts.cut, supported: amounts.supported }, amounts.problem ? pick(amounts.problem) : null);
  };
  const findings = content.findings;
  const setFinding = (i: number, change: Partial<AssessmentFinding>) => onFindings(findings.map((f, j) => (j === i ? { ...f, ...change } : f)));
  const criteria = content.template.criteria;

  return (
    <div data-testid="conclusion-panel" style={{ maxWidth: 960 }}>
      <div className="assessment-head">
        <span>
          {t('总分：', 'Total: ')}<strong data-testid="conclusion-total">{result?.total ?? '—'}</strong>
        </span>
        <span>
          {t('等级：', 'Grade: ')}{(conclusion.grade ?? result?.grade) ? <Tag color={GRADE_COLORS[conclusion.grade ?? result?.grade ?? '']}>{conclusion.grade ?? result?.grade}</Tag> : '—'}
        </span>
        {exAnte && asked && (
          <span>
            {t('申请金额：', 'Asked: ')}{asked} {t('万元', '万元')}
          </span>
        )}
        {exAnte && suggested && (
          <span>
            {t('按等级建议：', 'The grade suggests: ')}<Tag color={DECISION_COLORS[suggested]}>{pick(DECISION_NAMES[suggested])}</Tag>
          </span>
        )}
      </div>
      {!result?.complete && <p className="secondary">{t('尚有指标未评分：全部评完后才能出具结论。', 'Some criteria are not scored yet: the conclusion waits for every score.')}</p>}
      {exAnte && (
        <fieldset className="conclusion-fieldset">
          <legend>{t('评估结论', 'Decision')}</legend>
          <Radio.Group disabled={!editable} value={conclusion.decision} onChange={(e) => setDecision(e.target.value as Decision)} data-testid="decision">
            {(['support', 'support-after-adjustment', 'reject'] as const).map((d) => (
              <Radio key={d} value={d}>
                {pick(DECISION_NAMES[d])}
              </Radio>
            ))}
          </Radio.Group>
          {conclusion.decision === 'support-after-adjustment' && (
            <div style={{ marginTop: 12 }}>
              <label>
                {t('核减金额（万元）', 'Cut (万元)')}{' '}
                <CellInput style={{ width: 140, display: 'inline-block' }} aria-label={t('核减金额（万元）', 'Cut (万元)')} inputMode="decimal" disabled={!editable} value={conclusion.cut ?? ''} invalid={cutProblem !== undefined} aria-describedby={cutProblem ? 'cut-problem' : undefined} onChange={(e) => setCut(e.target.value)} data-testid="cut" />
              </label>
              {cutProblem && (
                <div id="cut-problem" className="cell-error" role="alert" style={{ color: '#cf1322' }}>
                  {cutProblem}
                </div>
              )}
            </div>
          )}
          {conclusion.decision !== null && (
            <p data-testid="amounts">
              {t(`予以支持 ${conclusion.supported ?? '—'} 万元，核减 ${conclusion.cut ?? '—'} 万元`, `Supported ${conclusion.supported ?? '—'} 万元, cut ${conclusion.cut ?? '—'} 万元`)}
            </p>
          )}
        </fieldset>
      )}
      <label className="field-label" htmlFor="conclusion-advice">
        {t('总体意见和建议', 'Overall advice')}
      </label>
      <GrowingTextArea id="conclusion-advice" disabled={!editable} value={conclusion.advice} maxLength={20_000} onChange={(e) => onConclusion({ ...conclusion, advice: e.target.value }, cutProblem ?? null)} />
      <h3 style={{ marginTop: 24 }}>{t('评价发现', 'Findings')}</h3>
      {findings.length === 0 && <p className="secondary">{t('尚无评价发现。', 'No findings yet.')}</p>}
      {findings.map((f, i) => (
        <fieldset key={i} className="conclusion-fieldset" data-testid={`finding-${i}`}>
          <legend>
            {t(`发现 ${i + 1}`, `Finding ${i + 1}`)}
            {f.by ? t('（第三方机构）', ' (agency)') : ''}
          </legend>
          <Select
            aria-label={t(`发现 ${i + 1} 对应指标`, `Finding ${i + 1} criterion`)}
            disabled={!editable}
            style={{ width: 320, marginBottom: 8 }}
            value={f.criterion ?? ''}
            onChange={(v: string) => setFinding(i, { criterion: v || null })}
            options={[{ value: '', label: t('整体', 'The whole') }, ...criteria.map((c) => ({ value: c.id, label: `${c.id} ${c.name}` }))]}
          />
          {(
            [
              ['fact', '事实依据', 'Fact'],
              ['problem', '发现的问题', 'Problem'],
              ['analysis', '分析判断', 'Analysis'],
              ['conclusion', '结论', 'Conclusion'],
              ['advice', '建议', 'Advice'],
            ] as const
          ).map(([key, zh, en]) => (
            <div key={key}>
              <label className="field-label">
                {t(zh, en)}
                <GrowingTextArea aria-label={t(`发现 ${i + 1} ${zh}`, `Finding ${i + 1} ${en}`)} disabled={!editable} value={f[key] ?? ''} maxLength={20_000} onChange={(e) => setFinding(i, { [key]: e.target.value })} />
              </label>
            </div>
          ))}
          {editable && (
            <button type="button" className="btn small" onClick={() => onFindings(findings.filter((_, j) => j !== i))}>
              {t(`删除发现 ${i + 1}`, `Remove finding ${i + 1}`)}
            </button>
          )}
        </fieldset>
      ))}
      {editable && (
        <button type="button" className="btn" onClick={() => onFindings([...findings, EMPTY_FINDING])} data-testid="add-finding">
          {t('添加一条发现', 'Add a finding')}
        </button>
      )}
    </div>
  );
}
