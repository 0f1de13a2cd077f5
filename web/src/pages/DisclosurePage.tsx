/**
 * 信息公开: a region's year of disclosure — the deadlines (the budget's and the final accounts'
 * approval plus the region's days), per department what is published, late or overdue and the share
 * of project forms published against the region's goal, and the list of forms late or overdue with
 * each unpublished project form's 非公开原因, which the department records here. Below, the people's
 * congress book (绩效报告汇编) of a department or the whole region, as PDF or Excel.
 */
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useState } from 'react';
import type { Bilingual } from '../../../src/core/rules/finding.ts';
import type { DepartmentDisclosure, DisclosedKind, DisclosureRules, DisclosureStatus, FormDisclosure } from '../../../src/core/disclosure/disclosure.ts';
import { api, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { GrowingTextArea } from '../editor/GrowingTextArea.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

interface Disclosure {
  readonly regionId: string;
  readonly year: number;
  readonly today: string;
  readonly rules: DisclosureRules;
  readonly departments: DepartmentDisclosure[];
  readonly forms: FormDisclosure[];
}

const KIND_NAMES: Record<DisclosedKind, Bilingual> = {
  'department-target': { zh: '部门整体绩效目标', en: 'Department targets' },
  'project-target': { zh: '项目绩效目标', en: 'Project targets' },
  'self-evaluation': { zh: '绩效自评', en: 'Self-evaluation' },
};
const STATUS_NAMES: Record<DisclosureStatus, Bilingual> = {
  'on-time': { zh: '按时公开', en: 'on time' },
  late: { zh: '逾期公开', en: 'published late' },
  overdue: { zh: '逾期未公开', en: 'overdue' },
  pending: { zh: '待公开', en: 'not yet due' },
};
const STATUS_COLORS: Record<DisclosureStatus, string> = { 'on-time': 'success', late: 'warning', overdue: 'error', pending: 'default' };

export default function DisclosurePage() {
  const { t, pick } = useLocale();
  const { user } = useSession();
  const [filters, setFilters] = useUrlFilters();
  const thisYear = new Date().getFullYear();
  const year = Number(filters.get('year')) || thisYear;
  const show = filters.get('show') ?? 'late';
  const department = user?.role === 'editor' || user?.role === 'approver';
  const path = `/api/v1/disclosure${query({ year })}`;
  const overview = useResource(path, () => api<Disclosure>('GET', path));
  const [asking, setAsking] = useState<FormDisclosure | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [bookDepartment, setBookDepartment] = useState('');
  const data = overview.data;
  const forms = (data?.forms ?? []).filter((f) => (show === 'late' ? f.status === 'late' || f.status === 'overdue' : show === 'unpublished' ? f.publishedAt === null : true));
  const years = Array.from({ length: 6 }, (_, k) => thisYear + 1 - k);
  const ownDepartment = department ? (user?.departmentId ?? '') : '';
  const bookQuery = query({ year, departmentId: ownDepartment || bookDepartment || undefined, regionId: ownDepartment || bookDepartment ? undefined : data?.regionId });

  const record = async () => {
    if (!asking) return;
    setBusy(true);
    setError(null);
    try {
      await api('PUT', `/api/v1/disclosure/reasons/${asking.id}`, { reason: reason.trim() });
      setAsking(null);
      setReason('');
      overview.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page" data-testid="disclosure-page">
      <div className="page-title">
        <h1>{t('信息公开', 'Disclosure')}</h1>
        <Select aria-label={t('年度', 'Year')} style={{ width: 130 }} value={year} onChange={(v: number) => setFilters({ year: v })} options={years.map((y) => ({ value: y, label: t(`${y} 年度`, String(y)) }))} />
      </div>
      <Typography.Paragraph type="secondary">
        {t('绩效目标随预算、绩效自评随决算向社会公开：预算（决算）批复后规定天数内公开；未公开的项目须由部门说明非公开原因。', 'Targets are published with the budget and self-evaluations with the final accounts, within the set days of their approval; a project form not published needs its department’s reason (非公开原因).')}
      </Typography.Paragraph>
      <ErrorAlert error={overview.error} onRetry={overview.reload} />
      {data && (
        <p data-testid="disclosure-rules">
          {t(`公开时限：批复后 ${data.rules.days} 天内`, `Deadline: ${data.rules.days} days after approval`)}
          {t('；预算批复日：', '; budget approved: ')}
          {data.rules.budgetApproved ?? t('按各表审核通过日', 'each form’s approval')}
          {t('；决算批复日：', '; final accounts approved: ')}
          {data.rules.accountsApproved ?? t('按各表审核通过日', 'each form’s acceptance')}
          {t(`；项目公开率目标 ${data.rules.goalPercent}%`, `; goal: ${data.rules.goalPercent}% of project forms published`)}
        </p>
      )}
      <Card size="small" title={t('绩效报告汇编（报送人大）', 'The people’s congress book (绩效报告汇编)')} style={{ marginBottom: 16 }} data-testid="book-card">
        <Space wrap>
          <span className="secondary">{t('汇集绩效目标、运行监控、绩效自评、评估评价、问题整改和信息公开，含目录和页码。', 'Targets, monitoring, self-evaluations, assessments, rectification and disclosure in one document, with contents and page numbers.')}</span>
          {!department && (
            <Select aria-label={t('汇编范围', 'Book of')} style={{ width: 220 }} value={bookDepartment} onChange={(v: string) => setBookDepartment(v)} options={[{ value: '', label: t('本地区全部部门', 'The whole region') }, ...(data?.departments ?? []).map((d) => ({ value: d.departmentId, label: d.departmentName }))]} />
          )}
          <span>{t(`${year} 年度`, String(year))}</span>
          <a className="btn" href={`/api/v1/book.pdf${bookQuery}`} download data-testid="book-pdf">
            <FilePdfOutlined /> {t('下载 PDF', 'Download PDF')}
          </a>
          <a className="btn" href={`/api/v1/book.xlsx${bookQuery}`} download data-testid="book-xlsx">
            <FileExcelOutlined /> {t('下载 Excel', 'Download Excel')}
          </a>
        </Space>
      </Card>
      <Table<DepartmentDisclosure>
        size="small"
        rowKey="departmentId"
        data-testid="disclosure-departments"
        loading={overview.loading}
        dataSource={data?.departments ?? []}
        pagination={false}
        scroll={{ x: 900, y: 330 }}
        style={{ marginBottom: 16 }}
        locale={{ emptyText: t('本年度暂无待公开或已公开的表', 'Nothing ready to publish or published this year') }}
        columns={[
          { title: t('部门', 'Department'), dataIndex: 'departmentName', width: 200, ellipsis: { showTitle: true } },
          { title: t('应公开', 'Forms'), dataIndex: 'forms', width: 80 },
          { title: t('已公开', 'Published'), dataIndex: 'published', width: 80 },
          { title: t('按时', 'On time'), dataIndex: 'onTime', width: 70 },
          // `late` counts the overdue too: published late is the difference.
          { title: t('逾期公开', 'Published late'), width: 100, render: (_, d) => <span className={d.late - d.overdue > 0 ? 'overdue-text' : undefined}>{d.late - d.overdue}</span> },
          { title: t('逾期未公开', 'Overdue'), width: 100, render: (_, d) => <span className={d.overdue > 0 ? 'overdue-text' : undefined}>{d.overdue}</span> },
          { title: t('缺非公开原因', 'Reasons missing'), width: 120, render: (_, d) => <span className={d.reasonsMissing > 0 ? 'overdue-text' : undefined}>{d.reasonsMissing}</span> },
          {
            title: t('项目公开率', 'Projects published'),
            width: 170,
            render: (_, d) => (
              <span>
                {d.share === null ? '—' : `${d.share}%`} <span className="secondary">({d.projectPublished}/{d.projectForms})</span>{' '}
                {d.share !== null && <Tag color={d.meetsGoal ? 'success' : 'error'}>{d.meetsGoal ? t('达标', 'meets goal') : t('未达标', 'below goal')}</Tag>}
              </span>
            ),
          },
        ]}
      />
      <div className="page-title" style={{ marginBottom: 8 }}>
        <h2 style={{ fontSize: 16, margin: 0 }}>{t('公开情况', 'Forms')}</h2>
        <Select aria-label={t('显示', 'Show')} style={{ width: 230 }} value={show} onChange={(v: string) => setFilters({ show: v === 'late' ? undefined : v })} options={[{ value: 'late', label: t('逾期公开和逾期未公开', 'Late and overdue') }, { value: 'unpublished', label: t('全部未公开', 'All unpublished') }, { value: 'all', label: t('全部', 'All') }]} />
      </div>
      <Table<FormDisclosure>
        size="small"
        rowKey="id"
        data-testid="disclosure-forms"
        loading={overview.loading}
        dataSource={forms}
        scroll={{ x: 1000 }}
        rowClassName={(f) => (f.reasonMissing ? 'row-overdue' : '')}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('没有逾期的表', 'Nothing late') }}
        columns={[
          { title: t('部门', 'Department'), dataIndex: 'departmentName', width: 170, ellipsis: { showTitle: true } },
          { title: t('类别', 'Kind'), width: 130, render: (_, f) => pick(KIND_NAMES[f.kind]) },
          { title: t('项目', 'Project'), width: 170, ellipsis: { showTitle: true }, render: (_, f) => f.projectName ?? '—' },
          { title: t('公开期限', 'Due'), dataIndex: 'deadline', width: 100, render: (d: string | null) => d ?? '—' },
          { title: t('公开日期', 'Published'), width: 100, render: (_, f) => f.publishedAt?.slice(0, 10) ?? '—' },
          { title: t('状态', 'Status'), width: 110, render: (_, f) => <Tag color={STATUS_COLORS[f.status]} data-status={f.status}>{pick(STATUS_NAMES[f.status])}</Tag> },
          {
            title: t('非公开原因', 'Reason not published'),
            width: 220,
            render: (_, f) => (
              <span data-testid="disclosure-reason">
                {f.reason ?? (f.reasonMissing ? <strong className="overdue-text">{t('未说明', 'missing')}</strong> : '—')}{' '}
                {department && f.publishedAt === null && f.kind === 'project-target' && (
                  <Button size="small" onClick={() => { setAsking(f); setReason(f.reason ?? ''); setError(null); }} data-testid="record-reason">
                    {f.reason ? t('修改', 'Change') : t('填写原因', 'Give the reason')}
                  </Button>
                )}
              </span>
            ),
          },
        ]}
      />
      <Modal
        open={asking !== null}
        title={t('非公开原因', 'Reason it is not published')}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: reason.trim() === '', ...({ 'data-testid': 'reason-ok' } as Record<`data-${string}`, string>) }}
        onOk={() => void record()}
        onCancel={() => setAsking(null)}
      >
        <p>{asking?.projectName}</p>
        <label className="field-label">
          {t('原因（必填）', 'Reason (required)')}
          <GrowingTextArea aria-label={t('非公开原因', 'Reason it is not published')} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
        </label>
        <ErrorAlert error={error} />
      </Modal>
    </div>
  );
}
