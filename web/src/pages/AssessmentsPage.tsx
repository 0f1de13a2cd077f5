/**
 * 评估评价: the bureau's list of assessments — by purpose (事前评估 / 重点评价 / 部门整体评价 / 抽评),
 * state, year and subject — with a new one opened on a subject and scorers assigned to many at once;
 * an expert or an agency sees only what it is assigned, a department its own.
 */
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { BatchAssign } from '../assessment/BatchAssign.tsx';
import { NewAssessmentDialog } from '../assessment/NewAssessmentDialog.tsx';
import { ASSESSMENT_PURPOSES, ASSESSMENT_STATES, DECISION_COLORS, DECISION_NAMES, GRADE_COLORS, PURPOSE_SHORT, STATE_COLORS, stateName, type AssessmentPurpose, type Decision } from '../assessment/names.ts';
import type { AssessmentItem } from '../assessment/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { listTotal } from '../components/listTotal.ts';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

const PAGE_SIZE = 50;

export default function AssessmentsPage() {
  const { t, pick, time } = useLocale();
  const { user } = useSession();
  const [filters, setFilters] = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const bureau = user?.role === 'reviewer';
  const panel = user?.role === 'expert' || user?.role === 'agency';
  const thisYear = new Date().getFullYear();
  const purpose = filters.get('purpose') ?? '';
  const state = filters.get('state') ?? '';
  const year = filters.get('year') ?? '';
  const q = filters.get('q') ?? '';
  const page = Math.max(1, Number(filters.get('page')) || 1);
  const path = `/api/v1/documents${query({ kind: 'assessment', purpose: purpose || undefined, state: state || undefined, year: year || undefined, q: q || undefined, page, pageSize: PAGE_SIZE })}`;
  const list = useResource(path, () => api<{ items: AssessmentItem[]; total: number; totalAtLeast: boolean }>('GET', path));
  const items = list.data?.items ?? [];
  const subjectOf = (a: AssessmentItem) => a.projectName ?? a.title ?? a.departmentName;
  const years = Array.from({ length: 6 }, (_, k) => thisYear + 1 - k);

  return (
    <div className="page" data-testid="assessments-page">
      <div className="page-title">
        <h1>{t('评估评价', 'Assessments')}</h1>
        <Space wrap>
          {(bureau || user?.role === 'admin') && (
            <Link className="btn" to="/assessment-templates" data-testid="open-templates">
              {t('评价指标体系', 'Assessment templates')}
            </Link>
          )}
          {bureau && (
            <Link className="btn" to="/assessments/samples" data-testid="open-sampling">
              {t('绩效自评抽评', 'Sampling reviews (抽评)')}
            </Link>
          )}
          {bureau && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-assessment">
              {t('新建评估评价', 'New assessment')}
            </Button>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">
        {panel
          ? t('这里列出指派给您的评估评价：逐项评分并写明理由；评分提交后，其他评分人和被评单位在财政部门发布前看不到您的评分。', 'The assessments you are assigned to: score each criterion with a reason. Other scorers and the department do not see your scores until the bureau releases them.')
          : t(
              '财政部门的事前绩效评估、重点绩效评价、部门整体绩效评价和自评抽评：按模板的加权指标由专家或第三方机构评分，附佐证材料，出具结论和报告。',
              'The finance bureau’s ex-ante assessments, key evaluations, department-wide evaluations and sampling reviews: scored by experts or agencies on a template’s weighted criteria, with evidence, a conclusion and a report.',
            )}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }} data-testid="assessment-filters">
        <Select aria-label={t('按类型筛选', 'Filter by purpose')} style={{ width: 180 }} value={purpose} onChange={(v: string) => setFilters({ purpose: v })} options={[{ value: '', label: t('全部类型', 'All purposes') }, ...ASSESSMENT_PURPOSES.map((p) => ({ value: p, label: pick(PURPOSE_SHORT[p]) }))]} />
        <Select aria-label={t('按状态筛选', 'Filter by state')} style={{ width: 150 }} value={state} onChange={(v: string) => setFilters({ state: v })} options={[{ value: '', label: t('全部状态', 'All states') }, ...ASSESSMENT_STATES.map((s) => ({ value: s, label: pick(stateName(s)) }))]} />
        <Select aria-label={t('按年度筛选', 'Filter by year')} style={{ width: 130 }} value={year} onChange={(v: string) => setFilters({ year: v })} options={[{ value: '', label: t('全部年度', 'All years') }, ...years.map((y) => ({ value: String(y), label: t(`${y} 年度`, String(y)) }))]} />
        <Input.Search aria-label={t('搜索被评对象', 'Search subjects')} placeholder={t('项目、政策或部门名称', 'project, policy or department')} allowClear defaultValue={q} maxLength={100} onSearch={(v) => setFilters({ q: v.trim() })} style={{ width: 240 }} />
      </Space>
      {bureau && <BatchAssign selected={selected} nameOf={(id) => { const a = items.find((i) => i.id === id); return a ? `${a.departmentName} · ${subjectOf(a)}` : id; }} onDone={() => { setSelected([]); list.reload(); }} />}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<AssessmentItem>
        size="small"
        rowKey="id"
        data-testid="assessment-list"
        loading={list.loading}
        dataSource={items}
        scroll={{ x: 1040 }}
        rowSelection={bureau ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (a) => ({ disabled: a.state === 'concluded' || a.state === 'released', 'aria-label': t(`选择 ${subjectOf(a)}`, `Select ${subjectOf(a)}`) }) } : undefined}
        locale={{ emptyText: list.error ? t('列表未能载入', 'The list could not be loaded') : panel ? t('暂无指派给您的评估评价', 'Nothing is assigned to you yet') : t('没有符合条件的评估评价', 'No assessment matches') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setFilters({ page: p === 1 ? undefined : p }), showTotal: (n) => listTotal(t, n, list.data?.totalAtLeast, { zh: '项', en: 'assessments' }) }}
        columns={[
          { title: t('被评对象', 'Subject'), width: 196, render: (_, a) => <Link to={`/assessments/${a.id}`}>{subjectOf(a)}</Link> },
          { title: t('类型', 'Purpose'), width: 124, render: (_, a) => (a.summary.facts.purpose ? <Tag>{pick(PURPOSE_SHORT[a.summary.facts.purpose as AssessmentPurpose] ?? { zh: a.summary.facts.purpose, en: a.summary.facts.purpose })}</Tag> : '—') },
          { title: t('部门', 'Department'), dataIndex: 'departmentName', width: 170, ellipsis: { showTitle: true } },
          { title: t('年度', 'Year'), dataIndex: 'year', width: 60 },
          { title: t('状态', 'State'), width: 96, render: (_, a) => <Tag color={STATE_COLORS[a.state]} data-state={a.state}>{pick(stateName(a.state))}</Tag> },
          { title: t('总分', 'Total'), width: 64, render: (_, a) => a.summary.score ?? '—' },
          { title: t('等级', 'Grade'), width: 60, render: (_, a) => (a.summary.grade ? <Tag color={GRADE_COLORS[a.summary.grade]}>{a.summary.grade}</Tag> : '—') },
          {
            title: t('结论', 'Decision'),
            width: 140,
            render: (_, a) => {
              const d = a.summary.facts.decision as Decision | null | undefined;
              if (!d) return '—';
              return (
                <span>
                  <Tag color={DECISION_COLORS[d]}>{pick(DECISION_NAMES[d])}</Tag>
                  {a.summary.facts.cut && d !== 'reject' && Number(a.summary.facts.cut) > 0 ? <span className="secondary">{t(`核减 ${a.summary.facts.cut}`, `cut ${a.summary.facts.cut}`)}</span> : null}
                </span>
              );
            },
          },
          { title: t('更新', 'Updated'), width: 100, render: (_, a) => <span title={time(a.updatedAt)}>{a.updatedAt.slice(0, 10)}</span> },
        ]}
      />
      {bureau && creating && <NewAssessmentDialog open={creating} onClose={() => setCreating(false)} defaultYear={Number(year) || thisYear} />}
    </div>
  );
}
