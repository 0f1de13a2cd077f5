/**
 * 绩效自评: for a department, the approved forms of a year it owes a self-evaluation on (start one, or
 * go on with it); for a finance bureau, the year's overview — every department's and project's total,
 * grade and execution rate, sortable and filterable, with the grade distribution and execution charts.
 */
import { Button, Card, Empty, Input, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SELF_EVALUATION_WORKFLOW } from '../../../src/kinds/selfEvaluation/index.ts';
import { actionsFromState } from '../../../src/kinds/workflow.ts';
import { EVALUATION_STATE_NAMES, EVALUATION_STATES, type EvaluationState } from '../../../src/core/evaluation/evaluationWorkflow.ts';
import { EVALUATION_GRADES } from '../../../src/core/selfEvaluation.ts';
import type { EvaluationOverview, EvaluationSummary, EvaluationView, OwedEvaluation } from '../../../src/format/apiTypes.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { BatchBar } from '../components/BatchBar.tsx';

const EvaluationCharts = lazy(() => import('../charts/EvaluationCharts.tsx'));
const STATE_COLORS: Record<EvaluationState, string> = { draft: 'default', submitted: 'processing', returned: 'error', accepted: 'success', published: 'gold' };
const GRADE_COLORS: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };
const SORTS = ['total', 'execution', 'department', 'updated'] as const;
type Sort = (typeof SORTS)[number];

