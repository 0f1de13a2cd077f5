/**
 * What the OpenAPI document says about the API as a whole: servers, licence, security schemes and
 * the tags with their descriptions. A new tag is added here (the contract test refuses an undeclared one).
 */
import { SECURITY_SCHEMES } from './security.ts';

/** The tags, in the order the documentation shows them. */
export const TAGS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'session', description: '登录、会话与 API 令牌 — signing in, the session, API tokens for scripts' },
  { name: 'documents', description: '各类文件（目标表、监控表、自评表、评价）统一接口 — documents of every kind: list, read, save, versions, comments, workflow steps, official forms' },
  { name: 'declarations', description: '绩效目标申报表：导入、链接、统计（旧路径已弃用）— target forms: import, links, statistics (older paths deprecated for /documents)' },
  { name: 'monitoring', description: '绩效运行监控：轮次与监控表 — in-year monitoring rounds and their reports' },
  { name: 'evaluations', description: '绩效自评 — year-end self-evaluations' },
  { name: 'assessments', description: '财政评价：模板、评价、证据、抽评 — the finance bureau’s assessments: templates, scoring, evidence, sampling' },
  { name: 'results', description: '结果应用：结果应用规则、预算安排建议、例外与审定 — results that change money: the rules, budget proposals, exceptions, approval' },
  { name: 'rectifications', description: '整改台账：整改事项、答复与佐证文件 — the rectification ledger: items, answers and their files' },
  { name: 'disclosure', description: '信息公开：公开时限、逾期与非公开原因 — disclosure on time: deadlines, late forms, reasons not to publish' },
  { name: 'book', description: '绩效报告汇编（人大审查用）— the people’s congress book of a department or a region' },
  { name: 'library', description: '指标库 — the indicator library' },
  { name: 'dashboard', description: '区域看板 — a region’s year across departments' },
  { name: 'notifications', description: '站内通知 — the signed-in user’s notifications' },
  { name: 'jobs', description: '后台任务（批量导入、导出、重新评分）— background jobs: bulk import, export, rescoring' },
  { name: 'organisations', description: '区划与部门 — regions and departments' },
  { name: 'users', description: '用户管理 — user accounts' },
  { name: 'audit', description: '审计日志 — the audit log and its hash chain' },
  { name: 'admin', description: '系统管理：备份 — administration: backups' },
  { name: 'public', description: '公开数据（无需登录）— published data, no sign-in' },
];

/** The document's header: everything but the paths, which the routes give. */
export const OPENAPI_HEADER = {
  openapi: '3.1.0',
  info: {
    title: 'Jixiao API',
    version: '1',
    description:
      '绩效: department budget performance targets — declarations, monitoring, self-evaluations, assessments, review workflow, audit. Every error answer has one shape (components.schemas.Error); sign in with a session (cookie + x-csrf-token on writes) or an API token (Authorization: Bearer).',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: '/', description: 'The server that serves this document' }],
  tags: [...TAGS],
  components: { securitySchemes: SECURITY_SCHEMES },
};

/** Drops named schemas nothing refers to (the request-side twins the zod provider makes of every named answer). */
export function withoutUnusedSchemas<T extends { components?: { schemas?: Record<string, unknown> } }>(document: T): T {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const text = JSON.stringify({ ...document, components: { ...document.components, schemas: {} } });
  const kept: Record<string, unknown> = {};
  // A kept schema may refer to others: follow references until nothing new is found.
  let pending = Object.keys(schemas).filter((name) => text.includes(`"#/components/schemas/${name}"`));
  while (pending.length > 0) {
    for (const name of pending) kept[name] = schemas[name];
    const keptText = JSON.stringify(pending.map((name) => schemas[name]));
    pending = Object.keys(schemas).filter((name) => !(name in kept) && keptText.includes(`"#/components/schemas/${name}"`));
  }
  return { ...document, components: { ...document.components, schemas: kept } };
}
