/**
 * The workflow of a monitoring report: the department fills and submits it; the finance bureau
 * returns it (with a reason) or accepts it. A red light or an indicator "完全不可能" needs the
 * bureau's rectification advice (整改意见) before it can be accepted (财预〔2019〕136号, domain.md §3.3).
 *
 *   draft ──submit──▶ submitted ──accept (advice when needed)──▶ accepted
 *     ▲                  │
 *     └── returned ◀──return (reason required)
 *            └──submit──▶ submitted
 */
import type { Finding } from '../rules/finding.ts';
import type { MonitoringReport } from '../monitoringReport.ts';
import type { ReportLights } from './lights.ts';

export type ReportState = 'draft' | 'submitted' | 'returned' | 'accepted';
export const REPORT_STATES: readonly ReportState[] = ['draft', 'submitted', 'returned', 'accepted'];

export const REPORT_STATE_NAMES: Record<ReportState, { zh: string; en: string }> = {
  draft: { zh: '待填报', en: 'to fill in' },
  submitted: { zh: '已提交', en: 'submitted' },
  returned: { zh: '已退回', en: 'returned' },
  accepted: { zh: '已审核', en: 'accepted' },
};

export type ReportRequest = { readonly action: 'submit' } | { readonly action: 'return'; readonly reason: string } | { readonly action: 'accept'; readonly advice?: string };
export type ReportAction = ReportRequest['action'];

export type ReportRefusal = 'wrong-state' | 'reason-required' | 'advice-required' | 'unexplained';

/** True when the bureau must give rectification advice: a red light, or an indicator it is impossible to meet. */
export function rectificationNeeded(report: MonitoringReport, lights: Pick<ReportLights, 'overall'>): boolean {
  return lights.overall === 'red' || report.indicators.some((i) => i.likelihood === 'impossible');
}

/**
 * The findings that stop a department submitting: every error except the advice on rectification,
 * which is the bureau's to give.
 */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !f.path.startsWith('/rectification'));
}

/** The state a request leads to, or why it cannot be done. Pure: the policy decides who may ask. */
export function reportTransition(
  state: ReportState,
  request: ReportRequest,
  context: { readonly report: MonitoringReport; readonly lights: Pick<ReportLights, 'overall'>; readonly findings: readonly Finding[] },
): { ok: true; state: ReportState } | { ok: false; refusal: ReportRefusal } {
  switch (request.action) {
    case 'submit':
      if (state !== 'draft' && state !== 'returned') return { ok: false, refusal: 'wrong-state' };
      return blockingFindings(context.findings).length > 0 ? { ok: false, refusal: 'unexplained' } : { ok: true, state: 'submitted' };
    case 'return':
      if (state !== 'submitted') return { ok: false, refusal: 'wrong-state' };
      return request.reason.trim() === '' ? { ok: false, refusal: 'reason-required' } : { ok: true, state: 'returned' };
    case 'accept': {
      if (state !== 'submitted') return { ok: false, refusal: 'wrong-state' };
      const advice = (request.advice ?? context.report.rectification.advice).trim();
      return rectificationNeeded(context.report, context.lights) && advice === '' ? { ok: false, refusal: 'advice-required' } : { ok: true, state: 'accepted' };
    }
  }
}

/** True when the department may edit the report (to fill in, or returned). */
export function isReportEditable(state: ReportState): boolean {
  return state === 'draft' || state === 'returned';
}

/** The actions a state allows, for offering buttons. */
export function reportActionsFrom(state: ReportState): ReportAction[] {
  if (state === 'draft' || state === 'returned') return ['submit'];
  if (state === 'submitted') return ['return', 'accept'];
  return [];
}
