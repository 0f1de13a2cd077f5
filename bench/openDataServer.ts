/**
 * The server of the open-data benchmark, in its own process (so its memory is its own): the app on
 * a PostgreSQL schema the benchmark filled. Prints one JSON line with its port when ready.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/server/app.ts';
import { openStore } from '../src/store/openStore.ts';

const schema = process.argv[2] ?? '';
const store = await openStore({ kind: 'postgres', url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema });
const app = await buildApp(store, { loginsPerMinute: 10_000 });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => store.close()).then(() => process.exit(0));
});
