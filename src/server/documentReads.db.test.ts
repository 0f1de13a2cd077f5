/**
 * Reads are the same for the three kinds of document (declarations, monitoring reports,
 * self-evaluations), over real HTTP on both stores: whoever may read a document may read its
 * comments, and a published one is open to the public where its kind is published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './testing/apiClient.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { startTestApp, type TestApp } from './testing/testApp.ts';

describe.each(STORE_KINDS)('reads of every kind of document on the %s store', (_name, open) => {
  let t: TestApp;
  let paths: { declaration: string; report: string; evaluation: string };
  let published: { declaration: string; evaluation: string };
  let unpublishedEvaluation: string;

  beforeAll(async () => {
    t = await startTestApp(open, { family: true });
    const db = t.store.db;
    const declaration = await db.selectFrom('documents').select('id').where('kind', 'in', ['department-target', 'project-target']).where('state', '=', 'submitted').orderBy('id').executeTakeFirstOrThrow();
    const report = await db.selectFrom('documents').select('id').where('kind', '=', 'monitoring-report').where('state', '!=', 'draft').orderBy('id').executeTakeFirstOrThrow();
    const evaluation = await db.selectFrom('documents').select('id').where('kind', '=', 'self-evaluation').where('state', 'in', ['submitted', 'returned', 'accepted']).orderBy('id').executeTakeFirstOrThrow();
    paths = { declaration: `/api/v1/declarations/${declaration.id}`, report: `/api/v1/monitoring/reports/${report.id}`, evaluation: `/api/v1/evaluations/${evaluation.id}` };
    unpublishedEvaluation = evaluation.id;
    published = {
      declaration: (await db.selectFrom('documents').select('id').where('kind', 'in', ['department-target', 'project-target']).where('state', '=', 'published').orderBy('id').executeTakeFirstOrThrow()).id,
      evaluation: (await db.selectFrom('documents').select('id').where('kind', '=', 'self-evaluation').where('state', '=', 'published').orderBy('id').executeTakeFirstOrThrow()).id,
    };
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it.each(['admin', 'haizhu-admin', 'haizhu-reviewer', 'haizhu-editor'])('lets %s read each document and its comments alike', async (username) => {
    const client = await t.as(username);
    for (const [kind, path] of Object.entries(paths)) {
      const read = await client.get(path);
      expect([kind, read.status]).toEqual([kind, 200]);
      const comments = await client.get<{ comments: unknown[] }>(`${path}/comments`);
      expect([kind, comments.status]).toEqual([kind, 200]);
      expect(Array.isArray(comments.body.comments)).toBe(true);
    }
  });

  it('answers readers who take turns on one document each with their own actions, the content the same', async () => {
    const reviewer = await t.as('haizhu-reviewer');
    const editor = await t.as('haizhu-editor');
    const seen = new Map<string, string>();
    // The body of a GET is kept per version with the last reader's head: turns must not mix them.
    for (let turn = 0; turn < 3; turn++) {
      for (const [who, client] of [['reviewer', reviewer], ['editor', editor]] as const) {
        const read = await client.get<{ allowedActions: string[]; content: unknown }>(paths.declaration);
        expect(read.status).toBe(200);
        const actions = read.body.allowedActions.join(',');
        expect(actions, `${who}, turn ${turn}`).toBe(seen.get(who) ?? actions);
        seen.set(who, actions);
        seen.set(`content ${turn} ${who}`, JSON.stringify(read.body.content));
      }
    }
    expect(seen.get('reviewer')).toContain('review');
    expect(seen.get('editor')).not.toContain('review');
    expect(new Set([...seen].filter(([key]) => key.startsWith('content')).map(([, content]) => content)).size).toBe(1);
  });

  it('opens a published declaration and a published self-evaluation to the public by the same addresses, comments kept back', async () => {
    const anonymous = new ApiClient(t.base);
    for (const path of [`/api/v1/declarations/${published.declaration}`, `/api/v1/evaluations/${published.evaluation}`]) {
      const read = await anonymous.get<{ id: string; allowedActions: string[]; canEdit: boolean }>(path);
      expect([path, read.status]).toEqual([path, 200]);
      expect(read.body.allowedActions).toEqual([]);
      expect(read.body.canEdit).toBe(false);
      expect((await anonymous.get<{ comments: unknown[] }>(`${path}/comments`)).body).toEqual({ comments: [] });
    }
    // Nothing unpublished: not there for the public; monitoring reports are never published.
    expect((await anonymous.get(`/api/v1/evaluations/${unpublishedEvaluation}`)).status).toBe(404);
    expect((await anonymous.get(`/api/v1/evaluations/${unpublishedEvaluation}/comments`)).status).toBe(404);
    expect((await anonymous.get(paths.declaration)).status).toBe(404);
    expect((await anonymous.get(paths.report)).status).toBe(401);
  });
});
