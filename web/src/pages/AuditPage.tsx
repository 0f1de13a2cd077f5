/** The audit log (admins): filterable, newest first, with the verification status of its hash chain. */
import { Alert, Button, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, query } from '../api/client.ts';
import type { AuditEntry, AuditVerification, UserRow } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';

const ACTIONS = ['declaration.create', 'declaration.update', 'declaration.submit', 'declaration.review', 'declaration.publish', 'comment.create', 'user.create', 'user.update', 'session.start', 'session.end', 'region.create', 'department.create', 'token.create'];

export default function AuditPage() {
  const { t, time } = useLocale();
  const [filter, setFilter] = useState<{ actorId?: string; action?: string; entityId?: string; page: number }>({ page: 1 });
  const search = query({ ...filter, pageSize: 50 });
  const entries = useResource(search, () => api<{ entries: AuditEntry[]; total: number }>('GET', `/api/v1/audit${search}`));
  const verification = useResource('verify', () => api<AuditVerification>('GET', '/api/v1/audit/verify'));
  const users = useResource('users', () => api<{ users: UserRow[] }>('GET', '/api/v1/users'));
  const names = new Map((users.data?.users ?? []).map((u) => [u.id, u.displayName]));

  return (
    <>
      <div className="page-title">
        <h1>{t('审计日志', 'Audit log')}</h1>
        <Button onClick={verification.reload} loading={verification.loading}>
          {t('重新校验', 'Verify again')}
        </Button>
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
                  `Chain broken at entry ${verification.data.brokenAt} (${verification.data.reason})`,
                )
          }
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label={t('操作人', 'Actor')} placeholder={t('全部操作人', 'All actors')} allowClear style={{ width: 200 }} value={filter.actorId} onChange={(actorId?: string) => setFilter({ ...filter, actorId, page: 1 })} options={(users.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
        <Select aria-label={t('操作', 'Action')} placeholder={t('全部操作', 'All actions')} allowClear style={{ width: 220 }} value={filter.action} onChange={(action?: string) => setFilter({ ...filter, action, page: 1 })} options={ACTIONS.map((a) => ({ value: a, label: a }))} />
        <Input.Search aria-label={t('对象 ID', 'Entity id')} placeholder={t('对象 ID', 'Entity id')} allowClear style={{ width: 320 }} onSearch={(entityId) => setFilter({ ...filter, entityId: entityId || undefined, page: 1 })} />
      </Space>
      <Table<AuditEntry>
        size="small"
        rowKey="seq"
        loading={entries.loading}
        dataSource={entries.data?.entries ?? []}
        pagination={{ current: filter.page, pageSize: 50, total: entries.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setFilter({ ...filter, page }) }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('时间', 'Time'), dataIndex: 'at', width: 180, render: (at: string) => time(at) },
          { title: t('操作人', 'Actor'), dataIndex: 'actorId', width: 160, render: (actorId: string | null) => (actorId ? (names.get(actorId) ?? actorId) : t('系统', 'system')) },
          { title: t('操作', 'Action'), dataIndex: 'action', width: 170 },
          { title: t('对象', 'Entity'), render: (_: unknown, e) => `${e.entity} ${e.entityId ?? ''}` },
          { title: t('版本', 'Versions'), width: 90, render: (_: unknown, e) => (e.toVersion !== null ? `${e.fromVersion ?? '—'} → ${e.toVersion}` : '') },
          { title: t('详情', 'Detail'), render: (_: unknown, e) => <Typography.Text code style={{ fontSize: 12 }}>{JSON.stringify(e.detail)}</Typography.Text> },
          { title: t('哈希', 'Hash'), dataIndex: 'hash', width: 110, render: (hash: string) => <Typography.Text code title={hash}>{hash.slice(0, 10)}</Typography.Text> },
        ]}
      />
    </>
  );
}
