/**
 * In-year monitoring over real HTTP, on both stores: a round opened, reports prefilled from approved
 * targets, filled, refused while a red row is unexplained, submitted, returned with a reason and a
 * row comment, fixed, accepted with rectification advice; the policy matrix; documents in and out.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringReport } from '../core/monitoringReport.ts';
import type { ReportSummary, ReportView, RoundOverview, RoundView } from '../format/apiTypes.ts';
import { nested, standardFontsPdf } from '../readers/testing/pdfs.ts';
import { readWorkbook } from '../readers/workbookReader.ts';
import { verifyAudit } from '../store/auditLog.ts';
import type { Store } from '../store/openStore.ts';
import { ApiClient } from './testing/apiClient.ts';
import { demoPlaces } from './testing/demoPlaces.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { useTestApp, TEST_PASSWORD } from './testing/testApp.ts';

const PASSWORD = TEST_PASSWORD;

/** The row the tests put far behind: the task completion rate every demo project form has. */
const LATE = '年度工作任务完成率';
const lateRow = (report: MonitoringReport) => report.indicators.findIndex((i) => i.name === LATE);

/** Fills every row on track, except the completion rate, which is far behind. */
function filled(report: MonitoringReport, explainFirst: boolean): MonitoringReport {
  const annual = report.budget.annual ?? '0.00';
  const late = lateRow(report);
  return {
    ...report,
    budget: { ...report.budget, executedToDate: (Number(annual) * 0.6).toFixed(2), projectedAnnual: annual, reason: '' },
    indicators: report.indicators.map((indicator, i) => ({
      ...indicator,
      // The late row: a rate reported at a fraction of its target (red); the others at their target.
      actualToDate: i === late ? '10%' : onTarget(indicator.annualTarget),
      projectedAnnual: i === late ? '20%' : onTarget(indicator.annualTarget),
      likelihood: i === late ? 'possible' : 'certain',
      deviation: i === late && explainFirst ? { categories: ['人员保障'], reason: '上半年人员调整，工作延后。', measures: '下半年增派人手，按月督办。' } : indicator.deviation,
    })),
  };
}

/** An actual value that meets a target: its number without the operator, a deadline met, a grade. */
function onTarget(target: string): string {
  if (/前|底/.test(target)) return '已完成';
  const number = target.replace(/^[≥≤=<>＞＜]+/, '');
  return /\d/.test(number) ? (target.startsWith('≤') || target.startsWith('<') ? '0次' : number) : '达成';
}

