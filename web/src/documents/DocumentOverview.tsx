/**
 * A reviewer's overview of the documents of one kind (a round's monitoring reports, a year's
 * self-evaluations), written once: tiles that count and filter (by light, by grade), how many were
 * submitted, a chart, and the list — filters, search and sort kept in the address, an Excel export
 * of what is shown, 50 a page, and batch steps over the rows selected (by the kind's workflow).
 */
import { Card, Empty, Input, Segmented, Select, Space, Statistic, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Suspense, useState, type ReactNode } from 'react';
import { actionsFromState, type WorkflowShape } from '../../../src/kinds/workflow.ts';
import { BatchBar } from '../components/BatchBar.tsx';
import { Loading } from '../components/Loading.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useLocale } from '../i18n/locale.tsx';

/** The page size of every overview. */
export const OVERVIEW_PAGE_SIZE = 50;

/**
 * The list's filters, sort and page as they stand in the address, and the query for the server
 * (`query`, with the page) and for the export (`exported`, without it).
 */
export function useOverviewQuery<S extends string>(filterKeys: readonly string[], sorts: readonly S[], fixed: Record<string, string> = {}) {
  const [params, setFilters] = useUrlFilters();
  const values: Record<string, string> = {};
  for (const key of [...filterKeys, 'q']) {
    const value = params.get(key);
    if (value) values[key] = value;
  }
  const requested = params.get('sort') ?? '';
  const [first] = sorts;
  const sort = (sorts as readonly string[]).includes(requested) ? (requested as S) : (first as S);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const exported = new URLSearchParams({ ...fixed, ...values }).toString();
  const query = new URLSearchParams({ ...fixed, sort, page: String(page), pageSize: String(OVERVIEW_PAGE_SIZE), ...values }).toString();
  return { values, sort, page, query, exported, setFilters, defaultSort: first as S };
}

/** A row of an overview: what the batch and the selection need. */
export interface OverviewRow {
  readonly id: string;
  readonly state: string;
  readonly departmentName: string;
  readonly errorCount: number;
}

/** The tiles: one per value of the kind's measure (a light, a grade), each a filter, then how many were submitted. */
export function CountTiles({ testId, attribute, tiles, selected, onToggle, minWidth, submitted }: {
  testId: string;
  /** The tiles' data attribute (`light` → data-light). */
  attribute: string;
  tiles: ReadonlyArray<{ key: string; title: ReactNode; count: number }>;
  selected: string;
  onToggle: (key: string | undefined) => void;
  minWidth: number;
  submitted: { title: string; total: number; draft: number; breakdown: string; minWidth: number };
}) {
  return (
    <Space wrap size={12} style={{ marginBottom: 16 }} data-testid={testId}>
      {tiles.map(({ key, title, count }) => {
        const toggle = () => onToggle(selected === key ? undefined : key);
        return (
          <Card key={key} size="small" hoverable onClick={toggle} style={{ minWidth, borderColor: selected === key ? '#1677ff' : undefined }} {...{ [`data-${attribute}`]: key }} role="button" tabIndex={0} aria-pressed={selected === key} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && toggle()}>
            <Statistic title={title} value={count} />
          </Card>
        );
      })}
      <Card size="small" style={{ minWidth: submitted.minWidth }}>
        <Statistic title={submitted.title} value={`${submitted.total - submitted.draft} / ${submitted.total}`} />
        <span className="cell-hint">{submitted.breakdown}</span>
      </Card>
    </Space>
  );
}

/** A chart in its card, loaded when shown; `empty` says why there is none yet. */
export function ChartCard({ title, empty, children }: { title: string; empty: string | null; children: ReactNode }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      {empty !== null ? <Empty description={empty} /> : <Suspense fallback={<Loading />}>{children}</Suspense>}
    </Card>
  );
}

