/** Starting the server: open the store, migrate, optionally seed the demo, listen; stop cleanly on signals. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store, type StoreOptions } from '../store/openStore.ts';
import { buildApp } from './app.ts';
import { DEMO_USERS, seedDemo } from './demo.ts';
import { deliveryFromEnv, DeliverySettingError } from './delivery/settings.ts';
import { jobQueueFor } from './jobs/queue.ts';

export interface ServeOptions {
  readonly store: StoreOptions;
  readonly port: number;
  readonly host: string;
  readonly demo: boolean;
  readonly logger: boolean;
  /** Session cookies Secure: `auto` when the request came over HTTPS. */
  readonly secureCookies?: boolean | 'auto';
  readonly trustProxy?: boolean | number | string;
  /** The built web app to serve (default: dist/web of this checkout, when built). */
  readonly webRoot?: string | null;
}

/** Where `npm run build:web` puts the web app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Where the store is: DATABASE_URL wins, else the data directory (made when missing only if `create`). */
export function storeOptionsFrom(dataDir: string, url = process.env.DATABASE_URL, create = true): StoreOptions {
  // DATABASE_SCHEMA keeps Jixiao's tables in a schema of their own (several installations on one server).
  const schema = process.env.DATABASE_SCHEMA?.trim();
  return url ? { kind: 'postgres', url, ...(schema ? { schema } : {}) } : { kind: 'embedded', dataDir, create };
}

/** True in production mode (NODE_ENV=production): no demo accounts are served. */
export function productionMode(): boolean {
  return process.env.NODE_ENV === 'production';
}

/** Why the server refuses to start, said to the person starting it. */
export class ServeRefusal extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'ServeRefusal';
  }
}

/** Runs the server until SIGINT/SIGTERM. */
export async function serve(options: ServeOptions): Promise<{ app: FastifyInstance; store: Store }> {
  if (options.demo && productionMode()) {
    throw new ServeRefusal('生产模式（NODE_ENV=production）下不能使用 --demo：演示账号的密码是公开的', '--demo is refused in production mode (NODE_ENV=production): the demo accounts are public knowledge');
  }
  const store = await openStore(options.store);
  const applied = await store.migrate();
  if (applied.length > 0) process.stderr.write(`jixiao: applied migrations ${applied.join(', ')} to ${store.location}\n`);
  const demoAccounts = await store.db.selectFrom('users').select('username').where('demo', '=', true).where('disabled', '=', false).execute();
  if (!options.demo && demoAccounts.length > 0) {
    process.stderr.write(`jixiao: this store has ${demoAccounts.length} demo accounts (${demoAccounts.map((u) => u.username).join(', ')}); they cannot sign in unless the server runs with --demo\n`);
  }
  // Repeated on the serving line: the per-request log must not scroll it out of sight.
  let demoPassword: string | null = null;
  if (options.demo) {
    // The district (35 departments, two years) unless JIXIAO_DEMO_SIZE=bureau asks for the one bureau (quicker, for tests).
    const district = process.env.JIXIAO_DEMO_SIZE !== 'bureau';
    const seeded = await seedDemo(store, undefined, { family: true, district }).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    if (seeded) {
      process.stderr.write(`jixiao: loaded the demo (海珠区政务服务和数据管理局: the 2025 department form as a draft with its 14 project forms, and a published 2024 year${district ? '; 35 more departments of Haizhu and Yuexiu with two years each, users hz01-editor … yx35-approver, yuexiu-reviewer' : ''}). Users: ${DEMO_USERS.map((u) => u.username).join(', ')}\n`);
      process.stderr.write(seeded.generated ? `jixiao: demo password (shown once): ${seeded.password}\n` : 'jixiao: demo password from JIXIAO_DEMO_PASSWORD\n');
      if (seeded.generated) demoPassword = seeded.password;
    }
  }
  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  if (webRoot && !existsSync(webRoot)) process.stderr.write(`jixiao: the web app is not built (${webRoot}); run \`npm run build:web\` — serving the API alone\n`);
  let delivery;
  try {
    delivery = deliveryFromEnv(process.env);
  } catch (error) {
    await store.close();
    if (error instanceof DeliverySettingError) throw new ServeRefusal(`通知设置有误：${error.message}`, `a notification setting is wrong: ${error.message}`);
    throw error;
  }
  if (delivery.channels.length > 0) process.stderr.write(`jixiao: notifications also go by ${delivery.channels.map((c) => c.name).join(' and ')}\n`);
  // A demo logs warnings only (LOG_LEVEL overrides): a request a line would bury what was printed above.
  const app = await buildApp(store, { logger: options.logger, logLevel: options.demo ? 'warn' : 'info', webRoot, demoMode: options.demo, dispatch: delivery, jobQueue: jobQueueFor(store), secureCookies: options.secureCookies ?? 'auto', ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}) });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    // Not serving: nothing may keep the process alive (the store's pools, the job queue).
    await app.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  process.stderr.write(`jixiao: serving on http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port} (store: ${store.kind}, ${store.location}); web app at /, API docs at /api/v1/docs${demoPassword ? `; demo password: ${demoPassword}` : ''}\n`);
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
