/**
 * 绩效看板: a region's year across its departments, for reviewers and admins — forms by state,
 * findings by rule family, money by department and category, monitoring lights, self-evaluation
 * grades, scores and execution, and the trend over the years. Each chart turns into its table and
 * downloads as Excel; the drill-down table (or a bar) goes from a city to its districts, to a
 * department, to one form. Where one looks is in the address, so a view can be sent on.
 */
import { Alert, Breadcrumb, Button, Card, Empty, Segmented, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { LIGHT_NAMES } from '../../../src/core/monitoringReport.ts';
import { STATE_NAMES } from '../../../src/core/workflow.ts';
import type { DashboardForm, RegionDashboard } from '../../../src/format/apiTypes.ts';
import { materialiseTable, type DashboardTableKey } from '../../../src/format/dashboardTables.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { readYear } from '../components/yearText.ts';
import { gradeName } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';
import { showAmount } from '../declaration/display.ts';

const DashboardChart = lazy(() => import('../dashboard/DashboardChart.tsx'));

const CHARTS: ReadonlyArray<{ key: DashboardTableKey; wide?: boolean }> = [
  { key: 'children', wide: true },
  { key: 'forms' },
  { key: 'findings' },
  { key: 'budget', wide: true },
  { key: 'lines' },
  { key: 'lights' },
  { key: 'grades' },
  { key: 'scores' },
  { key: 'execution', wide: true },
  { key: 'trends' },
];

/** A chart with its data as a table, and the download of that table. */
function ChartCard({ chart, dashboard, query, onDrill }: { chart: DashboardTableKey; dashboard: RegionDashboard; query: string; onDrill: (target: { kind: 'region' | 'department'; id: string }) => void }) {
  const { t, lang } = useLocale();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const table = useMemo(() => materialiseTable(chart, dashboard, lang), [chart, dashboard, lang]);
  const empty = table.rows.length === 0 || (chart === 'scores' && table.rows.every((r) => r[1] === 0));
  // The figures count every form, drafts too; a reviewer's list shows only those submitted: said, not left to puzzle over.
  const drafts = dashboard.formsByState.filter((r) => r.state === 'draft').reduce((n, r) => n + r.n, 0);
  return (
    <Card
      size="small"
      title={table.title}
      data-testid={`dashboard-card-${chart}`}
      extra={
        <Space size="small">
          <Segmented
            size="small"
            aria-label={t(`${table.title}：图表或表格`, `${table.title}: chart or table`)}
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t('图表', 'Chart') },
              { value: 'table', label: t('表格', 'Table') },
            ]}
          />
          <a href={`/api/v1/dashboard.xlsx?${query}&chart=${chart}&lang=${lang}`} download aria-label={t(`下载「${table.title}」Excel`, `Download "${table.title}" as Excel`)}>
            {t('下载', 'Download')}
          </a>
        </Space>
      }
    >
      {(chart === 'findings' || chart === 'budget') && drafts > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid={`dashboard-drafts-${chart}`}>
          {t(`含各部门尚未提交的草稿 ${drafts} 份：审核员在申报表列表中看不到草稿，故与列表的数目不同。`, `Includes ${drafts} drafts not yet submitted: reviewers do not see drafts in the forms list, so the figures differ from it.`)}
        </Typography.Text>
      )}
      {(chart === 'budget' || chart === 'execution') && dashboard.omitted[chart === 'budget' ? 'budgetByDepartment' : 'execution'] > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {chart === 'budget'
            ? t(`预算最大的 200 个部门；另有 ${dashboard.omitted.budgetByDepartment} 个部门未列出，请进入下级区划查看。`, `The 200 largest budgets; ${dashboard.omitted.budgetByDepartment} more departments are in the regions below.`)
            : t(`执行率最低的 200 个部门；另有 ${dashboard.omitted.execution} 个部门未列出。`, `The 200 lowest rates; ${dashboard.omitted.execution} more departments not shown.`)}
        </Typography.Text>
      )}
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('本年度暂无数据', 'Nothing yet this year')} />
      ) : view === 'chart' ? (
        <Suspense fallback={<Skeleton active />}>
          <DashboardChart chart={chart} dashboard={dashboard} onDrill={onDrill} />
        </Suspense>
      ) : (
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={table.rows.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
          scroll={{ x: true }}
          dataSource={table.rows.map((cells) => ({ cells }))}
          columns={table.columns.map((c, i) => ({ title: c.header, key: String(i), align: c.amount || typeof table.rows[0]?.[i] === 'number' ? ('right' as const) : undefined, render: (_: unknown, row: { cells: ReadonlyArray<string | number | null> }) => (c.amount && typeof row.cells[i] === 'string' ? showAmount(row.cells[i] as string) : (row.cells[i] ?? '—')) }))}
        />
      )}
    </Card>
  );
}

