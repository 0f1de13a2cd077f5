/**
 * 绩效自评表: a department's year-end self-evaluation of one approved target form, scored on every save
 * (财预〔2020〕10号), reviewed by the finance bureau and published with the final accounts.
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted ──publish──▶ published
 *     ▲                  │
 *     └── returned ◀──return (reason required)
 *            └──submit──▶ submitted
 */
import { EVALUATION_STATE_NAMES } from '../../core/evaluation/evaluationWorkflow.ts';
import { documentSubject } from '../../core/notifications.ts';
import { checkSelfEvaluation } from '../../core/evaluation/evaluationRules.ts';
import { lockEvaluationParts, withScores } from '../../core/evaluation/prefill.ts';
import { executionScore, type ScoringConfig } from '../../core/evaluation/scoring.ts';
import type { RuleSetting } from '../../core/rules/checkConfig.ts';
import type { SelfEvaluation } from '../../core/selfEvaluation.ts';
import { parseScoringConfig } from '../../format/scoringConfigSchema.ts';
import { selfEvaluationSchema } from '../../format/selfEvaluationSchema.ts';
import { officialLayout } from '../../layout/officialLayout.ts';
import { defineKind, EMPTY_SUMMARY } from '../kindDefinition.ts';
import { acceptStep, openFindings, publishStep, returnStep, submitStep, withDefaults } from '../shared/steps.ts';
import type { WorkflowDefinition } from '../workflow.ts';

/** The region's scoring settings: formulas, bands, weights, grade lines and rule severities. */
export interface ScoringSettings {
  readonly config: ScoringConfig;
  readonly rules: Readonly<Record<string, RuleSetting>>;
}

/** The settings in force (the bureau's, else the defaults). */
export function scoringSettings(regionSettings: Readonly<Record<string, unknown>>): ScoringSettings {
  return withDefaults(parseScoringConfig, regionSettings.scoring);
}

const NOUN = { zh: '绩效自评表', en: 'self-evaluation' };

/** The self-evaluation's workflow (the web offers batch steps from it). */
export const SELF_EVALUATION_WORKFLOW: WorkflowDefinition<SelfEvaluation> = {
  noun: NOUN,
  initial: 'draft',
  states: {
    draft: { names: EVALUATION_STATE_NAMES.draft, editable: true, private: true },
    submitted: { names: EVALUATION_STATE_NAMES.submitted, editable: false },
    returned: { names: EVALUATION_STATE_NAMES.returned, editable: true },
    accepted: { names: EVALUATION_STATE_NAMES.accepted, editable: false },
    published: { names: EVALUATION_STATE_NAMES.published, editable: false, public: true },
  },
  transitions: [
    // An actual missing or a cause unexplained stops a submission.
    submitStep({ guard: ({ findings }) => openFindings('evaluation-incomplete', NOUN, { zh: '须处理', en: 'to fix' }, findings.filter((f) => f.severity === 'error')), notification: 'evaluation-submitted' }),
    returnStep(NOUN, { notification: 'evaluation-returned' }),
    acceptStep({ notification: 'evaluation-accepted', notificationBody: () => '' }),
    publishStep('accepted'),
  ],
};

export const selfEvaluationKind = defineKind({
  kind: 'self-evaluation',
  names: { full: { zh: '绩效自评表', en: 'Self-evaluation' }, short: { zh: '绩效自评表', en: 'self-evaluation' } },
  auditEntity: 'self-evaluation',
  auditAction: (verb) => `evaluation.${verb}`,
  pagePath: (id) => `/evaluations/${id}`,
  schema: selfEvaluationSchema,
  workflow: SELF_EVALUATION_WORKFLOW,
  adminMayCreate: false,
  deletable: false,
  autosave: true,
  settings: scoringSettings,
  normalise: (content) => content,
  lock: lockEvaluationParts,
  refuseEdit: (incoming, stored) =>
    incoming.indicators.length === stored.indicators.length
      ? null
      : { status: 400, code: 'validation-failed', message: { zh: `自评表应有 ${stored.indicators.length} 项指标（来自绩效目标），收到 ${incoming.indicators.length} 项`, en: `the self-evaluation has ${stored.indicators.length} indicators (from the targets); ${incoming.indicators.length} were sent` }, fields: [{ field: 'content.indicators', message: 'count differs' }] },
  check: (content, { settings }) => {
    // The scores are written into the content: what is stored is what was scored.
    const scored = withScores(content, settings.config);
    return { content: scored, findings: checkSelfEvaluation(scored, settings.config, settings.rules).findings };
  },
  summarize: (content, _findings, place) => ({
    ...EMPTY_SUMMARY,
    title: content.title,
    subjectName: content.projectName,
    searchText: [place.departmentName, content.projectName ?? ''].join('\n'),
    amount: content.funds.annualBudget,
    executed: content.funds.executed,
    score: content.total,
    grade: content.grade,
    // The rate does not depend on the region's settings, only on the funds.
    rate: executionScore(content.funds).rate,
    facts: { targetKind: content.target.kind },
  }),
  subject: (place, summary) => documentSubject(place.departmentName, place.year, summary.subjectName),
  present: (content, { settings }) => ({ score: checkSelfEvaluation(content, settings.config, settings.rules).score, config: settings.config }),
  layout: officialLayout,
  subjectKinds: ['department-target', 'project-target'],
  yearOverview: true,
});
