/** The demo district's rectification ledger and disclosure (issue 26, item 8), as the bureau and a department see them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDisclosure } from '../core/disclosure/disclosure.ts';
import { startTestApp, type TestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';

interface Row {
  id: string;
  state: string;
  overdue: boolean;
  source: { type: string; documentId: string | null };
}

describe.each(STORE_KINDS)('the demo district’s ledger and disclosure (%s)', (_name, open) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(open, { district: true });
  }, 900_000);
  afterAll(() => t?.close());

  it('has eight items in every state, two overdue, opened from monitoring reports, an assessment, a returned form and by hand', async () => {
    const reviewer = await t.as('haizhu-reviewer');
    const items = (await reviewer.get<{ items: Row[] }>('/api/v1/rectifications')).body.items;
    expect(items.length).toBe(8);
    const states = items.map((i) => i.state);
    expect(states.filter((s) => s === 'open').length).toBe(3);
    expect(states.filter((s) => s === 'reported').length).toBe(2);
    expect(states.filter((s) => s === 'accepted').length).toBe(2);
    expect(states.filter((s) => s === 'reopened').length).toBe(1);
    expect(items.filter((i) => i.overdue).length).toBe(2);
    // (The demo's 抽评 are still being scored by the agency: none of their findings is concluded yet.)
    expect([...new Set(items.map((i) => i.source.type))].sort()).toEqual(['assessment', 'manual', 'monitoring-report', 'target-return']);
    const withFile = items.filter((i) => i.state === 'reported' || i.state === 'accepted');
    const files = await Promise.all(withFile.map((i) => reviewer.get<{ files: unknown[] }>(`/api/v1/documents/${i.id}/files`)));
    expect(files.filter((f) => f.body.files.length === 1).length).toBe(2);
  });

  it('shows the ledger on the dashboard by department, the overdue ones counted', async () => {
    const reviewer = await t.as('haizhu-reviewer');
    const dashboard = (await reviewer.get<{ rectification: Array<{ departmentName: string; overdue: number; total: number }> }>('/api/v1/dashboard?year=2025')).body;
    expect(dashboard.rectification.reduce((n, d) => n + d.overdue, 0)).toBe(2);
    expect(dashboard.rectification[0]?.overdue).toBeGreaterThan(0);
  });

  it('has one late project form with its reason, the rest of the late ones owing theirs', async () => {
    const reviewer = await t.as('haizhu-reviewer');
    const view = (await reviewer.get<{ forms: FormDisclosure[] }>('/api/v1/disclosure?year=2025')).body;
    const reasoned = view.forms.filter((f) => f.reason !== null);
    expect(reasoned).toEqual([expect.objectContaining({ status: 'overdue', reasonMissing: false, kind: 'project-target' })]);
  });
});