describe.each(STORE_KINDS)('in-year monitoring on the %s store', (_name, open) => {
  const t = useTestApp(open, { family: true });
  let store: Store;
  const as = (username: string) => t.as(username);
  let haizhu: string;
  let yuexiu: string;
  let roundId: string;

  beforeAll(async () => {
    ({ store } = t);
    ({ haizhu, yuexiu } = await demoPlaces(t));
  }, 120_000);

  it('comes with the demo’s 1–7月 round: reports in every state, lights of every colour', async () => {
    const reviewer = await as('haizhu-reviewer');
    const rounds = await reviewer.get<{ rounds: RoundView[] }>('/api/v1/monitoring/rounds');
    expect(rounds.body.rounds).toHaveLength(1);
    const overview = await reviewer.get<RoundOverview>(`/api/v1/monitoring/rounds/${rounds.body.rounds[0]?.id}`);
    expect(overview.body.counts.byState).toEqual({ draft: 1, submitted: 1, returned: 1, accepted: 1 });
    expect(overview.body.items[0]).toMatchObject({ state: 'accepted', lights: { overall: 'red' }, rectificationNeeded: true });
    const colours = new Set<string>();
    for (const item of overview.body.items.filter((i) => i.state !== 'draft')) {
      const view = await reviewer.get<ReportView>(`/api/v1/monitoring/reports/${item.id}`);
      for (const p of view.body.computed.perIndicator) if (p.light) colours.add(p.light);
    }
    expect([...colours].sort()).toEqual(['blue', 'green', 'red', 'yellow']);
  });

  it('opens a round: every approved or published 2025 form gets a report, prefilled from its targets', async () => {
    const reviewer = await as('haizhu-reviewer');
    const bad = await reviewer.post('/api/v1/monitoring/rounds', { regionId: haizhu, year: 2025, name: '1–7月', through: '2025-02-30', due: '2025-10-15' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('through');
    const early = await reviewer.post('/api/v1/monitoring/rounds', { regionId: haizhu, year: 2025, name: '1–9月', through: '2025-09-30', due: '2025-09-01' });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain('due');
    // A reviewer opens rounds only for their own region; editors never.
    expect((await reviewer.post('/api/v1/monitoring/rounds', { regionId: yuexiu, year: 2025, name: '1–9月', through: '2025-09-30', due: '2025-10-15' })).status).toBe(403);
    expect((await (await as('haizhu-editor')).post('/api/v1/monitoring/rounds', { regionId: haizhu, year: 2025, name: '1–9月', through: '2025-09-30', due: '2025-10-15' })).status).toBe(403);

    const opened = await reviewer.post<{ id: string; reports: number }>('/api/v1/monitoring/rounds', { regionId: haizhu, year: 2025, name: '1–9月', through: '2025-09-30', due: '2025-10-15' });
    expect(opened.status).toBe(201);
    // The demo's 2025 project forms: two published, two approved (the department form is a draft).
    expect(opened.body.reports).toBe(4);
    roundId = opened.body.id;
    expect((await reviewer.post('/api/v1/monitoring/rounds', { regionId: haizhu, year: 2025, name: '1–9月', through: '2025-09-30', due: '2025-10-15' })).status).toBe(409);

    const editor = await as('haizhu-editor');
    // The demo's 1–7月 round and this one, newest cutoff first.
    const rounds = await editor.get<{ rounds: RoundView[] }>('/api/v1/monitoring/rounds?year=2025');
    expect(rounds.body.rounds.map((r) => r.through)).toEqual(['2025-09-30', '2025-07-31']);
    expect(rounds.body.rounds[0]).toMatchObject({ id: roundId, name: '1–9月', owed: 4, canOversee: false });
    const owed = await editor.get<{ reports: ReportSummary[] }>(`/api/v1/monitoring/rounds/${roundId}/reports`);
    expect(owed.body.reports).toHaveLength(4);
    const view = await editor.get<ReportView>(`/api/v1/monitoring/reports/${owed.body.reports[0]?.id}`);
    expect(view.status).toBe(200);
    expect(view.body.content.target).toEqual({ id: view.body.targetId, kind: 'project-target', version: view.body.target.version });
    expect(view.body.content.indicators.length).toBeGreaterThan(3);
    expect(view.body.content.indicators.every((i) => i.actualToDate === '' && i.annualTarget !== '')).toBe(true);
    expect(view.body.content.budget.annual).toMatch(/^\d+\.\d{2}$/);
    expect(view.body.canEdit).toBe(true);
  });

  it('fills, is refused while a red row is unexplained, submits, is returned, fixed and accepted with advice', async () => {
    const editor = await as('haizhu-editor');
    const approver = await as('haizhu-approver');
    const reviewer = await as('haizhu-reviewer');
    const owed = await editor.get<{ reports: ReportSummary[] }>(`/api/v1/monitoring/rounds/${roundId}/reports`);
    const reportId = owed.body.reports[0]?.id ?? '';
    let view = (await editor.get<ReportView>(`/api/v1/monitoring/reports/${reportId}`)).body;

    // A draft stays with its department: the reviewer does not see it yet.
    expect((await reviewer.get(`/api/v1/monitoring/reports/${reportId}`)).status).toBe(404);

    const saved = await editor.put<ReportView>(`/api/v1/monitoring/reports/${reportId}`, { baseVersion: view.version, content: filled(view.content, false) });
    expect(saved.status).toBe(200);
    view = saved.body;
    const late = lateRow(view.content);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(view.computed.perIndicator[late]?.light).toBe('red');
    expect(view.required.indicators.map((required, i) => [view.content.indicators[i]?.name, required]).filter(([, r]) => r)).toEqual([[LATE, true]]);
    expect(view.findings.some((f) => f.rule === 'monitoring-deviation-unexplained' && f.path === `/indicators/${late}/deviation/reason`)).toBe(true);
    // The targets are the target form's: a changed annual target is put back.
    const tampered = structuredClone(view.content);
    (tampered.indicators[late] as { annualTarget: string }).annualTarget = '≥1%';
    const kept = await editor.put<ReportView>(`/api/v1/monitoring/reports/${reportId}`, { baseVersion: view.version, content: tampered });
    expect(kept.body.content.indicators[late]?.annualTarget).toBe(view.content.indicators[late]?.annualTarget);
    view = kept.body;
    // A stale version is refused, not merged.
    expect((await editor.put(`/api/v1/monitoring/reports/${reportId}`, { baseVersion: view.version - 1, content: view.content })).status).toBe(409);

    // Editors fill; the approver submits — and is told what is missing.
    expect((await editor.post(`/api/v1/monitoring/reports/${reportId}/transitions`, { action: 'submit' })).status).toBe(403);
    const refused = await approver.post<{ error: { id: string; fields: Array<{ field: string }> } }>(`/api/v1/monitoring/reports/${reportId}/transitions`, { action: 'submit' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe('report-incomplete');
    expect(refused.body.error.fields.map((f) => f.field)).toContain(`content.indicators.${late}.deviation.reason`);

    view = (await editor.put<ReportView>(`/api/v1/monitoring/reports/${reportId}`, { baseVersion: view.version, content: filled(view.content, true) })).body;
    expect((await approver.post(`/api/v1/monitoring/reports/${reportId}/transitions`, { action: 'submit' })).body).toEqual({ state: 'submitted' });
    expect((await editor.put(`/api/v1/monitoring/reports/${reportId}`, { baseVersion: view.version, content: view.content })).status).toBe(409);

    // The reviewer's round page: the red report first, counted.
    const overview = await reviewer.get<RoundOverview>(`/api/v1/monitoring/rounds/${roundId}`);
    expect(overview.status).toBe(200);
    expect(overview.body.items[0]).toMatchObject({ id: reportId, lights: { overall: 'red' }, state: 'submitted' });
    expect(overview.body.counts.byLight.red).toBe(1);
    expect(overview.body.counts.byLight.none).toBe(3);
    expect(overview.body.counts.byState).toEqual({ draft: 3, submitted: 1, returned: 0, accepted: 0 });
    expect(overview.body.execution).toHaveLength(1);
    expect(overview.body.execution[0]?.rate).toBe('60.00');
    expect(overview.body.timeElapsed).toBe('75.00');
    // The due date (2025-10-15) has passed: the three unsubmitted reports are overdue.
    expect(overview.body.overdueTotal).toBe(3);
    expect((await reviewer.get<RoundOverview>(`/api/v1/monitoring/rounds/${roundId}?light=red`)).body.total).toBe(1);
    // Each filter's count is what it lists (counted from the state × light counts when no words are typed).
    for (const light of ['red', 'yellow', 'green', 'blue', 'none', undefined]) {
      for (const state of ['draft', 'submitted', 'returned', 'accepted', undefined]) {
        for (const q of [undefined, '局']) {
          const params = new URLSearchParams({ pageSize: '200', ...(light ? { light } : {}), ...(state ? { state } : {}), ...(q ? { q } : {}) });
          const { body } = await reviewer.get<RoundOverview>(`/api/v1/monitoring/rounds/${roundId}?${params.toString()}`);
          expect(body.total, params.toString()).toBe(body.items.length);
          for (const item of body.items) {
            if (state) expect(item.state).toBe(state);
            if (light) expect(item.state === 'draft' ? 'none' : (item.lights.overall ?? 'none')).toBe(light);
          }
        }
      }
    }
    // The list as a sheet, red first, with the page's filters.
    const sheet = readWorkbook((await reviewer.bytes(`/api/v1/monitoring/rounds/${roundId}/reports.xlsx`)).bytes).sheets[0]?.rows ?? [];
    expect(sheet.length - 1).toBe(4);
    expect(sheet[1]?.map((c) => c.text)).toContain('红灯（严重滞后）');
    expect((readWorkbook((await reviewer.bytes(`/api/v1/monitoring/rounds/${roundId}/reports.xlsx?light=red`)).bytes).sheets[0]?.rows ?? []).length).toBe(2);
    expect((await (await as('haizhu-editor')).bytes(`/api/v1/monitoring/rounds/${roundId}/reports.xlsx`)).status).toBe(403);
    expect((await reviewer.get<RoundOverview>(`/api/v1/monitoring/rounds/${roundId}?state=draft`)).body.items.every((i) => i.lights.overall === null)).toBe(true);

    // Returned: a reason is required; a comment anchors to the row.
    expect((await reviewer.post(`/api/v1/monitoring/reports/${reportId}/transitions`, { action: 'return', reason: '  ' })).status).toBe(400);
    expect((await reviewer.post(`/api/v1/monitoring/reports/${reportId}/comments`, { path: `/indicators/${late}/actualToDate`, body: '请核实完成值的统计口径。' })).status).toBe(201);
    expect((await reviewer.post(`/api/v1/monitoring/reports/${reportId}/comments`, { path: '/indicators/999', body: 'x' })).status).toBe(400);
    expect((await reviewer.post(`/api/v1/monitoring/reports/${reportId}/transitions`, { action: 'return', reason: '完成值偏低，请补充说明。' })).body).toEqual({ state: 'returned' });
    view = (await editor.get<ReportView>(`/api/v1/monitoring/reports/${reportId}`)).body;
    expect(view.state).toBe('returned');
    expect(view.returnReason).toContain('完成值偏低');
    const comments = await editor.get<{ comments: Array<{ path: string; anchored: boolean }> }>(`/api/v1/monitoring/reports/${reportId}/comments`);
    expect(comments.body.comments.map((c) => c.path)).toEqual([`/indicators/${late}/actualToDate`, '']);

    // Fixed and resubmitted; acceptance of a red report needs rectification advice.
    const fixed = structuredClone(view.content);
    (fixed.indicators[late] as { actualToDate: string }).actualToDate = '12%';
    view = (await editor.put<ReportView>(`/api/v1/monitoring/reports/${reportId}`, { baseVersion: view.version, content: fixed })).body;
    expect((await approver.post(`/api/v1/monitoring/reports/${reportId}/transitions`, { action: 'submit' })).status).toBe(200);
    const noAdvice = await reviewer.post<{ error: { id: string } }>(`/api/v1/monitoring/reports/${reportId}/transitions`, { action: 'accept' });
    expect(noAdvice.status).toBe(400);
    expect(noAdvice.body.error.id).toBe('advice-required');
    expect((await reviewer.post(`/api/v1/monitoring/reports/${reportId}/transitions`, { action: 'accept', advice: '暂缓拨付下半年资金，9月底前报送整改情况。' })).body).toEqual({ state: 'accepted' });
    view = (await editor.get<ReportView>(`/api/v1/monitoring/reports/${reportId}`)).body;
    expect(view.state).toBe('accepted');
    expect(view.content.rectification).toMatchObject({ needed: true, advice: '暂缓拨付下半年资金，9月底前报送整改情况。' });
    expect(view.canEdit).toBe(false);
    const versions = await editor.get<{ versions: Array<{ version: number; authorName: string | null }> }>(`/api/v1/monitoring/reports/${reportId}/versions`);
    expect(versions.body.versions[0]?.version).toBe(view.version);
    expect(versions.body.versions.at(-1)).toMatchObject({ version: 1, authorName: null });
    expect((await editor.get<{ content: MonitoringReport }>(`/api/v1/monitoring/reports/${reportId}/versions/1`)).body.content.indicators[late]?.actualToDate).toBe('');
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true });
  });

  it('keeps one version a sitting: autosaves of one person replace one another, a save without autosave stays', async () => {
    const editor = await as('haizhu-editor');
    const owed = await editor.get<{ reports: ReportSummary[] }>(`/api/v1/monitoring/rounds/${roundId}/reports`);
    const report = owed.body.reports.find((r) => r.state === 'draft' && r.version === 1) ?? owed.body.reports.find((r) => r.state === 'draft');
    const reportId = report?.id ?? '';
    const versions = async () => (await editor.get<{ versions: Array<{ version: number }> }>(`/api/v1/monitoring/reports/${reportId}/versions`)).body.versions.map((v) => v.version);
    let view = (await editor.get<ReportView>(`/api/v1/monitoring/reports/${reportId}`)).body;
    const before = await versions();
    const put = async (text: string, autosave: boolean) => {
      const content = structuredClone(view.content);
      (content.indicators[0] as { actualToDate: string }).actualToDate = text;
      view = (await editor.put<ReportView>(`/api/v1/monitoring/reports/${reportId}`, { baseVersion: view.version, content, autosave })).body;
    };
    await put('1', false);
    await put('2', true);
    await put('3', true);
    await put('4', true);
    // The save stays; the autosaves after it make one version, the last.
    const saved = (before[0] ?? 0) + 1;
    expect(await versions()).toEqual([view.version, saved, ...before]);
    expect(view.version).toBe(saved + 3);
    expect(view.content.indicators[0]?.actualToDate).toBe('4');
  });

  it('keeps reports within their department and region; refuses a report on targets not approved', async () => {
    const admin = await as('admin');
    const health = await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区卫生健康局', regionId: haizhu });
    expect((await admin.post('/api/v1/users', { username: 'm-health-editor', displayName: 'h', password: PASSWORD, role: 'editor', departmentId: health.body.id, regionId: null })).status).toBe(201);
    expect((await admin.post('/api/v1/users', { username: 'm-yuexiu-reviewer', displayName: 'y', password: PASSWORD, role: 'reviewer', departmentId: null, regionId: yuexiu })).status).toBe(201);
    const editor = await as('haizhu-editor');
    const health_ = await as('m-health-editor');
    const yuexiuReviewer = await as('m-yuexiu-reviewer');
    const reports = (await editor.get<{ reports: ReportSummary[] }>(`/api/v1/monitoring/rounds/${roundId}/reports`)).body.reports;
    const accepted = reports.find((r) => r.state === 'accepted');
    const draft = reports.find((r) => r.state === 'draft');
    expect(accepted && draft).toBeTruthy();

    // Another department of the region takes part in the round but owes nothing and sees no one else's report.
    expect((await health_.get<{ reports: ReportSummary[] }>(`/api/v1/monitoring/rounds/${roundId}/reports`)).body.reports).toEqual([]);
    for (const r of [accepted, draft]) {
      expect((await health_.get(`/api/v1/monitoring/reports/${r?.id}`)).status).toBe(404);
      expect((await health_.get(`/api/v1/monitoring/reports/${r?.id}.xlsx`)).status).toBe(404);
      expect((await yuexiuReviewer.get(`/api/v1/monitoring/reports/${r?.id}`)).status).toBe(404);
    }
    expect((await health_.get(`/api/v1/monitoring/rounds/${roundId}`)).status).toBe(403);
    // A reviewer of another district does not see the round at all.
    expect((await yuexiuReviewer.get<{ rounds: RoundView[] }>('/api/v1/monitoring/rounds')).body.rounds).toEqual([]);
    expect((await yuexiuReviewer.get(`/api/v1/monitoring/rounds/${roundId}`)).status).toBe(404);
    expect((await yuexiuReviewer.post(`/api/v1/monitoring/reports/${accepted?.id}/transitions`, { action: 'return', reason: 'x' })).status).toBe(404);
    // The public sees nothing of monitoring.
    const anonymous = new ApiClient(t.base);
    expect((await anonymous.get('/api/v1/monitoring/rounds')).status).toBe(401);
    expect((await anonymous.get(`/api/v1/monitoring/reports/${accepted?.id}`)).status).toBe(401);
    // The admin reads; only the department's approver submits, only reviewers decide.
    expect((await admin.get(`/api/v1/monitoring/reports/${accepted?.id}`)).status).toBe(200);
    expect((await admin.post(`/api/v1/monitoring/reports/${draft?.id}/transitions`, { action: 'submit' })).status).toBe(403);
    expect((await admin.get(`/api/v1/monitoring/rounds/${roundId}`)).status).toBe(200);

    // The 2025 department-wide form is a draft: no report on it.
    const drafts = await editor.get<{ items: Array<{ id: string; kind: string; year: number; state: string }> }>('/api/v1/declarations?year=2025&kind=department-target');
    const target = drafts.body.items[0];
    expect(target?.state).toBe('draft');
    const refused = await editor.post<{ error: { id: string; message: { zh: string; en: string } } }>('/api/v1/monitoring/reports', { roundId, targetId: target?.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.id).toBe('target-not-approved');
    expect(refused.body.error.message.zh).toContain('审核通过后才能监控');
    expect((await editor.post('/api/v1/monitoring/reports', { roundId, targetId: accepted?.targetId })).status).toBe(409);
  });

  it('writes the official table as PDF and Excel, and fills a report from an Excel table filled offline', async () => {
    const editor = await as('haizhu-editor');
    const reports = (await editor.get<{ reports: ReportSummary[] }>(`/api/v1/monitoring/rounds/${roundId}/reports`)).body.reports;
    const accepted = reports.find((r) => r.state === 'accepted');
    const draft = reports.find((r) => r.state === 'draft');
    const pdf = await editor.bytes(`/api/v1/monitoring/reports/${accepted?.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    const xlsx = await editor.bytes(`/api/v1/monitoring/reports/${accepted?.id}.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('.xlsx');

    // The accepted report's sheet, brought into another project's report: the indicators both have are filled.
    const before = (await editor.get<ReportView>(`/api/v1/monitoring/reports/${draft?.id}`)).body;
    const imported = await editor.post<ReportView & { matched: number; unmatched: string[] }>(`/api/v1/monitoring/reports/${draft?.id}/import`, { baseVersion: before.version, file: { name: '监控表.xlsx', data: Buffer.from(xlsx.bytes).toString('base64') } });
    expect(imported.status).toBe(200);
    expect(imported.body.matched).toBeGreaterThan(0);
    // Saved by the department, its table says when it was filled in (填报日期), and its execution rate is a number.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await editor.bytes(`/api/v1/monitoring/reports/${draft?.id}.xlsx`)).bytes as unknown as ArrayBuffer);
    const cells = book.worksheets[0]?.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])) ?? [];
    const dateAt = cells.indexOf('填报日期');
    expect(dateAt).toBeGreaterThanOrEqual(0);
    expect(String(cells[dateAt + 1] ?? '')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    let rate: ExcelJS.Cell | undefined;
    book.worksheets[0]?.eachRow((row) => row.eachCell((cell) => {
      if (cell.numFmt === '0.00%') rate = cell;
    }));
    expect(typeof rate?.value).toBe('number');
    const common = imported.body.content.indicators.find((i) => i.name === '服务对象满意度');
    expect(common?.actualToDate).not.toBe('');
    const notATable = await editor.post<{ error: { message: { zh: string } } }>(`/api/v1/monitoring/reports/${draft?.id}/import`, { baseVersion: imported.body.version, file: { name: 'notes.txt', data: Buffer.from('随便写的文字').toString('base64') } });
    expect(notATable.status).toBe(400);
    expect(notATable.body.error.message.zh).toContain('notes.txt');
  });

  it('names a PDF nested 200,000 deep a bad PDF (422 naming the file), not a server error', async () => {
    const editor = await as('haizhu-editor');
    const reports = (await editor.get<{ reports: ReportSummary[] }>(`/api/v1/monitoring/rounds/${roundId}/reports`)).body.reports;
    const draft = reports.find((r) => r.state === 'draft');
    const view = (await editor.get<ReportView>(`/api/v1/monitoring/reports/${draft?.id}`)).body;
    const deep = standardFontsPdf({ page: `/Deep ${nested(200_000)}` });
    const refused = await editor.post<{ error: { id: string; message: { zh: string; en: string } } }>(`/api/v1/monitoring/reports/${draft?.id}/import`, { baseVersion: view.version, file: { name: '深层嵌套.pdf', data: Buffer.from(deep).toString('base64') } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toMatch(/^import-/);
    expect(refused.body.error.message.zh).toContain('深层嵌套.pdf');
    expect(refused.body.error.message.zh).toContain('无法读取 PDF');
  });
});
