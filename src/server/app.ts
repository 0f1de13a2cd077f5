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
import helmet from 'helmet';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { declareContract } from './contract/declareContract.ts';
import { OPENAPI_HEADER, withoutUnusedSchemas } from './contract/document.ts';
import { reportToTests, validateResponses, type ResponseMismatch } from './contract/validateResponses.ts';
import type { Store } from '../store/openStore.ts';
import { AppError } from './appError.ts';
import { authenticateRequest } from './context.ts';
import { closeImportPool } from './import/importPool.ts';
import { findTextProblem } from './textSafety.ts';
import { DIRECTORY_CHANGED, directoryChanged } from './services/organisations.ts';
import { adminRoutes } from './routes/adminRoutes.ts';
import { declarationRoutes } from './routes/declarationRoutes.ts';
import { rectificationRoutes } from './routes/rectificationRoutes.ts';
import { disclosureRoutes } from './routes/disclosureRoutes.ts';
import { bookRoutes } from './routes/bookRoutes.ts';
import { assessmentRoutes } from './routes/assessmentRoutes.ts';
import { resultRoutes } from './routes/resultRoutes.ts';
import { documentRoutes } from './routes/documentRoutes.ts';
import { exportRoutes } from './routes/exportRoutes.ts';
import { monitoringRoutes } from './routes/monitoringRoutes.ts';
import { evaluationRoutes } from './routes/evaluationRoutes.ts';
import { notificationRoutes } from './routes/notificationRoutes.ts';
import { dashboardRoutes } from './routes/dashboardRoutes.ts';
import { startDispatcher, type DispatcherOptions } from './delivery/dispatcher.ts';
import { jobRoutes } from './routes/jobRoutes.ts';
import type { JobQueue } from './jobs/queue.ts';
import { sessionRoutes } from './routes/sessionRoutes.ts';
import { cacheDocumentHeads, cacheDocumentHeadsWhileListening, DOCUMENT_CHANGED, documentHeadChanged } from './services/documentHeads.ts';

export interface AppOptions {
  /** Structured JSON logs (off in tests). */
  readonly logger?: boolean;
  /** The log level when logging, unless LOG_LEVEL says another ('info' by default; a demo logs warnings only). */
  readonly logLevel?: string;
  /** Largest request body, in bytes. */
  readonly bodyLimit?: number;
  /**
   * Session cookies `Secure` (sent over HTTPS only): `auto` (the default) marks them so whenever the
   * request came over HTTPS — directly, or through a proxy trusted with `trustProxy`; true always.
   */
  readonly secureCookies?: boolean | 'auto';
  /** Trust X-Forwarded-* from a proxy in front (true, a hop count, or addresses), as Fastify's trustProxy. */
  readonly trustProxy?: boolean | number | string;
  /** Demo accounts may sign in (the server runs with --demo). */
  readonly demoMode?: boolean;
  /** Sign-in attempts per address per minute (the per-account limit is separate). */
  readonly loginsPerMinute?: number;
  /** Directory of the built web app (`npm run build:web` → dist/web); null serves the API alone. */
  readonly webRoot?: string | null;
  /**
   * Runs the notification dispatcher in this process (e-mail, webhook, overdue notices); absent: none
   * (API tests drive it themselves).
   */
  readonly dispatch?: Omit<DispatcherOptions, 'onError'>;
  /** Runs background jobs in this process (started when the app is ready, stopped when it closes); absent: job routes answer 503. */
  readonly jobQueue?: JobQueue | null;
  /**
   * Checks every API answer against its declared schema (tests): a mismatch is reported here and
   * answered with a 500. JIXIAO_VALIDATE_RESPONSES=1 turns it on with mismatches logged to stderr.
   */
  readonly validateResponses?: (mismatch: ResponseMismatch) => void;
}

/** What a unique constraint of the schema means to the person who ran into it (a race the service's own check lost). */
const UNIQUE_MEANINGS: Record<string, [field: string, zh: string, en: string]> = {
  declarations_department_id_year_key: ['year', '该部门已有该年度的申报表', 'the department already has a declaration for that year'],
  users_username_key: ['username', '用户名已被使用', 'the username is taken'],
  departments_region_id_name_key: ['name', '该区划下已有同名部门', 'a department of that name exists in the region'],
  declaration_versions_pkey: ['baseVersion', '他人同时保存了新版本，请刷新后重试', 'someone saved a new version at the same time; reload and try again'],
  declarations_one_department_form: ['year', '该部门已有该年度的部门整体申报表', 'the department already has a department-wide form for that year'],
  declarations_one_project_form: ['project', '该部门已有该年度同名项目的申报表', 'the department already has a form for that project that year'],
  documents_one_report: ['targetId', '本轮次已有该申报表的监控表', 'the round already has a report on this form'],
  documents_one_evaluation: ['targetId', '该申报表已有绩效自评表', 'the form already has a self-evaluation'],
};

/** A PostgreSQL error (both stores report them the same way). */
function databaseError(error: unknown): { code: string; constraint?: string } | null {
  const e = error as { code?: unknown; constraint?: unknown; severity?: unknown };
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && e.severity !== undefined ? { code: e.code, ...(typeof e.constraint === 'string' ? { constraint: e.constraint } : {}) } : null;
}

