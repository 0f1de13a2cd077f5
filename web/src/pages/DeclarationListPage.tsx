/** All forms the user may see: filtered, searched, sorted and paged on the server; the filters live in the URL. */
import { Badge, Button, Input, Select, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { api, query } from '../api/client.ts';
import type { DeclarationList, DeclarationState, DeclarationSummary } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { NewDeclarationDialog } from '../components/NewDeclarationDialog.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useYears } from '../components/useYears.ts';
import { gradeName, stateName } from '../declaration/vocabulary.ts';
import { useState } from 'react';
import { StateTag } from '../components/StateTag.tsx';
import { BatchActions } from '../declaration/BatchActions.tsx';
import { showAmount } from '../declaration/display.ts';
import { listTotal } from '../components/listTotal.ts';
import { useLocale } from '../i18n/locale.tsx';
import { allDepartments, useSession } from '../session/session.tsx';

type Sort = 'updated' | 'year' | 'department' | 'errors';
const STATES: DeclarationState[] = ['draft', 'submitted', 'returned', 'approved', 'published'];

export function DeclarationListPage() {
  const { t, time } = useLocale();
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const { years } = useYears('mine');
  const { user, regions } = useSession();
  const [params, set] = useUrlFilters();
  const filters = {
    year: params.get('year') ?? undefined,
    state: params.get('state') ?? undefined,
    kind: params.get('kind') ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    regionId: params.get('regionId') ?? undefined,
    q: params.get('q') ?? undefined,
    sort: (params.get('sort') as Sort | null) ?? 'updated',
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
  };
  const search = query(filters);
  const list = useResource(search, () => api<DeclarationList>('GET', `/api/v1/declarations${search}`));

  const columns: ColumnsType<DeclarationSummary> = [
    { title: t('部门', 'Department'), dataIndex: 'departmentName', key: 'department', sorter: true, sortOrder: filters.sort === 'department' ? 'ascend' : null, render: (name: string, row) => <Link to={`/declarations/${row.id}`}>{name}</Link> },
    {
      title: t('种类 / 项目', 'Kind / project'),
      key: 'kind',
      render: (_: unknown, row) => (row.kind === 'project-target' ? <Link to={`/declarations/${row.id}`}>{t('项目', 'Project')}{t('：', ': ')}{row.projectName ?? t('（未命名）', '(unnamed)')}</Link> : t('部门整体', 'Department-wide')),
    },
    { title: t('年度', 'Year'), dataIndex: 'year', key: 'year', width: 90, sorter: true, sortOrder: filters.sort === 'year' ? 'descend' : null },
    { title: t('状态', 'State'), dataIndex: 'state', width: 100, render: (state: DeclarationState) => <StateTag state={state} /> },
    { title: t('审核结果', 'Grade'), dataIndex: 'reviewGrade', width: 120, render: (grade: string | null) => (grade ? gradeName(grade, t) : '') },
    { title: t('金额（万元）', 'Amount (10k yuan)'), dataIndex: 'budgetTotal', width: 150, align: 'right', render: (amount: string | null) => showAmount(amount) },
    {
      title: t('问题', 'Findings'),
      key: 'errors',
      width: 120,
      sorter: true,
      sortOrder: filters.sort === 'errors' ? 'descend' : null,
      render: (_: unknown, row) => (
        <Space>
          <Tooltip title={t('错误', 'errors')}>
            <Badge count={row.errorCount} showZero color={row.errorCount > 0 ? 'red' : 'green'} />
          </Tooltip>
          <Tooltip title={t('警告', 'warnings')}>
            <Badge count={row.warningCount} showZero color="orange" />
          </Tooltip>
        </Space>
      ),
    },
    { title: t('更新时间', 'Updated'), dataIndex: 'updatedAt', key: 'updated', width: 170, sorter: true, sortOrder: filters.sort === 'updated' ? 'descend' : null, render: (at: string) => time(at) },
  ];

  return (
    <>
      <div className="page-title">
        <h1>{t('申报表', 'Forms')}</h1>
        <a className="btn" href={`/api/v1/declarations/list.xlsx${search}`} download data-testid="export-list">
          {t('导出 Excel', 'Export to Excel')}
        </a>
        {(user?.role === 'editor' || user?.role === 'approver') && (
          <Space>
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('新建申报表', 'New form')}
            </Button>
            <Link className="btn" to="/import">
              {t('导入申报表', 'Import a form')}
            </Link>
          </Space>
        )}
      </div>
      <Space wrap style={{ marginBottom: 16 }} role="search">
        <Input.Search
          aria-label={t('搜索', 'Search')}
          placeholder={t('搜索部门、目标、项目、指标', 'Search departments, goals, projects, indicators')}
          defaultValue={filters.q}
          allowClear
          onSearch={(q) => set({ q })}
          style={{ width: 320 }}
        />
        <Select aria-label={t('年度', 'Year')} placeholder={t('全部年度', 'All years')} allowClear value={filters.year ? Number(filters.year) : undefined} onChange={(year?: number) => set({ year })} style={{ width: 120 }} options={years.map((y) => ({ value: y, label: `${y}` }))} />
        <Select
          aria-label={t('种类', 'Kind')}
          placeholder={t('全部种类', 'All kinds')}
          allowClear
          value={filters.kind}
          onChange={(kind?: string) => set({ kind })}
          style={{ width: 150 }}
          options={[
            { value: 'department-target', label: t('部门整体', 'Department-wide') },
            { value: 'project-target', label: t('项目', 'Project') },
          ]}
        />
        <Select aria-label={t('状态', 'State')} placeholder={t('全部状态', 'All states')} allowClear value={filters.state} onChange={(state?: string) => set({ state })} style={{ width: 130 }} options={STATES.map((s) => ({ value: s, label: stateName(s, t) }))} />
        <Select
          aria-label={t('部门', 'Department')}
          placeholder={t('全部部门', 'All departments')}
          allowClear
          showSearch
          optionFilterProp="label"
          value={filters.departmentId}
          onChange={(departmentId?: string) => set({ departmentId })}
          style={{ width: 300 }}
          options={allDepartments(regions).map((d) => ({ value: d.id, label: t(`${d.name}（${d.regionName}）`, `${d.name} (${d.regionName})`) }))}
        />
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {creating && <NewDeclarationDialog onClose={() => setCreating(false)} />}
      {(user?.role === 'reviewer' || user?.role === 'approver') && <BatchActions role={user.role} selected={selected} items={list.data?.items ?? []} onDone={() => { setSelected([]); list.reload(); }} />}
      <Table<DeclarationSummary>
        rowKey="id"
        columns={columns}
        rowSelection={user?.role === 'reviewer' || user?.role === 'approver' ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: false } : undefined}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        locale={{ emptyText: list.loading ? ' ' : t('没有符合条件的申报表', 'No form matches') }}
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => listTotal(t, total, list.data?.totalAtLeast, { zh: '份', en: 'forms' }) }}
        onChange={(pagination, _filters, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const sort = one?.order ? (one.columnKey as Sort) : 'updated';
          set({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20, sort: sort === 'updated' ? undefined : sort });
        }}
      />
    </>
  );
}
