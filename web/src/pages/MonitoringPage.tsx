/**
 * 运行监控: the rounds a user takes part in. A department sees the reports it owes in each, prefilled
 * from its approved targets; a finance bureau opens rounds (region, year, cutoff, due date) and goes
 * to each round's page.
 */
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { REPORT_STATE_NAMES, type ReportState } from '../../../src/core/monitoring/reportWorkflow.ts';
import type { RegionNode, ReportSummary, RoundView } from '../../../src/format/apiTypes.ts';
import { api, ApiError } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { LightTag } from '../monitoring/LightTag.tsx';
import { useSession } from '../session/session.tsx';

const STATE_COLORS: Record<ReportState, string> = { draft: 'default', submitted: 'processing', returned: 'error', accepted: 'success' };

/** Every region of the tree, with its path for the label. */
function flatten(nodes: readonly RegionNode[], above = ''): Array<{ id: string; label: string; ids: string[] }> {
  return nodes.flatMap((node) => {
    const label = above ? `${above} / ${node.name}` : node.name;
    const below = flatten(node.children, label);
    return [{ id: node.id, label, ids: [node.id, ...below.map((b) => b.id)] }, ...below];
  });
}

function OwedReports({ round }: { round: RoundView }) {
  const { t, pick } = useLocale();
  const reports = useResource(`owed:${round.id}`, () => api<{ reports: ReportSummary[] }>('GET', `/api/v1/monitoring/rounds/${round.id}/reports`));
  if (reports.error) return <ErrorAlert error={reports.error} onRetry={reports.reload} />;
  if (!reports.data) return <Loading />;
  if (reports.data.reports.length === 0) return <Typography.Text type="secondary">{t('本部门在本轮次没有已审核通过的绩效目标，无需填报。', 'Your department has no approved targets in this round: nothing to report.')}</Typography.Text>;
  return (
    <Table<ReportSummary>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={reports.data.reports}
      columns={[
        { title: t('监控对象', 'Report on'), render: (_, r) => <Link to={`/monitoring/reports/${r.id}`}>{r.projectName ?? t('部门整体', 'Department-wide')}</Link> },
        { title: t('种类', 'Kind'), render: (_, r) => (r.targetKind === 'project-target' ? t('项目', 'Project') : t('部门整体', 'Department')) },
        { title: t('状态', 'State'), render: (_, r) => <Tag color={STATE_COLORS[r.state]} data-state={r.state}>{pick(REPORT_STATE_NAMES[r.state])}</Tag> },
        { title: t('总体', 'Overall'), render: (_, r) => <LightTag light={r.lights.overall} short /> },
        { title: t('预算执行率', 'Execution'), render: (_, r) => (r.executionRate === null ? '—' : `${r.executionRate}%`) },
        { title: '', render: (_, r) => <Link to={`/monitoring/reports/${r.id}`}>{r.state === 'draft' || r.state === 'returned' ? t('填报', 'Fill in') : t('查看', 'View')}</Link> },
      ]}
    />
  );
}

