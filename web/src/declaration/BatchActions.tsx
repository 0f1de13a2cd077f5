/**
 * The steps a reviewer or an approver takes on many forms at once: approve (良), return with one
 * opinion, submit, publish. The server checks and records each form on its own; what it could not
 * do, and why, is listed form by form.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Space from 'antd/es/space';
import { useState } from 'react';
import type { Role } from '../../../src/core/policy.ts';
import { api } from '../api/client.ts';
import type { DeclarationSummary } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';

type BatchRequest = { action: 'submit' } | { action: 'publish' } | { action: 'review'; grade: '良' | '中'; reason?: string };
interface BatchAnswer {
  results: Array<{ id: string; ok: boolean; state?: string; error?: { id: string; message: { zh: string; en: string } } }>;
  done: number;
  failed: number;
}

export function BatchActions({ role, selected, items, onDone }: { role: Role; selected: readonly string[]; items: readonly DeclarationSummary[]; onDone: () => void }) {
  const { t, pick } = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<BatchAnswer | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const nameOf = (id: string) => {
    const d = items.find((i) => i.id === id);
    return d ? `${d.departmentName}${d.projectName ? ` · ${d.projectName}` : ''} · ${d.year}` : id;
  };
  const run = async (request: BatchRequest) => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api<BatchAnswer>('POST', '/api/v1/declarations/batch-transitions', { ids: selected, request }));
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const none = selected.length === 0;
  const count = t(`（已选 ${selected.length} 份）`, ` (${selected.length} selected)`);
  return (
    <div style={{ marginBottom: 12 }} data-testid="batch-actions">
      <Space wrap>
        {role === 'reviewer' && (
          <>
            <Button type="primary" disabled={none} loading={busy} onClick={() => void run({ action: 'review', grade: '良' })} data-testid="batch-approve">
              {t('批量审核通过（良）', 'Approve selected (良)')}
              {none ? '' : count}
            </Button>
            <Button danger disabled={none} onClick={() => setReturning(true)}>
              {t('批量退回', 'Return selected')}
            </Button>
          </>
        )}
        {role === 'approver' && (
          <>
            <Button disabled={none} loading={busy} onClick={() => void run({ action: 'submit' })}>{t('批量提交', 'Submit selected')}{none ? '' : count}</Button>
            <Button disabled={none} loading={busy} onClick={() => void run({ action: 'publish' })}>{t('批量公开', 'Publish selected')}</Button>
          </>
        )}
      </Space>
      <ErrorAlert error={error} />
      {answer && (
        <Alert
          style={{ marginTop: 8 }}
          type={answer.failed === 0 ? 'success' : 'warning'}
          showIcon
          closable
          onClose={() => setAnswer(null)}
          data-testid="batch-result"
          message={t(`已处理 ${answer.done} 份${answer.failed > 0 ? `，${answer.failed} 份未能处理` : ''}`, `${answer.done} done${answer.failed > 0 ? `, ${answer.failed} not` : ''}`)}
          description={answer.failed > 0 ? <ul style={{ margin: 0, paddingLeft: 20 }}>{answer.results.filter((r) => !r.ok).map((r) => <li key={r.id}>{nameOf(r.id)}：{r.error ? pick(r.error.message) : ''}</li>)}</ul> : undefined}
        />
      )}
      <Modal
        open={returning}
        title={t(`退回所选的 ${selected.length} 份申报表（中）`, `Return the ${selected.length} selected forms (中)`)}
        okText={t('退回', 'Return')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: busy }}
        onOk={() => {
          setReturning(false);
          void run({ action: 'review', grade: '中', reason });
        }}
        onCancel={() => setReturning(false)}
      >
        <label htmlFor="batch-reason">{t('审核意见（必填，每份相同）', 'Opinion (required, the same for each)')}</label>
        <Input.TextArea id="batch-reason" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      </Modal>
    </div>
  );
}
