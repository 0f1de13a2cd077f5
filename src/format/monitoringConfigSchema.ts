/** A region's monitoring settings (`jixiao monitor --config FILE`): light bands, the deviation threshold, rule settings. */
import { z } from 'zod';
import { DEFAULT_MONITORING_CONFIG, type MonitoringConfig } from '../core/monitoring/lights.ts';
import { MONITORING_RULES } from '../core/monitoring/monitoringRules.ts';
import type { RuleSetting } from '../core/rules/checkConfig.ts';

const ids = new Set(MONITORING_RULES.map((r) => r.id));
const bands = z
  .object({ red: z.number().min(0).max(1000), yellow: z.number().min(0).max(1000), blue: z.number().min(0).max(10_000).nullable().optional() })
  .strict()
  .refine((b) => b.red <= b.yellow && (b.blue === undefined || b.blue === null || b.yellow <= b.blue), { message: 'bands must rise: red ≤ yellow ≤ blue' });

export const monitoringConfigSchema = z
  .object({
    budget: bands.optional().describe('percent of the time share below which the budget light is red, yellow (blue: at or above)'),
    indicators: bands.optional(),
    deviationPercent: z.number().min(0).max(1000).optional().describe('a stage deviation above this needs an explanation (default 30)'),
    rateUnits: z.array(z.string().min(1).max(10)).max(20).optional(),
    rules: z
      .record(z.string(), z.enum(['off', 'error', 'warning', 'info']))
      .optional()
      .superRefine((rules, ctx) => {
        for (const id of Object.keys(rules ?? {})) if (!ids.has(id)) ctx.addIssue({ code: 'custom', message: `unknown monitoring rule "${id}"`, path: [id] });
      }),
  })
  .strict();

/** A region's monitoring settings as stored (RegionSettings.monitoring). */
export type MonitoringSettings = z.infer<typeof monitoringConfigSchema>;

/** Reads the settings from parsed JSON, or lists every problem by field. */
export function parseMonitoringConfig(json: unknown): { ok: true; config: MonitoringConfig; rules: Record<string, RuleSetting> } | { ok: false; problems: string[] } {
  const result = monitoringConfigSchema.safeParse(json);
  if (!result.success) return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`) };
  const d = DEFAULT_MONITORING_CONFIG;
  const v = result.data;
  const band = (b: typeof v.budget, fallback: MonitoringConfig['budget']) => (b ? { red: b.red, yellow: b.yellow, blue: b.blue ?? null } : fallback);
  return {
    ok: true,
    config: { budget: band(v.budget, d.budget), indicators: band(v.indicators, d.indicators), deviationPercent: v.deviationPercent ?? d.deviationPercent, rateUnits: v.rateUnits ?? d.rateUnits },
    rules: v.rules ?? {},
  };
}
