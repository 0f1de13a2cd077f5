/**
 * The HTTP server: Fastify with zod schemas (one definition validates requests and generates the
 * OpenAPI document), one error convention, structured logs with a request id.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Store } from '../store/openStore.ts';
import { AppError } from './appError.ts';
import { authenticateRequest } from './context.ts';
import { adminRoutes } from './routes/adminRoutes.ts';
import { declarationRoutes } from './routes/declarationRoutes.ts';
import { sessionRoutes } from './routes/sessionRoutes.ts';
import { cacheDeclarationHeads, cacheDeclarationHeadsWhileListening, DECLARATION_CHANGED, declarationHeadChanged } from './services/declarationHeads.ts';

export interface AppOptions {
  /** Structured JSON logs (off in tests). */
  readonly logger?: boolean;
  /** Largest request body, in bytes. */
  readonly bodyLimit?: number;
  /** Send cookies only over HTTPS (set behind a TLS proxy). */
  readonly secureCookies?: boolean;
  /** Sign-in attempts per address per minute (the per-account limit is separate). */
  readonly loginsPerMinute?: number;
  /** Directory of the built web app (`npm run build:web` → dist/web); null serves the API alone. */
  readonly webRoot?: string | null;
}

/** Turns any error into the one JSON error shape; nothing internal leaks. */
function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({
      field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
      message: v.message ?? 'invalid',
    }));
    return new AppError(400, 'validation-failed', '请求内容有误', 'the request is not valid', fields);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'malformed-json', '请求体不是有效的 JSON', 'the body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload-too-large', '请求体过大', 'the body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(415, 'unsupported-media-type', '不支持该内容类型，请发送 application/json', 'unsupported content type; send application/json');
    default:
      break;
  }
  if (error.statusCode === 429) return new AppError(429, 'rate-limited', '请求过于频繁，请稍后再试', 'too many requests; try again later');
  if (error instanceof SyntaxError) return new AppError(400, 'malformed-json', '请求体不是有效的 JSON', 'the body is not valid JSON');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new AppError(error.statusCode, 'bad-request', '请求有误', error.message);
  return new AppError(500, 'internal', '服务器内部错误，已记录', 'internal error; it has been logged');
}

/** The web app's one page: it routes every deep link itself; never cached stale. */
function sendPage(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}

/** Builds the server around an open store. */
export async function buildApp(store: Store, options: AppOptions = {}): Promise<FastifyInstance> {
  // Declaration heads are cached where no change can be missed: the embedded store is locked to
  // this process; a PostgreSQL server announces every change to every process that listens.
  let stopListening: (() => Promise<void>) | null = null;
  if (store.kind === 'embedded') cacheDeclarationHeads(store.db);
  else if (store.listen) {
    const cache = cacheDeclarationHeadsWhileListening(store.db);
    stopListening = await store.listen(DECLARATION_CHANGED, (id) => declarationHeadChanged(store.db, id), cache.listening);
  }
  const app = Fastify({
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
    },
  });
  if (stopListening) app.addHook('onClose', stopListening);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Jixiao API', version: '1', description: '绩效: department budget performance targets — declarations, review workflow, audit.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jixiao_session' }, token: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('preHandler', authenticateRequest(store));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(appError.status).send({ ...appError.toJSON(), requestId: request.id });
  });
  const webRoot = options.webRoot && existsSync(join(options.webRoot, 'index.html')) ? options.webRoot : null;
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      // Files are looked up per request (not listed once at start), so a rebuild is served without a restart.
      wildcard: true,
      index: false,
      // Cache headers are ours (below), not the plugin's default max-age=0.
      cacheControl: false,
      // The build writes .br and .gz beside each asset (scripts/buildWeb.ts): sent as the browser accepts.
      preCompressed: true,
      // Built assets carry a content hash in their names: they never change, so browsers keep them.
      setHeaders: (res, path) => res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // Deep links of the single-page app (/declarations/…, /public/…) get its page; the app routes them.
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !/\.\w+$/.test(request.url.split('?')[0] ?? '');
    if (webRoot && isPage) return sendPage(reply);
    return reply.status(404).send({ ...new AppError(404, 'not-found', '没有这个地址', `no route ${request.method} ${request.url}`).toJSON(), requestId: request.id });
  });

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await store.db.selectFrom('regions').select('id').limit(1).execute();
    return { ok: true, store: store.kind };
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The web app's page, or — when it is not built — the browsable API documentation.
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    webRoot ? sendPage(reply) : reply.redirect('/api/v1/docs'),
  );

  sessionRoutes(app, store, { secureCookies: options.secureCookies ?? false, loginsPerMinute: options.loginsPerMinute ?? 60 });
  adminRoutes(app, store);
  declarationRoutes(app, store);
  return app;
}
