/** Starting the server: open the store, migrate, optionally seed the demo, listen; stop cleanly on signals. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store, type StoreOptions } from '../store/openStore.ts';
import { buildApp } from './app.ts';
import { DEMO_USERS, seedDemo } from './demo.ts';

export interface ServeOptions {
  readonly store: StoreOptions;
  readonly port: number;
  readonly host: string;
  readonly demo: boolean;
  readonly logger: boolean;
  /** The built web app to serve (default: dist/web of this checkout, when built). */
  readonly webRoot?: string | null;
}

/** Where `npm run build:web` puts the web app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Where the store is: DATABASE_URL wins, else the data directory. */
export function storeOptionsFrom(dataDir: string, url = process.env.DATABASE_URL): StoreOptions {
  return url ? { kind: 'postgres', url } : { kind: 'embedded', dataDir };
}

/** Runs the server until SIGINT/SIGTERM. */
export async function serve(options: ServeOptions): Promise<{ app: FastifyInstance; store: Store }> {
  const store = await openStore(options.store);
  const applied = await store.migrate();
  if (applied.length > 0) process.stderr.write(`jixiao: applied migrations ${applied.join(', ')} to ${store.location}\n`);
  if (options.demo) {
    const seeded = await seedDemo(store);
    if (seeded) {
      process.stderr.write(`jixiao: loaded the demo (海珠区政务服务和数据管理局, 2025 draft). Users: ${DEMO_USERS.map((u) => u.username).join(', ')}\n`);
      process.stderr.write(seeded.generated ? `jixiao: demo password (shown once): ${seeded.password}\n` : 'jixiao: demo password from JIXIAO_DEMO_PASSWORD\n');
    }
  }
  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  if (webRoot && !existsSync(webRoot)) process.stderr.write(`jixiao: the web app is not built (${webRoot}); run \`npm run build:web\` — serving the API alone\n`);
  const app = await buildApp(store, { logger: options.logger, webRoot });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  process.stderr.write(`jixiao: serving on http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port} (store: ${store.kind}, ${store.location}); web app at /, API docs at /api/v1/docs\n`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return { app, store };
}
