/** The demo district's assessments (issue 25, item 9), as the bureau's reviewer and the panel see them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../core/assessment/assessment.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';

interface Listed {
  id: string;
  state: string;
  target: { id: string } | null;
  summary: { score: string | null; grade: string | null; facts: { purpose: string; decision?: string | null; cut?: string | null; scorers: number } };
}

describe.each(STORE_KINDS)('the demo district’s assessments (%s)', (_name, open) => {
  let t: TestApp;
  let items: Listed[];

  beforeAll(async () => {
    t = await startTestApp(open, { district: true });
    const reviewer = await t.as('haizhu-reviewer');
    items = (await reviewer.get<{ items: Listed[] }>('/api/v1/documents?kind=assessment&pageSize=100')).body.items;
  }, 900_000);
  afterAll(() => t?.close());

  it('has ex-ante assessments, each new and continuing pair one supported with a cut written into its project form, one rejected and flagged', async () => {
    const exAnte = items.filter((d) => d.summary.facts.purpose === 'ex-ante-project');
    // Two of new projects, and two of continuing projects' next-year forms made by the results' demo (demoResults.ts).
    expect(exAnte.map((d) => d.summary.facts.decision).sort()).toEqual(['reject', 'reject', 'support-after-adjustment', 'support-after-adjustment']);
    const reviewer = await t.as('haizhu-reviewer');
    for (const d of exAnte) {
      const form = await reviewer.get<{ content: { exAnte?: { decision: string; cut: string | null } }; findings: Array<{ rule: string }> }>(`/api/v1/documents/${d.target?.id ?? ''}`);
      expect(form.body.content.exAnte?.decision).toBe(d.summary.facts.decision);
      if (d.summary.facts.decision === 'reject') expect(form.body.findings.map((f) => f.rule)).toContain('project-ex-ante');
      else expect(Number(form.body.content.exAnte?.cut)).toBeGreaterThan(0);
    }
  });

  it('has a key evaluation scored by three experts and an agency, released; a department-wide evaluation; a 抽评 sample', async () => {
    const key = items.find((d) => d.summary.facts.purpose === 'key-evaluation');
    expect(key).toMatchObject({ state: 'released', summary: { facts: { scorers: 4 } } });
    expect(key?.summary.score).not.toBeNull();
    const department = items.find((d) => d.summary.facts.purpose === 'department-evaluation');
    expect(department?.state).toBe('concluded');
    const reviewer = await t.as('haizhu-reviewer');
    const doc = await reviewer.get<{ content: Assessment }>(`/api/v1/documents/${department?.id ?? ''}`);
    expect(doc.body.content.data['staff-control-rate']?.value).toBe('103.33');
    expect(items.filter((d) => d.summary.facts.purpose === 'sampling-review').length).toBeGreaterThan(0);
    const samples = await reviewer.get<{ samples: Array<{ id: string; seed: string; drawn: number }> }>('/api/v1/assessments/samples?year=2024');
    expect(samples.body.samples[0]).toMatchObject({ seed: 'haizhu-2024-抽评' });
    const agency = await t.as('agency-zhongxin', TEST_PASSWORD);
    const mine = await agency.get<{ items: Listed[] }>('/api/v1/documents?kind=assessment&pageSize=100');
    // Said in full when it fails: which the agency was listed, and every draw of the year.
    expect(mine.body.items.length, JSON.stringify({ listed: mine.body.items.map((i) => [i.summary.facts.purpose, i.state, i.target?.id]), samples: samples.body.samples })).toBe((samples.body.samples[0]?.drawn ?? 0) + 1);
  });
});