/** The drill-down table: sub-regions and departments, each a link one level down. */
function ChildrenTable({ dashboard, go }: { dashboard: RegionDashboard; go: (target: { kind: 'region' | 'department'; id: string }) => void }) {
  const { t } = useLocale();
  return (
    <Table
      size="small"
      rowKey="id"
      data-testid="dashboard-children"
      pagination={dashboard.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      dataSource={dashboard.children}
      columns={[
        {
          title: t('下级区划 / 部门', 'Region / department'),
          key: 'name',
          render: (_: unknown, row) => (
            <a
              href={`?${new URLSearchParams({ year: String(dashboard.scope.year), ...(row.kind === 'region' ? { region: row.id } : { department: row.id }) }).toString()}`}
              onClick={(e) => {
                e.preventDefault();
                go({ kind: row.kind, id: row.id });
              }}
            >
              {row.kind === 'region' && <Tag>{t('区划', 'Region')}</Tag>}
              {row.name}
            </a>
          ),
          sorter: (a, b) => a.name.localeCompare(b.name, 'zh'),
        },
        ...(dashboard.children.some((c) => c.kind === 'region') ? [{ title: t('部门数', 'Departments'), dataIndex: 'departments', align: 'right' as const }] : []),
        { title: t('申报表', 'Forms'), dataIndex: 'forms', align: 'right', sorter: (a, b) => a.forms - b.forms },
        { title: t('已报送', 'Submitted'), dataIndex: 'submitted', align: 'right' },
        { title: t('错误', 'Errors'), dataIndex: 'errors', align: 'right', sorter: (a, b) => a.errors - b.errors },
        { title: t('部门预算（万元）', 'Budget (10k yuan)'), dataIndex: 'budget', align: 'right', sorter: (a, b) => Number(a.budget) - Number(b.budget) },
        { title: t('平均自评得分', 'Average score'), dataIndex: 'averageScore', align: 'right', render: (v: string | null) => v ?? '—' },
        { title: t('红灯', 'Red lights'), dataIndex: 'redLights', align: 'right', render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0) },
      ]}
    />
  );
}

/** One department's forms of the year: each opens (when the viewer may read it). */
function FormsTable({ forms }: { forms: readonly DashboardForm[] }) {
  const { t, pick } = useLocale();
  return (
    <Table
      size="small"
      rowKey="id"
      data-testid="dashboard-forms"
      pagination={false}
      dataSource={[...forms]}
      columns={[
        {
          title: t('申报表', 'Form'),
          key: 'name',
          render: (_: unknown, f) => {
            const name = f.kind === 'project-target' ? (f.projectName ?? t('项目', 'Project')) : t('部门整体绩效目标', 'Department-wide targets');
            return f.canOpen ? <Link to={`/declarations/${f.id}`}>{name}</Link> : <span title={t('草稿由部门保管，报送后可查看', 'A draft stays with its department until submitted')}>{name}</span>;
          },
        },
        { title: t('状态', 'State'), dataIndex: 'state', render: (s: DashboardForm['state']) => pick(STATE_NAMES[s]) },
        { title: t('金额（万元）', 'Amount (10k yuan)'), dataIndex: 'budget', align: 'right', render: (v: string | null) => (v === null ? '—' : showAmount(v)) },
        { title: t('错误', 'Errors'), dataIndex: 'errors', align: 'right', render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0) },
        { title: t('警告', 'Warnings'), dataIndex: 'warnings', align: 'right' },
        { title: t('监控', 'Monitoring'), dataIndex: 'light', render: (l: DashboardForm['light']) => (l ? pick(LIGHT_NAMES[l]) : '—') },
        { title: t('自评', 'Self-evaluation'), key: 'grade', render: (_: unknown, f) => (f.grade ? t(`${f.grade}（${f.score ?? '—'}）`, `${gradeName(f.grade, t)}, ${f.score ?? '—'}`) : '—') },
      ]}
    />
  );
}

/** The dashboard of the year in the address (last year when none); a year there that is none is said, not replaced quietly. */
export default function DashboardPage() {
  const { t, pick } = useLocale();
  const [filters, setFilters] = useUrlFilters();
  const fallback = new Date().getFullYear() - 1;
  const written = filters.get('year');
  const read = written === null ? null : readYear(written);
  if (read && !read.ok) {
    return (
      <div className="page" data-testid="dashboard-page">
        <Typography.Title level={3}>{t('绩效看板', 'Dashboard')}</Typography.Title>
        <Alert
          type="warning"
          showIcon
          data-testid="dashboard-year-invalid"
          message={t('地址中的年度不是有效年度，看板未显示', 'The year in the address is not a year: nothing is shown')}
          description={pick(read.problem)}
          action={<Button type="primary" onClick={() => setFilters({ year: undefined })}>{t(`查看 ${fallback} 年度`, `Show ${fallback}`)}</Button>}
        />
      </div>
    );
  }
  return <RegionDashboardView year={read?.year ?? fallback} />;
}

