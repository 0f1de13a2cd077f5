/**
 * Notifications over real HTTP, on both stores: a submission tells the region's reviewers, a return
 * tells the department with the opinion, a comment reaches the form's department; each person reads
 * and marks only their own.
 */
import { describe, expect, it } from 'vitest';
import type { NotificationView } from '../format/apiTypes.ts';
import { ApiClient } from './testing/apiClient.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { useTestApp, TEST_PASSWORD } from './testing/testApp.ts';

const PASSWORD = TEST_PASSWORD;
type Inbox = { items: NotificationView[]; unread: number };

describe.each(STORE_KINDS)('notifications on the %s store', (_name, open) => {
  const t = useTestApp(open, { family: true });
  const as = (username: string) => t.as(username);

  it('tells the reviewers of a submission and the department of a return, with the opinion, and of a comment', async () => {
    const editor = await as('haizhu-editor');
    const approver = await as('haizhu-approver');
    const reviewer = await as('haizhu-reviewer');
    const forms = await editor.get<{ items: Array<{ id: string }> }>('/api/v1/declarations?year=2025&kind=department-target');
    const id = forms.body.items[0]?.id ?? '';

    expect((await approver.post(`/api/v1/declarations/${id}/transitions`, { action: 'submit' })).status).toBe(200);
    const toReview = (await reviewer.get<Inbox>('/api/v1/notifications?unread=true')).body;
    expect(toReview.items[0]).toMatchObject({ kind: 'declaration-submitted', link: `/declarations/${id}`, read: false });
    expect(toReview.items[0]?.title.zh).toContain('已提交，待审核');
    // The author is not told of their own act.
    expect((await approver.get<Inbox>('/api/v1/notifications')).body.items.some((n) => n.kind === 'declaration-submitted' && n.link === `/declarations/${id}`)).toBe(false);

    const before = (await editor.get<Inbox>('/api/v1/notifications')).body.unread;
    expect((await reviewer.post(`/api/v1/declarations/${id}/comments`, { path: '/goals/0', body: '目标请量化。' })).status).toBe(201);
    expect((await reviewer.post(`/api/v1/declarations/${id}/transitions`, { action: 'review', grade: '中', reason: '请补充成本指标。' })).status).toBe(200);
    const inbox = (await editor.get<Inbox>('/api/v1/notifications')).body;
    // One return, one notification: the comment made during the review comes with it, counted.
    expect(inbox.unread).toBe(before + 1);
    expect(inbox.items[0]).toMatchObject({ kind: 'declaration-returned', body: '【中】请补充成本指标。（另有 1 处批注 / 1 comments on fields）', link: `/declarations/${id}` });
    expect(inbox.items[0]?.title.en).toContain('was returned for revision');
    // The English title is English around the department's name: no Chinese template words.
    expect(inbox.items[0]?.title.en).toBe('广州市海珠区政务服务和数据管理局 2025 department-wide targets was returned for revision');
    expect(inbox.items.some((n) => n.kind === 'declaration-comment' && n.body === '目标请量化。')).toBe(false);
    expect((await approver.get<Inbox>('/api/v1/notifications')).body.items[0]).toMatchObject({ kind: 'declaration-returned' });
  });

  it('lets each person read and mark only their own', async () => {
    const editor = await as('haizhu-editor');
    const admin = await as('admin');
    const tree = await admin.get<{ regions: Array<{ children: Array<{ children: Array<{ id: string; name: string }> }> }> }>('/api/v1/organisations');
    const haizhu = tree.body.regions[0]?.children[0]?.children.find((d) => d.name === '海珠区')?.id;
    const health = await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区卫生健康局', regionId: haizhu });
    await admin.post('/api/v1/users', { username: 'n-health', displayName: 'h', password: PASSWORD, role: 'editor', departmentId: health.body.id, regionId: null });
    const other = await as('n-health');
    const mine = (await editor.get<Inbox>('/api/v1/notifications?unread=true')).body;
    const first = mine.items[0];
    expect(first).toBeDefined();
    expect((await other.get<Inbox>('/api/v1/notifications')).body).toEqual({ items: [], unread: 0 });
    expect((await other.post(`/api/v1/notifications/${first?.id}/read`, {})).status).toBe(404);
    expect((await new ApiClient(t.base).get('/api/v1/notifications')).status).toBe(401);
    expect((await editor.post(`/api/v1/notifications/${first?.id}/read`, {})).status).toBe(200);
    // Opening one reads the others that open the same page.
    const samePage = mine.items.filter((n) => !n.read && n.link === first?.link).length;
    expect((await editor.get<Inbox>('/api/v1/notifications')).body.unread).toBe(mine.unread - samePage);
    expect((await editor.post<{ marked: number }>('/api/v1/notifications/read-all', {})).body.marked).toBe(mine.unread - samePage);
    expect((await editor.get<Inbox>('/api/v1/notifications')).body.unread).toBe(0);
  });
});
