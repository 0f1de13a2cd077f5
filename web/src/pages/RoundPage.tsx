/**
 * A monitoring round for the finance bureau: counts by light and by state, every department's and
 * project's report (red first, sortable and filterable), budget execution against the time elapsed
 * per department, and the reports overdue.
 */
import { Card, Empty, Input, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { BatchBar } from '../components/BatchBar.tsx';
import { useSession } from '../session/session.tsx';
import { Link, useParams } from 'react-router';
import { LIGHTS, type Light } from '../../../src/core/monitoringReport.ts';
import { MONITORING_REPORT_WORKFLOW } from '../../../src/kinds/monitoringReport/index.ts';
import { actionsFromState } from '../../../src/kinds/workflow.ts';
import { REPORT_STATE_NAMES, REPORT_STATES, type ReportState } from '../../../src/core/monitoring/reportWorkflow.ts';
import type { ReportSummary, RoundOverview } from '../../../src/format/apiTypes.ts';
import { api, ApiError } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { StatusPage } from '../components/StatusPage.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useLocale } from '../i18n/locale.tsx';
import { LightTag } from '../monitoring/LightTag.tsx';

const ExecutionChart = lazy(() => import('../charts/ExecutionChart.tsx'));
const STATE_COLORS: Record<ReportState, string> = { draft: 'default', submitted: 'processing', returned: 'error', accepted: 'success' };
const SORTS = ['light', 'department', 'execution', 'updated'] as const;
type Sort = (typeof SORTS)[number];

export default function RoundPage() {
  const { id = '' } = useParams();
  const { t, pick, time } = useLocale();
  const [filters, setFilters] = useUrlFilters();
  const light = filters.get('light') ?? '';
  const state = filters.get('state') ?? '';
  const q = filters.get('q') ?? '';
  const sortParam = filters.get('sort');
  const sort: Sort = (SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as Sort) : 'light';
  const page = Math.max(1, Number(filters.get('page')) || 1);
  const query = new URLSearchParams({ sort, page: String(page), pageSize: '50', ...(light ? { light } : {}), ...(state ? { state } : {}), ...(q ? { q } : {}) }).toString();
  const overview = useResource(`round:${id}?${query}`, () => api<RoundOverview>('GET', `/api/v1/monitoring/rounds/${id}?${query}`));
  const [selected, setSelected] = useState<string[]>([]);
  const { user } = useSession();
  const reviewer = user?.role === 'reviewer';

  if (overview.error instanceof ApiError && (overview.error.status === 404 || overview.error.status === 403)) {
    return <StatusPage code={String(overview.error.status)} title={t('监控轮次不存在或无权查看', 'No such round, or not yours to oversee')} actions={<Link className="btn" to="/monitoring">{t('返回运行监控', 'Back to monitoring')}</Link>} />;
  }
  const data = overview.data;
  const lightName = (l: Light | 'none') => (l === 'none' ? t('未报送/未评', 'not reported') : pick({ red: { zh: '红灯', en: 'Red' }, yellow: { zh: '黄灯', en: 'Yellow' }, green: { zh: '绿灯', en: 'Green' }, blue: { zh: '蓝灯', en: 'Blue' } }[l]));
  const subject = (r: ReportSummary) => (r.projectName ? r.projectName : t('部门整体', 'Department-wide'));
  return (
    <div className="page" data-testid="round-page">
      <Typography.Title level={3} style={{ marginBottom: 4 }}>
        {data ? `${t(`${data.round.year}年`, String(data.round.year))} ${data.round.name} · ${data.round.regionName}` : t('监控轮次', 'Monitoring round')}
      </Typography.Title>
      {data && (
        <Typography.Paragraph type="secondary">
          {t(`数据截至 ${data.round.through}，报送期限 ${data.round.due}；时间进度 ${data.timeElapsed}%`, `Data to ${data.round.through}, due ${data.round.due}; ${data.timeElapsed}% of the year elapsed`)}
          {' · '}
          <Link to="/monitoring">{t('全部轮次', 'All rounds')}</Link>
        </Typography.Paragraph>
      )}
      <ErrorAlert error={overview.error} onRetry={overview.reload} />
      {!data && !overview.error && <Loading />}
      {data && (
        <>
          <Space wrap size={12} style={{ marginBottom: 16 }} data-testid="light-counts">
            {[...LIGHTS, 'none' as const].map((l) => (
              <Card key={l} size="small" hoverable onClick={() => setFilters({ light: light === l ? undefined : l, page: undefined })} style={{ minWidth: 120, borderColor: light === l ? '#1677ff' : undefined }} data-light={l} role="button" tabIndex={0} aria-pressed={light === l} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setFilters({ light: light === l ? undefined : l, page: undefined })}>
                <Statistic title={l === 'none' ? lightName(l) : <LightTag light={l} short />} value={data.counts.byLight[l]} />
              </Card>
            ))}
            <Card size="small" style={{ minWidth: 200 }}>
              <Statistic title={t('报送情况', 'Reports')} value={`${data.counts.total - data.counts.byState.draft} / ${data.counts.total}`} />
              <span className="cell-hint">{REPORT_STATES.map((s) => `${pick(REPORT_STATE_NAMES[s])} ${data.counts.byState[s]}`).join(' · ')}</span>
            </Card>
          </Space>

          <Card size="small" title={t('预算执行进度与时间进度', 'Budget execution against time elapsed')} style={{ marginBottom: 16 }}>
            {data.execution.length === 0 ? <Empty description={t('尚无部门报送', 'No department has reported yet')} /> : (
              <Suspense fallback={<Loading />}>
                <ExecutionChart execution={data.execution} timeElapsed={data.timeElapsed} />
              </Suspense>
            )}
          </Card>

          <Card
            size="small"
            title={t('各部门、各项目监控情况', 'Every department’s and project’s report')}
            extra={<a className="btn" href={`/api/v1/monitoring/rounds/${id}/reports.xlsx?${new URLSearchParams({ ...(light ? { light } : {}), ...(state ? { state } : {}), ...(q ? { q } : {}) }).toString()}`} download data-testid="export-round">{t('导出 Excel', 'Export to Excel')}</a>}
            style={{ marginBottom: 16 }}
          >
            <Space wrap style={{ marginBottom: 12 }}>
              <Select aria-label={t('按灯筛选', 'Filter by light')} style={{ width: 150 }} value={light || ''} onChange={(v: string) => setFilters({ light: v || undefined, page: undefined })} options={[{ value: '', label: t('全部灯色', 'All lights') }, ...[...LIGHTS, 'none' as const].map((l) => ({ value: l, label: lightName(l) }))]} />
              <Select aria-label={t('按状态筛选', 'Filter by state')} style={{ width: 150 }} value={state || ''} onChange={(v: string) => setFilters({ state: v || undefined, page: undefined })} options={[{ value: '', label: t('全部状态', 'All states') }, ...REPORT_STATES.map((s) => ({ value: s, label: pick(REPORT_STATE_NAMES[s]) }))]} />
              <Input.Search aria-label={t('搜索部门或项目', 'Search departments or projects')} placeholder={t('部门或项目名称', 'department or project')} allowClear defaultValue={q} onSearch={(v) => setFilters({ q: v.trim() || undefined, page: undefined })} style={{ width: 240 }} maxLength={100} />
              <Segmented<Sort>
                value={sort}
                onChange={(v) => setFilters({ sort: v === 'light' ? undefined : v, page: undefined })}
                options={[
                  { value: 'light', label: t('红灯在前', 'Red first') },
                  { value: 'execution', label: t('执行率低在前', 'Lowest execution') },
                  { value: 'department', label: t('按部门', 'By department') },
                  { value: 'updated', label: t('最近更新', 'Latest') },
                ]}
              />
            </Space>
            {reviewer && (
              <BatchBar
                endpoint="/api/v1/monitoring/reports/batch-transitions"
                selected={selected}
                nameOf={(rid) => {
                  const r = data.items.find((i) => i.id === rid);
                  return r ? `${r.departmentName} · ${subject(r)}` : rid;
                }}
                errorsOf={(rid) => data.items.find((i) => i.id === rid)?.errorCount ?? 0}
                steps={[
                  { label: t('批量审核通过', 'Accept selected'), done: t('已审核通过', 'accepted'), primary: true, testId: 'batch-accept-reports', applies: (rid) => data.items.some((i) => i.id === rid && actionsFromState(MONITORING_REPORT_WORKFLOW, i.state).includes('accept')), opinion: 'optional', request: (advice) => ({ action: 'accept', ...(advice ? { advice } : {}) }) },
                  { label: t('批量退回', 'Return selected'), done: t('已退回', 'returned'), danger: true, testId: 'batch-return-reports', applies: (rid) => data.items.some((i) => i.id === rid && actionsFromState(MONITORING_REPORT_WORKFLOW, i.state).includes('return')), opinion: 'required', request: (reason) => ({ action: 'return', reason }) },
                ]}
                onDone={() => {
                  setSelected([]);
                  overview.reload();
                }}
              />
            )}
            <Table<ReportSummary>
              size="small"
              rowKey="id"
              data-testid="round-reports"
              rowSelection={reviewer ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (r) => ({ disabled: r.state !== 'submitted', 'aria-label': t(`选择 ${r.departmentName}`, `Select ${r.departmentName}`) }) } : undefined}
              dataSource={data.items}
              pagination={{ current: page, pageSize: 50, total: data.total, showSizeChanger: false, onChange: (p) => setFilters({ page: p === 1 ? undefined : p }), showTotal: (n) => t(`共 ${n} 份`, `${n} reports`) }}
              locale={{ emptyText: t('没有符合条件的监控表', 'No report matches') }}
              columns={[
                { title: t('部门', 'Department'), dataIndex: 'departmentName' },
                { title: t('监控对象', 'Report on'), render: (_, r) => <Link to={`/monitoring/reports/${r.id}`}>{subject(r)}</Link> },
                { title: t('状态', 'State'), render: (_, r) => <Tag color={STATE_COLORS[r.state]} data-state={r.state}>{pick(REPORT_STATE_NAMES[r.state])}</Tag> },
                { title: t('总体', 'Overall'), render: (_, r) => <LightTag light={r.lights.overall} short /> },
                { title: t('预算', 'Budget'), render: (_, r) => <LightTag light={r.lights.budget} short /> },
                { title: t('指标', 'Indicators'), render: (_, r) => <LightTag light={r.lights.indicators} short /> },
                { title: t('执行率', 'Execution'), render: (_, r) => (r.executionRate === null ? '—' : `${r.executionRate}%`) },
                { title: t('须整改', 'Rectify'), render: (_, r) => (r.rectificationNeeded ? <Tag color="error">{t('须整改', 'needed')}</Tag> : '') },
                { title: t('更新', 'Updated'), render: (_, r) => time(r.updatedAt) },
              ]}
            />
          </Card>

          <Card size="small" title={`${t('逾期未报送', 'Overdue')} (${data.overdueTotal})`} data-testid="overdue">
            {data.overdueTotal === 0 ? (
              <Typography.Text type="secondary">{new Date().toISOString().slice(0, 10) > data.round.due ? t('没有逾期的监控表。', 'Nothing is overdue.') : t(`报送期限 ${data.round.due} 未到。`, `Not due until ${data.round.due}.`)}</Typography.Text>
            ) : (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {data.overdue.map((r) => (
                  <li key={r.id}>
                    {r.departmentName} · <Link to={`/monitoring/reports/${r.id}`}>{subject(r)}</Link> · {pick(REPORT_STATE_NAMES[r.state])}
                  </li>
                ))}
                {data.overdueTotal > data.overdue.length && <li>{t(`还有 ${data.overdueTotal - data.overdue.length} 份…`, `${data.overdueTotal - data.overdue.length} more…`)}</li>}
              </ul>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
