/**
 * Project target forms beside the department form, over real HTTP on both stores: created from a
 * department row, linked (automatically and by the user), checked against the department row,
 * copied from last year with targets marked as carried over, imported several to a text, taught to
 * the indicator library — and the policy for the new kind: every role × action × ownership.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { DepartmentTargetDeclaration } from '../core/declaration.ts';
import type { ProjectTargetDeclaration } from '../core/projectTarget.ts';
import type { Finding } from '../core/rules/finding.ts';
import type { DocumentLinks, LibraryEntryView } from '../format/apiTypes.ts';
import { ApiClient } from './testing/apiClient.ts';
import { useTestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { closeImportPool } from './import/importPool.ts';

const PASSWORD = 'test-password-123';
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/forms/project/${name}`, import.meta.url), 'utf8');

interface View<C = ProjectTargetDeclaration> {
  id: string;
  kind: string;
  projectName: string | null;
  version: number;
  state: string;
  content: C;
  findings: Finding[];
  allowedActions: string[];
  canEdit: boolean;
  imported?: string[];
}

interface Tree {
  regions: Array<{ id: string; children: Array<{ id: string; children: Array<{ id: string; name: string; departments: Array<{ id: string; name: string }> }> }> }>;
}

describe.each(STORE_KINDS)('project forms on the %s store', (_name, open) => {
  const t = useTestApp(open);
  let base: string;
  const as = (username: string) => new ApiClient(base).login(username, PASSWORD);
  let bureauId: string;
  let otherDepartmentId: string;
  let departmentFormId: string;

  beforeAll(async () => {
    ({ base } = t);
    const admin = await as('admin');
    const tree = (await admin.get<Tree>('/api/v1/organisations')).body;
    const haizhu = tree.regions[0]?.children[0]?.children.find((r) => r.name === '海珠区');
    bureauId = haizhu?.departments[0]?.id ?? '';
    const yuexiu = tree.regions[0]?.children[0]?.children.find((r) => r.name === '越秀区');
    const other = await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '越秀区示例局', regionId: yuexiu?.id });
    otherDepartmentId = other.body.id;
    const list = await (await as('haizhu-editor')).get<{ items: Array<{ id: string; kind: string }> }>('/api/v1/declarations?year=2025');
    departmentFormId = list.body.items.find((i) => i.kind === 'department-target')?.id ?? '';
  }, 60_000);

  afterAll(async () => {
    await closeImportPool();
  });

  it('creates a project form from row 2 of the department form, prefilled, linked, and checked against the row', async () => {
    const editor = await as('haizhu-editor');
    const department = (await editor.get<View<DepartmentTargetDeclaration>>(`/api/v1/declarations/${departmentFormId}`)).body.content;
    const row = department.projects[1];
    const made = await editor.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2025, source: 'project-row', departmentFormId, row: 1 });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'project-target', projectName: row?.name, state: 'draft' });
    expect(made.body.content).toMatchObject({ kind: 'project-target', project: { name: row?.name }, funds: { total: row?.amount } });
    const links = (await editor.get<DocumentLinks>(`/api/v1/declarations/${made.body.id}/links`)).body;
    expect(links.departmentForm).toMatchObject({ id: departmentFormId, row: 1, rowName: row?.name, linkedBy: 'user' });
    const back = (await editor.get<DocumentLinks>(`/api/v1/declarations/${departmentFormId}/links`)).body;
    expect(back.projectForms.map((p) => [p.id, p.row])).toContainEqual([made.body.id, 1]);
    expect(back.rowsWithoutForm).not.toContain(1);
    // A total that no longer matches the department row is an error of the cross-document rule.
    const changed = { ...made.body.content, funds: { ...made.body.content.funds, total: '1.00' } };
    const saved = await editor.put<View>(`/api/v1/declarations/${made.body.id}`, { baseVersion: made.body.version, content: changed });
    expect(saved.status).toBe(200);
    expect(saved.body.findings.map((f) => f.rule)).toContain('project-funds-match-department');
    // The department form brought in line: the project form's stored findings follow at once, without a save of its own.
    const departmentView = (await editor.get<View<DepartmentTargetDeclaration>>(`/api/v1/declarations/${departmentFormId}`)).body;
    const matching = { ...departmentView.content, projects: departmentView.content.projects.map((p, i) => (i === 1 ? { ...p, amount: '1.00' } : p)) };
    expect((await editor.put(`/api/v1/declarations/${departmentFormId}`, { baseVersion: departmentView.version, content: matching })).status).toBe(200);
    expect((await editor.get<View>(`/api/v1/declarations/${made.body.id}`)).body.findings.map((f) => f.rule)).not.toContain('project-funds-match-department');
    // The user may link it to another row; a department form cannot be linked.
    expect((await editor.put(`/api/v1/declarations/${made.body.id}/link`, { rowName: department.projects[2]?.name ?? '' })).status).toBe(200);
    expect((await editor.get<DocumentLinks>(`/api/v1/declarations/${made.body.id}/links`)).body.departmentForm).toMatchObject({ row: 2, linkedBy: 'user' });
    // Linked to a row of another amount, it is checked again at once against that row.
    expect((await editor.get<View>(`/api/v1/declarations/${made.body.id}`)).body.findings.map((f) => f.rule)).toContain('project-funds-match-department');
    expect((await editor.put(`/api/v1/declarations/${departmentFormId}/link`, { rowName: null })).status).toBe(400);
    // One project form per project name and year.
    expect((await editor.post('/api/v1/declarations', { departmentId: bureauId, year: 2025, source: 'project-row', departmentFormId, row: 1 })).status).toBe(409);
    // Its kind cannot change by a save.
    expect((await editor.put(`/api/v1/declarations/${made.body.id}`, { baseVersion: saved.body.version, content: department })).status).toBe(400);
  });

  it('imports a text holding two project forms as two drafts, all in one go', async () => {
    const editor = await as('haizhu-editor');
    const text = fixture('two-forms.txt');
    const imported = await editor.post<View>('/api/v1/declarations/import', { departmentId: bureauId, year: 2025, text, confirm: ['department'] });
    expect(imported.status).toBe(201);
    expect(imported.body.imported).toHaveLength(2);
    const list = (await editor.get<{ items: Array<{ kind: string; projectName: string | null }> }>('/api/v1/declarations?year=2025&kind=project-target&pageSize=100')).body.items;
    expect(list.map((i) => i.projectName)).toEqual(expect.arrayContaining(['智慧城市运行管理平台运维', '政务服务“一网通办”推广']));
    expect(list.every((i) => i.kind === 'project-target')).toBe(true);
  });

  it('copies last year’s project form with targets carried over, and flags a target lowered since', async () => {
    const editor = await as('haizhu-editor');
    const text = fixture('pipe-rows.txt').replace('（2025年度）', '（2024年度）');
    const last = await editor.post<View>('/api/v1/declarations/import', { departmentId: bureauId, year: 2024, text, confirm: ['department'] });
    expect(last.status).toBe(201);
    const lastId = last.body.imported?.[0] ?? '';
    const next = await editor.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2026, kind: 'project-target', source: 'copy', fromId: lastId });
    expect(next.status).toBe(201);
    expect(next.body.content.year).toBe(2026);
    expect(next.body.content.indicators[0]).toMatchObject({ name: '宣传推广活动场次', annualTarget: '≥20场', carriedOver: '≥20场' });
    const lowered = structuredClone(next.body.content);
    const first = lowered.indicators[0];
    if (first) first.annualTarget = '≥10场';
    const saved = await editor.put<View>(`/api/v1/declarations/${next.body.id}`, { baseVersion: next.body.version, content: lowered });
    expect(saved.body.findings.filter((f) => f.rule === 'target-below-last-year').map((f) => f.path)).toEqual(['/indicators/0/annualTarget']);
    // Only an earlier year's form of the same department can be copied.
    expect((await editor.post('/api/v1/declarations', { departmentId: bureauId, year: 2024, kind: 'project-target', source: 'copy', fromId: next.body.id })).status).toBe(400);
  });

  it('teaches the library when a project form is approved, and finds its indicators while typing', async () => {
    const editor = await as('haizhu-editor');
    const approver = await as('haizhu-approver');
    const reviewer = await as('haizhu-reviewer');
    const list = (await editor.get<{ items: Array<{ id: string; projectName: string | null }> }>('/api/v1/declarations?year=2025&kind=project-target&pageSize=100')).body.items;
    const id = list.find((i) => i.projectName === '智慧城市运行管理平台运维')?.id ?? '';
    // A row the checker rejects (a satisfaction target written as a ceiling) is approved with the form, but not taught.
    const before = (await editor.get<View>(`/api/v1/declarations/${id}`)).body;
    const withBadRow = { ...before.content, indicators: [...before.content.indicators, { ...before.content.indicators[0], level1: '满意度指标', level2: '服务对象满意度指标', name: '平台用户投诉满意度', annualTarget: '＜5%', annualTargetValue: { kind: 'quantity', operator: '<', value: '5', upper: null, unit: '%', basis: null, approximate: false }, periodTarget: null, periodTargetValue: { kind: 'empty' } }] };
    const rejected = await editor.put<View>(`/api/v1/declarations/${id}`, { baseVersion: before.version, content: withBadRow });
    expect(rejected.status).toBe(200);
    expect(rejected.body.findings.some((f) => f.path.startsWith(`/indicators/${withBadRow.indicators.length - 1}/`) && f.severity !== 'info')).toBe(true);
    expect((await approver.post(`/api/v1/declarations/${id}/transitions`, { action: 'submit' })).status).toBe(200);
    expect((await reviewer.post(`/api/v1/declarations/${id}/transitions`, { action: 'review', grade: '优' })).status).toBe(200);
    const found = (await editor.get<{ entries: LibraryEntryView[] }>(`/api/v1/indicator-library?q=${encodeURIComponent('平台可用')}`)).body.entries;
    expect(found[0]).toMatchObject({ name: '平台可用率', level1: '产出指标', level2: '质量指标', unit: '%', direction: 'up', uses: 1 });
    expect(found[0]?.targets).toEqual([{ year: 2025, target: '≥99.5', count: 1 }]);
    expect((await editor.get<{ entries: LibraryEntryView[] }>(`/api/v1/indicator-library?q=${encodeURIComponent('平台用户投诉满意度')}`)).body.entries).toEqual([]);
    // Built-in common indicators are there from the start.
    const builtin = (await editor.get<{ entries: LibraryEntryView[] }>(`/api/v1/indicator-library?q=${encodeURIComponent('培训')}&level1=${encodeURIComponent('产出指标')}`)).body.entries;
    expect(builtin.map((e) => e.name)).toEqual(expect.arrayContaining(['培训人次', '培训合格率']));
    // An admin hides or merges; others may not.
    const entry = found[0]?.id ?? '';
    expect((await editor.patch(`/api/v1/indicator-library/${entry}`, { hidden: true })).status).toBe(403);
    const admin = await as('admin');
    expect((await admin.patch(`/api/v1/indicator-library/${entry}`, { hidden: true })).status).toBe(200);
    expect((await editor.get<{ entries: LibraryEntryView[] }>(`/api/v1/indicator-library?q=${encodeURIComponent('平台可用')}`)).body.entries).toEqual([]);
    // The admin still sees it, hidden, and merges it into another entry: its uses move there.
    expect((await editor.get(`/api/v1/indicator-library/entries?q=${encodeURIComponent('平台可用')}`)).status).toBe(403);
    const listed = (await admin.get<{ entries: LibraryEntryView[] }>(`/api/v1/indicator-library/entries?q=${encodeURIComponent('平台可用')}`)).body.entries;
    expect(listed).toMatchObject([{ id: entry, hidden: true, uses: 1 }]);
    const target = (await admin.get<{ entries: LibraryEntryView[] }>(`/api/v1/indicator-library/entries?q=${encodeURIComponent('信息系统正常运行率')}`)).body.entries[0];
    expect((await admin.post(`/api/v1/indicator-library/${entry}/merge`, { into: target?.id })).status).toBe(200);
    const merged = (await editor.get<{ entries: LibraryEntryView[] }>(`/api/v1/indicator-library?q=${encodeURIComponent('信息系统正常运行率')}`)).body.entries[0];
    expect(merged).toMatchObject({ id: target?.id, uses: 1, targets: [{ year: 2025, target: '≥99.5', count: 1 }] });
    expect((await admin.post(`/api/v1/indicator-library/${entry}/merge`, { into: entry })).status).toBe(400);
    const similar = (await editor.get<{ projects: Array<{ projectName: string }> }>(`/api/v1/indicator-library/similar-projects?name=${encodeURIComponent('智慧城市运行平台运维')}&departmentId=${bureauId}`)).body.projects;
    expect(similar[0]?.projectName).toBe('智慧城市运行管理平台运维');
    expect((await new ApiClient(base).get('/api/v1/indicator-library?q=a')).status).toBe(401);
  });

  it('applies the policy to project forms: every role × action × ownership', async () => {
    const editor = await as('haizhu-editor');
    const made = await editor.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2027, kind: 'project-target', source: 'empty' });
    expect(made.status).toBe(201);
    const id = made.body.id;
    const roles = { editor, approver: await as('haizhu-approver'), reviewer: await as('haizhu-reviewer'), admin: await as('admin'), public: new ApiClient(base) };
    // A draft: its department reads and edits; the reviewer does not see it; the public neither.
    const read = async () => Object.fromEntries(await Promise.all(Object.entries(roles).map(async ([role, client]) => [role, (await client.get(`/api/v1/declarations/${id}`)).status])));
    expect(await read()).toEqual({ editor: 200, approver: 200, reviewer: 404, admin: 200, public: 404 });
    const content = { ...made.body.content, project: { ...made.body.content.project, name: '策略测试项目' } };
    expect((await roles.reviewer.put(`/api/v1/declarations/${id}`, { baseVersion: 1, content })).status).toBe(404);
    expect((await roles.admin.put(`/api/v1/declarations/${id}`, { baseVersion: 1, content })).status).toBe(403);
    expect((await roles.editor.put(`/api/v1/declarations/${id}`, { baseVersion: 1, content })).status).toBe(200);
    // Only the approver submits; only the reviewer reviews; only the approver publishes.
    expect((await roles.editor.post(`/api/v1/declarations/${id}/transitions`, { action: 'submit' })).status).toBe(403);
    expect((await roles.approver.post(`/api/v1/declarations/${id}/transitions`, { action: 'submit' })).status).toBe(200);
    expect(await read()).toEqual({ editor: 200, approver: 200, reviewer: 200, admin: 200, public: 404 });
    expect((await roles.editor.put(`/api/v1/declarations/${id}`, { baseVersion: 2, content })).status).toBe(409);
    expect((await roles.approver.post(`/api/v1/declarations/${id}/transitions`, { action: 'review', grade: '优' })).status).toBe(403);
    expect((await roles.reviewer.post(`/api/v1/declarations/${id}/transitions`, { action: 'review', grade: '良' })).status).toBe(200);
    expect((await roles.reviewer.post(`/api/v1/declarations/${id}/transitions`, { action: 'publish' })).status).toBe(403);
    expect((await roles.approver.post(`/api/v1/declarations/${id}/transitions`, { action: 'publish' })).status).toBe(200);
    expect(await read()).toEqual({ editor: 200, approver: 200, reviewer: 200, admin: 200, public: 200 });
    // Another department's users see another department's project draft as nothing at all.
    const admin = roles.admin;
    const other = await admin.post<{ id: string }>('/api/v1/users', { username: 'yuexiu-editor', displayName: '越秀填报员', role: 'editor', departmentId: otherDepartmentId, password: 'Another-long-pass-42' });
    expect(other.status).toBe(201);
    const stranger = await new ApiClient(base).login('yuexiu-editor', 'Another-long-pass-42');
    const draft = await editor.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2027, kind: 'project-target', source: 'empty' });
    expect((await stranger.get(`/api/v1/declarations/${draft.body.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/declarations/${draft.body.id}/links`)).status).toBe(404);
    expect((await stranger.put(`/api/v1/declarations/${draft.body.id}/link`, { rowName: null })).status).toBe(404);
    expect((await stranger.post('/api/v1/declarations', { departmentId: bureauId, year: 2027, kind: 'project-target' })).status).toBe(403);
    expect((await stranger.post('/api/v1/declarations', { departmentId: bureauId, year: 2025, source: 'project-row', departmentFormId, row: 0 })).status).toBe(403);
  });
});