function OpenRoundForm({ onOpened }: { onOpened: (id: string) => void }) {
  const { t, pick } = useLocale();
  const { user } = useSession();
  const tree = useResource('organisations', () => api<{ regions: RegionNode[] }>('GET', '/api/v1/organisations'));
  const year = new Date().getFullYear();
  const [values, setValues] = useState({ regionId: user?.regionId ?? '', year: String(year), name: '1–7月', through: `${year}-07-31`, due: `${year}-08-15` });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const regions = useMemo(() => {
    const all = flatten(tree.data?.regions ?? []);
    if (user?.role !== 'reviewer') return all;
    const own = all.find((r) => r.id === user.regionId);
    return all.filter((r) => own?.ids.includes(r.id));
  }, [tree.data, user]);
  const set = (field: keyof typeof values, value: string) => {
    setValues((v) => {
      const next = { ...v, [field]: value };
      // A changed year moves the default dates with it.
      if (field === 'year' && /^\d{4}$/.test(value)) {
        if (v.through.slice(0, 4) === v.year) next.through = `${value}${v.through.slice(4)}`;
        if (v.due.slice(0, 4) === v.year) next.due = `${value}${v.due.slice(4)}`;
      }
      return next;
    });
  };
  const fieldProblem = (field: string) => (error instanceof ApiError ? error.fieldMessage(field) : undefined);
  // Said beside the box as it is typed, not as "请求内容有误" after sending.
  const yearValue = Number(values.year);
  const yearProblem = !/^\d{4}$/.test(values.year.trim()) || yearValue < 2000 || yearValue > 2100 ? t('年度应为 2000 至 2100 之间的四位数字，如 2026', 'a year of four digits from 2000 to 2100, e.g. 2026') : undefined;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const opened = await api<{ id: string; reports: number }>('POST', '/api/v1/monitoring/rounds', { ...values, year: Number(values.year) });
      onOpened(opened.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="inline" onFinish={() => void submit()} style={{ rowGap: 8 }} data-testid="open-round">
      <Form.Item label={t('区划', 'Region')} validateStatus={fieldProblem('regionId') ? 'error' : undefined}>
        <Select style={{ width: 240 }} value={values.regionId || undefined} placeholder={t('选择区划', 'choose a region')} onChange={(v: string) => set('regionId', v)} options={regions.map((r) => ({ value: r.id, label: r.label }))} aria-label={t('区划', 'Region')} />
      </Form.Item>
      <Form.Item label={t('年度', 'Year')} validateStatus={yearProblem || fieldProblem('year') ? 'error' : undefined} help={yearProblem} htmlFor="round-year">
        <Input id="round-year" style={{ width: 90 }} value={values.year} onChange={(e) => set('year', e.target.value)} inputMode="numeric" aria-label={t('年度', 'Year')} aria-invalid={yearProblem ? true : undefined} aria-describedby={yearProblem ? 'round-year_help' : undefined} />
      </Form.Item>
      <Form.Item label={t('轮次名称', 'Name')} validateStatus={fieldProblem('name') ? 'error' : undefined}>
        <Input style={{ width: 110 }} value={values.name} onChange={(e) => set('name', e.target.value)} aria-label={t('轮次名称', 'Name')} />
      </Form.Item>
      <Form.Item label={t('数据截至', 'Data to')} validateStatus={fieldProblem('through') ? 'error' : undefined}>
        <Input type="date" style={{ width: 150 }} value={values.through} onChange={(e) => set('through', e.target.value)} aria-label={t('数据截至', 'Data to')} />
      </Form.Item>
      <Form.Item label={t('报送期限', 'Due')} validateStatus={fieldProblem('due') ? 'error' : undefined}>
        <Input type="date" style={{ width: 150 }} value={values.due} onChange={(e) => set('due', e.target.value)} aria-label={t('报送期限', 'Due')} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!values.regionId || yearProblem !== undefined}>
          {t('开启轮次', 'Open the round')}
        </Button>
      </Form.Item>
      {error instanceof ApiError && error.id === 'round-exists' ? (
        <Alert type="info" showIcon message={pick(error.text)} action={<Link to={`/monitoring/rounds/${String(error.extra.roundId)}`}>{t('打开该轮次', 'Open it')}</Link>} />
      ) : (
        <ErrorAlert error={error} />
      )}
    </Form>
  );
}

export default function MonitoringPage() {
  const { t } = useLocale();
  const { user } = useSession();
  const navigate = useNavigate();
  const rounds = useResource('rounds', () => api<{ rounds: RoundView[] }>('GET', '/api/v1/monitoring/rounds'));
  const department = user?.role === 'editor' || user?.role === 'approver';
  const oversees = user?.role === 'reviewer' || user?.role === 'admin';
  return (
    <div className="page" data-testid="monitoring-page">
      <Typography.Title level={3}>{t('运行监控', 'In-year monitoring')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(
          '绩效目标审核通过后，各部门按轮次报送预算执行和指标完成情况（“双监控”）；系统按时间进度亮灯，偏离目标的须说明原因和纠偏措施。',
          'Once targets are approved, departments report budget execution and indicator progress each round; Jixiao sets the lights against the time elapsed, and what deviates must be explained with measures.',
        )}
      </Typography.Paragraph>
      {oversees && (
        <Card size="small" title={t('开启监控轮次', 'Open a round')} style={{ marginBottom: 16 }}>
          <OpenRoundForm onOpened={(id) => navigate(`/monitoring/rounds/${id}`)} />
        </Card>
      )}
      <ErrorAlert error={rounds.error} onRetry={rounds.reload} />
      {!rounds.data && !rounds.error && <Loading />}
      {rounds.data?.rounds.length === 0 && <Empty description={oversees ? t('还没有监控轮次，可在上方开启。', 'No round yet: open one above.') : t('财政部门尚未开启监控轮次。', 'The finance bureau has not opened a round yet.')} />}
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        {rounds.data?.rounds.map((round) => (
          <Card
            key={round.id}
            size="small"
            data-testid="round-card"
            title={
              <span>
                {t(`${round.year}年`, String(round.year))} {round.name} · {round.regionName}
              </span>
            }
            extra={
              <Space>
                <span className="cell-hint">
                  {t('数据截至', 'data to')} {round.through}，{t('报送期限', 'due')} {round.due}
                </span>
                {department && round.owed > 0 && <Tag color="warning">{t(`待报送 ${round.owed} 份`, `${round.owed} to report`)}</Tag>}
                {round.canOversee && <Link to={`/monitoring/rounds/${round.id}`}>{t('查看本轮汇总', 'Round overview')}</Link>}
              </Space>
            }
          >
            {department ? <OwedReports round={round} /> : <Link to={`/monitoring/rounds/${round.id}`}>{t('各部门报送情况、亮灯和逾期名单', 'Every department’s reports, lights and the overdue list')}</Link>}
          </Card>
        ))}
      </Space>
    </div>
  );
}
