/**
 * Buttons for one workflow step on many documents at once, for any list (forms, monitoring reports,
 * self-evaluations): a step that needs a reason asks for it once for all. The server checks and
 * records each document on its own; what it could not do, and why, is listed one by one.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Space from 'antd/es/space';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useLocale } from '../i18n/locale.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

interface BatchAnswer {
  results: Array<{ id: string; ok: boolean; state?: string; error?: { id: string; message: { zh: string; en: string } } }>;
  done: number;
  failed: number;
}

export interface BatchStep {
  readonly label: string;
  readonly testId?: string;
  readonly primary?: boolean;
  readonly danger?: boolean;
  /** The request for a step without a reason. */
  readonly request?: unknown;
  /** A step with a reason: the dialog's title and the request made from the reason. */
  readonly withReason?: { readonly title: string; readonly request: (reason: string) => unknown };
}

export function BatchBar({ endpoint, selected, nameOf, steps, onDone }: { endpoint: string; selected: readonly string[]; nameOf: (id: string) => string; steps: readonly BatchStep[]; onDone: () => void }) {
  const { t, pick } = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<BatchAnswer | null>(null);
  const [asking, setAsking] = useState<BatchStep | null>(null);
  const [reason, setReason] = useState('');
  const run = async (request: unknown) => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api<BatchAnswer>('POST', endpoint, { ids: selected, request }));
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
        {steps.map((step, i) => (
          <Button
            key={step.label}
            type={step.primary ? 'primary' : 'default'}
            danger={step.danger}
            disabled={none}
            loading={busy && !step.withReason}
            data-testid={step.testId}
            onClick={() => (step.withReason ? (setReason(''), setAsking(step)) : void run(step.request))}
          >
            {step.label}
            {none || i > 0 ? '' : count}
          </Button>
        ))}
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
        open={asking !== null}
        title={asking?.withReason?.title}
        okText={asking?.label}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ danger: asking?.danger ?? false, disabled: reason.trim() === '', loading: busy }}
        onOk={() => {
          const step = asking;
          setAsking(null);
          if (step?.withReason) void run(step.withReason.request(reason));
        }}
        onCancel={() => setAsking(null)}
      >
        <label htmlFor="batch-reason">{t('意见（必填，每份相同）', 'Opinion (required, the same for each)')}</label>
        <Input.TextArea id="batch-reason" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      </Modal>
    </div>
  );
}