function RegionDashboardView({ year }: { year: number }) {
  const { t } = useLocale();
  const [filters, setFilters] = useUrlFilters();
  const thisYear = new Date().getFullYear();
  const region = filters.get('region') ?? undefined;
  const department = filters.get('department') ?? undefined;
  const query = new URLSearchParams({ year: String(year), ...(region ? { regionId: region } : {}), ...(department ? { departmentId: department } : {}) }).toString();
  const dashboard = useResource(`dashboard:${query}`, () => api<RegionDashboard>('GET', `/api/v1/dashboard?${query}`));
  const data = dashboard.data;
  const go = (target: { kind: 'region' | 'department'; id: string }) => setFilters(target.kind === 'region' ? { region: target.id, department: undefined } : { department: target.id, region: undefined });
  const years = [...new Set([...(data?.scope.years ?? []), year, thisYear - 1])].sort((a, b) => b - a);
  const totals = data
    ? {
        forms: data.formsByState.reduce((n, r) => n + r.n, 0),
        submitted: data.formsByState.filter((r) => r.state !== 'draft').reduce((n, r) => n + r.n, 0),
        errors: data.findingsByFamily.filter((f) => f.severity === 'error').reduce((n, f) => n + f.n, 0),
        red: data.lights.counts.find((c) => c.light === 'red')?.n ?? 0,
      }
    : null;
  return (
    <div className="page" data-testid="dashboard-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('绩效看板', 'Dashboard')}
        </Typography.Title>
        <Space wrap>
          <Select aria-label={t('年度', 'Year')} value={year} style={{ width: 120 }} onChange={(v: number) => setFilters({ year: v })} options={years.map((y) => ({ value: y, label: t(`${y} 年度`, String(y)) }))} />
          {data && (
            <a className="btn" href={`/api/v1/dashboard.xlsx?${query}&lang=${t('zh', 'en')}`} download data-testid="dashboard-download-all">
              {t('下载全部表格（Excel）', 'Download every table (Excel)')}
            </a>
          )}
        </Space>
      </Space>
      {data && (
        <Breadcrumb
          style={{ margin: '8px 0 16px' }}
          aria-label={t('所在层级', 'Where you are')}
          items={[
            ...data.scope.path.map((p, i) => {
              const current = i === data.scope.path.length - 1 && !data.scope.department;
              return { key: p.id, title: current || !p.reachable ? p.name : <a href={`?year=${year}&region=${p.id}`} onClick={(e) => { e.preventDefault(); go({ kind: 'region', id: p.id }); }}>{p.name}</a> };
            }),
            ...(data.scope.department ? [{ key: data.scope.department.id, title: data.scope.department.name }] : []),
          ]}
        />
      )}
      <ErrorAlert error={dashboard.error} onRetry={dashboard.reload} />
      {!data && dashboard.loading && <Skeleton active />}
      {data && totals && (
        <>
          <Space wrap size="middle" style={{ marginBottom: 16 }}>
            <Card size="small" style={{ minWidth: 150 }}>
              <Statistic title={t('申报表（已报送/全部）', 'Forms (submitted / all)')} value={`${totals.submitted} / ${totals.forms}`} />
            </Card>
            <Card size="small" style={{ minWidth: 150 }}>
              <Statistic title={t('检查发现的错误', 'Errors found')} value={totals.errors} />
            </Card>
            <Card size="small" style={{ minWidth: 180 }}>
              <Statistic title={t('部门预算合计（万元）', 'Department budgets (10k yuan)')} value={data.trends.find((r) => r.year === year)?.budget ?? '0.00'} />
            </Card>
            <Card size="small" style={{ minWidth: 150 }}>
              <Statistic title={data.lights.round ? t(`红灯（${data.lights.round.name}）`, `Red lights (${data.lights.round.name})`) : t('红灯', 'Red lights')} value={totals.red} />
            </Card>
            <Card size="small" style={{ minWidth: 150 }}>
              <Statistic title={t('平均自评得分', 'Average score')} value={data.trends.find((r) => r.year === year)?.averageScore ?? '—'} />
            </Card>
          </Space>
          {data.forms ? (
            <Card size="small" title={t(`${data.scope.department?.name ?? ''} ${year} 年度申报表`, `${data.scope.department?.name ?? ''}: forms of ${year}`)} style={{ marginBottom: 16 }}>
              {data.forms.length === 0 ? <Empty description={t('本年度没有申报表', 'No forms this year')} /> : <FormsTable forms={data.forms} />}
            </Card>
          ) : (
            <Card size="small" title={t('下级区划与部门', 'Regions and departments below')} style={{ marginBottom: 16 }}>
              {data.children.length === 0 ? <Empty description={t('没有下级区划或部门', 'No regions or departments below')} /> : <ChildrenTable dashboard={data} go={go} />}
            </Card>
          )}
          <div className="dashboard-grid">
            {CHARTS.filter((c) => !(data.forms && c.key === 'children')).map((c) => (
              <div key={c.key} className={c.wide ? 'dashboard-wide' : undefined}>
                <ChartCard chart={c.key} dashboard={data} query={query} onDrill={go} />
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
