/**
 * The steps a reviewer or an approver takes on many forms at once: approve (良), return with one
 * opinion (中), submit, publish.
 */
import type { Role } from '../../../src/core/policy.ts';
import type { DeclarationSummary } from '../api/types.ts';
import { BatchBar, type BatchStep } from '../components/BatchBar.tsx';
import { useLocale } from '../i18n/locale.tsx';

export function BatchActions({ role, selected, items, onDone }: { role: Role; selected: readonly string[]; items: readonly DeclarationSummary[]; onDone: () => void }) {
  const { t } = useLocale();
  const nameOf = (id: string) => {
    const d = items.find((i) => i.id === id);
    return d ? `${d.departmentName}${d.projectName ? ` · ${d.projectName}` : ''} · ${d.year}` : id;
  };
  const steps: BatchStep[] =
    role === 'reviewer'
      ? [
          { label: t('批量审核通过（良）', 'Approve selected (良)'), primary: true, testId: 'batch-approve', request: { action: 'review', grade: '良' } },
          { label: t('批量退回', 'Return selected'), danger: true, withReason: { title: t(`退回所选的 ${selected.length} 份申报表（中）`, `Return the ${selected.length} selected forms (中)`), request: (reason) => ({ action: 'review', grade: '中', reason }) } },
        ]
      : [
          { label: t('批量提交', 'Submit selected'), request: { action: 'submit' } },
          { label: t('批量公开', 'Publish selected'), request: { action: 'publish' } },
        ];
  return <BatchBar endpoint="/api/v1/declarations/batch-transitions" selected={selected} nameOf={nameOf} steps={steps} onDone={onDone} />;
}
