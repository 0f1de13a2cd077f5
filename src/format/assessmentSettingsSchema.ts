/**
 * A region's assessment settings (region settings `assessment`, `jixiao assess --config FILE`): the
 * grade bands, when a scorer is far from the panel, the sampling review's blend, the ex-ante gate on
 * project forms and the evidence limits.
 */
import { z } from 'zod';
import { DEFAULT_ASSESSMENT_SETTINGS, type AssessmentSettings } from '../core/assessment/assessment.ts';

const weight4 = z.string().regex(/^\d{1,6}(\.\d{1,4})?$/, 'a decimal of at most four places, such as "0.4"');
const amount = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'an amount in 万元, such as "500"');

export const assessmentSettingsSchema = z
  .object({
    grades: z
      .object({ 优: z.number().min(0).max(100), 良: z.number().min(0).max(100), 中: z.number().min(0).max(100) })
      .strict()
      .refine((g) => g.中 <= g.良 && g.良 <= g.优, { message: 'grades must rise: 中 ≤ 良 ≤ 优' })
      .optional()
      .describe('lower bounds of 优, 良, 中 (90, 80, 60)'),
    outlierShare: weight4.optional().describe("a scorer further from the panel's median than this share of a criterion's weight is flagged on it (0.3)"),
    outlierPoints: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/).optional().describe("a scorer whose total is further than these points from the panel's median total is flagged (10)"),
    blend: z
      .object({ quality: weight4, rescore: weight4 })
      .strict()
      .optional()
      .describe('the sampling review: quality 0.4, re-score 0.6'),
    exAnte: z
      .object({
        requiredFrom: amount.nullable().describe('a new project form of at least this amount (万元) needs an ex-ante assessment: the checker flags one without (null: never)'),
        blockApprovalFrom: amount.nullable().describe('a project form of at least this amount (万元) is not approved without an ex-ante assessment that supports it (null: never blocked)'),
      })
      .strict()
      .optional(),
    evidence: z
      .object({ fileMB: z.number().int().min(1).max(200).describe('largest evidence file (20 MB)'), assessmentMB: z.number().int().min(1).max(2000).describe("largest sum of an assessment's evidence (200 MB)") })
      .strict()
      .optional(),
  })
  .strict();

/** A region's assessment settings as stored. */
export type AssessmentRegionSettings = z.infer<typeof assessmentSettingsSchema>;

/** The ex-ante gate in force: the amounts (万元) from which an assessment is required, and from which approval is blocked without one. */
export interface ExAnteSettings {
  readonly requiredFrom: string | null;
  readonly blockApprovalFrom: string | null;
}

/** The evidence limits in force, in bytes. */
export interface EvidenceLimits {
  readonly fileBytes: number;
  readonly assessmentBytes: number;
}

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = { fileBytes: 20 * 1024 * 1024, assessmentBytes: 200 * 1024 * 1024 };

/** Reads the settings from parsed JSON, or lists every problem by field. */
export function parseAssessmentSettings(json: unknown): { ok: true; settings: AssessmentSettings; exAnte: ExAnteSettings; evidence: EvidenceLimits } | { ok: false; problems: string[] } {
  const result = assessmentSettingsSchema.safeParse(json ?? {});
  if (!result.success) return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`) };
  const s = result.data;
  const d = DEFAULT_ASSESSMENT_SETTINGS;
  return {
    ok: true,
    settings: { grades: s.grades ?? d.grades, outlierShare: s.outlierShare ?? d.outlierShare, outlierPoints: s.outlierPoints ?? d.outlierPoints, blend: s.blend ?? d.blend },
    exAnte: { requiredFrom: s.exAnte?.requiredFrom ?? null, blockApprovalFrom: s.exAnte?.blockApprovalFrom ?? null },
    evidence: s.evidence ? { fileBytes: s.evidence.fileMB * 1024 * 1024, assessmentBytes: s.evidence.assessmentMB * 1024 * 1024 } : DEFAULT_EVIDENCE_LIMITS,
  };
}

/** The settings in force for a region's settings (the defaults where they are not valid; they are validated when saved). */
export function assessmentSettingsOf(regionSettings: Readonly<Record<string, unknown>>): { settings: AssessmentSettings; exAnte: ExAnteSettings; evidence: EvidenceLimits } {
  const parsed = parseAssessmentSettings(regionSettings.assessment ?? {});
  return parsed.ok ? parsed : { settings: DEFAULT_ASSESSMENT_SETTINGS, exAnte: { requiredFrom: null, blockApprovalFrom: null }, evidence: DEFAULT_EVIDENCE_LIMITS };
}
