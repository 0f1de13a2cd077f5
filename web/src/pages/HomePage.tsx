/** Home: what is waiting for me, the year's counts by state, and two charts. */
import { Card, Col, Empty, List, Row, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { api, query } from '../api/client.ts';
import type { DeclarationList, DeclarationState, Role, YearStatistics } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { defaultYear, useYears } from '../components/useYears.ts';
import { stateName } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

const HomeCharts = lazy(() => import('../charts/HomeCharts.tsx'));

interface TodoKind {
  readonly state: DeclarationState;
  readonly zh: string;
  readonly en: string;
}

/** What each role has to do, as the states of the forms waiting for it. */
const TODO_BY_ROLE: Record<Role, readonly TodoKind[]> = {
  editor: [
    { state: 'returned', zh: '被退回待修改', en: 'Returned to me' },
    { state: 'draft', zh: '待完成的草稿', en: 'Drafts to finish' },
  ],
  approver: [
    { state: 'returned', zh: '被退回待修改', en: 'Returned to me' },
    { state: 'draft', zh: '待提交的草稿', en: 'Drafts to submit' },
    { state: 'approved', zh: '待公开', en: 'To publish' },
  ],
  reviewer: [{ state: 'submitted', zh: '待我审核', en: 'Awaiting my review' }],
  admin: [],
  // Experts and agencies see the assessments they are assigned to (评估评价), no forms.
  expert: [],
  agency: [],
};

/** Forms waiting in one state, whatever their year: work left from last year is still work. */
function TodoList({ kind }: { kind: TodoKind }) {
  const { t } = useLocale();
  const list = useResource(kind.state, () => api<DeclarationList>('GET', `/api/v1/declarations${query({ state: kind.state, pageSize: 10 })}`));
  return (
    <Card size="small" title={`${t(kind.zh, kind.en)}${list.data ? t(`（全部年度 ${list.data.total} 份）`, ` (all years: ${list.data.total})`) : ''}`} data-testid={`todo-${kind.state}`}>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <List
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: list.loading || list.error ? ' ' : t('暂无', 'Nothing') }}
        renderItem={(item) => (
          <List.Item>
            <Link to={`/declarations/${item.id}`}>
              {item.kind === 'project-target' ? `${t('项目', 'Project')}${t('：', ': ')}${item.projectName ?? ''}` : item.departmentName} · {item.year}
            </Link>
            <StateTag state={item.state} />
          </List.Item>
        )}
      />
    </Card>
  );
}

export function HomePage() {
  const { t } = useLocale();
  const { user } = useSession();
  const [chosenYear, setYear] = useState<number | null>(null);
  // Until a year is chosen: this year when it has forms, else the latest before it — not a future year drafted early.
  const { years, withForms, loading: yearsLoading } = useYears('work');
  const year = chosenYear ?? defaultYear(withForms);
  const statistics = useResource(yearsLoading ? null : `stats:${year}`, () => api<YearStatistics>('GET', `/api/v1/statistics${query({ year })}`));
  if (!user) return null;
  const todos = TODO_BY_ROLE[user.role];
  // The counts open the list of the same forms: the department's, or the region's.
  const scope = user.departmentId ? { departmentId: user.departmentId } : user.regionId ? { regionId: user.regionId } : {};
  const scopeName = user.departmentId ? t('本部门', 'my department’s') : user.regionId ? t('本区划', 'my region’s') : t('全部', 'all');
  const states: DeclarationState[] = ['draft', 'submitted', 'returned', 'approved', 'published'];
  return (
    <>
      <div className="page-title">
        <h1>{t('工作台', 'Home')}</h1>
        <Space>
          <label htmlFor="home-year">{t('年度', 'Year')}</label>
          <Select id="home-year" loading={yearsLoading} value={yearsLoading && chosenYear === null ? undefined : year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}` }))} style={{ width: 100 }} />
        </Space>
      </div>
      {todos.length > 0 && (
        <section aria-label={t('待办', 'To do')} style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('我的待办', 'My to-do list')}
          </Typography.Title>
          <Row gutter={16}>
            {todos.map((kind) => (
              <Col span={24 / todos.length} key={kind.state}>
                <TodoList kind={kind} />
              </Col>
            ))}
          </Row>
        </section>
      )}
      <ErrorAlert error={statistics.error} onRetry={statistics.reload} />
      <Card
        style={{ marginBottom: 16 }}
        data-testid="counts-by-state"
        size="small"
        title={t(`${scopeName} ${year} 年度各状态的申报表`, `${scopeName} forms of ${year} by state`)}
        extra={<Link to="/public">{t('其他部门已公开的申报表见公开查询', 'Forms others published: public pages')}</Link>}
      >
        <Row gutter={16}>
          {states.map((state) => (
            <Col span={4} key={state}>
              <Link to={`/declarations${query({ state, year, ...scope })}`}>
                <Statistic title={stateName(state, t)} value={statistics.data?.byState[state] ?? 0} loading={statistics.loading || yearsLoading} />
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
      <Card>
        {statistics.data && statistics.data.budgetByDepartment.length > 0 ? (
          <Suspense fallback={<Skeleton active />}>
            <HomeCharts statistics={statistics.data} />
          </Suspense>
        ) : statistics.loading || yearsLoading ? (
          <Skeleton active />
        ) : (
          <Empty description={t(`${year} 年度${scopeName}暂无申报表`, `No ${scopeName} forms for ${year}`)} />
        )}
      </Card>
    </>
  );
}
