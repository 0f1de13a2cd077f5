/**
 * A project form's ex-ante assessment (事前绩效评估) as the bureau concluded it — 予以支持 / 调整后予以支持
 * / 不予支持, the score and grade, what is supported and what is cut — with a link to the assessment.
 * Written into the form by Jixiao when the bureau concludes; never typed by the department.
 */
import Alert from 'antd/es/alert';
import { Link } from 'react-router';
import type { ExAnteRecord } from '../../../src/core/projectTarget.ts';
import { DECISION_NAMES } from '../../../src/core/assessment/assessment.ts';
import { useLocale } from '../i18n/locale.tsx';

export function ExAnteNote({ record }: { record: ExAnteRecord | null | undefined }) {
  const { t, pick } = useLocale();
  if (!record) return null;
  const type = record.decision === 'reject' ? 'error' : record.decision === 'support' ? 'success' : 'warning';
  const amounts = [
    record.total ? t(`评估得分 ${record.total}（${record.grade ?? '—'}）`, `scored ${record.total} (${record.grade ?? '—'})`) : '',
    record.supported !== null ? t(`予以支持 ${record.supported} 万元`, `${record.supported} 万元 supported`) : '',
    record.cut !== null && record.decision !== 'support' ? t(`核减 ${record.cut} 万元`, `${record.cut} 万元 cut`) : '',
  ].filter(Boolean);
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="ex-ante-note"
      data-decision={record.decision}
      message={
        <>
          {t('事前绩效评估结论：', 'Ex-ante assessment: ')}
          <strong>{pick(DECISION_NAMES[record.decision])}</strong>
          {amounts.length > 0 ? t(`（${amounts.join('，')}）`, ` (${amounts.join(', ')})`) : ''}{' '}
          <Link to={`/assessments/${record.assessment}`}>{t('查看评估', 'Open the assessment')}</Link>
        </>
      }
    />
  );
}
