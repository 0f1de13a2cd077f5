/** The documents as `jixiao monitor` and `jixiao score` take them, and as the server stores them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monitoringReportInputSchema, monitoringReportSchema } from './monitoringReportSchema.ts';
import { selfEvaluationInputSchema, selfEvaluationSchema } from './selfEvaluationSchema.ts';

type Json = Record<string, unknown>;
const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')) as Json;
/** The object without the keys. */
const omit = (object: Json, ...keys: string[]): Json => Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));

describe('the monitoring report', () => {
  const bare = omit(fixture('monitoring/red-lights.json'), 'lights', 'unparsed');
  const indicators = (bare.indicators as Json[]).map((indicator) => omit(indicator, 'light'));

  it('as input: lights and unparsed may be left out, and come out as not reported', () => {
    const parsed = monitoringReportInputSchema.parse({ ...bare, indicators });
    expect(parsed.lights).toEqual({ budget: null, indicators: null, overall: null });
    expect(parsed.indicators.map((i) => i.light)).toEqual([null, null, null, null]);
    expect(parsed.unparsed).toEqual([]);
    expect(monitoringReportInputSchema.parse({ ...bare, indicators, lights: { overall: 'red' } }).lights).toEqual({ budget: null, indicators: null, overall: 'red' });
  });

  it('as stored: every field is required, and neither takes an unknown one', () => {
    expect(monitoringReportSchema.safeParse({ ...bare, indicators }).success).toBe(false);
    expect(monitoringReportInputSchema.safeParse({ ...bare, indicators, extra: 1 }).success).toBe(false);
  });
});

describe('the self-evaluation', () => {
  const bare = omit(fixture('evaluations/example.json'), 'total', 'grade', 'unparsed');
  const funds = omit(bare.funds as Json, 'score');
  const indicators = (bare.indicators as Json[]).map((indicator) => omit(indicator, 'score'));

  it('as input: scores, total, grade and unparsed may be left out, and come out as not printed', () => {
    const parsed = selfEvaluationInputSchema.parse({ ...bare, funds, indicators });
    expect([parsed.total, parsed.grade, parsed.funds.score, parsed.unparsed]).toEqual([null, null, null, []]);
    expect(parsed.indicators.every((i) => i.score === null)).toBe(true);
  });

  it('as stored: every field is required', () => {
    expect(selfEvaluationSchema.safeParse({ ...bare, funds, indicators }).success).toBe(false);
  });
});
