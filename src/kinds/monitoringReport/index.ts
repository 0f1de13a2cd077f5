/**
 * 绩效运行监控表: a department's in-year report on one approved target form, in a round a finance bureau
 * opened. Its lights are computed on every save; the bureau returns it or accepts it, with
 * rectification advice where a light is red (财预〔2019〕136号).
 *
 *   draft ──submit──▶ submitted ──accept (advice when needed)──▶ accepted
 *     ▲                  │
 *     └── returned ◀──return (reason required)
 *            └──submit──▶ submitted
 */
import { needsExplanation, type MonitoringConfig } from '../../core/monitoring/lights.ts';
import { checkMonitoringReport } from '../../core/monitoring/monitoringRules.ts';
import { lockTargetParts } from '../../core/monitoring/prefill.ts';
import { divide, ratio, ratioOf, times, toFixed2 } from '../../core/monitoring/ratio.ts';
import { blockingFindings, rectificationNeeded, REPORT_STATE_NAMES } from '../../core/monitoring/reportWorkflow.ts';
import type { Light, MonitoringReport } from '../../core/monitoringReport.ts';
import type { RuleSetting } from '../../core/rules/checkConfig.ts';
import { monitoringReportSchema } from '../../format/monitoringReportSchema.ts';
import { parseMonitoringConfig } from '../../format/monitoringConfigSchema.ts';
import { officialLayout } from '../../layout/officialLayout.ts';
import { defineKind, EMPTY_SUMMARY } from '../kindDefinition.ts';
import { acceptStep, openFindings, returnStep, submitStep, withDefaults } from '../shared/steps.ts';
import type { WorkflowDefinition } from '../workflow.ts';

/** The region's monitoring settings: light bands, the deviation threshold, rule severities. */
export interface MonitoringSettings {
  readonly config: MonitoringConfig;
  readonly rules: Readonly<Record<string, RuleSetting>>;
}

/** The settings in force (the bureau's, else the defaults). */
export function monitoringSettings(regionSettings: Readonly<Record<string, unknown>>): MonitoringSettings {
  return withDefaults(parseMonitoringConfig, regionSettings.monitoring);
}

const LIGHT_RANK: Record<Light, number> = { red: 0, yellow: 1, green: 2, blue: 3 };
/** Reports never submitted sort after every light: their values are the department's own still. */
export const UNSUBMITTED_RANK = 5;

/** 预算执行率: executed ÷ annual × 100, exact, two decimals; null without a positive budget. */
export function executionRate(annual: string | null, executed: string | null): string | null {
  const a = annual === null ? null : ratioOf(annual);
  const e = executed === null ? null : ratioOf(executed);
  if (a === null || e === null || a.num <= 0n) return null;
  const share = divide(e, a);
  return share === null ? null : toFixed2(times(share, ratio(100n)));
}

/** The rank the round page sorts on: red first, unsubmitted last. */
export function lightRank(state: string, overall: Light | null): number {
  return state === 'draft' ? UNSUBMITTED_RANK : overall ? LIGHT_RANK[overall] : 4;
}

const WORKFLOW_NOUN = { zh: '监控表', en: 'report' };

/** The monitoring report's workflow (the web offers batch steps from it). */
export const MONITORING_REPORT_WORKFLOW: WorkflowDefinition<MonitoringReport> = {
  noun: WORKFLOW_NOUN,
  initial: 'draft',
  states: {
    draft: { names: REPORT_STATE_NAMES.draft, editable: true, private: true },
    submitted: { names: REPORT_STATE_NAMES.submitted, editable: false },
    returned: { names: REPORT_STATE_NAMES.returned, editable: true },
    accepted: { names: REPORT_STATE_NAMES.accepted, editable: false },
  },
  transitions: [
    submitStep({
      // Every error but the advice on rectification, which is the bureau's to give.
      guard: ({ findings }) => openFindings('report-incomplete', WORKFLOW_NOUN, { zh: '须填写', en: 'to fill in' }, blockingFindings(findings)),
      notification: 'report-submitted',
    }),
    returnStep(WORKFLOW_NOUN, { notification: 'report-returned' }),
    acceptStep({
      guard: ({ content, request }) =>
        rectificationNeeded(content, content.lights) && (request.advice ?? content.rectification.advice).trim() === ''
          ? { status: 400, code: 'advice-required', message: { zh: '监控表有红灯或"完全不可能"完成的指标，审核通过前须提出整改意见', en: 'the report has a red light or an indicator impossible to meet: give rectification advice before accepting it' }, fields: [{ field: 'advice', message: 'required' }] }
          : null,
      // The advice becomes part of the report the department reads, as a version of its own.
      revise: ({ content, request }) =>
        rectificationNeeded(content, content.lights) ? { content: { ...content, rectification: { ...content.rectification, needed: true, advice: (request.advice ?? content.rectification.advice).trim() } }, note: '整改意见 (rectification advice)', verb: 'advice' } : null,
      notification: 'report-accepted',
      notificationBody: (request, { content }) => (request.advice ?? content.rectification.advice).trim(),
    }),
  ],
};

