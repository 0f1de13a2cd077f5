/**
 * Three server processes on one PostgreSQL schema behind nginx, as docs/deployment.md describes:
 * migrations run once when processes start together; a session made through one process works on
 * the others; a change made on one is seen at once by the others' caches (NOTIFY); and while 24
 * clients write, one process is killed — every write that was acknowledged is in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/openStore.ts';
import { seedDemo } from './demo.ts';
import { ApiClient } from './testing/apiClient.ts';
import { nginxMissing, startCluster, type Cluster } from './testing/cluster.ts';
import { dropTestSchemas, STORE_KINDS, TEST_DATABASE_URL, testSchema } from './testing/testStores.ts';

const PASSWORD = 'cluster-password-123';
const postgres = STORE_KINDS.some(([name]) => name.startsWith('PostgreSQL'));
const missing = nginxMissing();
if (missing !== null) {
  if (process.env.CI === 'true') throw new Error(`nginx is needed for the several-process test under CI (${missing}); .ci/run installs it`);
  console.warn(`\n⚠ nginx is not installed (${missing}): the several-process test is SKIPPED. apt-get install nginx-light\n`);
}

describe.skipIf(!postgres || missing !== null)('three server processes behind nginx on one PostgreSQL', { timeout: 180_000 }, () => {
  const schema = testSchema();
  let cluster: Cluster;
  let store: Store;

  beforeAll(async () => {
    // Three processes of a new version meeting an empty schema at once: one migrates, two wait.
    const racing = await Promise.all([0, 1, 2].map(() => openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema })));
    const applied = await Promise.all(racing.map((s) => s.migrate()));
    expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
    await Promise.all(racing.slice(1).map((s) => s.close()));
    store = racing[0] as Store;
    await seedDemo(store, PASSWORD);
    cluster = await startCluster({ url: TEST_DATABASE_URL, schema, processes: 3, args: ['--demo'], env: { JIXIAO_DEMO_PASSWORD: PASSWORD } });
  }, 330_000);

  afterAll(async () => {
    await cluster?.stop();
    await store?.close();
    await dropTestSchemas();
  });

  it('keeps a session and the caches right across processes', async () => {
    const admin = await new ApiClient(cluster.url).login('admin', PASSWORD);
    // Round-robin: the same session is served by every process in turn.
    for (let i = 0; i < 6; i++) expect((await admin.get('/api/v1/session')).status).toBe(200);
    const tree = (await admin.get<{ regions: Array<{ children: Array<{ children: Array<{ name: string; departments: Array<{ id: string; name: string }> }> }> }> }>('/api/v1/organisations')).body;
    const department = tree.regions[0]?.children[0]?.children[0]?.departments[0];
    expect((await admin.patch(`/api/v1/organisations/departments/${department?.id ?? ''}`, { name: '广州市海珠区政务服务数据管理局（改名）' })).status).toBe(200);
    // Each process, asked directly, knows the new name at once (its directory cache was told).
    for (const process of cluster.processes) {
      const direct = await new ApiClient(process.url).login('admin', PASSWORD);
      const json = JSON.stringify((await direct.get('/api/v1/organisations')).body);
      expect(json).toContain('（改名）');
    }
  });

  it('loses no acknowledged write when a process is killed under load', async () => {
    const editor = await new ApiClient(cluster.url).login('haizhu-editor', PASSWORD);
    const forms = await editor.get<{ items: Array<{ id: string }> }>('/api/v1/declarations?year=2025&kind=department-target');
    const id = forms.body.items[0]?.id ?? '';
    expect(id).not.toBe('');
    const acknowledged: string[] = [];
    let refused = 0;
    let afterKill = 0;
    let killed = false;
    const deadline = Date.now() + 5000;
    const worker = async (w: number) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const body = `负载测试批注 w${w} n${n}`;
        const response = await editor.post(`/api/v1/declarations/${id}/comments`, { path: '/goals/0', body }).catch(() => ({ status: 0 }));
        if (response.status === 201) {
          acknowledged.push(body);
          if (killed) afterKill++;
        } else refused++;
      }
    };
    const load = Promise.all(Array.from({ length: 24 }, (_, w) => worker(w)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    cluster.kill(1);
    killed = true;
    await load;
    expect(acknowledged.length).toBeGreaterThan(50);
    // The two processes left carry on.
    expect(afterKill).toBeGreaterThan(10);
    const stored = await store.db.selectFrom('document_comments').select('body').where('document_id', '=', id).where('body', 'like', '负载测试批注%').execute();
    const kept = new Set(stored.map((r) => r.body));
    expect(acknowledged.filter((b) => !kept.has(b))).toEqual([]);
    // Refused writes (cut off with the process) were never acknowledged; at most one each was stored.
    expect(kept.size - acknowledged.length).toBeLessThanOrEqual(refused);
  });
});
