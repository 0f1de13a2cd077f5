/** A region's scoring settings (`jixiao score --config FILE`): formulas, bands, weights, grades, rule settings. */
import { z } from 'zod';
import { EVALUATION_RULES } from '../core/evaluation/evaluationRules.ts';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from '../core/evaluation/scoring.ts';
import type { RuleSetting } from '../core/rules/checkConfig.ts';

const ids = new Set(EVALUATION_RULES.map((r) => r.id));
const percent = z.number().min(0).max(1000);

export const scoringConfigSchema = z
  .object({
    executionPoints: z.number().min(0).max(100).optional().describe('points of budget execution (10)'),
    capExecution: z.boolean().optional().describe('cap the execution rate at 100% (true)'),
    executionCauseBelow: percent.optional().describe('an execution rate below this needs a cause (90)'),
    reverseFormula: z.enum(['linear', 'proportional']).optional().describe('reverse indicators: linear to 0 at twice the limit (b, default), or w × T ÷ A (a)'),
    qualitativeBands: z
      .object({ achieved: percent, partial: percent })
      .strict()
      .refine((b) => b.partial <= b.achieved && b.achieved <= 100, { message: 'bands must rise: partial ≤ achieved ≤ 100' })
      .optional()
      .describe('lower edges in percent of the points: 达成 ≥ achieved (80), 部分达成 ≥ partial (50; 60 in some systems)'),
    levelWeights: z.record(z.string().min(1).max(50), z.number().min(0).max(100)).optional().describe('first-level weights, e.g. { "产出指标": 50, "效益指标": 30, "满意度指标": 10 }'),
    overAchievementPercent: percent.nullable().optional().describe('an actual at or above this percent of its target needs an explanation (130; null: never)'),
    overAchievementDeduction: z.number().min(0).max(100).optional().describe('percent of its points an over-achieving indicator loses (0)'),
    grades: z
      .object({ 优: z.number().min(0).max(100), 良: z.number().min(0).max(100), 中: z.number().min(0).max(100) })
      .strict()
      .refine((g) => g.中 <= g.良 && g.良 <= g.优, { message: 'grades must rise: 中 ≤ 良 ≤ 优' })
      .optional(),
    rules: z
      .record(z.string(), z.enum(['off', 'error', 'warning', 'info']))
      .optional()
      .superRefine((rules, ctx) => {
        for (const id of Object.keys(rules ?? {})) if (!ids.has(id)) ctx.addIssue({ code: 'custom', message: `unknown self-evaluation rule "${id}"`, path: [id] });
      }),
  })
  .strict();

/** A region's scoring settings as stored. */
export type ScoringSettings = z.infer<typeof scoringConfigSchema>;

/** Reads the settings from parsed JSON, or lists every problem by field. */
export function parseScoringConfig(json: unknown): { ok: true; config: ScoringConfig; rules: Record<string, RuleSetting> } | { ok: false; problems: string[] } {
  const result = scoringConfigSchema.safeParse(json);
  if (!result.success) return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`) };
  const { rules, ...rest } = result.data;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<ScoringConfig>;
  return { ok: true, config: { ...DEFAULT_SCORING_CONFIG, ...defined }, rules: rules ?? {} };
}