export const monitoringReportKind = defineKind({
  kind: 'monitoring-report',
  names: { full: { zh: '绩效运行监控表', en: 'Monitoring report' }, short: { zh: '监控表', en: 'report' } },
  auditEntity: 'monitoring-report',
  auditAction: (verb) => (verb === 'comment' ? 'monitoring.comment' : `monitoring.report-${verb}`),
  pagePath: (id) => `/monitoring/reports/${id}`,
  schema: monitoringReportSchema,
  workflow: MONITORING_REPORT_WORKFLOW,
  adminMayCreate: false,
  deletable: false,
  autosave: true,
  settings: monitoringSettings,
  normalise: (content) => content,
  lock: (incoming, stored, viewer) => {
    // The advice is the bureau's; the department may report what it did about it (result).
    const locked = lockTargetParts(incoming, stored);
    // 填报日期: the day the department last filled it in (printed on the official table).
    return { ...locked, reportDate: viewer.today ?? locked.reportDate, rectification: { ...stored.rectification, result: incoming.rectification.result } };
  },
  refuseEdit: (incoming, stored) =>
    incoming.indicators.length === stored.indicators.length
      ? null
      : { status: 400, code: 'validation-failed', message: { zh: `监控表应有 ${stored.indicators.length} 项指标（来自绩效目标），收到 ${incoming.indicators.length} 项`, en: `the report has ${stored.indicators.length} indicators (from the targets); ${incoming.indicators.length} were sent` }, fields: [{ field: 'content.indicators', message: 'count differs' }] },
  check: (content, { settings }) => {
    const { findings, lights } = checkMonitoringReport(content, settings.config, settings.rules);
    const stored: MonitoringReport = {
      ...content,
      lights: { budget: lights.budget, indicators: lights.indicators, overall: lights.overall },
      indicators: content.indicators.map((indicator, i) => ({ ...indicator, light: lights.perIndicator[i]?.light ?? null })),
    };
    return { content: stored, findings };
  },
  summarize: (content, _findings, place) => ({
    ...EMPTY_SUMMARY,
    title: content.title,
    subjectName: content.projectName,
    searchText: [place.departmentName, content.projectName ?? ''].join('\n'),
    amount: content.budget.annual,
    executed: content.budget.executedToDate,
    rate: executionRate(content.budget.annual, content.budget.executedToDate),
    light: content.lights.overall,
    lightRank: lightRank(place.state, content.lights.overall),
    flag: rectificationNeeded(content, content.lights),
    facts: { lights: content.lights, targetKind: content.target.kind },
  }),
  subject: (place, summary) => (summary.subjectName ? { zh: `${place.departmentName}「${summary.subjectName}」`, en: `${place.departmentName} "${summary.subjectName}"` } : { zh: `${place.departmentName}部门整体`, en: `${place.departmentName} (department-wide)` }),
  present: (content, { settings, findings }) => {
    const { lights } = checkMonitoringReport(content, settings.config, settings.rules);
    return {
      computed: { budget: lights.budget, indicators: lights.indicators, overall: lights.overall, budgetProgress: lights.budgetProgress, executionRate: lights.executionRate, perIndicator: lights.perIndicator },
      required: { budget: findings.some((f) => f.path === '/budget/reason'), indicators: content.indicators.map((indicator) => needsExplanation(indicator, content.round.through, settings.config)) },
      config: settings.config,
    };
  },
  layout: officialLayout,
  subjectKinds: ['department-target', 'project-target'],
});
