/**
 * 整改台账: the ledger of problems to fix. The bureau sees its region's items — filtered by state,
 * overdue, department and year, counted by department — and opens one by hand or from where the
 * problem was found; a department sees its own items, the overdue first in red, and answers each.
 */
import Button from 'antd/es/button';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { Link, useNavigate } from 'react-router';
import { api, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { isFilterId, isFilterYear } from '../components/checkedFilters.ts';
import { useCheckedUrlFilters } from '../components/useUrlFilters.ts';
import { useLocale } from '../i18n/locale.tsx';
import { OpenRectificationDialog } from '../rectification/OpenRectificationDialog.tsx';
import { RECTIFICATION_SOURCES, RECTIFICATION_STATE_COLORS, RECTIFICATION_STATES, rectificationStateName, SOURCE_NAMES, sourcePath, type RectificationCounts, type RectificationRow, type RectificationSource } from '../rectification/names.ts';
import { useSession } from '../session/session.tsx';

/** The ledger's filters and the values each takes: anything else in the address is dropped. */
const LEDGER_FILTERS = { state: RECTIFICATION_STATES, overdue: ['true', 'false'], departmentId: isFilterId, year: isFilterYear } as const;

export default function RectificationsPage() {
  const { t, pick } = useLocale();
  const { user } = useSession();
  const navigate = useNavigate();
  const { values, params: filters, setFilters } = useCheckedUrlFilters(LEDGER_FILTERS);
  const bureau = user?.role === 'reviewer';
  const seesRegion = bureau || user?.role === 'admin';
  const thisYear = new Date().getFullYear();
  const { state, overdue, departmentId, year } = values;
  const filtered = state !== '' || overdue !== '' || departmentId !== '' || year !== '';
  const clearFilters = () => setFilters({ state: undefined, overdue: undefined, departmentId: undefined, year: undefined });
  // `?new=monitoring-report&source=ID`: the dialog opened on that document (a link from where the problem was found).
  const asked = filters.get('new');
  const creating = bureau && asked !== null;
  const initialSource = asked && (RECTIFICATION_SOURCES as readonly string[]).includes(asked) && asked !== 'manual' && filters.get('source') ? { type: asked as RectificationSource, documentId: filters.get('source') ?? '' } : null;
  const path = `/api/v1/rectifications${query({ state: state || undefined, overdue: overdue || undefined, departmentId: departmentId || undefined, year: year || undefined })}`;
  const list = useResource(path, () => api<{ items: RectificationRow[]; total: number }>('GET', path));
  const countsPath = `/api/v1/rectifications/by-department${query({ year: year || undefined })}`;
  const counts = useResource(seesRegion ? countsPath : null, () => api<{ departments: RectificationCounts[] }>('GET', countsPath));
  const items = list.data?.items ?? [];
  const overdueCount = items.filter((i) => i.overdue).length;
  const years = Array.from({ length: 6 }, (_, k) => thisYear + 1 - k);

  return (
    <div className="page" data-testid="rectifications-page">
      <div className="page-title">
        <h1>{t('整改台账', 'Rectification ledger')}</h1>
        {bureau && (
          <Button type="primary" onClick={() => setFilters({ new: 'manual', source: undefined })} data-testid="new-rectification">
            {t('登记整改事项', 'Open an item')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">
        {seesRegion
          ? t('审核、监控、评价和抽评中发现的问题逐项登记，明确责任部门、整改期限和佐证材料；部门报送整改情况后由财政部门验收或退回重新整改。', 'Each problem found in reviews, monitoring, assessments and sampling reviews is an item with the department responsible, a deadline and the evidence required; the department reports what it did, and the bureau accepts it or reopens it.')
          : t('财政部门要求本部门整改的问题：逐项填写整改情况、上传佐证材料后报送；逾期未整改的事项标红。', 'The problems the finance bureau asks your department to fix: write what was done, upload the evidence and report each; overdue items are in red.')}
      </Typography.Paragraph>
      {seesRegion && counts.data && (
        <div className="editor-table-scroll" style={{ marginBottom: 12 }}>
          <table className="editor-table" style={{ width: "auto", minWidth: 640 }} data-testid="rectification-counts">
            <caption className="secondary" style={{ textAlign: 'left' }}>{year ? t(`按部门统计（${year} 年度，不受其他筛选影响）`, `By department (${year}, whatever the other filters)`) : t('按部门统计（全部年度）', 'By department (all years)')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('部门', 'Department')}</th>
                <th scope="col">{t('合计', 'Total')}</th>
                <th scope="col">{t('待整改', 'Open')}</th>
                <th scope="col">{t('已报送', 'Reported')}</th>
                <th scope="col">{t('已验收', 'Accepted')}</th>
                <th scope="col">{t('退回', 'Reopened')}</th>
                <th scope="col">{t('逾期', 'Overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {counts.data.departments.length === 0 && (
                <tr>
                  <td colSpan={7}>{year ? t(`${year} 年度没有整改事项`, `No item in ${year}`) : t('还没有整改事项', 'No item yet')}</td>
                </tr>
              )}
              {counts.data.departments.map((d) => (
                <tr key={d.departmentId}>
                  <th scope="row">
                    <Typography.Link onClick={() => setFilters({ departmentId: d.departmentId })}>{d.departmentName}</Typography.Link>
                  </th>
                  <td>{d.total}</td>
                  <td>{d.open}</td>
                  <td>{d.reported}</td>
                  <td>{d.accepted}</td>
                  <td>{d.reopened}</td>
                  <td className={d.overdue > 0 ? 'overdue-cell' : undefined}>{d.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Space wrap style={{ marginBottom: 12 }} data-testid="rectification-filters">
        <Select aria-label={t('按状态筛选', 'Filter by state')} style={{ width: 150 }} value={state} onChange={(v: string) => setFilters({ state: v })} options={[{ value: '', label: t('全部状态', 'All states') }, ...RECTIFICATION_STATES.map((s) => ({ value: s, label: pick(rectificationStateName(s)) }))]} />
        <Select aria-label={t('按是否逾期筛选', 'Filter by overdue')} style={{ width: 140 }} value={overdue} onChange={(v: string) => setFilters({ overdue: v })} options={[{ value: '', label: t('逾期与否', 'Overdue or not') }, { value: 'true', label: t('仅逾期', 'Overdue only') }, { value: 'false', label: t('未逾期', 'Not overdue') }]} />
        {seesRegion && (
          <Select aria-label={t('按部门筛选', 'Filter by department')} style={{ width: 200 }} showSearch optionFilterProp="label" value={departmentId} onChange={(v: string) => setFilters({ departmentId: v })} options={[{ value: '', label: t('全部部门', 'All departments') }, ...(counts.data?.departments ?? []).map((d) => ({ value: d.departmentId, label: d.departmentName }))]} />
        )}
        <Select aria-label={t('按年度筛选', 'Filter by year')} style={{ width: 130 }} value={year} onChange={(v: string) => setFilters({ year: v })} options={[{ value: '', label: t('全部年度', 'All years') }, ...years.map((y) => ({ value: String(y), label: t(`${y} 年度`, String(y)) }))]} />
        {filtered && (
          <Button onClick={clearFilters} data-testid="clear-filters">
            {t('清除筛选', 'Clear filters')}
          </Button>
        )}
        {overdueCount > 0 && <Tag color="red" data-testid="overdue-count">{t(`逾期 ${overdueCount} 项`, `${overdueCount} overdue`)}</Tag>}
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.data && list.data.total > items.length && (
        <p className="secondary" role="status" data-testid="ledger-cut">
          {t(`共 ${list.data.total} 项，这里列出期限最早的 ${items.length} 项：请按部门、年度或状态筛选。`, `${list.data.total} items in all; the ${items.length} due first are listed here: filter by department, year or state.`)}
        </p>
      )}
      <Table<RectificationRow>
        size="small"
        rowKey="id"
        data-testid="rectification-list"
        loading={list.loading}
        dataSource={items}
        scroll={{ x: 1000 }}
        rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t(`共 ${n} 项`, `${n} in all`) }}
        locale={{
          emptyText: list.error ? (
            t('列表未能载入', 'The list could not be loaded')
          ) : filtered ? (
            <span>
              {t('没有符合条件的整改事项。', 'No item matches. ')}
              <Button type="link" size="small" onClick={clearFilters} data-testid="clear-filters-empty">
                {t('清除筛选', 'Clear filters')}
              </Button>
            </span>
          ) : (
            t('还没有整改事项', 'No item yet')
          ),
        }}
        columns={[
          { title: t('问题', 'Problem'), width: 240, render: (_, r) => <Link to={`/rectifications/${r.id}`}>{r.title || t('（未命名）', '(untitled)')}</Link> },
          { title: t('部门', 'Department'), dataIndex: 'departmentName', width: 160, ellipsis: { showTitle: true } },
          { title: t('项目', 'Project'), width: 150, ellipsis: { showTitle: true }, render: (_, r) => r.projectName ?? t('部门整体', 'department-wide') },
          { title: t('年度', 'Year'), dataIndex: 'year', width: 60 },
          {
            title: t('来源', 'Found in'),
            width: 150,
            render: (_, r) => {
              const to = sourcePath(r.source.documentKind, r.source.documentId);
              const name = pick(SOURCE_NAMES[r.source.type]);
              return to ? <Link to={to}>{name}</Link> : name;
            },
          },
          { title: t("整改期限", "Deadline"), width: 140, render: (_, r) => (r.overdue ? <strong className="overdue-text" data-testid="overdue-deadline">{r.deadline} {t('逾期', 'overdue')}</strong> : r.deadline) },
          { title: t('状态', 'State'), width: 110, render: (_, r) => <Tag color={RECTIFICATION_STATE_COLORS[r.state]} data-state={r.state}>{pick(rectificationStateName(r.state))}</Tag> },
          { title: t('佐证', 'Evidence'), width: 70, render: (_, r) => `${r.files}/${r.required}` },
        ]}
      />
      {creating && (
        <OpenRectificationDialog
          defaultYear={Number(year) || thisYear}
          initialSource={initialSource}
          onClose={() => setFilters({ new: undefined, source: undefined })}
          onOpened={(id) => navigate(`/rectifications/${id}`)}
        />
      )}
    </div>
  );
}
