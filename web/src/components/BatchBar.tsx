/**
 * Buttons for one workflow step on many documents at once, for any list (forms, monitoring reports,
 * self-evaluations). No step acts on one click: each asks first, with how many documents it will act
 * on, the errors among them, the ones it cannot take (by their state, from the pure core) and an
 * opinion — required for a return, optional for an approval. The server checks and records each
 * document on its own; the result lists every document with what happened to it.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useLocale } from '../i18n/locale.tsx';
import { BatchResult } from './BatchResult.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { useBatchRun, type BatchAnswer } from './useBatchRun.ts';

export interface BatchStep {
  readonly label: string;
  /** What was done to each document, for the result (已审核通过). */
  readonly done: string;
  readonly testId?: string;
  readonly primary?: boolean;
  readonly danger?: boolean;
  /** Whether the step can act on a document in its state; the others are left out, and the question says so. */
  readonly applies?: (id: string) => boolean;
  /** An opinion asked with the question: required (a return) or optional (an approval); absent: none. */
  readonly opinion?: 'required' | 'optional';
  /** The request for the step, from the opinion (empty when none was given). */
  readonly request: (opinion: string) => unknown;
  /** Said in the question: what follows from the step (e.g. that anyone can then read the forms). */
  readonly warning?: string;
}

export interface BatchBarProps {
  readonly endpoint: string;
  readonly selected: readonly string[];
  readonly nameOf: (id: string) => string;
  /** The errors the checker finds in a document, to say before approving it. */
  readonly errorsOf?: (id: string) => number;
  readonly steps: readonly BatchStep[];
  readonly onDone: () => void;
}

export function BatchBar({ endpoint, selected, nameOf, errorsOf, steps, onDone }: BatchBarProps) {
  const { t } = useLocale();
  // The names are taken when the step runs: the list reloads after it, without the documents it moved.
  const { busy, error, setError, outcome, dismiss, run } = useBatchRun<BatchStep>();
  const [asking, setAsking] = useState<BatchStep | null>(null);
  const [opinion, setOpinion] = useState('');
  const applicable = (step: BatchStep) => selected.filter((id) => step.applies?.(id) ?? true);

  const act = (step: BatchStep, ids: readonly string[], text: string) =>
    run({
      ids,
      nameOf,
      asked: step,
      send: () => api<BatchAnswer>('POST', endpoint, { ids, request: step.request(text.trim()) }),
      then: () => {
        setAsking(null);
        onDone();
      },
    });

  const ids = asking ? applicable(asking) : [];
  const skipped = asking ? selected.filter((id) => !ids.includes(id)) : [];
  const withErrors = errorsOf ? ids.filter((id) => errorsOf(id) > 0) : [];
  const errorTotal = errorsOf ? withErrors.reduce((n, id) => n + errorsOf(id), 0) : 0;
  return (
    <div style={{ marginBottom: 12 }} data-testid="batch-actions">
      <Space wrap>
        {steps.map((step) => {
          const n = applicable(step).length;
          return (
            <Button
              key={step.label}
              type={step.primary ? 'primary' : 'default'}
              danger={step.danger}
              disabled={n === 0}
              data-testid={step.testId}
              onClick={() => {
                setOpinion('');
                setError(null);
                setAsking(step);
              }}
            >
              {step.label}
              {n > 0 ? t(`（${n} 份）`, ` (${n})`) : ''}
            </Button>
          );
        })}
        {selected.length > 0 && <span className="secondary">{t(`已选 ${selected.length} 份`, `${selected.length} selected`)}</span>}
      </Space>
      {!asking && <ErrorAlert error={error} />}
      {outcome && (
        <BatchResult
          outcome={outcome}
          testId="batch-result"
          itemTestId="batch-result-item"
          onClose={dismiss}
          nameOf={nameOf}
          okText={outcome.asked.done}
          failedText={t('未能处理', 'not done')}
          message={t(`${outcome.asked.label}：已处理 ${outcome.body.done} 份${outcome.body.failed > 0 ? `，${outcome.body.failed} 份未能处理` : ''}`, `${outcome.asked.label}: ${outcome.body.done} done${outcome.body.failed > 0 ? `, ${outcome.body.failed} not` : ''}`)}
        />
      )}
      <Modal
        open={asking !== null}
        title={asking ? t(`${asking.label}：${ids.length} 份`, `${asking.label}: ${ids.length}`) : ''}
        okText={asking ? t(`确认（${ids.length} 份）`, `Confirm (${ids.length})`) : ''}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ danger: asking?.danger ?? false, disabled: ids.length === 0 || (asking?.opinion === 'required' && opinion.trim() === ''), loading: busy }}
        onOk={() => asking && void act(asking, ids, opinion)}
        onCancel={() => setAsking(null)}
      >
        <div data-testid="batch-confirm">
          <ul style={{ paddingLeft: 20, maxHeight: 220, overflow: 'auto' }}>
            {ids.map((id) => (
              <li key={id}>
                {nameOf(id)}
                {errorsOf && errorsOf(id) > 0 && (
                  <Tag color="red" style={{ marginInlineStart: 8 }}>
                    {t(`${errorsOf(id)} 个错误`, `${errorsOf(id)} errors`)}
                  </Tag>
                )}
              </li>
            ))}
          </ul>
          {withErrors.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t(`其中 ${withErrors.length} 份有错误（共 ${errorTotal} 个），请确认仍要${asking?.label ?? ''}`, `${withErrors.length} of them have errors (${errorTotal} in all): confirm you still want to go on`)} />}
          {skipped.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t(`另有 ${skipped.length} 份所选的不能进行此操作（状态不符），将不处理：${skipped.map(nameOf).join('、')}`, `${skipped.length} selected cannot take this step in their state and are left out: ${skipped.map(nameOf).join(', ')}`)} />}
          {asking?.warning && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={asking.warning} />}
          {asking?.opinion && (
            <>
              <label htmlFor="batch-opinion">{asking.opinion === 'required' ? t('意见（必填，每份相同）', 'Opinion (required, the same for each)') : t('意见（可选，每份相同）', 'Opinion (optional, the same for each)')}</label>
              <Input.TextArea id="batch-opinion" rows={4} value={opinion} onChange={(e) => setOpinion(e.target.value)} maxLength={2000} />
            </>
          )}
          {asking && <ErrorAlert error={error} />}
        </div>
      </Modal>
    </div>
  );
}
