/**
 * Writes the served OpenAPI document (`/api/v1/openapi.json`) to a file, without a server or a
 * data directory: an in-memory store, the app built and asked. `npm run openapi -- out.json`.
 */
import { writeFile } from 'node:fs/promises';
import { openStore } from '../src/store/openStore.ts';
import { buildApp } from '../src/server/app.ts';

/** The OpenAPI document as the server serves it. */
export async function servedOpenApi(): Promise<Record<string, unknown>> {
  const store = await openStore({ kind: 'embedded', dataDir: 'memory://' });
  try {
    await store.migrate();
    const app = await buildApp(store);
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`openapi.json: ${response.statusCode} ${response.body}`);
      return response.json();
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'openapi.json';
  await writeFile(out, `${JSON.stringify(await servedOpenApi(), null, 2)}\n`);
  console.log(`wrote ${out}`);
}
