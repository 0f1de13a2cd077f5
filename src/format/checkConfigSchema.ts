/**
 * The checker's configuration file (`jixiao check --config FILE`), validated so that a typo in a
 * rule id or a threshold is reported by name instead of being silently ignored.
 */
import { z } from 'zod';
import { ALL_RULES } from '../core/rules/allRules.ts';
import { withConfig, type CheckConfig } from '../core/rules/checkConfig.ts';

const ruleIds = new Set(ALL_RULES.map((rule) => rule.id));

export const checkConfigSchema = z
  .object({
    framework: z.enum(['national', 'legacy']).optional().describe('national: 101号 layout; legacy: also accept 成本指标 under 产出指标'),
    rules: z
      .record(z.string(), z.enum(['off', 'error', 'warning', 'info']))
      .optional()
      .superRefine((rules, ctx) => {
        for (const id of Object.keys(rules ?? {})) {
          if (!ruleIds.has(id)) ctx.addIssue({ code: 'custom', message: `unknown rule "${id}"`, path: [id] });
        }
      }),
    thresholds: z
      .object({
        satisfactionMinimum: z.number().min(0).max(100).optional(),
        flagPerfectSatisfaction: z.boolean().optional(),
        coverageMinimumShared: z.number().int().min(1).max(20).optional(),
        exAnteRequiredFrom: z.string().regex(/^\d{1,12}(\.\d{1,6})?$/).nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Reads a configuration from parsed JSON, or lists every problem with the field it concerns. */
export function parseCheckConfig(json: unknown): { ok: true; config: CheckConfig } | { ok: false; problems: string[] } {
  const result = checkConfigSchema.safeParse(json);
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`) };
  }
  const { framework, rules, thresholds } = result.data;
  const clean = Object.fromEntries(Object.entries(thresholds ?? {}).filter(([, v]) => v !== undefined));
  return {
    ok: true,
    config: withConfig({ ...(framework ? { framework } : {}), ...(rules ? { rules } : {}), thresholds: clean }),
  };
}
