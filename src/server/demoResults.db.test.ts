/** The demo district's 结果应用 (issue 26, item 8): Haizhu's 2024 results make its 2025 proposals, every kind of rule deciding a row. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';

type Table = { rows: Array<{ department: string; project: string; proposed: string; lastAmount: string; rule: string; rulesVersion: number | null; fired: Array<{ rule: string }>; overRequest: boolean; exception: { reason: string } | null }>; rules: { version: number | null }; byRule: Record<string, number> };

describe.each(STORE_KINDS)('the demo district’s budget proposals (%s)', (_name, open) => {
  let t: TestApp;
  let table: Table;

  beforeAll(async () => {
    t = await startTestApp(open, { district: true });
    const reviewer = await t.as('haizhu-reviewer');
    table = (await reviewer.get<Table>('/api/v1/results/proposals?year=2025&limit=1000')).body;
  }, 900_000);
  afterAll(() => t?.close());

  it('fires every kind of rule, under the rules of version 2', () => {
    expect(table.rules.version).toBe(2);
    const fired = new Set(table.rows.flatMap((r) => r.fired.map((f) => f.rule)));
    for (const rule of ['grades.优', 'grades.良', 'grades.中', 'grades.差', 'keyEvaluation.中', 'exAnte.reject', 'exAnte.cut', 'redLight']) expect(fired.has(rule), rule).toBe(true);
    for (const rule of ['none', 'exception']) expect(table.byRule[rule] ?? 0, rule).toBeGreaterThan(0);
    expect(table.rows.every((r) => r.rulesVersion === 2)).toBe(true);
    const cancelled = table.rows.filter((r) => r.rule === 'grades.差' || r.rule === 'exAnte.reject');
    expect(cancelled.every((r) => r.proposed === '0.00')).toBe(true);
    expect(table.rows.find((r) => r.rule === 'exception')?.exception?.reason).toContain('民生兜底');
    // Departments asking for more than their proposal are shown.
    expect(table.rows.some((r) => r.overRequest)).toBe(true);
  });

  it("shows a Haizhu department only its own rows", async () => {
    const editor = await t.as('hz01-editor');
    const mine = (await editor.get<Table>('/api/v1/results/proposals?year=2025')).body;
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(new Set(mine.rows.map((r) => r.department)).size).toBe(1);
  });
});
