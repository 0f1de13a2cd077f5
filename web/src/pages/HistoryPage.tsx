/** Every saved version with author and time, and the field-level differences between any two. */
import { Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, query } from '../api/client.ts';
import type { Change, DeclarationView, VersionMeta } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { pointerLabel } from '../declaration/pointerLabel.ts';
import { useLocale } from '../i18n/locale.tsx';

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export default function HistoryPage() {
  const { id = '' } = useParams();
  const { t, time } = useLocale();
  const declaration = useResource(`d:${id}`, () => api<DeclarationView>('GET', `/api/v1/declarations/${id}`));
  const versions = useResource(`v:${id}`, () => api<{ versions: VersionMeta[] }>('GET', `/api/v1/declarations/${id}/versions`));
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);

  // By default: the latest version against the one before it.
  useEffect(() => {
    const list = versions.data?.versions;
    const [latest, previous] = list ?? [];
    if (!latest || to !== null) return;
    setTo(latest.version);
    setFrom(previous?.version ?? latest.version);
  }, [versions.data, to]);

  const diff = useResource(from !== null && to !== null ? `diff:${id}:${from}:${to}` : null, () => api<{ changes: Change[] }>('GET', `/api/v1/declarations/${id}/diff${query({ from, to })}`));
  const options = (versions.data?.versions ?? []).map((v) => ({ value: v.version, label: t(`第 ${v.version} 版 · ${v.author.displayName}`, `v${v.version} · ${v.author.displayName}`) }));
  const content = declaration.data?.content;
  // Parsed targets follow from the printed ones; showing both would double every target change.
  const changes = (diff.data?.changes ?? []).filter((c) => !/TargetValue(?:\/|$)/.test(c.path));

  return (
    <>
      <div className="page-title">
        <h1>
          {t('历史版本', 'History')} · {declaration.data?.departmentName} · {declaration.data?.year}
        </h1>
        <Link to={`/declarations/${id}`}>{t('返回申报表', 'Back to the form')}</Link>
      </div>
      <ErrorAlert error={versions.error ?? declaration.error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Table<VersionMeta>
          data-testid="versions"
          size="small"
          rowKey="version"
          loading={versions.loading}
          dataSource={versions.data?.versions ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('版本', 'Version'), dataIndex: 'version', width: 80 },
            { title: t('保存人', 'Author'), render: (_: unknown, v) => v.author.displayName },
            { title: t('时间', 'Time'), dataIndex: 'createdAt', render: (at: string) => time(at) },
            { title: t('说明', 'Note'), dataIndex: 'note', render: (note: string | null) => note ?? '' },
            { title: t('错误 / 警告', 'Errors / warnings'), render: (_: unknown, v) => `${v.errors} / ${v.warnings}` },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={
          <Space>
            {t('比较', 'Compare')}
            <Select aria-label={t('较早的版本', 'older version')} style={{ width: 220 }} value={from ?? undefined} onChange={setFrom} options={options} />
            →
            <Select aria-label={t('较新的版本', 'newer version')} style={{ width: 220 }} value={to ?? undefined} onChange={setTo} options={options} />
          </Space>
        }
      >
        <ErrorAlert error={diff.error} />
        {changes.length === 0 && !diff.loading ? (
          <Empty description={t('两个版本没有差异', 'No differences')} />
        ) : (
          <Table<Change>
            size="small"
            data-testid="diff"
            rowKey={(c) => `${c.op}${c.path}`}
            loading={diff.loading}
            dataSource={changes}
            pagination={false}
            rowClassName={(c) => `diff-${c.op}`}
            columns={[
              {
                title: t('变化', 'Change'),
                width: 90,
                render: (_: unknown, c) => <Tag color={c.op === 'add' ? 'green' : c.op === 'remove' ? 'red' : 'gold'}>{c.op === 'add' ? t('新增', 'added') : c.op === 'remove' ? t('删除', 'removed') : t('修改', 'changed')}</Tag>,
              },
              { title: t('字段', 'Field'), width: 300, render: (_: unknown, c) => <Typography.Text title={c.path}>{pointerLabel(content, c.path, t)}</Typography.Text> },
              { title: t('原值', 'Before'), render: (_: unknown, c) => <span className="diff-value">{c.op === 'add' ? '' : show(c.from)}</span> },
              { title: t('新值', 'After'), render: (_: unknown, c) => <span className="diff-value">{c.op === 'remove' ? '' : show(c.to)}</span> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
