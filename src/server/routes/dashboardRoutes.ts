/** The dashboards across departments: a region's (or one department's) year, and its tables as Excel. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regionDashboardSchema } from '../../format/apiSchemas.ts';
import { XLSX, fileResponse } from '../contract/files.ts';
import { DASHBOARD_TABLE_KEYS, DASHBOARD_TABLES, materialiseTable, type DashboardTableKey } from '../../format/dashboardTables.ts';
import type { Store } from '../../store/openStore.ts';
import { writeSheetsWorkbook } from '../../writers/listWorkbook.ts';
import { requireActor } from '../context.ts';
import { regionDashboard } from '../services/dashboard.ts';
import { attachment } from './downloads.ts';

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  regionId: z.string().min(1).max(100).optional(),
  departmentId: z.string().min(1).max(100).optional(),
});

export function dashboardRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/dashboard',
    { schema: { operationId: 'getDashboard', response: { 200: regionDashboardSchema }, tags: ['dashboard'], summary: "A region's year across its departments (or one department's), for reviewers and admins within their region", querystring: query } },
    async (request) => regionDashboard(store.db, requireActor(request), request.query),
  );

  r.get(
    '/api/v1/dashboard.xlsx',
    {
      schema: { operationId: 'downloadDashboardXlsx', response: { 200: fileResponse('The dashboard tables, Excel', XLSX) },
        tags: ['dashboard'],
        summary: "The dashboard's tables as an Excel workbook, a sheet per chart (or only the chart asked for)",
        querystring: query.extend({ chart: z.enum(DASHBOARD_TABLE_KEYS as [DashboardTableKey, ...DashboardTableKey[]]).optional(), lang: z.enum(['zh', 'en']).default('zh') }),
      },
    },
    async (request, reply) => {
      const { chart, lang, ...scope } = request.query;
      const dashboard = await regionDashboard(store.db, requireActor(request), scope);
      const keys = chart ? [chart] : DASHBOARD_TABLE_KEYS;
      const xlsx = await writeSheetsWorkbook(
        keys.map((key) => {
          const table = materialiseTable(key, dashboard, lang);
          return { name: table.title, columns: table.columns.map((c, i) => ({ ...c, value: (row: ReadonlyArray<string | number | null>) => row[i] ?? null })), items: table.rows };
        }),
      );
      const where = dashboard.scope.department?.name ?? dashboard.scope.region.name;
      attachment(reply, `${where}-${dashboard.scope.year}${chart ? `-${DASHBOARD_TABLES[chart].title.zh}` : ''}.xlsx`);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
    },
  );
}
