/** The server serves the built web app: its page at / and at every deep link, its assets cached for good, the API untouched. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/openStore.ts';
import { buildApp } from './app.ts';

describe('serving the web app', () => {
  let store: Store;
  let app: FastifyInstance;
  let bare: FastifyInstance;

  beforeAll(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>绩效</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
    store = await openStore({ kind: 'embedded', dataDir: 'memory://' });
    await store.migrate();
    app = await buildApp(store, { webRoot });
    bare = await buildApp(store, { webRoot: join(webRoot, 'not-built') });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await bare?.close();
    await store?.close();
  });

  it('answers / and deep links with the page, which is never cached stale', async () => {
    for (const url of ['/', '/declarations/0b7e/edit', '/public?year=2025', '/login']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a long cache life, and a missing file as a 404', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/missing-0000.js' })).statusCode).toBe(404);
  });

  it('serves the page and its files without looking up who asks: a stale credential does not hold them up', async () => {
    const stale = { authorization: 'Bearer jx_revoked', cookie: 'jixiao_session=expired' };
    expect((await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: stale })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/declarations/0b7e/edit', headers: stale })).statusCode).toBe(200);
    // The API still refuses the token.
    const api = await app.inject({ method: 'GET', url: '/api/v1/session', headers: stale });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toMatchObject({ error: { id: 'invalid-token' } });
  });

  it('leaves the API alone: unknown API routes are JSON 404s, not the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { id: 'not-found' } });
    expect((await app.inject({ method: 'POST', url: '/declarations' })).statusCode).toBe(404);
  });

  it('without a build, the root leads to the API documentation', async () => {
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/api/v1/docs');
  });
});
