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
