/**
 * GET one document (issue 28): the answer as the server sends it today — the stored JSON text of its
 * content and findings spliced in, nothing parsed or re-serialised — against the same answer
 * serialised by its response schema, as Fastify would with zod (validate and JSON.stringify, the
 * type provider's serialiser) or with the schema's JSON Schema compiled (fast-json-stringify, Fastify's
 * own serialiser), and against the test mode that checks every answer. All routes in one app on the
 * embedded store with the demo (a ~29 KB department form), requests by `inject` (no network), in
 * alternating rounds; then the serialisers alone on the parsed object.
 */
import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentViewSchema } from '../src/format/apiSchemas.ts';
import { buildApp } from '../src/server/app.ts';
import { optionalActor } from '../src/server/context.ts';
import { preSerialised } from '../src/server/contract/preSerialised.ts';
import { validateResponses } from '../src/server/contract/validateResponses.ts';
import { seedDemo } from '../src/server/demo.ts';
import { getDocumentJson } from '../src/server/services/documents.ts';
import { openStore, type Store } from '../src/store/openStore.ts';
import { compare, formatRate, median } from './harness.ts';

const ROUNDS = 7;
const REQUESTS = 150;

/** fast-json-stringify compiled from the zod schema's JSON Schema (what Fastify does with a JSON Schema). */
function fastJsonCompiler({ schema }: { schema: unknown }) {
  return fastJson(z.toJSONSchema(schema as z.ZodType, { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as Parameters<typeof fastJson>[0]);
}

/** The same document route with another way to serialise its answer. */
function documentRoute(app: FastifyInstance, store: Store, path: string, serializerCompiler: typeof zodSerializerCompiler | typeof fastJsonCompiler) {
  app.get<{ Params: { id: string } }>(path, { schema: { hide: true, response: { 200: documentViewSchema } }, serializerCompiler: serializerCompiler as never }, async (request) =>
    // An object to serialise: what a handler has when the stored text is not spliced in.
    JSON.parse((await getDocumentJson(store.db, optionalActor(request), request.params.id)).toString('utf8')),
  );
}

export async function contractBench(): Promise<{ markdown: string; ok: boolean }> {
  const store = await openStore({ kind: 'embedded', dataDir: 'memory://' });
  await store.migrate();
  await seedDemo(store, 'bench-password-123');
  const app = await buildApp(store, { demoMode: true });
  documentRoute(app, store, '/api/v1/bench/zod/:id', zodSerializerCompiler);
  documentRoute(app, store, '/api/v1/bench/fast-json/:id', fastJsonCompiler);
  // The test mode: today's route with every answer checked against its schema.
  await app.register(async (scope) => {
    validateResponses(scope, (m) => {
      throw new Error(`${m.url}: ${m.problem}`);
    });
    scope.get<{ Params: { id: string } }>('/api/v1/bench/checked/:id', { schema: { operationId: 'benchChecked', response: { 200: documentViewSchema } } }, async (request, reply) =>
      reply.type('application/json; charset=utf-8').send(preSerialised(await getDocumentJson(store.db, optionalActor(request), request.params.id))),
    );
  });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'admin', password: 'bench-password-123' } });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const list = await app.inject({ url: '/api/v1/documents?kind=department-target&pageSize=1', headers: { cookie } });
  const id = (list.json() as { items: Array<{ id: string }> }).items[0]?.id ?? '';
  const ways = [
    ['today: stored JSON text spliced in, sent as is', `/api/v1/documents/${id}`],
    ['by schema, zod (validate + JSON.stringify: the type provider’s serialiser)', `/api/v1/bench/zod/${id}`],
    ['by schema, fast-json-stringify (the JSON Schema compiled: Fastify’s serialiser)', `/api/v1/bench/fast-json/${id}`],
    ['today’s route in the test mode (every answer checked)', `/api/v1/bench/checked/${id}`],
  ] as const;
  const bodies = await Promise.all(ways.map(async ([, url]) => (await app.inject({ url, headers: { cookie } })).json() as unknown));
  // The same members and values (fast-json-stringify writes them in the schema's order).
  const same = bodies.every((body) => isDeepStrictEqual(body, bodies[0]));
  const bytes = (await app.inject({ url: ways[0][1], headers: { cookie } })).rawPayload.length;
  // Alternating rounds of REQUESTS requests each; the median of the per-round rates.
  const rates: number[][] = ways.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [, url]] of ways.entries()) {
      const start = performance.now();
      for (let n = 0; n < REQUESTS; n++) await app.inject({ url, headers: { cookie } });
      if (round > 0) rates[i]?.push((REQUESTS * 1000) / (performance.now() - start));
    }
  }
  const perSecond = rates.map((r) => median(r));
  const baseline = perSecond[0] ?? 1;

  // The serialisers alone, on the parsed answer.
  const object = bodies[0] as Record<string, unknown>;
  const zodSerialise = zodSerializerCompiler({ schema: documentViewSchema, method: 'GET', url: '/' }) as (data: unknown) => string;
  const fastSerialise = fastJsonCompiler({ schema: documentViewSchema });
  const zodVsStringify = compare(() => zodSerialise(object), () => JSON.stringify(object));
  const fastVsStringify = compare(() => fastSerialise(object), () => JSON.stringify(object));
  await app.close();
  await store.close();

  const rows = ways.map(([what], i) => `| ${what} | ${formatRate(perSecond[i] ?? 0)} | ${((perSecond[i] ?? 0) / baseline).toFixed(2)}× |`);
  const fastest = perSecond.indexOf(Math.max(...perSecond.slice(0, 3)));
  const markdown = [
    `GET /api/v1/documents/{id} of the demo's department form (${formatRate(bytes)} bytes of JSON), signed in as admin, by \`inject\` (in process, no network): ${ROUNDS - 1} alternating rounds of ${REQUESTS} requests after a warm-up round; medians. The four answers are the same JSON: ${same ? 'yes' : '**NO**'}.`,
    '',
    '| how the answer is serialised | requests/s | against today |',
    '|---|---|---|',
    ...rows,
    '',
    'The serialisers alone on the parsed answer (alternating rounds, medians), against `JSON.stringify` (what Fastify used before the routes had response schemas):',
    '',
    '| serialiser | per second | JSON.stringify per second | relative |',
    '|---|---|---|---|',
    `| zod (validate + JSON.stringify) | ${formatRate(zodVsStringify.subject.opsPerSecond)} | ${formatRate(zodVsStringify.baseline.opsPerSecond)} | ${(zodVsStringify.subject.opsPerSecond / zodVsStringify.baseline.opsPerSecond).toFixed(2)}× |`,
    `| fast-json-stringify from the JSON Schema | ${formatRate(fastVsStringify.subject.opsPerSecond)} | ${formatRate(fastVsStringify.baseline.opsPerSecond)} | ${(fastVsStringify.subject.opsPerSecond / fastVsStringify.baseline.opsPerSecond).toFixed(2)}× |`,
    '',
    `Decision: ${fastest === 0 ? `hot reads keep sending the stored JSON text as is (fastest: nothing parsed, nothing serialised); the schema documents the answer and the API tests check it (test mode). Other answers are serialised with JSON.stringify: fast-json-stringify alone ran at ${(fastVsStringify.subject.opsPerSecond / fastVsStringify.baseline.opsPerSecond).toFixed(2)}× its rate here, but it writes only what a schema declares (a gap in a schema would drop a field in production) and the parse a handler needs first costs more than it saves; the schemas describe the answers and the tests hold the server to them.` : '**a schema serialiser was faster than today’s path in this run: look again.**'}`,
  ].join('\n');
  return { markdown, ok: same && fastest === 0 };
}