/** Turns any error into the one JSON error shape; nothing internal leaks. */
function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  const db = databaseError(error);
  if (db?.code === '23505') {
    const [field, zh, en] = UNIQUE_MEANINGS[db.constraint ?? ''] ?? ['', '与已有数据重复', 'it duplicates what exists'];
    return new AppError(409, 'conflict', zh, en, field ? [{ field, message: 'exists' }] : []);
  }
  if (db?.code === '22003') return new AppError(400, 'out-of-range', '数值超出范围', 'a number is out of range');
  if (db?.code === '22021' || db?.code === '22P05' || db?.code === '22P02') return new AppError(400, 'invalid-text', '请求中含有无法保存的字符或格式', 'the request holds characters or values that cannot be stored');
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
  if (store.kind === 'embedded') cacheDocumentHeads(store.db);
  else if (store.listen) {
    const cache = cacheDocumentHeadsWhileListening(store.db);
    stopListening = await store.listen(DOCUMENT_CHANGED, (id) => documentHeadChanged(store.db, id), cache.listening);
  }
  const app = Fastify({
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? options.logLevel ?? 'info' } : false,
    // Fastify takes a boolean, a hop count or addresses; its overloads only type-check one at a time.
    trustProxy: (options.trustProxy ?? false) as boolean,
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
    },
  });
  if (stopListening) app.addHook('onClose', stopListening);
  if (store.kind === 'postgres' && store.listen) {
    const stopDirectory = await store.listen(DIRECTORY_CHANGED, () => directoryChanged(store.db), () => directoryChanged(store.db));
    app.addHook('onClose', stopDirectory);
  }
  app.addHook('onClose', closeImportPool);
  const jobQueue = options.jobQueue ?? null;
  if (jobQueue) {
    app.addHook('onReady', async () => jobQueue.start());
    app.addHook('onClose', async () => jobQueue.stop());
  }
  if (options.dispatch) {
    const dispatch = options.dispatch;
    let stop: (() => Promise<void>) | null = null;
    app.addHook('onReady', async () => {
      stop = startDispatcher(store.db, { ...dispatch, onError: (error, context) => app.log.warn({ err: error, ...context }, 'a notification was not delivered') });
    });
    // Before the store closes: a tick in flight finishes first.
    app.addHook('onClose', async () => stop?.());
  }
  app.setValidatorCompiler(validatorCompiler);
  // Answers are serialised as they were before they had schemas (JSON.stringify, or the stored JSON
  // text of hot reads sent as is): measured faster than serialising by schema (BENCHMARKS.md). The
  // schemas document the answers and hold the tests to them (validateResponses).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  declareContract(app);
  const reportMismatch = options.validateResponses ?? (process.env.JIXIAO_VALIDATE_RESPONSES === '1' ? reportToTests : null);
  if (reportMismatch) validateResponses(app, reportMismatch);

  await app.register(cookie);
  // CSP and the other headers that keep the app out of frames and its files from being sniffed. Styles
  // may be inline: the web app (React style attributes, ECharts) and the API docs page set them.
  // Helmet is built once here: @fastify/helmet rebuilt it (parsing every directive) on each request,
  // a tenth of the CPU of a GET of one form (BENCHMARKS.md).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // The API docs page (swagger-ui) loads its own scripts from this server; nothing else is framed.
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  // Callback hooks, not async ones: every request runs them, and an async hook costs a promise each.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    // Cast: the document's literal types are wider than the plugin's OpenAPI typings.
    openapi: OPENAPI_HEADER as never,
    transform: jsonSchemaTransform,
    // Schemas with a meta id (Error, DocumentHead, …) become components/schemas, referenced by name.
    transformObject: (document) => withoutUnusedSchemas(jsonSchemaTransformObject(document) as Parameters<typeof withoutUnusedSchemas>[0]) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });

  // Text the stores cannot keep exactly is refused before anything reads it (sign-in included).
  app.addHook('preValidation', (request, _reply, done) => {
    for (const [part, value] of [['params', request.params], ['query', request.query], ['body', request.body]] as const) {
      const found = findTextProblem(value, part);
      if (found) {
        const what = {
          nul: { zh: '空字符 U+0000', en: 'the NUL character U+0000' },
          'lone-surrogate': { zh: '不成对的 UTF-16 代理码元', en: 'a lone UTF-16 surrogate' },
          bom: { zh: '开头的字节顺序标记 U+FEFF', en: 'a leading byte-order mark U+FEFF' },
        }[found.problem];
        done(new AppError(400, 'invalid-text', `${found.field} 含有${what.zh}，无法保存`, `${found.field} holds ${what.en}, which cannot be stored`, [{ field: found.field, message: found.problem }]));
        return;
      }
    }
    done();
  });
  app.addHook('preHandler', authenticateRequest(store, { demoMode: options.demoMode ?? false }));

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

  sessionRoutes(app, store, { secureCookies: options.secureCookies ?? 'auto', loginsPerMinute: options.loginsPerMinute ?? 60, demoMode: options.demoMode ?? false });
  adminRoutes(app, store);
  // Before the declaration routes: /declarations/:id.pdf must not be read as the id "….pdf".
  exportRoutes(app, store);
  monitoringRoutes(app, store);
  evaluationRoutes(app, store);
  notificationRoutes(app, store);
  dashboardRoutes(app, store);
  jobRoutes(app, store, jobQueue);
  declarationRoutes(app, store);
  documentRoutes(app, store);
  assessmentRoutes(app, store);
  rectificationRoutes(app, store);
  disclosureRoutes(app, store);
  bookRoutes(app, store);
  resultRoutes(app, store);
  return app;
}