function OwedList({ year }: { year: number }) {
  const { t, pick } = useLocale();
  const navigate = useNavigate();
  const owed = useResource(`owed-evaluations:${year}`, () => api<{ items: OwedEvaluation[] }>('GET', `/api/v1/evaluations/owed?year=${year}`));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const start = async (targetId: string) => {
    setBusy(targetId);
    setError(null);
    try {
      const created = await api<EvaluationView>('POST', '/api/v1/evaluations', { targetId });
      navigate(`/evaluations/${created.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  if (owed.error) return <ErrorAlert error={owed.error} onRetry={owed.reload} />;
  if (!owed.data) return <Loading />;
  if (owed.data.items.length === 0) return <Empty description={t(`${year} 年度没有已审核通过的绩效目标，无需自评。`, `No approved targets in ${year}: nothing to evaluate.`)} />;
  return (
    <>
      <ErrorAlert error={error} />
      <Table<OwedEvaluation>
        size="small"
        rowKey="targetId"
        pagination={false}
        dataSource={owed.data.items}
        data-testid="owed-evaluations"
        columns={[
          { title: t('自评对象', 'Evaluation of'), render: (_, o) => o.projectName ?? t('部门整体', 'Department-wide') },
          { title: t('状态', 'State'), render: (_, o) => (o.evaluation ? <Tag color={STATE_COLORS[o.evaluation.state]} data-state={o.evaluation.state}>{pick(EVALUATION_STATE_NAMES[o.evaluation.state])}</Tag> : <Tag>{t('未开始', 'not started')}</Tag>) },
          { title: t('总分', 'Total'), render: (_, o) => o.evaluation?.total ?? '—' },
          { title: t('等级', 'Grade'), render: (_, o) => (o.evaluation?.grade ? <Tag color={GRADE_COLORS[o.evaluation.grade]}>{o.evaluation.grade}</Tag> : '—') },
          { title: t('执行率', 'Execution'), render: (_, o) => (o.evaluation?.executionRate ? `${o.evaluation.executionRate}%` : '—') },
          {
            title: '',
            render: (_, o) =>
              o.evaluation ? (
                <Link to={`/evaluations/${o.evaluation.id}`}>{o.evaluation.state === 'draft' || o.evaluation.state === 'returned' ? t('填报', 'Fill in') : t('查看', 'View')}</Link>
              ) : (
                <Button size="small" type="primary" loading={busy === o.targetId} onClick={() => void start(o.targetId)}>{t('开始自评', 'Start')}</Button>
              ),
          },
        ]}
      />
    </>
  );
}

function Overview({ year }: { year: number }) {
  const { t, pick, time } = useLocale();
  const [filters, setFilters] = useUrlFilters();
  const grade = filters.get('grade') ?? '';
  const state = filters.get('state') ?? '';
  const q = filters.get('q') ?? '';
  const sortParam = filters.get('sort');
  const sort: Sort = (SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as Sort) : 'total';
  const page = Math.max(1, Number(filters.get('page')) || 1);
  const query = new URLSearchParams({ year: String(year), sort, page: String(page), pageSize: '50', ...(grade ? { grade } : {}), ...(state ? { state } : {}), ...(q ? { q } : {}) }).toString();
  const overview = useResource(`evaluation-overview:${query}`, () => api<EvaluationOverview>('GET', `/api/v1/evaluations/overview?${query}`));
  const [selected, setSelected] = useState<string[]>([]);
  const { user } = useSession();
  const reviewer = user?.role === 'reviewer';
  if (overview.error) return <ErrorAlert error={overview.error} onRetry={overview.reload} />;
  const data = overview.data;
  if (!data) return <Loading />;
  const subject = (e: EvaluationSummary) => e.projectName ?? t('部门整体', 'Department-wide');
  return (
    <>
      <Space wrap size={12} style={{ marginBottom: 16 }} data-testid="grade-counts">
        {[...EVALUATION_GRADES, 'none' as const].map((g) => (
          <Card key={g} size="small" style={{ minWidth: 110, borderColor: grade === g ? '#1677ff' : undefined }} hoverable role="button" tabIndex={0} aria-pressed={grade === g} data-grade={g} onClick={() => setFilters({ grade: grade === g ? undefined : g, page: undefined })} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setFilters({ grade: grade === g ? undefined : g, page: undefined })}>
            <Statistic title={g === 'none' ? t('未提交/未评', 'not graded') : g} value={data.counts.byGrade[g]} />
          </Card>
        ))}
        <Card size="small" style={{ minWidth: 220 }}>
          <Statistic title={t('报送情况', 'Evaluations')} value={`${data.counts.total - data.counts.byState.draft} / ${data.counts.total}`} />
          <span className="cell-hint">{EVALUATION_STATES.map((s) => `${pick(EVALUATION_STATE_NAMES[s])} ${data.counts.byState[s]}`).join(' · ')}</span>
        </Card>
      </Space>
      <Card size="small" title={t('等级分布与预算执行率', 'Grades and budget execution')} style={{ marginBottom: 16 }}>
        {data.total === 0 && data.execution.length === 0 ? <Empty description={t('尚无提交的自评表', 'No self-evaluation submitted yet')} /> : (
          <Suspense fallback={<Loading />}>
            <EvaluationCharts overview={data} />
          </Suspense>
        )}
      </Card>
      <Card
        size="small"
        title={t('各部门、各项目自评情况', 'Every department’s and project’s self-evaluation')}
        extra={<a className="btn" href={`/api/v1/evaluations/overview.xlsx?${new URLSearchParams({ year: String(year), ...(grade ? { grade } : {}), ...(state ? { state } : {}), ...(q ? { q } : {}) }).toString()}`} download data-testid="export-evaluations">{t('导出 Excel', 'Export to Excel')}</a>}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select aria-label={t('按等级筛选', 'Filter by grade')} style={{ width: 140 }} value={grade} onChange={(v: string) => setFilters({ grade: v || undefined, page: undefined })} options={[{ value: '', label: t('全部等级', 'All grades') }, ...EVALUATION_GRADES.map((g) => ({ value: g, label: g }))]} />
          <Select aria-label={t('按状态筛选', 'Filter by state')} style={{ width: 140 }} value={state} onChange={(v: string) => setFilters({ state: v || undefined, page: undefined })} options={[{ value: '', label: t('全部状态', 'All states') }, ...EVALUATION_STATES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: pick(EVALUATION_STATE_NAMES[s]) }))]} />
          <Input.Search aria-label={t('搜索部门或项目', 'Search departments or projects')} placeholder={t('部门或项目名称', 'department or project')} allowClear defaultValue={q} maxLength={100} onSearch={(v) => setFilters({ q: v.trim() || undefined, page: undefined })} style={{ width: 220 }} />
          <Segmented<Sort>
            value={sort}
            onChange={(v) => setFilters({ sort: v === 'total' ? undefined : v, page: undefined })}
            options={[
              { value: 'total', label: t('得分低在前', 'Lowest total') },
              { value: 'execution', label: t('执行率低在前', 'Lowest execution') },
              { value: 'department', label: t('按部门', 'By department') },
              { value: 'updated', label: t('最近更新', 'Latest') },
            ]}
          />
        </Space>
        {reviewer && (
          <BatchBar
            endpoint="/api/v1/evaluations/batch-transitions"
            selected={selected}
            nameOf={(eid) => {
              const e = data.items.find((i) => i.id === eid);
              return e ? `${e.departmentName}${e.projectName ? ` · ${e.projectName}` : ''}` : eid;
            }}
            errorsOf={(eid) => data.items.find((i) => i.id === eid)?.errorCount ?? 0}
            steps={[
              { label: t('批量审核通过', 'Accept selected'), done: t('已审核通过', 'accepted'), primary: true, testId: 'batch-accept-evaluations', applies: (eid) => data.items.some((i) => i.id === eid && actionsFromState(SELF_EVALUATION_WORKFLOW, i.state).includes('accept')), request: () => ({ action: 'accept' }) },
              { label: t('批量退回', 'Return selected'), done: t('已退回', 'returned'), danger: true, testId: 'batch-return-evaluations', applies: (eid) => data.items.some((i) => i.id === eid && actionsFromState(SELF_EVALUATION_WORKFLOW, i.state).includes('return')), opinion: 'required', request: (reason) => ({ action: 'return', reason }) },
            ]}
            onDone={() => {
              setSelected([]);
              overview.reload();
            }}
          />
        )}
        <Table<EvaluationSummary>
          size="small"
          rowKey="id"
          data-testid="evaluation-overview"
          rowSelection={reviewer ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (e) => ({ disabled: e.state !== 'submitted', 'aria-label': t(`选择 ${e.departmentName}`, `Select ${e.departmentName}`) }) } : undefined}
          dataSource={data.items}
          locale={{ emptyText: t('没有符合条件的自评表', 'No self-evaluation matches') }}
          pagination={{ current: page, pageSize: 50, total: data.total, showSizeChanger: false, onChange: (p) => setFilters({ page: p === 1 ? undefined : p }), showTotal: (n) => t(`共 ${n} 份`, `${n} in all`) }}
          columns={[
            { title: t('部门', 'Department'), dataIndex: 'departmentName' },
            { title: t('自评对象', 'Evaluation of'), render: (_, e) => <Link to={`/evaluations/${e.id}`}>{subject(e)}</Link> },
            { title: t('状态', 'State'), render: (_, e) => <Tag color={STATE_COLORS[e.state]} data-state={e.state}>{pick(EVALUATION_STATE_NAMES[e.state])}</Tag> },
            { title: t('总分', 'Total'), render: (_, e) => e.total ?? '—' },
            { title: t('等级', 'Grade'), render: (_, e) => (e.grade ? <Tag color={GRADE_COLORS[e.grade]}>{e.grade}</Tag> : '—') },
            { title: t('执行率', 'Execution'), render: (_, e) => (e.executionRate ? `${e.executionRate}%` : '—') },
            { title: t('更新', 'Updated'), render: (_, e) => time(e.updatedAt) },
          ]}
        />
      </Card>
    </>
  );
}

export default function EvaluationsPage() {
  const { t } = useLocale();
  const { user } = useSession();
  const [filters, setFilters] = useUrlFilters();
  const thisYear = new Date().getFullYear();
  const year = Number(filters.get('year')) || thisYear - 1;
  const years = Array.from({ length: 6 }, (_, k) => thisYear - k);
  const department = user?.role === 'editor' || user?.role === 'approver';
  return (
    <div className="page" data-testid="evaluations-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('绩效自评', 'Self-evaluation')}</Typography.Title>
        <Select aria-label={t('年度', 'Year')} value={year} style={{ width: 120 }} onChange={(v: number) => setFilters({ year: v === thisYear - 1 ? undefined : v, page: undefined })} options={years.map((y) => ({ value: y, label: t(`${y} 年度`, String(y)) }))} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t(
          '年度终了，对照绩效目标逐项填报实际完成值；系统按财预〔2020〕10号的方法计分（预算执行率 10 分、绩效指标 90 分）并定等级，未达标的指标须分析原因、提出改进措施。',
          'At the year’s end, each target’s actual value is entered; Jixiao scores it by the 财预〔2020〕10号 method (execution 10 points, indicators 90) and grades the total; a missed target needs a cause and a measure.',
        )}
      </Typography.Paragraph>
      {department ? <OwedList year={year} /> : <Overview year={year} />}
    </div>
  );
}
