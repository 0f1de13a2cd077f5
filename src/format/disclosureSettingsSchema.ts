/**
 * A bureau's settings for what follows from results: the rectification ledger's hold on next-year
 * forms, and disclosure on time (财预〔2018〕34号 and 预算法: targets public with the budget, self-evaluations
 * with the final accounts, within 20 days of their approval).
 */
import { z } from 'zod';
import { isDay } from '../core/rectification/rectification.ts';

const day = z.string().refine(isDay, 'a day YYYY-MM-DD such as "2025-01-20"');

export const rectificationSettingsSchema = z.object({ blockNextYear: z.boolean().describe("refuse to submit a project's form while its rectification items of earlier years are overdue") }).strict();
export type RectificationSettings = z.infer<typeof rectificationSettingsSchema>;

export const disclosureSettingsSchema = z
  .object({
    days: z.number().int().min(0).max(365).optional().describe('days after approval by which forms must be public (20)'),
    goalPercent: z.number().int().min(0).max(100).optional().describe("the share of project forms each department is to publish (100)"),
    years: z
      .record(z.string().regex(/^\d{4}$/), z.object({ budgetApproved: day.nullable().optional().describe('the day the budget was approved (targets are public with it)'), accountsApproved: day.nullable().optional().describe('the day the final accounts were approved (self-evaluations are public with them)') }).strict())
      .optional(),
  })
  .strict();
export type DisclosureSettings = z.infer<typeof disclosureSettingsSchema>;
