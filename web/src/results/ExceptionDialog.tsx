/**
 * 例外调整: the bureau sets one project's proposal against the rules — the amount and the reason, both
 * required, each refusal said beside its box; the rules' figure stays shown next to it.
 */
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { readException } from './exceptionInput.ts';
import type { ProposalRow } from './types.ts';

export function ExceptionDialog({ row, year, onClose, onSaved }: { row: ProposalRow; year: number; onClose: () => void; onSaved: () => void }) {
  const { t, pick } = useLocale();
  const [amount, setAmount] = useState(row.exception?.amount ?? row.computed);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const read = readException(amount, reason);
  const submit = async () => {
    setTried(true);
    if (read.amount === null || read.reasonError) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/results/exceptions', { year, projectId: row.projectId, amount: read.amount, reason: reason.trim() });
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('例外调整', 'Exception to the rules')} onCancel={onClose} onOk={() => void submit()} okText={t('记录例外调整', 'Record the exception')} cancelText={t('取消', 'Cancel')} confirmLoading={busy} okButtonProps={{ ...({ 'data-testid': 'exception-ok' } as Record<`data-${string}`, string>) }}>
      <div data-testid="exception-dialog">
        <p>
          <b>{row.project}</b>
          <br />
          <span className="secondary">{row.department}</span>
        </p>
        <p>{t(`上年 ${row.lastAmount} 万元；按规则测算 ${row.computed} 万元`, `Last year ${row.lastAmount}; by the rules ${row.computed} (10k yuan)`)}</p>
        {row.exception && <p className="secondary">{t(`现有例外：${row.exception.amount} 万元（${row.exception.reason}）`, `Current exception: ${row.exception.amount} (${row.exception.reason})`)}</p>}
        <label>
          <div className="field-label">{t('调整后建议金额（万元）', 'Amount proposed instead (10k yuan)')}</div>
          <Input aria-label={t('调整后建议金额（万元）', 'Amount proposed instead (10k yuan)')} value={amount} onChange={(e) => setAmount(e.target.value)} status={read.amountError && (tried || amount !== '') ? 'error' : undefined} suffix={t('万元', '10k yuan')} data-testid="exception-amount" />
        </label>
        {read.amountError && (tried || amount !== '') && (
          <div className="field-error" role="alert" data-testid="exception-amount-error">
            {pick(read.amountError)}
          </div>
        )}
        {read.amountNote && <div className="secondary" role="status">{pick(read.amountNote)}</div>}
        <label>
          <div className="field-label" style={{ marginTop: 12 }}>{t('理由（必填）', 'Reason (required)')}</div>
          <Input.TextArea aria-label={t('例外调整理由', 'Reason for the exception')} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} status={tried && read.reasonError ? 'error' : undefined} data-testid="exception-reason" />
        </label>
        {tried && read.reasonError && (
          <div className="field-error" role="alert" data-testid="exception-reason-error">
            {pick(read.reasonError)}
          </div>
        )}
        <ErrorAlert error={error} />
      </div>
    </Modal>
  );
}
