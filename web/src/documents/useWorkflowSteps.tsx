/**
 * The steps of a document's workflow as the shell offers them, for every kind: a button for each step
 * the server allows (`allowedActions`), and the dialog before it — what the step means, the reason it
 * asks where the server's step needs one, the kind's own questions (a review's grade), the button busy
 * while the request runs and the server's refusal in its words. A kind lists its steps; the shell does
 * the rest.
 */
import Input from 'antd/es/input';
import antdMessage from 'antd/es/message';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { StepModal } from './DocumentShell.tsx';
import type { ShellAction } from './DocumentFrame.tsx';
import type { DocumentPage, DocumentViewBase, TransitionRequest } from './useDocumentPage.ts';

/** One step as a kind offers it. */
export interface WorkflowStep {
  /** Which button (one server step may be offered twice: a review approves or returns). */
  readonly key: string;
  /** The server's step, offered only when allowed. */
  readonly action: string;
  readonly label: string;
  readonly testId: string;
  readonly primary?: boolean;
  readonly danger?: boolean;
  /** The dialog's title (the label by default) and its button. */
  readonly title?: string;
  readonly okText: string;
  /** The written reason the step asks, and whether the server requires it. */
  readonly reason?: { readonly label: string; readonly required: boolean; readonly help?: string };
  /** What the dialog says or asks besides (the checker's counts, a review's grade). */
  readonly body?: ReactNode;
  /** The step cannot be taken now (the dialog says why in its body). */
  readonly blocked?: boolean;
  /** The request the step sends, with the reason as typed (trimmed). */
  readonly request: (reason: string) => TransitionRequest;
  /** Said once the step is taken. */
  readonly done: string;
}

/** The toolbar's buttons for `steps` and the dialog of the one opened. */
export function useWorkflowSteps<T, V extends DocumentViewBase<T>>(page: DocumentPage<T, V>, steps: readonly WorkflowStep[]): { actions: ShellAction[]; dialog: ReactNode; opened: string | null } {
  const [message, messageHolder] = antdMessage.useMessage();
  const [opened, setOpened] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const step = steps.find((s) => s.key === opened);
  const open = (key: string) => {
    page.showError(null);
    setReason('');
    setOpened(key);
  };
  const take = (taken: WorkflowStep) =>
    page.run(async () => {
      const written = reason.trim();
      if (taken.reason?.required && written === '') throw new ApiError(400, 'reason-required', { zh: `请填写${taken.reason.label}`, en: `write the ${taken.reason.label.toLowerCase()} first` }, [{ field: 'reason', message: 'required' }]);
      await page.transition(taken.request(written));
      setOpened(null);
      void message.success(taken.done);
    });
  const actions = steps.map((s) => ({ action: s.action, key: s.key, label: s.label, testId: s.testId, primary: s.primary, danger: s.danger, loading: page.busy && opened === s.key, onClick: () => open(s.key) }) satisfies ShellAction);
  const dialog = (
    <>
      {messageHolder}
      <StepModal page={page} open={step !== undefined} title={step?.title ?? step?.label ?? ''} okText={step?.okText ?? ''} danger={step?.danger} disabled={step?.blocked} onOk={() => step && void take(step)} onCancel={() => setOpened(null)}>
        {step?.body}
        {step?.reason && (
          <div className="step-reason">
            <label htmlFor="step-reason" className="field-label">
              {step.reason.label}
              {step.reason.required && <span className="required-mark" aria-hidden="true">*</span>}
            </label>
            <Input.TextArea id="step-reason" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} aria-required={step.reason.required} aria-invalid={page.error instanceof ApiError && page.error.fields.some((f) => f.field === 'reason') ? true : undefined} aria-describedby={step.reason.help ? 'step-reason-help' : undefined} data-testid="step-reason" />
            {step.reason.help && (
              <div id="step-reason-help" className="cell-hint">
                {step.reason.help}
              </div>
            )}
          </div>
        )}
      </StepModal>
    </>
  );
  return { actions, dialog, opened };
}
