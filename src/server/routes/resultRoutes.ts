/**
 * 结果应用 in the API: a region's rules from results to money by budget year (versioned), next year's
 * budget proposals (预算安排建议) with the rule beside each figure — as JSON, Excel and PDF —, the
 * bureau's exceptions with their reasons, and its approval.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DECISIONS } from '../../core/assessment/assessment.ts';
import { PROPOSAL_COLUMNS } from '../../core/results/proposalColumns.ts';
import { LEAGUE_MEASURE_NAMES, LEAGUE_MEASURES, type LeagueRow } from '../../core/results/league.ts';
import { RULE_IDS, ruleName, type RuleId } from '../../core/results/rules.ts';
import { EVALUATION_GRADES, type EvaluationGrade } from '../../core/selfEvaluation.ts';
import { amountSchema, effectSchema, exceptionInputSchema, leagueConfigSchema } from '../../format/resultsSchema.ts';
import type { Store } from '../../store/openStore.ts';
import { writeListWorkbook } from '../../writers/listWorkbook.ts';
import { writeReportPdf } from '../../writers/reportWriters.ts';
import { requireActor } from '../context.ts';
import { leagueOf } from '../services/league.ts';
import { addException, approveProposals, proposals, resultScope, rulesHistory, rulesInForce, saveRules, type Proposals } from '../services/results.ts';
import { fileResponse, PDF, XLSX } from '../contract/files.ts';
import { attachment } from './downloads.ts';

const tag = 'results';
const id = z.string().min(1).max(100);
const year = z.coerce.number().int().min(2001).max(2100);
const scopeQuery = z.object({ year, regionId: id.optional(), departmentId: id.optional() }).strict();

const grade = z.enum(EVALUATION_GRADES as [EvaluationGrade, ...EvaluationGrade[]]);
const ruleId = z.enum(RULE_IDS as [RuleId, ...RuleId[]]);
const gradeEffects = z.object({ 优: effectSchema, 良: effectSchema, 中: effectSchema, 差: effectSchema });
const rulesSchema = z.object({ grades: gradeEffects, keyEvaluation: gradeEffects.nullable(), exAnte: z.object({ reject: effectSchema, applyCut: z.boolean() }), redLight: effectSchema });
const rulesVersion = z.object({ regionId: z.string(), year: z.number(), version: z.number().nullable(), rules: rulesSchema, createdBy: z.string().nullable(), createdAt: z.string().nullable(), own: z.boolean() });
const totals = z.object({ count: z.number(), lastAmount: z.string(), proposed: z.string(), request: z.string() });
const approval = z.object({ approvedAt: z.string(), approvedBy: z.string(), rulesVersion: z.number().nullable(), total: z.string(), count: z.number() });
const row = z.object({
  key: z.string(),
  department: z.string(),
  departmentId: z.string().nullable(),
  project: z.string(),
  code: z.string().nullable(),
  projectId: z.string().nullable(),
  lastAmount: z.string(),
  grade: z.object({ grade, source: z.enum(['self-evaluation', 'sampling-review', 'key-evaluation']), id: z.string().nullable() }).nullable(),
  fired: z.array(z.object({ rule: ruleId, effect: z.enum(['keep', 'raise', 'cut', 'suspend', 'cancel', 'cut-amount']), value: z.string().nullable(), source: z.string().nullable(), zh: z.string(), en: z.string() })),
  computed: z.string(),
  proposed: z.string(),
  rule: ruleId,
  rulesVersion: z.number().nullable(),
  exception: z.object({ amount: z.string(), reason: z.string(), by: z.string().nullable().optional(), at: z.string().nullable().optional() }).nullable(),
  request: z.string().nullable(),
  requestId: z.string().nullable(),
  overRequest: z.boolean(),
});
const proposalsResponse = z.object({
  year: z.number(),
  scope: z.object({ year: z.number(), regionId: z.string(), regionName: z.string(), department: z.object({ id: z.string(), name: z.string() }).nullable() }),
  rules: rulesVersion,
  approval: approval.nullable(),
  rows: z.array(row),
  /** Rows are paged; the sums are the whole scope's. */
  page: z.object({ offset: z.number(), limit: z.number(), total: z.number() }),
  departments: z.array(totals.extend({ department: z.string(), departmentId: z.string().nullable() })),
  total: totals,
  byRule: z.record(z.string(), z.number()),
});