export interface OverviewListProps<R extends OverviewRow> {
  readonly title: string;
  readonly exportHref: string;
  readonly exportTestId: string;
  readonly query: ReturnType<typeof useOverviewQuery<string>>;
  readonly filters: ReadonlyArray<{ key: string; label: string; width: number; options: ReadonlyArray<{ value: string; label: string }> }>;
  readonly searchWidth: number;
  /** The kind's own first sort (the default); every overview also sorts by execution, department and latest. */
  readonly firstSort: { readonly value: string; readonly label: string };
  readonly rows: readonly R[];
  readonly total: number;
  readonly columns: ColumnsType<R>;
  readonly testId: string;
  readonly emptyText: string;
  readonly totalText: (n: number) => string;
  /**
   * For a reviewer: accept and return the rows selected, as the kind's workflow allows them, through
   * the one batch endpoint; `advice` where an acceptance takes rectification advice (test ids end in `testIds`).
   */
  readonly batch?: { readonly workflow: WorkflowShape; readonly nameOf: (row: R) => string; readonly testIds: string; readonly advice: boolean };
  readonly onChanged: () => void;
}

/** The list card of an overview: filters, search, sort, export, batch steps and the paged table. */
export function OverviewList<R extends OverviewRow>({ title, exportHref, exportTestId, query, filters, searchWidth, firstSort, rows, total, columns, testId, emptyText, totalText, batch, onChanged }: OverviewListProps<R>) {
  const { t } = useLocale();
  const [selected, setSelected] = useState<string[]>([]);
  const { values, sort, page, setFilters, defaultSort } = query;
  const rowOf = (id: string) => rows.find((r) => r.id === id);
  const applies = (action: string) => (id: string) => batch !== undefined && rows.some((r) => r.id === id && actionsFromState(batch.workflow, r.state).includes(action));
  const sortOptions = [firstSort, { value: 'execution', label: t('执行率低在前', 'Lowest execution') }, { value: 'department', label: t('按部门', 'By department') }, { value: 'updated', label: t('最近更新', 'Latest') }];
  return (
    <Card
      size="small"
      title={title}
      extra={
        <a className="btn" href={exportHref} download data-testid={exportTestId}>
          {t('导出 Excel', 'Export to Excel')}
        </a>
      }
      style={{ marginBottom: 16 }}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {filters.map((f) => (
          <Select key={f.key} aria-label={f.label} style={{ width: f.width }} value={values[f.key] ?? ''} onChange={(v: string) => setFilters({ [f.key]: v || undefined, page: undefined })} options={[...f.options]} />
        ))}
        <Input.Search aria-label={t('搜索部门或项目', 'Search departments or projects')} placeholder={t('部门或项目名称', 'department or project')} allowClear defaultValue={values.q ?? ''} maxLength={100} onSearch={(v) => setFilters({ q: v.trim() || undefined, page: undefined })} style={{ width: searchWidth }} />
        <Segmented<string> value={sort} onChange={(v) => setFilters({ sort: v === defaultSort ? undefined : v, page: undefined })} options={sortOptions} />
      </Space>
      {batch && (
        <BatchBar
          endpoint="/api/v1/documents/batch-transitions"
          selected={selected}
          nameOf={(id) => {
            const row = rowOf(id);
            return row ? batch.nameOf(row) : id;
          }}
          errorsOf={(id) => rowOf(id)?.errorCount ?? 0}
          steps={[
            { label: t('批量审核通过', 'Accept selected'), done: t('已审核通过', 'accepted'), primary: true, testId: `batch-accept-${batch.testIds}`, applies: applies('accept'), ...(batch.advice ? { opinion: 'optional' as const } : {}), request: (advice) => ({ action: 'accept', ...(advice ? { advice } : {}) }) },
            { label: t('批量退回', 'Return selected'), done: t('已退回', 'returned'), danger: true, testId: `batch-return-${batch.testIds}`, applies: applies('return'), opinion: 'required', request: (reason) => ({ action: 'return', reason }) },
          ]}
          onDone={() => {
            setSelected([]);
            onChanged();
          }}
        />
      )}
      <Table<R>
        size="small"
        rowKey="id"
        data-testid={testId}
        rowSelection={batch ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (r) => ({ disabled: r.state !== 'submitted', 'aria-label': t(`选择 ${r.departmentName}`, `Select ${r.departmentName}`) }) } : undefined}
        dataSource={[...rows]}
        locale={{ emptyText }}
        pagination={{ current: page, pageSize: OVERVIEW_PAGE_SIZE, total, showSizeChanger: false, onChange: (p) => setFilters({ page: p === 1 ? undefined : p }), showTotal: totalText }}
        columns={columns}
      />
    </Card>
  );
}
