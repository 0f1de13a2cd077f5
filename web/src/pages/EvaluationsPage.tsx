/**
 * 绩效自评: for a department, the approved forms of a year it owes a self-evaluation on (start one, or
 * go on with it); for a finance bureau, the year's overview — every department's and project's total,
 * grade and execution rate, sortable and filterable, with the grade distribution and execution charts.
 */
import { Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { lazy, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EVALUATION_STATE_NAMES, EVALUATION_STATES } from '../../../src/core/evaluation/evaluationWorkflow.ts';
import { EVALUATION_GRADES } from '../../../src/core/selfEvaluation.ts';
import type { EvaluationOverview, EvaluationSummary, EvaluationView, OwedEvaluation } from '../../../src/format/apiTypes.ts';
import { SELF_EVALUATION_WORKFLOW } from '../../../src/kinds/selfEvaluation/index.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { gradeName } from '../declaration/vocabulary.ts';
import { Loading } from '../components/Loading.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { ChartCard, CountTiles, OverviewList, useOverviewQuery } from '../documents/DocumentOverview.tsx';
import { DocumentStateTag } from '../documents/DocumentShell.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

const EvaluationCharts = lazy(() => import('../charts/EvaluationCharts.tsx'));
const GRADE_COLORS: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };
/** The sorts of the list; the first is the default. */
const SORTS = ['total', 'execution', 'department', 'updated'] as const;

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
          { title: t('状态', 'State'), render: (_, o) => (o.evaluation ? <DocumentStateTag state={o.evaluation.state} name={pick(EVALUATION_STATE_NAMES[o.evaluation.state])} /> : <Tag>{t('未开始', 'not started')}</Tag>) },
          { title: t('总分', 'Total'), render: (_, o) => o.evaluation?.total ?? '—' },
          { title: t('等级', 'Grade'), render: (_, o) => (o.evaluation?.grade ? <Tag color={GRADE_COLORS[o.evaluation.grade]}>{gradeName(o.evaluation.grade, t)}</Tag> : '—') },
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
  const list = useOverviewQuery(['grade', 'state'], SORTS, { year: String(year) });
  const grade = list.values.grade ?? '';
  const overview = useResource(`evaluation-overview:${list.query}`, () => api<EvaluationOverview>('GET', `/api/v1/evaluations/overview?${list.query}`));
  const { user } = useSession();
  const reviewer = user?.role === 'reviewer';
  if (overview.error) return <ErrorAlert error={overview.error} onRetry={overview.reload} />;
  const data = overview.data;
  if (!data) return <Loading />;
  const subject = (e: EvaluationSummary) => e.projectName ?? t('部门整体', 'Department-wide');
  return (
    <>
      <CountTiles
        testId="grade-counts"
        attribute="grade"
        tiles={[...EVALUATION_GRADES, 'none' as const].map((g) => ({ key: g, title: g === 'none' ? t('未提交/未评', 'not graded') : gradeName(g, t), count: data.counts.byGrade[g] }))}
        selected={grade}
        onToggle={(g) => list.setFilters({ grade: g, page: undefined })}
        minWidth={110}
        submitted={{ title: t('报送情况', 'Evaluations'), total: data.counts.total, draft: data.counts.byState.draft, breakdown: EVALUATION_STATES.map((s) => `${pick(EVALUATION_STATE_NAMES[s])} ${data.counts.byState[s]}`).join(' · '), minWidth: 220 }}
      />
      <ChartCard title={t('等级分布与预算执行率', 'Grades and budget execution')} empty={data.total === 0 && data.execution.length === 0 ? t('尚无提交的自评表', 'No self-evaluation submitted yet') : null}>
        <EvaluationCharts overview={data} />
      </ChartCard>
      <OverviewList<EvaluationSummary>
        title={t('各部门、各项目自评情况', 'Every department’s and project’s self-evaluation')}
        exportHref={`/api/v1/evaluations/overview.xlsx?${list.exported}`}
        exportTestId="export-evaluations"
        query={list}
        filters={[
          { key: 'grade', label: t('按等级筛选', 'Filter by grade'), width: 140, options: [{ value: '', label: t('全部等级', 'All grades') }, ...EVALUATION_GRADES.map((g) => ({ value: g, label: gradeName(g, t) }))] },
          { key: 'state', label: t('按状态筛选', 'Filter by state'), width: 140, options: [{ value: '', label: t('全部状态', 'All states') }, ...EVALUATION_STATES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: pick(EVALUATION_STATE_NAMES[s]) }))] },
        ]}
        searchWidth={220}
        firstSort={{ value: 'total', label: t('得分低在前', 'Lowest total') }}
        batch={reviewer ? { workflow: SELF_EVALUATION_WORKFLOW, nameOf: (e) => `${e.departmentName}${e.projectName ? ` · ${e.projectName}` : ''}`, testIds: 'evaluations', advice: false } : undefined}
        onChanged={overview.reload}
        rows={data.items}
        total={data.total}
        testId="evaluation-overview"
        emptyText={t('没有符合条件的自评表', 'No self-evaluation matches')}
        totalText={(n) => t(`共 ${n} 份`, `${n} in all`)}
        columns={[
          { title: t('部门', 'Department'), dataIndex: 'departmentName' },
          { title: t('自评对象', 'Evaluation of'), render: (_, e) => <Link to={`/evaluations/${e.id}`}>{subject(e)}</Link> },
          { title: t('状态', 'State'), render: (_, e) => <DocumentStateTag state={e.state} name={pick(EVALUATION_STATE_NAMES[e.state])} /> },
          { title: t('总分', 'Total'), render: (_, e) => e.total ?? '—' },
          { title: t('等级', 'Grade'), render: (_, e) => (e.grade ? <Tag color={GRADE_COLORS[e.grade]}>{gradeName(e.grade, t)}</Tag> : '—') },
          { title: t('执行率', 'Execution'), render: (_, e) => (e.executionRate ? `${e.executionRate}%` : '—') },
          { title: t('更新', 'Updated'), render: (_, e) => time(e.updatedAt) },
        ]}
      />
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