/** The table as a report: a title, the scope and rules as its cover, the sums and every row. */
function proposalsReport(table: Proposals, lang: 'zh' | 'en') {
  const where = table.scope.department?.name ?? table.scope.regionName;
  const title = lang === 'zh' ? `${where} ${table.year} 年预算安排建议` : `${where}: budget proposals for ${table.year}`;
  const cover: Array<readonly [string, string]> = [
    [lang === 'zh' ? '结果年度' : 'Results of', String(table.year - 1)],
    [lang === 'zh' ? '规则版本' : 'Rules version', table.rules.version === null ? (lang === 'zh' ? '默认规则' : 'defaults') : `v${table.rules.version}`],
    [lang === 'zh' ? '项目数' : 'Projects', String(table.total.count)],
    [lang === 'zh' ? '上年合计（万元）' : 'Last year (万元)', table.total.lastAmount],
    [lang === 'zh' ? '建议合计（万元）' : 'Proposed (万元)', table.total.proposed],
    [lang === 'zh' ? '审定' : 'Approved', table.approval ? table.approval.approvedAt.slice(0, 10) : lang === 'zh' ? '未审定' : 'not yet'],
  ];
  const columns = PROPOSAL_COLUMNS.filter((c) => c.zh !== '项目编码' && c.zh !== '规则测算（万元）');
  return {
    title,
    cover,
    blocks: [
      { type: 'heading' as const, level: 1 as const, text: lang === 'zh' ? '一、分部门汇总' : '1. By department' },
      { type: 'table' as const, columns: lang === 'zh' ? ['部门', '项目数', '上年（万元）', '建议（万元）', '申请（万元）'] : ['Department', 'Projects', 'Last year', 'Proposed', 'Requested'], widths: [4, 1, 2, 2, 2], rows: table.departments.map((d) => [d.department, String(d.count), d.lastAmount, d.proposed, d.request]) },
      { type: 'heading' as const, level: 1 as const, text: lang === 'zh' ? '二、项目明细' : '2. Projects' },
      { type: 'table' as const, columns: columns.map((c) => c[lang]), widths: columns.map((c) => Math.max(1, Math.round(c.width / 8))), rows: table.rows.map((r) => columns.map((c) => c.value(r, lang) ?? '')) },
    ],
  };
}

