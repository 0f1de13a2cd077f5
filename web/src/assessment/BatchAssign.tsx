/**
 * Assigning one expert or agency to many assessments at once (the bureau's): the person is picked
 * from the region's panel, the server checks each assessment on its own (a conflict of interest is
 * refused) and the answer lists what happened to each.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { ROLE_NAMES } from './names.ts';
import type { BatchAnswer, PanelMember } from './types.ts';

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
  const { t, pick } = useLocale();
  const [open, setOpen] = useState(false);
  const [member, setMember] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<{ body: BatchAnswer; who: string; names: Map<string, string> } | null>(null);
  const panel = usePanelMembers(open);
  const members = panel.data?.members ?? [];
  const chosen = members.find((m) => m.id === member);
  const run = async () => {
    if (!chosen) {
      setError(new Error('pick'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const names = new Map(selected.map((id) => [id, nameOf(id)]));
      const body = await api<BatchAnswer>('POST', '/api/v1/assessments/batch-assignments', { ids: selected, userId: chosen.id, role: chosen.role });
      setAnswer({ body, who: chosen.displayName, names });
      setOpen(false);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginBottom: 12 }} data-testid="batch-assign">
      <Button disabled={selected.length === 0} onClick={() => { setError(null); setOpen(true); }} data-testid="batch-assign-button">
        {t('批量指派评分人', 'Assign a scorer to the selected')}
        {selected.length > 0 ? t(`（${selected.length} 项）`, ` (${selected.length})`) : ''}
      </Button>
      {answer && (
        <Alert
          style={{ marginTop: 8 }}
          type={answer.body.failed === 0 ? 'success' : 'warning'}
          showIcon
          closable
          onClose={() => setAnswer(null)}
          data-testid="batch-assign-result"
          message={t(`已将 ${answer.who} 指派到 ${answer.body.done} 项，${answer.body.failed} 项未成功`, `${answer.who} assigned to ${answer.body.done}; ${answer.body.failed} failed`)}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {answer.body.results.map((r) => (
                <li key={r.id}>
                  {answer.names.get(r.id) ?? r.id}{t('：', ': ')}{r.ok ? t('已指派', 'assigned') : r.error ? pick(r.error.message) : t('失败', 'failed')}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Modal
        open={open}
        title={t(`指派评分人到所选的 ${selected.length} 项评估评价`, `Assign a scorer to the ${selected.length} selected assessments`)}
        okText={t('指派', 'Assign')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        onOk={() => void run()}
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
