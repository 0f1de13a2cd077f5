/** What a batch request did: a summary, and each document with what happened to it (or why not). */
import Alert from 'antd/es/alert';
import type { ReactNode } from 'react';
import { useLocale } from '../i18n/locale.tsx';
import type { BatchOutcome } from './useBatchRun.ts';

export interface BatchResultProps {
  readonly outcome: BatchOutcome<unknown>;
  readonly message: ReactNode;
  /** A document's name when the request did not keep it. */
  readonly nameOf: (id: string) => string;
  /** Said of a document the request acted on (已指派), and of one it failed on without a reason. */
  readonly okText: string;
  readonly failedText: string;
  readonly testId: string;
  readonly itemTestId?: string;
  readonly onClose: () => void;
}

/** The answer of a batch request, closable, each document on its own line. */
export function BatchResult({ outcome, message, nameOf, okText, failedText, testId, itemTestId, onClose }: BatchResultProps) {
  const { t, pick } = useLocale();
  return (
    <Alert
      style={{ marginTop: 8 }}
      type={outcome.body.failed === 0 ? 'success' : 'warning'}
      showIcon
      closable
      onClose={onClose}
      data-testid={testId}
      message={message}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {outcome.body.results.map((r) => (
            <li key={r.id} data-testid={itemTestId} data-ok={r.ok}>
              {outcome.names.get(r.id) ?? nameOf(r.id)}
              {t('：', ': ')}
              {r.ok ? okText : r.error ? pick(r.error.message) : failedText}
            </li>
          ))}
        </ul>
      }
    />
  );
}