export function resultRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/results/rules',
    {
      schema: {
        tags: [tag],
        operationId: 'getResultRules',
        summary: "The rules from results to money in force for a region's budget year (its own latest version, a region above's, or the defaults) and the region's saved versions; a department reads its region's",
        querystring: scopeQuery,
        response: { 200: z.object({ inForce: rulesVersion, history: z.array(rulesVersion) }) },
      },
    },
    async (request) => {
      const scope = await resultScope(store.db, requireActor(request), request.query);
      const [inForce, history] = await Promise.all([rulesInForce(store.db, scope.path, scope.year), rulesHistory(store.db, scope.regionId, scope.year)]);
      return { inForce, history };
    },
  );

  r.put(
    '/api/v1/results/rules',
    {
      schema: {
        tags: [tag],
        operationId: 'saveResultRules',
        summary: "Save a region's rules for a budget year as a new version (the region's admins)",
        body: z.object({ regionId: id, year: z.number().int().min(2001).max(2100), rules: z.unknown() }).strict(),
        response: { 200: rulesVersion },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return store.db.transaction().execute((trx) => saveRules(trx, actor, request.body));
    },
  );

  r.get(
    '/api/v1/results/proposals',
    {
      schema: {
        tags: [tag],
        operationId: 'listProposals',
        summary: "Next year's budget proposals (预算安排建议): every continuing project with last year's amount, the results that apply, the proposal and the rule behind it, the request; a department sees its own rows, a bureau its region",
        querystring: scopeQuery.extend({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(100_000).default(1000) }),
        response: { 200: proposalsResponse },
      },
    },
    async (request) => {
      const { offset, limit, ...query } = request.query;
      const table = await proposals(store.db, requireActor(request), query);
      return { ...table, rows: table.rows.slice(offset, offset + limit).map((x) => ({ ...x, fired: [...x.fired] })), departments: [...table.departments], page: { offset, limit, total: table.rows.length } };
    },
  );

  const exportQuery = scopeQuery.extend({ lang: z.enum(['zh', 'en']).default('zh') });
  r.get(
    '/api/v1/results/proposals.xlsx',
    { schema: { tags: [tag], operationId: 'exportProposalsXlsx', summary: 'The budget proposals as an Excel workbook, the rule beside each figure', querystring: exportQuery, response: { 200: fileResponse('The proposals as an Excel workbook', XLSX) } } },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const table = await proposals(store.db, requireActor(request), query);
      const xlsx = await writeListWorkbook(lang === 'zh' ? `${table.year}年预算安排建议` : `Proposals ${table.year}`, PROPOSAL_COLUMNS.map((c) => ({ header: c[lang], width: c.width, amount: c.amount === true, value: (row: Proposals['rows'][number]) => c.value(row, lang) })), table.rows);
      attachment(reply, `${table.scope.department?.name ?? table.scope.regionName}-${table.year}-预算安排建议.xlsx`);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
    },
  );

  r.get(
    '/api/v1/results/proposals.pdf',
    { schema: { tags: [tag], operationId: 'exportProposalsPdf', summary: 'The budget proposals as a PDF: the sums by department, then every project with its rule, page numbers', querystring: exportQuery, response: { 200: fileResponse('The proposals as PDF', PDF) } } },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const table = await proposals(store.db, requireActor(request), query);
      const pdf = await writeReportPdf(proposalsReport(table, lang));
      attachment(reply, `${table.scope.department?.name ?? table.scope.regionName}-${table.year}-预算安排建议.pdf`);
      return reply.type('application/pdf').send(pdf);
    },
  );

  r.post(
    '/api/v1/results/exceptions',
    {
      schema: {
        tags: [tag],
        operationId: 'createProposalException',
        summary: "The bureau's exception to the rules for one project (调整): the amount proposed instead and the reason, both required; the latest counts",
        body: exceptionInputSchema.extend({ year: z.number().int().min(2001).max(2100), projectId: id.describe("the project's approved form of the results' year (a row's projectId)") }).strict(),
        response: { 200: z.object({ id: z.string(), projectId: z.string(), amount: amountSchema, reason: z.string(), createdAt: z.string() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return store.db.transaction().execute((trx) => addException(trx, actor, request.body));
    },
  );

  r.post(
    '/api/v1/results/approvals',
    {
      schema: {
        tags: [tag],
        operationId: 'approveProposals',
        summary: "The bureau approves a region's proposals as they stand: the rules' version, the count and the sum are recorded",
        body: z.object({ year: z.number().int().min(2001).max(2100), regionId: id }).strict(),
        response: { 200: approval },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return store.db.transaction().execute((trx) => approveProposals(trx, actor, request.body));
    },
  );

  r.get(
    '/api/v1/results/rule-names',
    { schema: { tags: [tag], operationId: 'listResultRuleNames', summary: 'Every rule a proposal can show, in words', response: { 200: z.object({ rules: z.array(z.object({ id: ruleId, zh: z.string(), en: z.string() })), decisions: z.array(z.enum(DECISIONS)) }) } } },
    async (request) => {
      requireActor(request);
      return { rules: RULE_IDS.map((id) => ({ id, ...ruleName(id) })), decisions: [...DECISIONS] };
    },
  );

  const measure = z.object({ measure: z.enum(LEAGUE_MEASURES), figure: z.string().nullable().describe('errors per form, a percent, or a mean gap in points'), points: z.string().nullable(), weight: z.number() });
  const leagueResponse = z.object({
    scope: z.object({ year: z.number(), regionId: z.string(), regionName: z.string(), department: z.object({ id: z.string(), name: z.string() }).nullable() }),
    today: z.string(),
    config: leagueConfigSchema,
    measures: z.array(z.object({ measure: z.enum(LEAGUE_MEASURES), zh: z.string(), en: z.string() })),
    rows: z.array(z.object({ rank: z.number().nullable(), departmentId: z.string(), departmentName: z.string(), total: z.string().nullable(), measures: z.array(measure) })),
  });
  r.get(
    '/api/v1/results/league',
    {
      schema: {
        tags: [tag],
        operationId: 'getLeagueTable',
        summary: "The year's league table of budget management (预算管理综合考核): departments ranked on the region's composite of target-form findings, monitoring on time, self-evaluations against sampling reviews, rectification on time and disclosure on time, each with its breakdown; a department sees its own row",
        querystring: scopeQuery,
        response: { 200: leagueResponse },
      },
    },
    async (request) => {
      const league = await leagueOf(store.db, requireActor(request), request.query);
      const { year, regionId, regionName, department } = league.scope;
      return { ...league, scope: { year, regionId, regionName, department }, measures: LEAGUE_MEASURES.map((m) => ({ measure: m, ...LEAGUE_MEASURE_NAMES[m] })), rows: league.rows.map((row) => ({ ...row, measures: [...row.measures] })) };
    },
  );

  r.get(
    '/api/v1/results/league.xlsx',
    { schema: { tags: [tag], operationId: 'exportLeagueTableXlsx', summary: 'The league table as an Excel workbook: rank, total and each measure’s figure and points', querystring: exportQuery, response: { 200: fileResponse('The league table as an Excel workbook', XLSX) } } },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const league = await leagueOf(store.db, requireActor(request), query);
      const name = (zh: string, en: string) => (lang === 'zh' ? zh : en);
      const columns = [
        { header: name('名次', 'Rank'), width: 8, value: (row: LeagueRow) => row.rank },
        { header: name('部门', 'Department'), width: 36, value: (row: LeagueRow) => row.departmentName },
        { header: name('总分', 'Total'), width: 10, amount: true, value: (row: LeagueRow) => row.total },
        ...LEAGUE_MEASURES.flatMap((m, i) => [
          { header: `${LEAGUE_MEASURE_NAMES[m][lang]}${name('（指标）', ' (figure)')}`, width: 16, value: (row: LeagueRow) => row.measures[i]?.figure ?? null },
          { header: `${LEAGUE_MEASURE_NAMES[m][lang]}${name(`（${league.config.weights[m]} 分）`, ` (${league.config.weights[m]} points)`)}`, width: 16, amount: true, value: (row: LeagueRow) => row.measures[i]?.points ?? null },
        ]),
      ];
      const xlsx = await writeListWorkbook(name(`${league.scope.year}年预算管理综合考核`, `League ${league.scope.year}`), columns, league.rows);
      attachment(reply, `${league.scope.department?.name ?? league.scope.regionName}-${league.scope.year}-预算管理综合考核.xlsx`);
      return reply.type(XLSX).send(xlsx);
    },
  );
}
