/**
 * The report before it is downloaded: what the .docx and PDF hold, in outline — the subject, the
 * panel, the score tables (aggregated per first level and per scorer), the findings and the
 * conclusion — made from what the reader may see, with the downloads beside.
 */
import type { Assessment } from '../../../src/core/assessment/assessment.ts';
import { useLocale } from '../i18n/locale.tsx';
import { DECISION_NAMES, isExAntePurpose, PURPOSE_NAMES, ROLE_NAMES } from './names.ts';

export function ReportDownloads({ id }: { id: string }) {
  const { t } = useLocale();
  return (
    <div className="header-tools" data-testid="report-downloads">
      <a className="btn primary" href={`/api/v1/assessments/${id}/report.pdf`} download data-testid="report-pdf">
        {t('下载报告（PDF）', 'Report (PDF)')}
      </a>
      <a className="btn" href={`/api/v1/assessments/${id}/report.docx`} download data-testid="report-docx">
        {t('下载报告（Word）', 'Report (Word)')}
      </a>
      <a className="btn" href={`/api/v1/documents/${id}.pdf`} download>
        {t('评分表（PDF）', 'Score sheet (PDF)')}
      </a>
      <a className="btn" href={`/api/v1/documents/${id}.xlsx`} download>
        {t('评分表（Excel）', 'Score sheet (Excel)')}
      </a>
    </div>
  );
}

export function ReportPreview({ id, content, departmentName }: { id: string; content: Assessment; departmentName: string }) {
  const { t, pick } = useLocale();
  const result = content.result;
  const exAnte = isExAntePurpose(content.purpose);
  const panel = content.scorers.filter((s) => s.role !== 'self');
  const levels = result?.levels ?? [];
  const names = new Map(content.template.criteria.map((c) => [c.id, `${c.id} ${c.name}`]));
  const decision = content.conclusion.decision;
  return (
    <div data-testid="report-preview">
      <ReportDownloads id={id} />
      <article className="report-preview" style={{ marginTop: 16 }}>
        <h2>{content.subject.name}{exAnte ? t('事前绩效评估报告', ' — ex-ante assessment report') : t('绩效评价报告', ' — evaluation report')}</h2>
        <p style={{ textAlign: 'center' }} className="secondary">
          {pick(PURPOSE_NAMES[content.purpose])} · {departmentName} · {content.year ?? ''}
        </p>
        <h3>{exAnte ? t('一、评估对象基本情况', '1. The subject') : t('一、基本情况', '1. Background')}</h3>
        <p>
          {content.subject.name}
          {content.subject.amount ? t(`，申请金额 ${content.subject.amount} 万元。`, `, ${content.subject.amount} 万元 asked.`) : t('。', '.')}
          {content.subject.description ?? ''}
        </p>
        <h3>{exAnte ? t('二、评估工作开展情况', '2. How it was assessed') : t('二、评价工作开展情况', '2. How it was evaluated')}</h3>
        <p>
          {t(`评分模板：${content.template.name}（第 ${content.template.version} 版）。评分人：`, `Template: ${content.template.name} (version ${content.template.version}). Scorers: `)}
          {panel.length === 0 ? '—' : panel.map((s) => `${s.name}（${pick(ROLE_NAMES[s.role])}）`).join(t('、', ', '))}
        </p>
        <h3>{exAnte ? t('三、综合评估情况与评估结论', '3. Scores and conclusion') : t('三、综合评价情况及评价结论', '3. Scores and conclusion')}</h3>
        <table className="editor-table assessment-sheet" data-testid="report-score-table">
          <caption className="visually-hidden">{t('评分汇总表', 'Scores')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('一级指标', 'First level')}</th>
              <th scope="col" className="num">{t('分值', 'Points')}</th>
              <th scope="col" className="num">{t('得分', 'Score')}</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.id}>
                <th scope="row">{l.name}</th>
                <td className="num">{l.weight}</td>
                <td className="num">{l.score ?? '—'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('合计', 'Total')}</th>
              <td className="num">100</td>
              <td className="num">
                {result?.total ?? '—'} {result?.grade ?? ''}
              </td>
            </tr>
          </tfoot>
        </table>
        {content.findings.map((f, i) => (
          <p key={i}>
            <strong>{f.criterion ? names.get(f.criterion) : t('整体', 'Overall')}</strong>：{f.fact} {f.problem} {f.analysis} {f.conclusion}
          </p>
        ))}
        {exAnte && decision && (
          <p data-testid="report-decision">
            {t('评估结论：', 'Decision: ')}
            <strong>{pick(DECISION_NAMES[decision])}</strong>
            {content.conclusion.supported !== null ? t(`，予以支持 ${content.conclusion.supported} 万元`, `, ${content.conclusion.supported} 万元 supported`) : ''}
            {content.conclusion.cut !== null && decision !== 'support' ? t(`，核减 ${content.conclusion.cut} 万元`, `, ${content.conclusion.cut} 万元 cut`) : ''}
            {t('。', '.')}
          </p>
        )}
        <h3>{exAnte ? t('四、相关建议', '4. Recommendations') : t('六、有关建议', '6. Recommendations')}</h3>
        {content.findings.filter((f) => f.advice).length === 0 && !content.conclusion.advice ? (
          <p className="secondary">—</p>
        ) : (
          <ol>
            {content.findings.filter((f) => f.advice).map((f, i) => (
              <li key={i}>{f.advice}</li>
            ))}
            {content.conclusion.advice && <li>{content.conclusion.advice}</li>}
          </ol>
        )}
        <p className="secondary">{t('完整报告（含逐项指标表、评分明细表、专家组情况表和佐证材料清单）请下载 PDF 或 Word。', 'The full report (each criterion’s table, each scorer’s scores, the panel and the evidence list) is in the PDF and Word downloads.')}</p>
      </article>
    </div>
  );
}
