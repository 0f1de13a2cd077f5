/**
 * Year-end self-evaluation over real HTTP, on both stores: the seed's department form approved, its
 * self-evaluation started (prefilled), filled, scored, refused while a missed target is unexplained,
 * submitted, returned with a row comment, fixed, accepted and published; the policy matrix; the
 * reviewer's overview; documents; the public pages.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SelfEvaluation } from '../core/selfEvaluation.ts';
import type { EvaluationOverview, EvaluationSummary, EvaluationView, OwedEvaluation } from '../format/apiTypes.ts';
import { readWorkbook } from '../readers/workbookReader.ts';
import { yearOverviewKinds } from '../kinds/registry.ts';
import { verifyAudit } from '../store/auditLog.ts';
import { refreshAllYearOverviews } from '../store/departmentYearOverview.ts';
import type { Store } from '../store/openStore.ts';
import { actualFor } from './demoEvaluations.ts';
import { ApiClient } from './testing/apiClient.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { useTestApp, TEST_PASSWORD } from './testing/testApp.ts';

const PASSWORD = TEST_PASSWORD;

/** The first row after the first whose target is a plain "at least" quantity: exceeded by a fifth. */
const exceeded = (e: SelfEvaluation) => e.indicators.findIndex((i, k) => k > 0 && /^≥\d/.test(i.annualTarget));

/** Every target met, the first one at half and one exceeded; the budget 95% spent. */
function filled(e: SelfEvaluation, explained: boolean): SelfEvaluation {
  const over = exceeded(e);
  return {
    ...e,
    funds: { ...e.funds, executed: '4196.63' },
    indicators: e.indicators.map((indicator, i) => ({
      ...indicator,
      actual: actualFor(indicator, i === 0 ? 0.5 : i === over ? 1.2 : 1, 2025),
      deviation: i === 0 && explained ? { reason: '上半年系统改造，服务暂停两个月。', measures: '改造完成后延长服务时间，下年度提前安排。' } : indicator.deviation,
    })),
    goals: e.goals.map((g) => ({ ...g, achieved: '基本完成。' })),
    conclusion: '部门整体完成年度目标。',
    problems: '个别服务指标未达标。',
    improvements: '加强系统改造期间的服务保障。',
  };
}

