/**
 * The steps of a target form's workflow as its page offers them on the document shell: submit (with
 * the checker's counts, refused where the bureau takes no form with errors), review — return with a
 * grade and a written opinion, or approve with a grade — and publish.
 */
import Alert from 'antd/es/alert';
import Radio from 'antd/es/radio';
import { useState } from 'react';
import type { Finding } from '../api/types.ts';
import { findingCounts } from '../components/FindingsPanel.tsx';
import type { WorkflowStep } from '../documents/useWorkflowSteps.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { gradeName } from './vocabulary.ts';

/** The grades a review gives: an approval's, a return's. */
const GRADES = { approve: ['优', '良'], return: ['中', '差'] } as const;

/** The steps, for a form with these findings (`blockSubmitOnErrors`: its bureau refuses one with errors). */
export function useTargetFormSteps(findings: readonly Finding[], blockSubmitOnErrors: boolean): WorkflowStep[] {
  const { t } = useLocale();
  const [grade, setGrade] = useState<{ approve: string; return: string }>({ approve: '良', return: '中' });
  const counts = findingCounts(findings);
  const blocked = blockSubmitOnErrors && counts.error > 0;
  const gradeChoice = (mode: 'approve' | 'return') => (
    <div style={{ marginBottom: 12 }}>
      <div className="field-label" id={`grade-${mode}`}>
        {t('审核结果', 'Grade')}
      </div>
      <Radio.Group aria-labelledby={`grade-${mode}`} value={grade[mode]} onChange={(e) => setGrade({ ...grade, [mode]: e.target.value as string })} options={GRADES[mode].map((g) => ({ value: g, label: gradeName(g, t) }))} />
    </div>
  );
  return [
    {
      key: 'submit',
      testId: 'submit-declaration',
      action: 'submit',
      label: t('提交审核', 'Submit for review'),
      okText: t('提交', 'Submit'),
      primary: true,
      blocked,
      request: () => ({ action: 'submit' }),
      done: t('已提交审核', 'Submitted for review'),
      body: (
        <>
          <p>{t('提交后将不能修改，直到审核退回。', 'After submitting you cannot edit until the form is returned.')}</p>
          <Alert
            data-testid="submit-counts"
            type={counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            message={
              counts.error + counts.warning + counts.info === 0
                ? t('检查未发现问题。', 'The checker found nothing.')
                : t(`检查发现 ${counts.error} 个错误、${counts.warning} 个警告、${counts.info} 个提示。`, `The checker finds ${counts.error} errors, ${counts.warning} warnings and ${counts.info} notes.`)
            }
            description={blocked ? t('本地区要求改正全部错误后才能提交。', 'This bureau takes forms only without errors: correct them first.') : counts.error > 0 ? t('有错误的申报表很可能被退回；建议先改正。', 'A form with errors is likely to be returned; correct them first if you can.') : undefined}
          />
        </>
      ),
    },
    {
      key: 'return',
      testId: 'return-declaration',
      action: 'review',
      label: t('退回修改', 'Return'),
      title: t('退回修改', 'Return for changes'),
      okText: t('确认退回', 'Return'),
      danger: true,
      reason: { label: t('审核意见', 'Opinion'), required: true, help: t('退回时必填，将作为批注发给部门', 'Required; sent to the department as a comment') },
      body: gradeChoice('return'),
      request: (reason) => ({ action: 'review', grade: grade.return, reason }),
      done: t('已退回', 'Returned'),
    },
    {
      key: 'approve',
      testId: 'approve-declaration',
      action: 'review',
      label: t('审核通过', 'Approve'),
      okText: t('确认通过', 'Approve'),
      primary: true,
      reason: { label: t('审核意见', 'Opinion'), required: false },
      body: gradeChoice('approve'),
      request: (reason) => ({ action: 'review', grade: grade.approve, reason: reason || undefined }),
      done: t('已审核通过', 'Approved'),
    },
    {
      key: 'publish',
      testId: 'publish-declaration',
      action: 'publish',
      label: t('公开', 'Publish'),
      title: t('公开申报表', 'Publish the form'),
      okText: t('公开', 'Publish'),
      primary: true,
      body: <p>{t('公开后任何人都可查看。确认公开？', 'Anyone will be able to read it. Publish?')}</p>,
      request: () => ({ action: 'publish' }),
      done: t('已公开', 'Published'),
    },
  ];
}
