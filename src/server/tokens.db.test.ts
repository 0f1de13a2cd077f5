/**
 * API tokens over real HTTP on both stores: a bureau's admin revokes only the tokens of the users it
 * administers, and a token cannot make or revoke tokens (it would outlive itself).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/apiClient.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { startTestApp, type TestApp } from './testing/testApp.ts';

type Tree = { regions: Array<{ children: Array<{ children: Array<{ id: string; name: string }> }> }> };

describe.each(STORE_KINDS)('API tokens on the %s store', (_name, open) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(open);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  /** A token of a user, made in a signed-in session, and a client that sends it. */
  async function tokenOf(client: ApiClient, name: string, days = 30): Promise<{ id: string; client: ApiClient }> {
    const created = await client.post<{ id: string; token: string }>('/api/v1/tokens', { name, expiresInDays: days });
    expect(created.status).toBe(201);
    return { id: created.body.id, client: new ApiClient(t.base).useToken(created.body.token) };
  }

  it("lets a bureau's admin revoke only the tokens of the users of its region", async () => {
    const systemAdmin = await t.as('admin');
    const bureauAdmin = await t.as('haizhu-admin');
    const yuexiu = (await systemAdmin.get<Tree>('/api/v1/organisations')).body.regions[0]?.children[0]?.children.find((r) => r.name === '越秀区')?.id ?? '';
    expect((await systemAdmin.post('/api/v1/users', { username: 'yx-token-reviewer', displayName: '越秀审核员', password: 'Quiet-Harbour-Lantern-58', role: 'reviewer', regionId: yuexiu })).status).toBe(201);
    const outsider = await tokenOf(await t.as('yx-token-reviewer', 'Quiet-Harbour-Lantern-58'), 'yuexiu script');
    const root = await tokenOf(systemAdmin, 'root script');
    const own = await tokenOf(await t.as('haizhu-editor'), 'haizhu script');
    for (const token of [root, outsider]) {
      const refused = await bureauAdmin.request<{ error: { id: string } }>('DELETE', `/api/v1/tokens/${token.id}`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.id).toBe('outside-your-region');
      // Still working.
      expect((await token.client.get('/api/v1/session')).status).toBe(200);
    }
    expect((await bureauAdmin.request('DELETE', `/api/v1/tokens/${own.id}`)).status).toBe(200);
    expect((await own.client.get('/api/v1/session')).status).toBe(401);
    // The system admin still revokes anyone's.
    expect((await systemAdmin.request('DELETE', `/api/v1/tokens/${outsider.id}`)).status).toBe(200);
  });

  it('refuses to make or revoke tokens with a token: a token cannot outlive itself', async () => {
    const editor = await t.as('haizhu-editor');
    const parent = await tokenOf(editor, 'one day', 1);
    const minted = await parent.client.post<{ error: { id: string; message: { zh: string; en: string } } }>('/api/v1/tokens', { name: 'one year', expiresInDays: 365 });
    expect(minted.status).toBe(403);
    expect(minted.body.error.id).toBe('session-required');
    expect(minted.body.error.message.zh).toContain('我的账号');
    const sibling = await tokenOf(editor, 'sibling');
    expect((await parent.client.request('DELETE', `/api/v1/tokens/${sibling.id}`)).status).toBe(403);
    // Nothing was made; the signed-in user revokes, and the token is gone.
    expect((await editor.get<{ tokens: Array<{ name: string }> }>('/api/v1/tokens')).body.tokens.map((x) => x.name).sort()).toEqual(['haizhu script', 'one day', 'sibling'].sort());
    expect((await editor.request('DELETE', `/api/v1/tokens/${parent.id}`)).status).toBe(200);
    expect((await parent.client.get('/api/v1/session')).status).toBe(401);
  });
});