describe.each(STORE_KINDS)('self-evaluation on the %s store', (_name, open) => {
  const t = useTestApp(open, { family: true });
  let store: Store;
  const as = (username: string) => t.as(username);
  let formId = '';
  let evaluationId = '';

  beforeAll(async () => {
    ({ store } = t);
    const approver = await as('haizhu-approver');
    const forms = await approver.get<{ items: Array<{ id: string }> }>('/api/v1/declarations?year=2025&kind=department-target');
    formId = forms.body.items[0]?.id ?? '';
  }, 120_000);

  it('comes with the demo’s scored 2024 year, published ones on the public pages', async () => {
    const reviewer = await as('haizhu-reviewer');
    const overview = await reviewer.get<EvaluationOverview>('/api/v1/evaluations/overview?year=2024');
    expect(overview.body.counts.byState).toMatchObject({ published: 4, accepted: 1, returned: 1 });
    expect(overview.body.items[0]?.grade).toBe('良');
    const published = await new ApiClient(t.base).get<{ items: EvaluationSummary[]; total: number }>('/api/v1/public/evaluations?year=2024');
    expect(published.body.total).toBe(4);
    const sheet = readWorkbook((await reviewer.bytes('/api/v1/evaluations/overview.xlsx?year=2024')).bytes).sheets[0]?.rows ?? [];
    expect(sheet[0]?.map((c) => c.text).slice(0, 6)).toEqual(['年度', '部门', '自评对象', '状态', '总分', '等级']);
    expect(sheet.length - 1).toBe(overview.body.total);
  });

  it('counts what each filter lists, words or none', async () => {
    const reviewer = await as('haizhu-reviewer');
    const grades = ['优', '良', '中', '差', 'none', undefined];
    const states = ['submitted', 'returned', 'accepted', 'published', undefined];
    for (const grade of grades) {
      for (const state of states) {
        for (const q of [undefined, '局']) {
          const params = new URLSearchParams({ year: '2024', pageSize: '200', ...(grade ? { grade } : {}), ...(state ? { state } : {}), ...(q ? { q } : {}) });
          const { body } = await reviewer.get<EvaluationOverview>(`/api/v1/evaluations/overview?${params.toString()}`);
          expect(body.total, params.toString()).toBe(body.items.length);
          for (const item of body.items) {
            expect(item.state).not.toBe('draft');
            if (state) expect(item.state).toBe(state);
            if (grade) expect(item.grade ?? 'none').toBe(grade);
          }
        }
      }
    }
  });

  it('refuses to start on a target that is not approved, then starts prefilled once it is', async () => {
    const editor = await as('haizhu-editor');
    const refused = await editor.post<{ error: { id: string; message: { zh: string } } }>('/api/v1/evaluations', { targetId: formId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.id).toBe('target-not-approved');
    expect(refused.body.error.message.zh).toContain('审核通过后才能自评');

    expect((await (await as('haizhu-approver')).post(`/api/v1/declarations/${formId}/transitions`, { action: 'submit' })).status).toBe(200);
    expect((await (await as('haizhu-reviewer')).post(`/api/v1/declarations/${formId}/transitions`, { action: 'review', grade: '良' })).status).toBe(200);
    const owed = await editor.get<{ items: OwedEvaluation[] }>('/api/v1/evaluations/owed?year=2025');
    expect(owed.body.items.find((o) => o.targetId === formId)).toMatchObject({ targetKind: 'department-target', evaluation: null });

    const started = await editor.post<EvaluationView>('/api/v1/evaluations', { targetId: formId });
    expect(started.status).toBe(201);
    evaluationId = started.body.id;
    const content = started.body.content;
    expect(content.target).toMatchObject({ id: formId, kind: 'department-target' });
    expect(content.indicators).toHaveLength(32);
    // 产出 50, 效益 30, 满意度 10 shared among the form's indicators.
    expect(content.indicators.slice(0, 2).map((i) => i.points)).toEqual(['2.50', '2.50']);
    expect(content.funds).toMatchObject({ annualBudget: '4417.50', points: '10' });
    expect(started.body.findings.some((f) => f.rule === 'evaluation-points')).toBe(false);
    expect((await editor.post('/api/v1/evaluations', { targetId: formId })).status).toBe(409);
  });

  it('scores as the department fills it, and refuses to submit while a missed target is unexplained', async () => {
    const editor = await as('haizhu-editor');
    const approver = await as('haizhu-approver');
    let view = (await editor.get<EvaluationView>(`/api/v1/evaluations/${evaluationId}`)).body;
    const saved = await editor.put<EvaluationView>(`/api/v1/evaluations/${evaluationId}`, { baseVersion: view.version, content: filled(view.content, false) });
    expect(saved.status).toBe(200);
    view = saved.body;
    expect(view.score.funds).toMatchObject({ rate: '95.00', score: '9.50' });
    expect(view.score.indicators[0]).toMatchObject({ score: '1.25', missed: true });
    expect(view.content.indicators[0]?.score).toBe('1.25');
    expect(view.total).toBe('98.25');
    expect(view.grade).toBe('优');
    expect(view.findings.filter((f) => f.severity === 'error').map((f) => f.path)).toEqual(['/indicators/0/deviation/reason', '/indicators/0/deviation/measures']);
    // The targets are the form's: a changed target is put back.
    const tampered = structuredClone(view.content);
    (tampered.indicators[0] as { annualTarget: string }).annualTarget = '≥1';
    view = (await editor.put<EvaluationView>(`/api/v1/evaluations/${evaluationId}`, { baseVersion: view.version, content: tampered })).body;
    expect(view.content.indicators[0]?.annualTarget).not.toBe('≥1');
    expect((await editor.put(`/api/v1/evaluations/${evaluationId}`, { baseVersion: view.version - 1, content: view.content })).status).toBe(409);

    expect((await editor.post(`/api/v1/evaluations/${evaluationId}/transitions`, { action: 'submit' })).status).toBe(403);
    const refused = await approver.post<{ error: { id: string } }>(`/api/v1/evaluations/${evaluationId}/transitions`, { action: 'submit' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe('evaluation-incomplete');
    view = (await editor.put<EvaluationView>(`/api/v1/evaluations/${evaluationId}`, { baseVersion: view.version, content: filled(view.content, true) })).body;
    expect(view.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect((await approver.post(`/api/v1/evaluations/${evaluationId}/transitions`, { action: 'submit' })).body).toEqual({ state: 'submitted' });
  });

  it('is returned with a row comment, fixed, accepted and published for everyone to read', async () => {
    const editor = await as('haizhu-editor');
    const approver = await as('haizhu-approver');
    const reviewer = await as('haizhu-reviewer');
    const overview = await reviewer.get<EvaluationOverview>('/api/v1/evaluations/overview?year=2025');
    expect(overview.body.items.map((i) => i.id)).toContain(evaluationId);
    expect(overview.body.counts.byGrade.优).toBeGreaterThanOrEqual(1);
    expect((await reviewer.post(`/api/v1/evaluations/${evaluationId}/comments`, { path: '/indicators/0/actual', body: '请附服务记录。' })).status).toBe(201);
    expect((await reviewer.post(`/api/v1/evaluations/${evaluationId}/transitions`, { action: 'return', reason: ' ' })).status).toBe(400);
    expect((await reviewer.post(`/api/v1/evaluations/${evaluationId}/transitions`, { action: 'return', reason: '请补充第1项的数据来源。' })).body).toEqual({ state: 'returned' });
    let view = (await editor.get<EvaluationView>(`/api/v1/evaluations/${evaluationId}`)).body;
    expect(view.returnReason).toContain('数据来源');
    expect((await editor.get<{ comments: Array<{ path: string }> }>(`/api/v1/evaluations/${evaluationId}/comments`)).body.comments.map((c) => c.path)).toEqual(['/indicators/0/actual', '']);
    // Filled offline: the table as Excel, brought back in; a file of another form matches nothing.
    const sheet = await editor.bytes(`/api/v1/evaluations/${evaluationId}.xlsx`);
    const imported = await editor.post<EvaluationView & { matched: number; unmatched: string[] }>(`/api/v1/evaluations/${evaluationId}/import`, { baseVersion: view.version, file: { name: '自评表.xlsx', data: Buffer.from(sheet.bytes).toString('base64') } });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ matched: 32, unmatched: [], total: '98.25' });
    view = imported.body;
    const other = await editor.post<{ error: { id: string } }>(`/api/v1/evaluations/${evaluationId}/import`, { baseVersion: view.version, file: { name: 'other.txt', data: Buffer.from('项目支出绩效自评表\n| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n| | 产出指标 | 数量指标 | 别的指标 | ≥1个 | 1个 | 90 | 90 |\n').toString('base64') } });
    expect(other.status).toBe(400);
    expect(other.body.error.id).toBe('nothing-matched');
    const fixed = structuredClone(view.content);
    (fixed.indicators[0] as { deviation: { reason: string; measures: string } }).deviation.reason = '上半年系统改造，服务暂停两个月（见服务记录）。';
    view = (await editor.put<EvaluationView>(`/api/v1/evaluations/${evaluationId}`, { baseVersion: view.version, content: fixed })).body;
    expect((await approver.post(`/api/v1/evaluations/${evaluationId}/transitions`, { action: 'submit' })).status).toBe(200);
    // Not public before it is published.
    expect((await new ApiClient(t.base).get(`/api/v1/public/evaluations/${evaluationId}`)).status).toBe(404);
    expect((await reviewer.post(`/api/v1/evaluations/${evaluationId}/transitions`, { action: 'publish' })).status).toBe(403);
    expect((await reviewer.post(`/api/v1/evaluations/${evaluationId}/transitions`, { action: 'accept' })).body).toEqual({ state: 'accepted' });
    expect((await approver.post(`/api/v1/evaluations/${evaluationId}/transitions`, { action: 'publish' })).body).toEqual({ state: 'published' });
    const shown = await new ApiClient(t.base).get<EvaluationView>(`/api/v1/public/evaluations/${evaluationId}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ total: '98.25', grade: '优', allowedActions: [], canEdit: false });
    const pdf = await new ApiClient(t.base).bytes(`/api/v1/public/evaluations/${evaluationId}.pdf`);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    expect((await editor.bytes(`/api/v1/evaluations/${evaluationId}.xlsx`)).status).toBe(200);
    const versions = await editor.get<{ versions: Array<{ version: number }> }>(`/api/v1/evaluations/${evaluationId}/versions`);
    expect(versions.body.versions[0]?.version).toBe(view.version);
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true });
  });

  it('feeds next year: a copy for 2026 is flagged where a target is below 2025’s actual, and shows the 2025 result', async () => {
    const editor = await as('haizhu-editor');
    const session = await editor.get<{ user: { departmentId: string } }>('/api/v1/session');
    const copy = await editor.post<{ id: string; findings: Array<{ rule: string; path: string; message: { zh: string } }> }>('/api/v1/declarations', { departmentId: session.body.user.departmentId, year: 2026, source: 'copy', fromId: formId });
    expect(copy.status).toBe(201);
    const evaluation = (await editor.get<EvaluationView>(`/api/v1/evaluations/${evaluationId}`)).body;
    const over = exceeded(evaluation.content);
    const flagged = copy.body.findings.filter((f) => f.rule === 'target-below-last-actual');
    expect(flagged.map((f) => f.path)).toEqual([`/indicators/${over}/annualTarget`]);
    expect(flagged[0]?.message.zh).toContain(`低于上年度实际完成值「${evaluation.content.indicators[over]?.actual}」`);
    const links = await editor.get<{ lastYear: { evaluation: { total: string; grade: string } | null } | null }>(`/api/v1/declarations/${copy.body.id}/links`);
    expect(links.body.lastYear?.evaluation).toMatchObject({ total: '98.25', grade: '优' });
  });

  it('keeps unpublished self-evaluations within their department and region', async () => {
    const admin = await as('admin');
    const tree = await admin.get<{ regions: Array<{ children: Array<{ children: Array<{ id: string; name: string }> }> }> }>('/api/v1/organisations');
    const districts = tree.body.regions[0]?.children[0]?.children ?? [];
    const haizhu = districts.find((d) => d.name === '海珠区')?.id;
    const yuexiu = districts.find((d) => d.name === '越秀区')?.id;
    const health = await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区卫生健康局', regionId: haizhu });
    await admin.post('/api/v1/users', { username: 'e-health', displayName: 'h', password: PASSWORD, role: 'editor', departmentId: health.body.id, regionId: null });
    await admin.post('/api/v1/users', { username: 'e-yuexiu', displayName: 'y', password: PASSWORD, role: 'reviewer', departmentId: null, regionId: yuexiu });
    const other = await as('e-health');
    const far = await as('e-yuexiu');
    const reviewer = await as('haizhu-reviewer');
    const accepted = (await reviewer.get<EvaluationOverview>('/api/v1/evaluations/overview?year=2024&state=accepted')).body.items[0];
    expect(accepted).toBeDefined();
    for (const client of [other, far, new ApiClient(t.base)]) {
      const status = (await client.get(`/api/v1/evaluations/${accepted?.id}`)).status;
      expect([401, 404]).toContain(status);
    }
    expect((await far.get<EvaluationOverview>('/api/v1/evaluations/overview?year=2024')).body.counts.total).toBe(0);
    expect((await other.get('/api/v1/evaluations/overview?year=2024')).status).toBe(403);
    expect((await other.get<{ items: OwedEvaluation[] }>('/api/v1/evaluations/owed?year=2024')).body.items).toEqual([]);
    expect((await other.post('/api/v1/evaluations', { targetId: formId })).status).toBe(403);
  });

  it('overviews a year from sums the write path keeps, as a scan of the documents finds them', async () => {
    // The year 2025 was started, saved, imported, returned, submitted, accepted and published above.
    const sums = () => store.db.selectFrom('department_year_overview').selectAll().orderBy('kind').orderBy('year').orderBy('department_id').execute();
    const kept = await sums();
    expect(kept.filter((r) => r.year === 2025)).not.toEqual([]);
    await refreshAllYearOverviews(store.db, yearOverviewKinds());
    expect(kept).toEqual(await sums());
    const admin = await as('admin');
    for (const year of [2024, 2025]) {
      const { body } = await admin.get<EvaluationOverview>(`/api/v1/evaluations/overview?year=${year}`);
      const states = await store.db.selectFrom('documents').select(['state', sql<string>`count(*)`.as('n')]).where('kind', '=', 'self-evaluation').where('year', '=', year).groupBy('state').execute();
      expect(Object.entries(body.counts.byState).filter(([, n]) => n > 0)).toEqual(expect.arrayContaining(states.map((s) => [s.state, Number(s.n)])));
      expect(body.counts.total).toBe(states.reduce((sum, s) => sum + Number(s.n), 0));
      // Each department's money: its department-wide evaluation's, else its projects' summed; drafts left out.
      const money = await sql<{ department_id: string; annual: string | null; executed: string | null }>`
        select department_id,
          coalesce(sum(budget_total) filter (where target_kind = 'department-target'), sum(budget_total))::numeric(16, 2)::text as annual,
          coalesce(sum(budget_executed) filter (where target_kind = 'department-target'), sum(budget_executed))::numeric(16, 2)::text as executed
        from documents where kind = 'self-evaluation' and year = ${year} and state <> 'draft' group by department_id`.execute(store.db);
      expect(new Map(body.execution.map((e) => [e.departmentId, { annual: e.annual, executed: e.executed }]))).toEqual(new Map(money.rows.map((r) => [r.department_id, { annual: r.annual, executed: r.executed }])));
    }
  });
});
