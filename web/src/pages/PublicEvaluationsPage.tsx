/** Published self-evaluations, for anyone: by year, searchable, each opening its scored table. */
import { Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { EvaluationSummary } from '../../../src/format/apiTypes.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useLocale } from '../i18n/locale.tsx';

const GRADE_COLORS: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };

export default function PublicEvaluationsPage() {
  const { t } = useLocale();
  const [filters, setFilters] = useUrlFilters();
  const thisYear = new Date().getFullYear();
  const year = filters.get('year') ?? '';
  const q = filters.get('q') ?? '';
  const page = Math.max(1, Number(filters.get('page')) || 1);
  const query = new URLSearchParams({ page: String(page), pageSize: '20', ...(year ? { year } : {}), ...(q ? { q } : {}) }).toString();
  const list = useResource(`public-evaluations:${query}`, () => api<{ items: EvaluationSummary[]; total: number }>('GET', `/api/v1/public/evaluations?${query}`));
  return (
    <div className="page" data-testid="public-evaluations">
      <Typography.Title level={3}>{t('绩效自评结果公开', 'Published self-evaluations')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={t('年度', 'Year')} style={{ width: 130 }} value={year} onChange={(v: string) => setFilters({ year: v || undefined, page: undefined })} options={[{ value: '', label: t('全部年度', 'All years') }, ...Array.from({ length: 6 }, (_, k) => String(thisYear - k)).map((y) => ({ value: y, label: y }))]} />
        <Input.Search aria-label={t('搜索部门或项目', 'Search departments or projects')} placeholder={t('部门或项目名称', 'department or project')} allowClear defaultValue={q} maxLength={100} onSearch={(v) => setFilters({ q: v.trim() || undefined, page: undefined })} style={{ width: 240 }} />
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<EvaluationSummary>
        size="small"
        rowKey="id"
        loading={!list.data && !list.error}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('暂无公开的自评结果', 'Nothing published yet') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setFilters({ page: p === 1 ? undefined : p }) }}
        columns={[
          { title: t('年度', 'Year'), dataIndex: 'year' },
          { title: t('部门', 'Department'), dataIndex: 'departmentName' },
          { title: t('自评对象', 'Evaluation of'), render: (_, e) => <Link to={`/public/evaluations/${e.id}`}>{e.projectName ?? t('部门整体', 'Department-wide')}</Link> },
          { title: t('总分', 'Total'), render: (_, e) => e.total ?? '—' },
          { title: t('等级', 'Grade'), render: (_, e) => (e.grade ? <Tag color={GRADE_COLORS[e.grade]}>{e.grade}</Tag> : '—') },
          { title: t('执行率', 'Execution'), render: (_, e) => (e.executionRate ? `${e.executionRate}%` : '—') },
        ]}
      />
    </div>
  );
}
