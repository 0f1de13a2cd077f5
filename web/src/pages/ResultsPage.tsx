/**
 * 结果应用: next year's budget proposals (预算安排建议) made from this year's results — every continuing
 * project with last year's amount, the results that apply, the proposal and the rule (and rules'
 * version) behind it, and the department's request, flagged when it asks for more. The bureau filters
 * by department and rule, records exceptions with a reason, approves and exports (Excel, PDF); a
 * department sees its own rows, read-only. The second tab shows the rules, which the region's admin edits.
 */
import Button from 'antd/es/button';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tabs from 'antd/es/tabs';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { useMemo, useState } from 'react';
import { formatMoney, money, sumMoney } from '../../../src/core/money.ts';
import { ruleName, type RuleId } from '../../../src/core/results/rules.ts';
import { api, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { GRADE_COLORS } from '../assessment/names.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { useLocale } from '../i18n/locale.tsx';
import { ExceptionDialog } from '../results/ExceptionDialog.tsx';
import { RulesPanel } from '../results/RulesPanel.tsx';
import type { ProposalRow, Proposals } from '../results/types.ts';
import { allRegions, managedRegions, useSession } from '../session/session.tsx';

const SOURCE_NAMES = {
  'self-evaluation': { zh: '自评', en: 'self-evaluation' },
  'sampling-review': { zh: '抽评', en: 'sampling review' },
  'key-evaluation': { zh: '重点评价', en: 'key evaluation' },
} as const;

/** A rule's colour: red where money is taken away, green where it is added. */
function ruleColor(rule: RuleId): string | undefined {
  if (rule === 'exception') return 'purple';
  if (rule === 'exAnte.reject' || rule.endsWith('差')) return 'red';
  if (rule === 'redLight' || rule === 'exAnte.cut' || rule.endsWith('中')) return 'orange';
  if (rule.endsWith('优')) return 'green';
  return undefined;
}

export default function ResultsPage() {
  const { t, pick, time, lang } = useLocale();
  const { user, regions } = useSession();
  const [filters, setFilters] = useUrlFilters();
  const bureau = user?.role === 'reviewer' || user?.role === 'admin';
  const thisYear = new Date().getFullYear();
  const year = Number(filters.get('year')) || thisYear;
  const regionOptions = bureau ? allRegions(managedRegions(regions, user?.regionId ?? null)) : [];
  const regionId = bureau ? filters.get('region') || user?.regionId || regionOptions[0]?.id : undefined;
  const department = filters.get('department') ?? '';
  const rule = filters.get('rule') ?? '';
  const tab = filters.get('tab') === 'rules' ? 'rules' : 'proposals';
  const [excepting, setExcepting] = useState<ProposalRow | null>(null);
  const [approving, setApproving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [approveError, setApproveError] = useState<unknown>(null);

  const scope = { year, regionId };
  // Every row at once (the API's largest page): the filters and their sums work on the whole table.
  const path = bureau && !regionId ? null : `/api/v1/results/proposals${query({ ...scope, limit: 100_000 })}`;
  const table = useResource(path, () => api<Proposals>('GET', path ?? ''));
  const data = table.data;
  const rows = useMemo(() => (data?.rows ?? []).filter((r) => (department === '' || (r.departmentId ?? r.department) === department) && (rule === '' || r.rule === rule)), [data, department, rule]);
  const filtered = department !== '' || rule !== '';
  const sum = (amounts: Array<string | null>) => formatMoney(sumMoney(amounts.flatMap((a) => (a === null ? [] : [money(a)]))));
  const shownTotals = filtered ? { count: rows.length, lastAmount: sum(rows.map((r) => r.lastAmount)), proposed: sum(rows.map((r) => r.proposed)), request: sum(rows.map((r) => r.request)) } : data?.total;
  const years = Array.from({ length: 6 }, (_, k) => thisYear + 1 - k);
  const download = (format: 'xlsx' | 'pdf') => `/api/v1/results/proposals.${format}${query({ ...scope, lang })}`;
  const over = rows.filter((r) => r.overRequest).length;

  const approve = async () => {
    if (!regionId) return;
    setBusy(true);
    setApproveError(null);
    try {
      await api('POST', '/api/v1/results/approvals', { year, regionId });
      setApproving(false);
      table.reload();
    } catch (caught) {
      setApproveError(caught);
    } finally {
      setBusy(false);
    }
  };

  const proposals = (
    <section data-testid="proposals">
      <Space wrap style={{ marginBottom: 12 }} data-testid="proposal-filters">
        {!data?.scope.department && <Select aria-label={t('按部门筛选', 'Filter by department')} style={{ width: 280 }} value={department} onChange={(v: string) => setFilters({ department: v })} options={[{ value: '', label: t('全部部门', 'All departments') }, ...(data?.departments ?? []).map((d) => ({ value: d.departmentId ?? d.department, label: `${d.department}（${d.count}）` }))]}/>}
        <Select aria-label={t('按依据规则筛选', 'Filter by rule')} style={{ width: 220 }} value={rule} onChange={(v: string) => setFilters({ rule: v })} options={[{ value: '', label: t('全部规则', 'All rules') }, ...Object.entries(data?.byRule ?? {}).map(([id, n]) => ({ value: id, label: `${pick(ruleName(id as RuleId))}（${n}）` }))]} />
        {filtered && (
          <Button onClick={() => setFilters({ department: undefined, rule: undefined })} data-testid="clear-filters">
            {t('清除筛选', 'Clear the filters')}
          </Button>
        )}
        {data && (
          <>
            <a className="btn" href={download('xlsx')} download data-testid="export-xlsx">
              {t('导出 Excel', 'Export Excel')}
            </a>
            <a className="btn" href={download('pdf')} download data-testid="export-pdf">
              {t('导出 PDF', 'Export PDF')}
            </a>
          </>
        )}
        {bureau && data && (
          <Button type="primary" onClick={() => { setApproveError(null); setApproving(true); }} disabled={data.total.count === 0} data-testid="approve">
            {t('审定', 'Approve')}
          </Button>
        )}
      </Space>
      {data && (
        <div className="secondary" style={{ marginBottom: 8 }} data-testid="proposal-status">
          {t('金额单位：万元 · ', 'Amounts in 万元 (10k yuan) · ')}
          {t(`依据规则：${data.rules.version === null ? '默认规则' : `第 ${data.rules.version} 版`}`, `Rules: ${data.rules.version === null ? 'the defaults' : `version ${data.rules.version}`}`)}
          {' · '}
          {data.approval ? (
            <Tag color="green" data-testid="approved">
              {/* The count and sum approved are the region's: a department is told only that the table is approved. */}
              {bureau ? t(`已审定：${time(data.approval.approvedAt)}，${data.approval.count} 个项目，合计 ${data.approval.total} 万元`, `Approved ${time(data.approval.approvedAt)}: ${data.approval.count} projects, ${data.approval.total} in all`) : t(`财政部门已审定：${time(data.approval.approvedAt)}`, `Approved by the bureau ${time(data.approval.approvedAt)}`)}
            </Tag>
          ) : (
            <Tag>{t('未审定', 'Not approved yet')}</Tag>
          )}
          {over > 0 && (
            <Tag color="red" data-testid="over-count">
              {t(`${over} 个项目申请超出建议`, `${over} ${over === 1 ? 'request' : 'requests'} above the proposal`)}
            </Tag>
          )}
        </div>
      )}
      {shownTotals && (
        <p data-testid="proposal-totals">
          {filtered ? t('筛选结果：', 'Filtered: ') : t('合计：', 'Total: ')}
          {t(`${shownTotals.count} 个项目；上年 ${shownTotals.lastAmount} 万元；建议 ${shownTotals.proposed} 万元；申请 ${shownTotals.request} 万元`, `${shownTotals.count} projects; last year ${shownTotals.lastAmount}; proposed ${shownTotals.proposed}; requested ${shownTotals.request} (10k yuan)`)}
        </p>
      )}
      <ErrorAlert error={table.error} onRetry={table.reload} />
      <Table<ProposalRow>
        size="small"
        rowKey="key"
        data-testid="proposal-table"
        loading={table.loading}
        dataSource={rows}
        scroll={{ x: 1040 }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t(`共 ${n} 项`, `${n} in all`) }}
        locale={{ emptyText: table.error ? t('未能载入', 'Could not be loaded') : t(`${year - 1} 年度没有可测算的延续项目`, `No continuing project of ${year - 1} to propose for`) }}
        onRow={(r) => ({ 'data-rule': r.rule, 'data-over': r.overRequest ? 'true' : undefined }) as object}
        columns={[
          ...(data?.scope.department ? [] : [{ title: t('部门', 'Department'), dataIndex: 'department', width: 140 }]),
          { title: t('项目', 'Project'), width: 180, render: (_, r) => <span title={r.code ?? undefined}>{r.project}</span> },
          { title: t('上年', 'Last year'), width: 80, align: 'right', render: (_, r) => r.lastAmount },
          {
            title: t('适用结果', 'Results'),
            width: 200,
            render: (_, r) => (
              <div>
                {r.grade && (
                  <Tag color={GRADE_COLORS[r.grade.grade]}>
                    {pick(SOURCE_NAMES[r.grade.source])} {r.grade.grade}
                  </Tag>
                )}
                {r.fired.length === 0 && !r.grade && <span className="secondary">{t('无评价结果', 'no result')}</span>}
                {r.fired.map((f) => (
                  <div key={`${f.rule}-${f.source ?? ''}`} className="secondary" style={{ fontSize: 12 }}>
                    {pick(f)}
                  </div>
                ))}
              </div>
            ),
          },
          {
            title: t('建议', 'Proposed'),
            width: 96,
            align: 'right',
            render: (_, r) => (
              <div data-testid="proposed">
                <b>{r.proposed}</b>
                {r.exception && (
                  <div className="secondary" style={{ fontSize: 12 }}>
                    {t(`规则测算 ${r.computed}`, `by the rules ${r.computed}`)}
                  </div>
                )}
              </div>
            ),
          },
          {
            title: t('依据规则', 'Rule'),
            width: 160,
            render: (_, r) => (
              <div data-testid="rule">
                <Tag color={ruleColor(r.rule)}>{pick(ruleName(r.rule))}</Tag>
                <span className="secondary" style={{ fontSize: 12 }}>
                  {r.rulesVersion === null ? t('默认规则', 'defaults') : `v${r.rulesVersion}`}
                </span>
                {r.exception && (
                  <div style={{ fontSize: 12 }} data-testid="exception-reason-shown">
                    {t('例外：', 'Exception: ')}
                    {r.exception.reason}
                  </div>
                )}
              </div>
            ),
          },
          {
            title: t('部门申请', 'Requested'),
            width: 100,
            align: 'right',
            render: (_, r) =>
              r.request === null ? (
                <span className="secondary">{t('未申报', 'none yet')}</span>
              ) : (
                <div data-testid="request">
                  {r.request}
                  {r.overRequest && (
                    <div>
                      <Tag color="red" data-testid="over-request" title={t(`申请超过建议 ${r.proposed} 万元`, `above the proposal of ${r.proposed}`)}>
                        {t('超出建议', 'Above proposal')}
                      </Tag>
                    </div>
                  )}
                </div>
              ),
          },
          ...(bureau
            ? [
                {
                  title: t('操作', 'Action'),
                  width: 90,
                  render: (_: unknown, r: ProposalRow) =>
                    r.projectId ? (
                      <Button size="small" onClick={() => setExcepting(r)} aria-label={t(`例外调整：${r.project}`, `Exception: ${r.project}`)} data-testid="open-exception">
                        {t('例外调整', 'Exception')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </section>
  );

  return (
    <div className="page" data-testid="results-page">
      <div className="page-title">
        <h1>{t('结果应用', 'Results applied')}</h1>
      </div>
      <Typography.Paragraph type="secondary">
        {bureau
          ? t(`按 ${year - 1} 年度的绩效结果测算 ${year} 年度延续项目的预算安排建议：低效无效资金削减或取消，每个金额旁列出依据的规则；财政部门可例外调整（须写明理由）、审定并导出。`, `${year}'s budget proposals for continuing projects, computed from the results of ${year - 1}: ineffective spending is cut or cancelled, and the rule behind each figure is shown beside it. The bureau records exceptions (with a reason), approves and exports.`)
          : t(`本部门 ${year} 年度延续项目的预算安排建议（按 ${year - 1} 年度绩效结果测算）；申请金额超过建议的项目已标出。`, `Your department's proposals for ${year}, computed from the results of ${year - 1}; a request above its proposal is flagged.`)}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }} data-testid="results-scope">
        <label>
          <div className="field-label">{t('预算年度', 'Budget year')}</div>
          <Select<number> aria-label={t('预算年度', 'Budget year')} style={{ width: 120 }} value={year} onChange={(v) => setFilters({ year: v === thisYear ? undefined : v, department: undefined, rule: undefined })} options={years.map((y) => ({ value: y, label: String(y) }))} />
        </label>
        {bureau && regionOptions.length > 1 && (
          <label>
            <div className="field-label">{t('区划', 'Region')}</div>
            <Select<string> aria-label={t('区划', 'Region')} style={{ width: 200 }} value={regionId} onChange={(v) => setFilters({ region: v, department: undefined, rule: undefined })} options={regionOptions.map((r) => ({ value: r.id, label: r.name }))} />
          </label>
        )}
        {data && <span className="secondary">{data.scope.department?.name ?? data.scope.regionName}</span>}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => setFilters({ tab: key === 'rules' ? 'rules' : undefined })}
        items={[
          { key: 'proposals', label: t('预算安排建议', 'Budget proposals'), children: proposals },
          { key: 'rules', label: t('结果应用规则', 'The rules'), children: <RulesPanel year={year} regionId={regionId} departmentId={undefined} canEdit={user?.role === 'admin'} onSaved={table.reload} /> },
        ]}
      />
      {excepting && <ExceptionDialog row={excepting} year={year} onClose={() => setExcepting(null)} onSaved={() => { setExcepting(null); table.reload(); }} />}
      {approving && data && (
        <Modal open title={t('审定预算安排建议', 'Approve the proposals')} onCancel={() => setApproving(false)} onOk={() => void approve()} okText={t('确认审定', 'Approve')} cancelText={t('取消', 'Cancel')} confirmLoading={busy} okButtonProps={{ ...({ 'data-testid': 'approve-ok' } as Record<`data-${string}`, string>) }}>
          <p data-testid="approve-summary">
            {t(`审定 ${data.scope.regionName} ${year} 年度预算安排建议：共 ${data.total.count} 个项目，建议合计 ${data.total.proposed} 万元（规则${data.rules.version === null ? '：默认' : `第 ${data.rules.version} 版`}）。审定后记录当时的项目数、合计和规则版本。`, `Approve ${data.scope.regionName}'s proposals for ${year}: ${data.total.count} projects, ${data.total.proposed} (10k yuan) in all (rules ${data.rules.version === null ? 'defaults' : `version ${data.rules.version}`}). The count, the sum and the rules' version are recorded.`)}
          </p>
          {filtered && <p className="secondary">{t('审定针对整个区划，不受筛选影响。', 'The whole region is approved, whatever the filters.')}</p>}
          <ErrorAlert error={approveError} />
        </Modal>
      )}
    </div>
  );
}
