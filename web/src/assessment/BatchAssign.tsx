/**
 * Assigning one expert or agency to many assessments at once (the bureau's): the person is picked
 * from the region's panel, the server checks each assessment on its own (a conflict of interest is
 * refused) and the answer lists what happened to each.
 */
import Button from 'antd/es/button';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { BatchResult } from '../components/BatchResult.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useBatchRun, type BatchAnswer } from '../components/useBatchRun.ts';
import { useLocale } from '../i18n/locale.tsx';
import { ROLE_NAMES } from './names.ts';
import type { PanelMember } from './types.ts';

/** The region's experts and agencies, for a picker. */
export function usePanelMembers(enabled: boolean) {
  return useResource(enabled ? 'assessment-panel' : null, () => api<{ members: PanelMember[] }>('GET', '/api/v1/assessments/panel'));
}

export function MemberSelect({ members, value, onChange, label }: { members: readonly PanelMember[]; value: string | undefined; onChange: (id: string) => void; label: string }) {
  const { t, pick } = useLocale();
  return (
    <Select
      aria-label={label}
      showSearch
      optionFilterProp="label"
      placeholder={t('选择专家或第三方机构', 'Pick an expert or agency')}
      style={{ minWidth: 280 }}
      value={value}
      onChange={onChange}
      options={members.map((m) => ({ value: m.id, label: `${m.displayName}（${pick(ROLE_NAMES[m.role])}）` }))}
      notFoundContent={t('本地区没有专家或第三方机构账号，请管理员添加', 'No expert or agency accounts in the region: ask an admin to add them')}
    />
  );
}

export function BatchAssign({ selected, nameOf, onDone }: { selected: readonly string[]; nameOf: (id: string) => string; onDone: () => void }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const [member, setMember] = useState<string | undefined>(undefined);
  const { busy, error, setError, outcome, dismiss, run } = useBatchRun<{ who: string }>();
  const panel = usePanelMembers(open);
  const members = panel.data?.members ?? [];
  const chosen = members.find((m) => m.id === member);
  const assign = async () => {
    if (!chosen) {
      setError(new Error('pick'));
      return;
    }
    await run({
      ids: selected,
      nameOf,
      asked: { who: chosen.displayName },
      send: () => api<BatchAnswer>('POST', '/api/v1/assessments/batch-assignments', { ids: selected, userId: chosen.id, role: chosen.role }),
      then: () => {
        setOpen(false);
        onDone();
      },
    });
  };
  return (
    <div style={{ marginBottom: 12 }} data-testid="batch-assign">
      <Button disabled={selected.length === 0} onClick={() => { setError(null); setOpen(true); }} data-testid="batch-assign-button">
        {t('批量指派评分人', 'Assign a scorer to the selected')}
        {selected.length > 0 ? t(`（${selected.length} 项）`, ` (${selected.length})`) : ''}
      </Button>
      {outcome && (
        <BatchResult
          outcome={outcome}
          testId="batch-assign-result"
          onClose={dismiss}
          nameOf={(id) => id}
          okText={t('已指派', 'assigned')}
          failedText={t('失败', 'failed')}
          message={t(`已将 ${outcome.asked.who} 指派到 ${outcome.body.done} 项，${outcome.body.failed} 项未成功`, `${outcome.asked.who} assigned to ${outcome.body.done}; ${outcome.body.failed} failed`)}
        />
      )}
      <Modal
        open={open}
        title={t(`指派评分人到所选的 ${selected.length} 项评估评价`, `Assign a scorer to the ${selected.length} selected assessments`)}
        okText={t('指派', 'Assign')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        onOk={() => void assign()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !chosen, ...({ 'data-testid': 'batch-assign-ok' } as Record<`data-${string}`, string>) }}
      >
        {panel.error ? <ErrorAlert error={panel.error} onRetry={panel.reload} /> : null}
        {error && !(error instanceof Error && error.message === 'pick') ? <ErrorAlert error={error} /> : null}
        <p className="secondary">{t('被评对象所在部门的人员不能参与（利益冲突），将被拒绝并记录。', 'People of the department under assessment are refused (conflict of interest), and the refusal is audited.')}</p>
        <MemberSelect members={members} value={member} onChange={setMember} label={t('评分人', 'Scorer')} />
        <ul style={{ marginTop: 12, paddingInlineStart: 18, maxHeight: 200, overflow: 'auto' }}>
          {selected.map((id) => (
            <li key={id}>{nameOf(id)}</li>
          ))}
        </ul>
      </Modal>
    </div>
  );
}
