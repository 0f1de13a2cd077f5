/**
 * One store with the demo loaded and the app listening on a free port: the set-up of every API test
 * (`describe.each(STORE_KINDS)` then `useTestApp(open)`, or `startTestApp(open)` in beforeAll and
 * `close()` in afterAll where something must come before it).
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Store } from '../../store/openStore.ts';
import { buildApp } from '../app.ts';
import { reportToTests, type ResponseMismatch } from '../contract/validateResponses.ts';
import { jobQueueFor } from '../jobs/queue.ts';
import { seedDemo } from '../demo.ts';
import { ApiClient } from './apiClient.ts';
import type { StoreTemplate } from './storeTemplates.ts';
import { dropTestSchemas, type OpenTestStore } from './testStores.ts';

/** The password of the demo's accounts in tests. */
export const TEST_PASSWORD = 'test-password-123';

export interface TestApp {
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly base: string;
  /** A client signed in as a user (the demo's password unless given). */
  as(username: string, password?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

/** The demo (with its family of documents, or the whole district, if asked) in a migrated store, with TEST_PASSWORD. */
export function demoTemplate(options: { family?: boolean; district?: boolean }): StoreTemplate {
  const seed = { family: options.family ?? options.district ?? false, district: options.district ?? false };
  return {
    name: `demo-${seed.district ? 'district' : seed.family ? 'family' : 'bureau'}`,
    fill: async (store) => {
      await store.migrate();
      await seedDemo(store, TEST_PASSWORD, seed);
    },
  };
}

/** Opens a store, migrates it, loads the demo (with its family of documents, or the whole district, if asked) and starts the app. */
export async function startTestApp(open: OpenTestStore, options: { family?: boolean; district?: boolean; jobs?: boolean } = {}): Promise<TestApp> {
  const template = demoTemplate(options);
  const store = await open(template);
  // Nothing to do when the store opened with the demo in it; an opener that ignores templates gets it here.
  await template.fill(store);
  // Every answer is checked against its declared schema: a mismatch is a 500 the test sees, and close() fails too.
  const mismatches: ResponseMismatch[] = [];
  const app = await buildApp(store, { loginsPerMinute: 10_000, demoMode: true, jobQueue: options.jobs ? jobQueueFor(store) : null, validateResponses: (m) => {
      mismatches.push(m);
      reportToTests(m);
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    store,
    app,
    base,
    as: (username, password = TEST_PASSWORD) => new ApiClient(base).login(username, password),
    close: async () => {
      await app.close();
      await store.close();
      await dropTestSchemas();
      if (mismatches.length > 0) throw new Error(`answers that do not match their schemas:\n${mismatches.map((m) => `${m.method} ${m.url} ${m.status}: ${m.problem}`).join('\n')}`);
    },
  };
}

/**
 * The suite's app, started before its tests and closed after them (in a describe block): the app the
 * answer stands for is there inside hooks registered after this call and inside tests.
 */
export function useTestApp(open: OpenTestStore, options: Parameters<typeof startTestApp>[1] = {}): TestApp {
  let started: TestApp | undefined;
  const current = (): TestApp => {
    if (!started) throw new Error('the test app starts in beforeAll: use it in a later hook or a test');
    return started;
  };
  beforeAll(async () => {
    started = await startTestApp(open, options);
  }, 180_000);
  afterAll(async () => {
    await started?.close();
  });
  return {
    get store() {
      return current().store;
    },
    get app() {
      return current().app;
    },
    get base() {
      return current().base;
    },
    as: (username, password) => current().as(username, password),
    close: () => current().close(),
  };
}
