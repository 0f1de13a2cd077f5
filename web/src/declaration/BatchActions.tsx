/**
 * The steps a reviewer or an approver takes on many forms at once: approve (良) with an optional
 * opinion, return with one opinion (中), submit, publish — each asked first, each offered only for
 * the forms whose state allows it (the target kinds' workflow).
 */
import type { Role } from '../../../src/core/policy.ts';
import type { TransitionAction } from '../../../src/core/workflow.ts';
import { TARGET_WORKFLOW } from '../../../src/kinds/shared/targetForms.ts';
import { actionsFromState } from '../../../src/kinds/workflow.ts';
import type { DeclarationSummary } from '../api/types.ts';
import { BatchBar, type BatchStep } from '../components/BatchBar.tsx';
import { useLocale } from '../i18n/locale.tsx';

export function BatchActions({ role, selected, items, onDone }: { role: Role; selected: readonly string[]; items: readonly DeclarationSummary[]; onDone: () => void }) {
  const { t } = useLocale();
  const byId = new Map(items.map((i) => [i.id, i]));
  const nameOf = (id: string) => {
    const d = byId.get(id);
    return d ? `${d.departmentName}${d.projectName ? ` · ${d.projectName}` : ''} · ${d.year}` : id;
  };
  const can = (action: TransitionAction) => (id: string) => {
    const d = byId.get(id);
    return d !== undefined && actionsFromState(TARGET_WORKFLOW, d.state).includes(action);
  };
  const steps: BatchStep[] =
    role === 'reviewer'
      ? [
          { label: t('批量审核通过（良）', 'Approve selected (良)'), done: t('已审核通过（良）', 'approved (良)'), primary: true, testId: 'batch-approve', applies: can('review'), opinion: 'optional', request: (reason) => ({ action: 'review', grade: '良', ...(reason ? { reason } : {}) }) },
          { label: t('批量退回', 'Return selected'), done: t('已退回（中）', 'returned (中)'), danger: true, testId: 'batch-return', applies: can('review'), opinion: 'required', request: (reason) => ({ action: 'review', grade: '中', reason }) },
        ]
      : [
          { label: t('批量提交', 'Submit selected'), done: t('已提交审核', 'submitted'), testId: 'batch-submit', applies: can('submit'), request: () => ({ action: 'submit' }) },
          { label: t('批量公开', 'Publish selected'), done: t('已公开', 'published'), testId: 'batch-publish', applies: can('publish'), warning: t('公开后任何人都可查看。', 'Anyone will be able to read them.'), request: () => ({ action: 'publish' }) },
        ];
  return <BatchBar endpoint="/api/v1/documents/batch-transitions" selected={selected} nameOf={nameOf} errorsOf={(id) => byId.get(id)?.errorCount ?? 0} steps={steps} onDone={onDone} />;
}
