/**
 * 评价指标体系: the templates in force for a region, a year and a purpose — built in, or the region's
 * (or a region above's) edited version — with their version, whether an assessment used them and
 * whether their weights add up. The bureau reads them; a region's admin opens one to make the
 * region's version (TemplatePage).
 */
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { Link } from 'react-router';
import type { AssessmentTemplateView } from '../../../src/format/apiTypes.ts';
import { api, ApiError, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ASSESSMENT_PURPOSES, PURPOSE_SHORT } from '../assessment/names.ts';
import { templatePath, templateSource } from '../assessment/templateNames.ts';
import { useTemplateScope } from '../assessment/useTemplateScope.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StatusPage } from '../components/StatusPage.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useLocale } from '../i18n/locale.tsx';

export default function TemplatesPage() {
  const { t, pick } = useLocale();
  const [filters, setFilters] = useUrlFilters();
  const scope = useTemplateScope();
  const { year, regionId } = scope;
  const purpose = filters.get('purpose') ?? '';
  const path = `/api/v1/assessment-templates${query({ year, regionId: regionId || undefined, purpose: purpose || undefined })}`;
  const list = useResource(regionId ? path : null, () => api<{ templates: AssessmentTemplateView[] }>('GET', path));
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, k) => thisYear + 1 - k);

  if (list.error instanceof ApiError && (list.error.status === 401 || list.error.status === 403)) {
    return <StatusPage code={String(list.error.status)} title={t('无权查看评价指标体系', 'You may not see the assessment templates')} detail={pick(list.error.text)} />;
  }
  return (
    <div className="page" data-testid="templates-page">
      <div className="page-title">
        <h1>{t('评价指标体系', 'Assessment templates')}</h1>
        <Link className="btn" to="/assessments">
          {t('返回评估评价', 'Back to assessments')}
        </Link>
      </div>
      <Typography.Paragraph type="secondary">
        {t(
          '事前绩效评估、重点绩效评价、部门整体评价和抽评所用的加权指标体系：列出所选区划和年度现行的模板（内置，或本区划、上级区划修订的版本）。区划管理员可在内置或上级模板基础上制作本区划的年度版本；模板一经评估评价使用，再修改即生成新版本。',
          'The weighted criteria that ex-ante assessments, key evaluations, department-wide evaluations and sampling reviews are scored on: the templates in force for the region and year (built in, or the region’s or a region above’s edited version). A region’s admin makes the region’s version for a year from the one in force; once an assessment used a template, an edit makes a new version.',
        )}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }} data-testid="template-filters">
        {scope.regions.length > 1 && (
          <Select aria-label={t('区划', 'Region')} style={{ width: 200 }} value={regionId || undefined} onChange={(v: string) => setFilters({ regionId: v })} options={scope.regions.map((r) => ({ value: r.id, label: r.name }))} showSearch optionFilterProp="label" />
        )}
        <Select aria-label={t('年度', 'Year')} style={{ width: 130 }} value={year} onChange={(v: number) => setFilters({ year: v })} options={years.map((y) => ({ value: y, label: t(`${y} 年度`, String(y)) }))} />
        <Select aria-label={t('按类型筛选', 'Filter by purpose')} style={{ width: 180 }} value={purpose} onChange={(v: string) => setFilters({ purpose: v })} options={[{ value: '', label: t('全部类型', 'All purposes') }, ...ASSESSMENT_PURPOSES.map((p) => ({ value: p, label: pick(PURPOSE_SHORT[p]) }))]} />
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<AssessmentTemplateView>
        size="small"
        rowKey="id"
        data-testid="template-list"
        loading={list.loading}
        dataSource={list.data?.templates ?? []}
        pagination={false}
        tableLayout="fixed"
        locale={{ emptyText: list.error ? t('列表未能载入', 'The list could not be loaded') : t('没有符合条件的模板', 'No template matches') }}
        columns={[
          { title: t('名称', 'Name'), render: (_, tpl) => <Link to={templatePath(tpl.id, year, regionId)}>{tpl.name}</Link> },
          { title: t('类型', 'Purpose'), width: 150, render: (_, tpl) => <Tag>{pick(PURPOSE_SHORT[tpl.purpose])}</Tag> },
          { title: t('来源', 'Source'), width: 160, render: (_, tpl) => <span data-testid="template-source">{pick(templateSource(tpl, regionId, scope.regionName))}</span> },
          { title: t('版本', 'Version'), width: 72, render: (_, tpl) => <span data-testid="template-version">{t(`第 ${tpl.version} 版`, `v${tpl.version}`)}</span> },
          { title: t('已使用', 'Used'), width: 80, render: (_, tpl) => (tpl.used ? t('已使用', 'Used') : t('未使用', 'Not yet')) },
          {
            title: t('分值', 'Weights'),
            width: 140,
            render: (_, tpl) => (tpl.problems.length === 0 ? <Tag color="green">{t('合计无误', 'Add up')}</Tag> : <Tag color="red">{t(`${tpl.problems.length} 处有误`, `${tpl.problems.length} problem${tpl.problems.length === 1 ? '' : 's'}`)}</Tag>),
          },
        ]}
      />
    </div>
  );
}
