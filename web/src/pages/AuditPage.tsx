/**
 * The audit log (admins), as an auditor reads it: who did what to which form or account, in words,
 * to the second, failed sign-ins included; filterable, with the verification of its hash chain and
 * an export of what is shown to CSV (opens in Excel and WPS).
 */
import { Alert, Button, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { AUDIT_ACTIONS, auditActionName } from '../../../src/format/auditActions.ts';
import { api, query } from '../api/client.ts';
import type { AuditEntry, AuditVerification, UserRow } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';

interface PresentedEntry extends AuditEntry {
  actorName: string | null;
  entityLabel: { zh: string; en: string };
  summary: { zh: string; en: string };
}

interface Filter {
  actorId?: string;
  action?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
}

export default function AuditPage() {
  const { t, time, pick, lang } = useLocale();
  const [filter, setFilter] = useState<Filter>({ page: 1 });
  const search = query({ ...filter, pageSize: 50 });
  const entries = useResource(search, () => api<{ entries: PresentedEntry[]; total: number }>('GET', `/api/v1/audit${search}`));
  const verification = useResource('verify', () => api<AuditVerification>('GET', '/api/v1/audit/verify'));
  const users = useResource('users', () => api<{ users: UserRow[] }>('GET', '/api/v1/users'));
  const { page: _page, ...exportFilter } = filter;
  void _page;
  const csv = `/api/v1/audit.csv${query({ ...exportFilter, lang })}`;

  return (
    <>
      <div className="page-title">
        <h1>{t('审计日志', 'Audit log')}</h1>
        <Space>
          <a className="btn" href={csv} download data-testid="audit-csv">
            {t('导出 CSV', 'Export CSV')}
          </a>
          <Button onClick={verification.reload} loading={verification.loading}>
            {t('重新校验', 'Verify again')}
          </Button>
        </Space>
      </div>
      <ErrorAlert error={entries.error ?? verification.error} />
      {verification.data && (
        <Alert
          data-testid="audit-verification"
          style={{ marginBottom: 16 }}
          showIcon
          type={verification.data.ok ? 'success' : 'error'}
          message={
            verification.data.ok
              ? t(`哈希链完整：${verification.data.entries} 条记录均未被修改或删除`, `Chain intact: none of the ${verification.data.entries} entries was edited or removed`)
              : t(
                  `哈希链断裂于第 ${verification.data.brokenAt} 条（${verification.data.reason === 'edited' ? '记录被修改' : '记录被删除或重排'}）`,
                  `Chain broken at entry ${verification.data.brokenAt} (${verification.data.reason === 'edited' ? 'an entry was edited' : 'entries were removed or reordered'})`,
                )
          }
        />
      )}
      <Space wrap style={{ marginBottom: 16 }} role="search">
        <Select
          aria-label={t('操作人', 'Actor')}
          placeholder={t('全部操作人', 'All actors')}
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 200 }}
          value={filter.actorId}
          onChange={(actorId?: string) => setFilter({ ...filter, actorId, page: 1 })}
          options={(users.data?.users ?? []).map((u) => ({ value: u.id, label: t(`${u.displayName}（${u.username}）`, `${u.displayName} (${u.username})`) }))}
        />
        <Select
          aria-label={t('操作', 'Action')}
          placeholder={t('全部操作', 'All actions')}
          allowClear
          style={{ width: 200 }}
          value={filter.action}
          onChange={(action?: string) => setFilter({ ...filter, action, page: 1 })}
          options={Object.keys(AUDIT_ACTIONS).map((a) => ({ value: a, label: auditActionName(a, lang) }))}
        />
        <DatePicker.RangePicker
          aria-label={t('时间范围', 'Time range')}
          onChange={(range) =>
            setFilter({ ...filter, page: 1, from: range?.[0]?.startOf('day').toISOString() ?? undefined, to: range?.[1]?.endOf('day').toISOString() ?? undefined })
          }
        />
        <Input.Search aria-label={t('对象编号', 'Object id')} placeholder={t('对象编号（可从表格复制）', 'Object id (copy from the table)')} allowClear style={{ width: 300 }} onSearch={(entityId) => setFilter({ ...filter, entityId: entityId || undefined, page: 1 })} />
      </Space>
      <Table<PresentedEntry>
        size="small"
        rowKey="seq"
        data-testid="audit-entries"
        loading={entries.loading}
        dataSource={entries.data?.entries ?? []}
        locale={{ emptyText: entries.loading ? ' ' : t('没有符合条件的记录', 'No entry matches') }}
        pagination={{ current: filter.page, pageSize: 50, total: entries.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setFilter({ ...filter, page }) }}
        columns={[
          { title: t('序号', 'No.'), dataIndex: 'seq', width: 70 },
          { title: t('时间', 'Time'), dataIndex: 'at', width: 190, render: (at: string) => time(at, 'seconds') },
          { title: t('操作人', 'Actor'), dataIndex: 'actorName', width: 160, render: (name: string | null, e) => name ?? (e.action === 'session.failed' ? t('（未登录）', '(not signed in)') : t('系统', 'System')) },
          { title: t('操作', 'Action'), dataIndex: 'action', width: 140, render: (action: string) => auditActionName(action, lang) },
          {
            title: t('对象', 'Object'),
            render: (_: unknown, e) => (
              <Typography.Text title={e.entityId ?? undefined} copyable={e.entityId ? { text: e.entityId, tooltips: [t('复制编号', 'Copy id'), t('已复制', 'Copied')] } : false}>
                {pick(e.entityLabel)}
              </Typography.Text>
            ),
          },
          { title: t('版本', 'Versions'), width: 90, render: (_: unknown, e) => (e.toVersion !== null ? `${e.fromVersion ?? '—'} → ${e.toVersion}` : '') },
          { title: t('详情', 'Detail'), render: (_: unknown, e) => pick(e.summary) },
          { title: t('哈希', 'Hash'), dataIndex: 'hash', width: 110, render: (hash: string) => <Typography.Text code title={hash}>{hash.slice(0, 10)}</Typography.Text> },
        ]}
      />
    </>
  );
}
