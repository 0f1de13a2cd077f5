/** Published forms by region, department and year, searchable; no sign-in. */
import { Card, Input, Select, Space, Table, TreeSelect } from 'antd';
import { Link } from 'react-router';
import { api, query } from '../api/client.ts';
import type { DeclarationList, DeclarationSummary } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useYears } from '../components/useYears.ts';
import type { RegionNode } from '../api/types.ts';
import { showAmount } from '../declaration/display.ts';
import { listTotal } from '../components/listTotal.ts';
import { useLocale } from '../i18n/locale.tsx';
import { allDepartments, allRegions, useSession } from '../session/session.tsx';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

export function PublicListPage() {
  const { t, time } = useLocale();
  const { regions } = useSession();
  const [params, set] = useUrlFilters();
  const filters = { regionId: params.get('regionId') ?? undefined, departmentId: params.get('departmentId') ?? undefined, year: params.get('year') ?? undefined, q: params.get('q') ?? undefined, page: Number(params.get('page') ?? 1) };
  // Sorted as the reader asks: by department (then year, newest first), by year, or the latest published first.
  const sort = (params.get('sort') as 'department' | 'year' | 'published' | null) ?? 'department';
  const search = query({ ...filters, pageSize: 20, sort });
  const list = useResource(search, () => api<DeclarationList>('GET', `/api/v1/public/declarations${search}`));
  const { years } = useYears('public');
  // A region filter takes in the regions below it, like the server's.
  const within = new Set(filters.regionId ? allRegions(allRegions(regions).filter((r) => r.id === filters.regionId)).map((r) => r.id) : []);
  const regionDepartments = allDepartments(regions).filter((d) => !filters.regionId || within.has(d.regionId));
  const toTree = (nodes: readonly RegionNode[]): TreeOption[] => nodes.map((r) => ({ value: r.id, title: r.name, children: toTree(r.children) }));
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('已公开的预算绩效目标', 'Published performance targets')}</h1>}>
      <Space wrap style={{ marginBottom: 16 }} role="search">
        <Input.Search aria-label={t('搜索', 'Search')} placeholder={t('搜索部门、目标、项目、指标', 'Search departments, goals, projects, indicators')} defaultValue={filters.q} allowClear onSearch={(q) => set({ q })} style={{ width: 320 }} />
        <TreeSelect aria-label={t('地区', 'Region')} placeholder={t('全部地区', 'All regions')} allowClear treeDefaultExpandAll style={{ width: 200 }} value={filters.regionId} onChange={(regionId?: string) => set({ regionId, departmentId: undefined })} treeData={toTree(regions)} />
        <Select aria-label={t('部门', 'Department')} placeholder={t('全部部门', 'All departments')} allowClear showSearch optionFilterProp="label" style={{ width: 300 }} value={filters.departmentId} onChange={(departmentId?: string) => set({ departmentId })} options={regionDepartments.map((d) => ({ value: d.id, label: d.name }))} />
        <Select aria-label={t('年度', 'Year')} placeholder={t('全部年度', 'All years')} allowClear style={{ width: 120 }} value={filters.year ? Number(filters.year) : undefined} onChange={(year?: number) => set({ year })} options={years.map((y) => ({ value: y, label: `${y}` }))} />
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<DeclarationSummary>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: list.loading ? ' ' : t('没有符合条件的已公开申报表', 'No published form matches') }}
        pagination={{ current: filters.page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => listTotal(t, total, list.data?.totalAtLeast, { zh: '份', en: 'forms' }), onChange: (page) => set({ page }) }}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== 'sort') return;
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = one?.order ? String(one.columnKey) : undefined;
          set({ sort: key === 'department' ? undefined : key, page: undefined });
        }}
        columns={[
          { title: t('部门', 'Department'), dataIndex: 'departmentName', key: 'department', sorter: true, sortOrder: sort === 'department' ? 'ascend' : null, sortDirections: ['ascend'], render: (name: string, row) => <Link to={`/public/${row.id}`}>{name}</Link> },
          { title: t('种类 / 项目', 'Kind / project'), key: 'kind', render: (_: unknown, row) => (row.kind === 'project-target' ? <Link to={`/public/${row.id}`}>{t('项目', 'Project')}{t('：', ': ')}{row.projectName ?? ''}</Link> : t('部门整体', 'Department-wide')) },
          { title: t('年度', 'Year'), dataIndex: 'year', key: 'year', width: 100, sorter: true, sortOrder: sort === 'year' ? 'descend' : null, sortDirections: ['descend'] },
          { title: t('金额（万元）', 'Amount (10k yuan)'), dataIndex: 'budgetTotal', width: 180, align: 'right', render: (amount: string | null) => showAmount(amount) },
          { title: t('公开时间', 'Published'), dataIndex: 'publishedAt', key: 'published', width: 200, sorter: true, sortOrder: sort === 'published' ? 'descend' : null, sortDirections: ['descend'], render: (at: string | null) => (at ? time(at) : '—') },
        ]}
      />
      <OpenDataDownloads year={filters.year} regionId={filters.regionId} />
    </Card>
  );
}

/** The bulk downloads of what is published, for the year and region chosen above. */
function OpenDataDownloads({ year, regionId }: { year: string | undefined; regionId: string | undefined }) {
  const { t } = useLocale();
  const href = (params: Record<string, string>) => `/api/v1/public/export?${new URLSearchParams({ ...(year ? { year } : {}), ...(regionId ? { region: regionId } : {}), ...params }).toString()}`;
  const scope = [year ? t(`${year} 年度`, `${year}`) : t('全部年度', 'all years'), regionId ? t('所选地区', 'the region chosen') : t('全部地区', 'all regions')].join(t('、', ', '));
  return (
    <section aria-labelledby="open-data-title" className="open-data" data-testid="open-data">
      <h2 id="open-data-title">{t('开放数据下载', 'Open data downloads')}</h2>
      <p>
        {t(`已公开的申报表（${scope}），可批量下载：`, `The published forms (${scope}) in bulk:`)}
        {' '}
        <a href={href({ format: 'jsonl' })}>{t('JSON Lines（规范 JSON，每行一份）', 'JSON Lines (canonical JSON, one a line)')}</a>
        {' · '}
        <a href={href({ format: 'csv', table: 'documents' })}>{t('CSV：申报表及预算', 'CSV: forms and budgets')}</a>
        {' · '}
        <a href={href({ format: 'csv', table: 'indicators' })}>{t('CSV：绩效指标', 'CSV: indicators')}</a>
        {' · '}
        <a href={href({ format: 'csv', table: 'projects' })}>{t('CSV：项目', 'CSV: projects')}</a>
        {' · '}
        <a href={href({ format: 'datapackage' })}>{t('数据包说明（datapackage.json）', 'Data package (datapackage.json)')}</a>
      </p>
      <p className="muted">
        {t('许可：', 'Licence: ')}
        <a href="https://creativecommons.org/licenses/by/4.0/deed.zh-hans" rel="license noreferrer" target="_blank">CC BY 4.0</a>
        {t('（引用时请注明部门及来源）。格式说明：', ' (cite the department and the source). Formats: ')}
        <a href="/api/v1/public/schema/department-target.schema.json">{t('部门整体申报表 JSON Schema', 'department form JSON Schema')}</a>
        {' · '}
        <a href="/api/v1/public/schema/project-target.schema.json">{t('项目申报表 JSON Schema', 'project form JSON Schema')}</a>
        {' · '}
        <a href="/api/v1/docs">{t('接口文档', 'API documentation')}</a>
      </p>
    </section>
  );
}
