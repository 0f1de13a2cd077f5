/**
 * 后台任务: bulk work with progress — import many published forms at once (files or .zip files),
 * export a year's forms as a zip, check and score a year again after a setting changed — and the
 * list of one's jobs with a progress bar each, the files that failed and why, and the download.
 * A job goes on in the server when the page is closed, and after a restart.
 */
import { Alert, Button, Card, Empty, Form, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload';
import { useEffect, useMemo, useState } from 'react';
import type { JobView } from '../../../src/format/apiTypes.ts';
import { api } from '../api/client.ts';
import { fileToBase64 } from '../api/fileData.ts';
import type { RegionNode } from '../api/types.ts';
import { useAction } from '../api/useAction.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { jobNotes, jobOutcome, jobYears, type JobOutcome } from '../components/jobOutcome.ts';
import { draftingYear } from '../../../src/core/formYear.ts';
import { useLocale } from '../i18n/locale.tsx';
import { allDepartments, managedRegions, useSession } from '../session/session.tsx';

/** What the API takes in one request (the body is base64, 4/3 of the files). */
const MAX_UPLOAD_BYTES = 85 * 1024 * 1024;
const STATE_COLOURS: Record<JobOutcome, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error', cancelled: 'warning', 'all-failed': 'error', 'partly-failed': 'warning' };

function useYears(): number[] {
  return jobYears(new Date());
}

function ImportCard({ onStarted }: { onStarted: () => void }) {
  const { t, pick } = useLocale();
  const { user } = useSession();
  const years = useYears();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [year, setYear] = useState<number | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const admin = user?.role === 'admin';
  const tree = useResource(admin ? 'organisations' : null, () => api<{ regions: RegionNode[] }>('GET', '/api/v1/organisations'));
  const departments = useMemo(() => allDepartments(managedRegions(tree.data?.regions ?? [], user?.regionId ?? null)).filter((d) => !d.archivedAt), [tree.data, user?.regionId]);
  const size = files.reduce((n, f) => n + (f.size ?? 0), 0);
  const { run, busy, error } = useAction(() => {
    setFiles([]);
    onStarted();
  });
  return (
    <Card size="small" title={t('批量导入申报表', 'Import many forms')} data-testid="job-import">
      <Typography.Paragraph type="secondary">
        {t('选择多个已公开的申报表文件（Excel、PDF、网页、Word、文本），或包含它们的 .zip 压缩包；每份表导入为草稿，无法导入的文件逐一列出原因。', 'Choose published forms (Excel, PDF, web pages, Word, text) or .zip files holding them; each form becomes a draft, and each file that cannot be taken is listed with why.')}
      </Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void run(async () => {
        const chosen = await Promise.all(files.map(async (f) => ({ name: f.name, data: await fileToBase64(f.originFileObj as File) })));
        await api('POST', '/api/v1/jobs/import-forms', { files: chosen, year, departmentId });
      })}>
        <Form.Item label={t('文件', 'Files')} required validateStatus={size > MAX_UPLOAD_BYTES ? 'error' : undefined} help={size > MAX_UPLOAD_BYTES ? t('一次最多约 85 MB；更大的文件夹请用命令 jixiao jobs import', 'At most about 85 MB at once; for larger folders use jixiao jobs import') : undefined}>
          <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} accept=".xlsx,.xls,.pdf,.html,.htm,.docx,.txt,.csv,.zip">
            <Button>{t('选择文件…', 'Choose files…')}</Button>
          </Upload>
        </Form.Item>
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item
            label={t('年度', 'Year')}
            htmlFor="job-import-year"
            extra={t('每份表按其所印年度保存；表上未印年度的按此年度保存，并标明为假定。', 'Each form keeps the year it prints; one that prints none takes this year, marked as assumed.')}
          >
            <Select
              id="job-import-year"
              style={{ width: 300 }}
              value={year ?? 'printed'}
              onChange={(v: number | 'printed') => setYear(v === 'printed' ? null : v)}
              options={[{ value: 'printed', label: t(`按表上所印年度（未印的按 ${draftingYear(new Date())} 年度）`, `As each form prints (none printed: ${draftingYear(new Date())})`) }, ...years.map((y) => ({ value: y, label: t(`按表上所印年度（未印的按 ${y} 年度）`, `As each form prints (none printed: ${y})`) }))]}
            />
          </Form.Item>
          {admin && (
            <Form.Item label={t('部门', 'Department')} htmlFor="job-import-department">
              <Select id="job-import-department" style={{ width: 320 }} showSearch optionFilterProp="label" value={departmentId ?? 'printed'} onChange={(v: string) => setDepartmentId(v === 'printed' ? null : v)} options={[{ value: 'printed', label: t('按表上所写部门名称匹配', 'The department each form names') }, ...departments.map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}）` }))]} />
            </Form.Item>
          )}
        </Space>
        {error && <Alert role="alert" type="error" showIcon style={{ marginBottom: 12 }} message={pick(error.text)} />}
        <Button type="primary" htmlType="submit" loading={busy} disabled={files.length === 0 || size > MAX_UPLOAD_BYTES}>
          {t('开始导入', 'Start importing')}
        </Button>
      </Form>
    </Card>
  );
}

function YearJobCard({ kind, onStarted }: { kind: 'export-forms' | 'rescore-year'; onStarted: () => void }) {
  const { t, pick } = useLocale();
  const years = useYears();
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const { run, busy, error } = useAction(onStarted);
  const exporting = kind === 'export-forms';
  return (
    <Card size="small" title={exporting ? t('导出申报表', 'Export forms') : t('重新检查与计分', 'Check and score again')} data-testid={`job-${kind}`}>
      <Typography.Paragraph type="secondary">
        {exporting
          ? t('把一个年度您可查看的全部申报表导出为 .zip（每份表一个标准 JSON 文件，附目录 index.csv）。', 'Every form of a year you may see, as a .zip of canonical JSON files with an index.csv.')
          : t('检查规则或本地区计分设置改变后，对该年度全部申报表重新检查、对全部自评表重新计分；结果变化的逐份记入审计日志。', 'After a rule or the bureau’s scoring settings changed: every form of the year checked again and every self-evaluation scored again; each change goes into the audit log.')}
      </Typography.Paragraph>
      <Space wrap>
        <Select aria-label={t('年度', 'Year')} style={{ width: 140 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: t(`${y} 年度`, String(y)) }))} />
        <Button type="primary" loading={busy} onClick={() => void run(() => api('POST', `/api/v1/jobs/${kind}`, { year }))}>
          {exporting ? t('开始导出', 'Start the export') : t('开始', 'Start')}
        </Button>
      </Space>
      {error && <Alert role="alert" type="error" showIcon style={{ marginTop: 12 }} message={pick(error.text)} />}
    </Card>
  );
}

export default function JobsPage() {
  const { t, pick, time } = useLocale();
  const { user } = useSession();
  const list = useResource('jobs', () => api<{ jobs: JobView[]; names: Record<JobView['kind'], { zh: string; en: string }> }>('GET', '/api/v1/jobs'));
  const [details, setDetails] = useState<Record<string, JobView>>({});
  const active = (list.data?.jobs ?? []).some((j) => j.state === 'queued' || j.state === 'running');
  // While a job runs its bar moves: the list is read again every second.
  const { reload } = list;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [active, reload]);
  const { run: act, error: actionError } = useAction(() => list.reload());
  const canImport = user?.role === 'editor' || user?.role === 'approver' || user?.role === 'admin';
  const stateName = (state: JobOutcome) => ({ queued: t('排队中', 'Queued'), running: t('进行中', 'Running'), done: t('已完成', 'Done'), failed: t('失败', 'Failed'), cancelled: t('已取消', 'Cancelled'), 'all-failed': t('全部失败', 'All failed'), 'partly-failed': t('部分失败', 'Partly failed') })[state];
  return (
    <div className="page" data-testid="jobs-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('后台任务', 'Background jobs')}
      </Typography.Title>
      <div className="dashboard-grid" style={{ marginBottom: 16 }}>
        {canImport && (
          <div className="dashboard-wide">
            <ImportCard onStarted={list.reload} />
          </div>
        )}
        <YearJobCard kind="export-forms" onStarted={list.reload} />
        {user?.role === 'admin' && <YearJobCard kind="rescore-year" onStarted={list.reload} />}
      </div>
      <Card size="small" title={t('我的任务', 'My jobs')}>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        {actionError && <Alert role="alert" type="error" showIcon message={pick(actionError.text)} style={{ marginBottom: 12 }} />}
        {list.data && list.data.jobs.length === 0 ? (
          <Empty description={t('还没有后台任务', 'No jobs yet')} />
        ) : (
          <Table
            size="small"
            rowKey="id"
            data-testid="job-list"
            loading={list.loading && !list.data}
            dataSource={list.data?.jobs ?? []}
            pagination={false}
            expandable={{
              rowExpandable: (job) => job.failed > 0 || jobNotes(job).length > 0,
              onExpand: (open, job) => {
                if (open) void api<JobView>('GET', `/api/v1/jobs/${job.id}`).then((full) => setDetails((d) => ({ ...d, [job.id]: full })));
              },
              expandedRowRender: (job) => {
                const full = details[job.id];
                const notes = jobNotes(job);
                if (!full && job.failed > 0) return t('读取中…', 'Loading…');
                return (
                  <>
                    {full && full.failures.length > 0 && (
                      <ul className="job-failures" data-testid="job-failures">
                        {full.failures.map((f) => (
                          <li key={f.seq}>
                            {/* The message names its file already; the label says where it was (a folder, a zip). */}
                            <strong>{f.label}</strong>
                            {t('：', ': ')}
                            {pick(f.error).replace(/^[^：:]+[：:]\s*/, '')}
                          </li>
                        ))}
                      </ul>
                    )}
                    {notes.length > 0 && (
                      <ul className="job-notes" data-testid="job-notes">
                        {notes.map((n, i) => (
                          <li key={i}>{pick(n)}</li>
                        ))}
                      </ul>
                    )}
                  </>
                );
              },
            }}
            columns={[
              { title: t('任务', 'Job'), key: 'kind', render: (_: unknown, job) => (list.data ? pick(list.data.names[job.kind]) : job.kind) },
              { title: t('开始时间', 'Started'), dataIndex: 'createdAt', render: (v: string) => time(v) },
              { title: t('状态', 'State'), key: 'state', render: (_: unknown, job) => <Tag color={STATE_COLOURS[jobOutcome(job)]} data-testid="job-state" data-outcome={jobOutcome(job)}>{stateName(jobOutcome(job))}</Tag> },
              {
                title: t('进度', 'Progress'),
                key: 'progress',
                width: 260,
                render: (_: unknown, job) => (
                  <Progress
                    aria-label={t(`已处理 ${job.done + job.failed} / ${job.total}`, `${job.done + job.failed} of ${job.total} done`)}
                    percent={job.total === 0 ? 100 : Math.floor(((job.done + job.failed) * 100) / job.total)}
                    success={{ percent: job.total === 0 ? 100 : Math.floor((job.done * 100) / job.total) }}
                    status={job.state === 'failed' ? 'exception' : job.state === 'running' ? 'active' : 'normal'}
                    strokeColor={job.failed > 0 ? '#ff7875' : undefined}
                    format={() => `${job.done + job.failed}/${job.total}`}
                  />
                ),
              },
              { title: t('成功', 'Done'), dataIndex: 'done', align: 'right' },
              { title: t('失败', 'Failed'), dataIndex: 'failed', align: 'right', render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
              {
                title: t('操作', 'Actions'),
                key: 'actions',
                render: (_: unknown, job) => (
                  <Space>
                    {(job.state === 'queued' || job.state === 'running') && (
                      <Button size="small" onClick={() => void act(() => api('POST', `/api/v1/jobs/${job.id}/cancel`))}>
                        {t('取消', 'Cancel')}
                      </Button>
                    )}
                    {job.hasOutput && (
                      <a href={`/api/v1/jobs/${job.id}/output`} download data-testid="job-download">
                        {t('下载', 'Download')}
                      </a>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
