/**
 * 预算管理综合考核: a region's departments ranked for a year on the composite its bureau weighs —
 * target-form findings, monitoring on time, self-evaluations against sampling reviews, rectification
 * and disclosure on time — each department with every measure's figure and points. A department sees
 * its own row, ranked among its region's.
 */
import { FileExcelOutlined } from '@ant-design/icons';
import Select from 'antd/es/select';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import type { LeagueMeasure } from '../../../src/core/results/league.ts';
import { api, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useLocale } from '../i18n/locale.tsx';

interface Measure {
  readonly measure: LeagueMeasure;
  readonly figure: string | null;
  readonly points: string | null;
  readonly weight: number;
}
interface Row {
  readonly rank: number | null;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly total: string | null;
  readonly measures: readonly Measure[];
}
interface League {
  readonly scope: { readonly year: number; readonly regionName: string; readonly department: { readonly name: string } | null };
  readonly config: { readonly weights: Readonly<Record<LeagueMeasure, number>>; readonly errorsForZero: number; readonly gapForZero: number };
  readonly measures: ReadonlyArray<{ readonly measure: LeagueMeasure; readonly zh: string; readonly en: string }>;
  readonly rows: readonly Row[];
}

/** What a measure's figure is, beside its number. */
const FIGURE_HINTS: Record<LeagueMeasure, { zh: string; en: string }> = {
  targetFindings: { zh: '每表错误数', en: 'errors per form' },
  monitoringOnTime: { zh: '按时报送比例', en: 'submitted on time' },
  evaluationAccuracy: { zh: '与抽评平均分差', en: 'mean gap to sampling reviews' },
  rectificationOnTime: { zh: '未逾期比例', en: 'not overdue' },
  disclosureOnTime: { zh: '按时公开比例', en: 'published on time' },
};

export default function LeaguePage() {
  const { t, pick } = useLocale();
  const [filters, setFilters] = useUrlFilters();
  const thisYear = new Date().getFullYear();
  const year = Number(filters.get('year')) || thisYear - 1;
  const path = `/api/v1/results/league${query({ year })}`;
  const league = useResource(path, () => api<League>('GET', path));
  const data = league.data;
  const years = Array.from({ length: 6 }, (_, k) => thisYear - k);
  const scale = data ? Object.values(data.config.weights).reduce((a, b) => a + b, 0) : 100;

  return (
    <div className="page" data-testid="league-page">
      <div className="page-title">
        <h1>{t('预算管理综合考核', 'League table of budget management')}</h1>
        <Select aria-label={t('年度', 'Year')} style={{ width: 130 }} value={year} onChange={(v: number) => setFilters({ year: v })} options={years.map((y) => ({ value: y, label: t(`${y} 年度`, String(y)) }))} />
        <a className="btn" href={`/api/v1/results/league.xlsx${query({ year, lang: pick({ zh: 'zh', en: 'en' }) })}`} download data-testid="league-xlsx">
          <FileExcelOutlined /> {t('导出 Excel', 'Export to Excel')}
        </a>
      </div>
      <Typography.Paragraph type="secondary">
        {t(
          `各部门按本地区设定的权重（满分 ${scale} 分）评分：目标申报质量、监控按时报送、自评准确性（与抽评比较）、整改按时完成、信息按时公开。无可评内容的项不计，总分按适用项折算；分数相同者名次相同。`,
          `Each department is scored on the region's weights (out of ${scale}): target forms, monitoring on time, self-evaluation accuracy against sampling reviews, rectification on time and disclosure on time. A measure with nothing to measure is left out and the total rescaled over those that apply; equal totals share a rank.`,
        )}
      </Typography.Paragraph>
      <ErrorAlert error={league.error} onRetry={league.reload} />
      <Table<Row>
        size="small"
        rowKey="departmentId"
        data-testid="league-table"
        loading={league.loading}
        dataSource={data ? [...data.rows] : []}
        scroll={{ x: 1100 }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('本年度没有可排名的部门', 'No department to rank this year') }}
        columns={[
          { title: t('名次', 'Rank'), dataIndex: 'rank', width: 64, render: (rank: number | null) => rank ?? '—' },
          { title: t('部门', 'Department'), dataIndex: 'departmentName', width: 220, ellipsis: { showTitle: true } },
          { title: t(`总分（${scale}）`, `Total (${scale})`), dataIndex: 'total', width: 100, align: 'right', render: (total: string | null) => <strong>{total ?? '—'}</strong> },
          ...(data?.measures ?? []).map((m, i) => ({
            title: (
              <span title={pick(FIGURE_HINTS[m.measure])}>
                {t(m.zh, m.en)}
                <span className="secondary"> {t(`${data?.config.weights[m.measure] ?? 0} 分`, `${data?.config.weights[m.measure] ?? 0} pts`)}</span>
              </span>
            ),
            key: m.measure,
            width: 150,
            align: 'right' as const,
            render: (_: unknown, row: Row) => {
              const measure = row.measures[i];
              if (!measure || measure.points === null) return <span className="secondary">{t('不适用', 'n/a')}</span>;
              return (
                <span>
                  {measure.points} <span className="secondary">({measure.figure})</span>
                </span>
              );
            },
          })),
        ]}
      />
    </div>
  );
}
