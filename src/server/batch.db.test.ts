/**
 * Reviewer tools at scale over real HTTP, on both stores: one step for many forms at once, each
 * checked by the policy and recorded on its own; a list exported to Excel as filtered.
 */
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../readers/workbookReader.ts';
import { ApiClient } from './testing/apiClient.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { useTestApp } from './testing/testApp.ts';

type Batch = { results: Array<{ id: string; ok: boolean; state?: string; error?: { id: string } }>; done: number; failed: number };

describe.each(STORE_KINDS)('batch steps and list export on the %s store', (_name, open) => {
  const t = useTestApp(open, { family: true });
  const as = (username: string) => t.as(username);

  it('submits and approves many forms at once, each on its own, saying per form what it could not do', async () => {
    const approver = await as('haizhu-approver');
    const reviewer = await as('haizhu-reviewer');
    const editor = await as('haizhu-editor');
    const drafts = (await approver.get<{ items: Array<{ id: string }> }>('/api/v1/declarations?year=2025&kind=project-target&state=draft&pageSize=5')).body.items.map((d) => d.id);
    const submitted = (await approver.get<{ items: Array<{ id: string }> }>('/api/v1/declarations?year=2025&state=submitted&pageSize=1')).body.items.map((d) => d.id);
    expect(drafts.length).toBe(5);

    // An editor may not submit: each form says so, nothing moves.
    const refused = await editor.post<Batch>('/api/v1/declarations/batch-transitions', { ids: drafts, request: { action: 'submit' } });
    expect(refused.body).toMatchObject({ done: 0, failed: 5 });
    expect(refused.body.results.every((r) => r.error?.id === 'forbidden')).toBe(true);

    const batch = await approver.post<Batch>('/api/v1/declarations/batch-transitions', { ids: [...drafts, ...submitted], request: { action: 'submit' } });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ done: 5, failed: 1 });
    expect(batch.body.results.find((r) => r.id === submitted[0])?.error?.id).toBe('wrong-state');

    const approved = await reviewer.post<Batch>('/api/v1/declarations/batch-transitions', { ids: drafts, request: { action: 'review', grade: '良' } });
    expect(approved.body).toMatchObject({ done: 5, failed: 0 });
    expect(approved.body.results.every((r) => r.state === 'approved')).toBe(true);
    // Recorded one by one.
    const audit = await (await as('admin')).get<{ entries: Array<{ entityId: string }> }>('/api/v1/audit?action=declaration.review&pageSize=100');
    for (const id of drafts) expect(audit.body.entries.some((e) => e.entityId === id)).toBe(true);

    const returnWithout = await reviewer.post<Batch>('/api/v1/declarations/batch-transitions', { ids: submitted, request: { action: 'review', grade: '中' } });
    expect(returnWithout.body.results[0]?.error?.id).toBe('reason-required');
    expect((await reviewer.post('/api/v1/declarations/batch-transitions', { ids: [], request: { action: 'submit' } })).status).toBe(400);
  });

  it('exports the list as filtered to Excel, and only what the user may see', async () => {
    const reviewer = await as('haizhu-reviewer');
    const list = (await reviewer.get<{ total: number }>('/api/v1/declarations?year=2025&state=approved')).body;
    const sheet = await reviewer.bytes('/api/v1/declarations/list.xlsx?year=2025&state=approved');
    expect(sheet.status).toBe(200);
    const rows = readWorkbook(sheet.bytes).sheets[0]?.rows ?? [];
    expect(rows[0]?.map((c) => c.text)).toEqual(['年度', '部门', '种类', '项目', '状态', '金额（万元）', '错误', '警告', '审核结果', '更新时间']);
    expect(rows.length - 1).toBe(list.total);
    expect(rows.slice(1).every((r) => r.some((c) => c.text === '已审核通过'))).toBe(true);
    // The file is named for its year and filter; 更新时间 is a date, not text.
    expect(sheet.headers.get('content-disposition')).toContain(encodeURIComponent('申报表-2025年-已审核通过.xlsx'));
    expect(rows[1]?.at(-1)?.text).toMatch(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/);
    const anonymous = await new ApiClient(t.base).bytes('/api/v1/declarations/list.xlsx?state=draft');
    expect(readWorkbook(anonymous.bytes).sheets[0]?.rows.length).toBe(1);
  });

  it('accepts and returns many monitoring reports and self-evaluations at once, each by the policy', async () => {
    const reviewer = await as('haizhu-reviewer');
    const editor = await as('haizhu-editor');
    const rounds = (await reviewer.get<{ rounds: Array<{ id: string }> }>('/api/v1/monitoring/rounds?year=2025')).body.rounds;
    const round = (await reviewer.get<{ items: Array<{ id: string; state: string; lightOverall: string | null }> }>(`/api/v1/monitoring/rounds/${rounds[0]?.id ?? ''}?pageSize=100`)).body.items;
    const submitted = round.filter((r) => r.state === 'submitted').map((r) => r.id);
    const accepted = round.filter((r) => r.state === 'accepted').map((r) => r.id);
    expect(submitted.length).toBeGreaterThan(0);
    // The department may not decide; an accepted report cannot be accepted again.
    const refused = (await editor.post<Batch>('/api/v1/monitoring/reports/batch-transitions', { ids: submitted, request: { action: 'accept' } })).body;
    expect(refused.done).toBe(0);
    const returned = (await reviewer.post<Batch>('/api/v1/monitoring/reports/batch-transitions', { ids: [...submitted, ...accepted.slice(0, 1)], request: { action: 'return', reason: '请补充偏差原因。' } })).body;
    expect(returned.done).toBe(submitted.length);
    expect(returned.results.filter((r) => !r.ok).map((r) => r.id)).toEqual(accepted.slice(0, 1));
    const audit = await (await as('admin')).get<{ total: number }>('/api/v1/audit?action=monitoring.report-return');
    expect(audit.body.total).toBeGreaterThanOrEqual(submitted.length);

    const overview = (await reviewer.get<{ items: Array<{ id: string; state: string }> }>('/api/v1/evaluations/overview?year=2024&pageSize=100')).body.items;
    const toAccept = overview.filter((e) => e.state === 'submitted').map((e) => e.id);
    const answer = (await reviewer.post<Batch>('/api/v1/evaluations/batch-transitions', { ids: [...toAccept, 'no-such-id'], request: { action: 'accept' } })).body;
    expect(answer.done).toBe(toAccept.length);
    expect(answer.results.find((r) => r.id === 'no-such-id')?.error?.id).toBe('not-found');
    expect((await reviewer.post('/api/v1/evaluations/batch-transitions', { ids: [], request: { action: 'accept' } })).status).toBe(400);
  });
});
