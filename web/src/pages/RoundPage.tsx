/**
 * A monitoring round for the finance bureau: counts by light and by state, every department's and
 * project's report (red first, sortable and filterable), budget execution against the time elapsed
 * per department, and the reports overdue.
 */
import { Card, Tag, Typography } from 'antd';
import { lazy } from 'react';
import { Link, useParams } from 'react-router';
import { LIGHTS, type Light } from '../../../src/core/monitoringReport.ts';
import { REPORT_STATE_NAMES, REPORT_STATES } from '../../../src/core/monitoring/reportWorkflow.ts';
import type { ReportSummary, RoundOverview } from '../../../src/format/apiTypes.ts';
import { MONITORING_REPORT_WORKFLOW } from '../../../src/kinds/monitoringReport/index.ts';
import { api, ApiError } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { StatusPage } from '../components/StatusPage.tsx';
import { ChartCard, CountTiles, OverviewList, useOverviewQuery } from '../documents/DocumentOverview.tsx';
import { DocumentStateTag } from '../documents/DocumentShell.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { LightTag } from '../monitoring/LightTag.tsx';
import { useSession } from '../session/session.tsx';

const ExecutionChart = lazy(() => import('../charts/ExecutionChart.tsx'));
/** The sorts of the list; the first is the default. */
const SORTS = ['light', 'department', 'execution', 'updated'] as const;

export default function RoundPage() {
  const { id = '' } = useParams();
  const { t, pick, time } = useLocale();
  const list = useOverviewQuery(['light', 'state'], SORTS);
  const light = list.values.light ?? '';
  const overview = useResource(`round:${id}?${list.query}`, () => api<RoundOverview>('GET', `/api/v1/monitoring/rounds/${id}?${list.query}`));
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
          <CountTiles
            testId="light-counts"
            attribute="light"
            tiles={[...LIGHTS, 'none' as const].map((l) => ({ key: l, title: l === 'none' ? lightName(l) : <LightTag light={l} short />, count: data.counts.byLight[l] }))}
            selected={light}
            onToggle={(l) => list.setFilters({ light: l, page: undefined })}
            minWidth={120}
            submitted={{ title: t('报送情况', 'Reports'), total: data.counts.total, draft: data.counts.byState.draft, breakdown: REPORT_STATES.map((s) => `${pick(REPORT_STATE_NAMES[s])} ${data.counts.byState[s]}`).join(' · '), minWidth: 200 }}
          />
          <ChartCard title={t('预算执行进度与时间进度', 'Budget execution against time elapsed')} empty={data.execution.length === 0 ? t('尚无部门报送', 'No department has reported yet') : null}>
            <ExecutionChart execution={data.execution} timeElapsed={data.timeElapsed} />
          </ChartCard>
          <OverviewList<ReportSummary>
            title={t('各部门、各项目监控情况', 'Every department’s and project’s report')}
            exportHref={`/api/v1/monitoring/rounds/${id}/reports.xlsx?${list.exported}`}
            exportTestId="export-round"
            query={list}
            filters={[
              { key: 'light', label: t('按灯筛选', 'Filter by light'), width: 150, options: [{ value: '', label: t('全部灯色', 'All lights') }, ...[...LIGHTS, 'none' as const].map((l) => ({ value: l, label: lightName(l) }))] },
              { key: 'state', label: t('按状态筛选', 'Filter by state'), width: 150, options: [{ value: '', label: t('全部状态', 'All states') }, ...REPORT_STATES.map((s) => ({ value: s, label: pick(REPORT_STATE_NAMES[s]) }))] },
            ]}
            searchWidth={240}
            firstSort={{ value: 'light', label: t('红灯在前', 'Red first') }}
            batch={reviewer ? { workflow: MONITORING_REPORT_WORKFLOW, nameOf: (r) => `${r.departmentName} · ${subject(r)}`, testIds: 'reports', advice: true } : undefined}
            onChanged={overview.reload}
            rows={data.items}
            total={data.total}
            testId="round-reports"
            emptyText={t('没有符合条件的监控表', 'No report matches')}
            totalText={(n) => t(`共 ${n} 份`, `${n} reports`)}
            columns={[
              { title: t('部门', 'Department'), dataIndex: 'departmentName' },
              { title: t('监控对象', 'Report on'), render: (_, r) => <Link to={`/monitoring/reports/${r.id}`}>{subject(r)}</Link> },
              { title: t('状态', 'State'), render: (_, r) => <DocumentStateTag state={r.state} name={pick(REPORT_STATE_NAMES[r.state])} /> },
              { title: t('总体', 'Overall'), render: (_, r) => <LightTag light={r.lights.overall} short /> },
              { title: t('预算', 'Budget'), render: (_, r) => <LightTag light={r.lights.budget} short /> },
              { title: t('指标', 'Indicators'), render: (_, r) => <LightTag light={r.lights.indicators} short /> },
              { title: t('执行率', 'Execution'), render: (_, r) => (r.executionRate === null ? '—' : `${r.executionRate}%`) },
              { title: t('须整改', 'Rectify'), render: (_, r) => (r.rectificationNeeded ? <Tag color="error">{t('须整改', 'needed')}</Tag> : '') },
              { title: t('更新', 'Updated'), render: (_, r) => time(r.updatedAt) },
            ]}
          />

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
