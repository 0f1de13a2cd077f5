/**
 * Every saved version with author and time, the differences between any two — rows matched by
 * identity and shown as rows — and, for those who may edit, restoring an earlier version as a new
 * one and naming a version.
 */
import { Alert, Button, Card, Empty, Input, Popconfirm, Select, Space, Table, Tag, Typography, message as antdMessage } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, query } from '../api/client.ts';
import type { Change, DeclarationView, StoredVersion, VersionMeta } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ChangesTable } from '../declaration/ChangesTable.tsx';
import { noteIn } from '../declaration/versionNote.ts';
import { useLocale } from '../i18n/locale.tsx';
import { documentPath } from '../documents/documentPath.ts';

export default function HistoryPage() {
  const { id = '' } = useParams();
  const { t, time, pick, lang } = useLocale();
  const navigate = useNavigate();
  const [message, messageHolder] = antdMessage.useMessage();
  const declaration = useResource(`d:${id}`, () => api<DeclarationView>('GET', `/api/v1/declarations/${id}`));
  const versions = useResource(`v:${id}`, () => api<{ versions: VersionMeta[] }>('GET', documentPath(id, '/versions')));
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [naming, setNaming] = useState<{ version: number; note: string } | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  // By default: the latest version against the one before it.
  useEffect(() => {
    const list = versions.data?.versions;
    const [latest, previous] = list ?? [];
    if (!latest || to !== null) return;
    setTo(latest.version);
    setFrom(previous?.version ?? latest.version);
  }, [versions.data, to]);

  const pair = from !== null && to !== null ? `${from}:${to}` : null;
  const diff = useResource(pair ? `diff:${id}:${pair}` : null, async () => {
    const [changes, older, newer] = await Promise.all([
      api<{ changes: Change[] }>('GET', documentPath(id, `/diff${query({ from, to })}`)),
      api<StoredVersion>('GET', documentPath(id, `/versions/${from}`)),
      api<StoredVersion>('GET', documentPath(id, `/versions/${to}`)),
    ]);
    return { changes: changes.changes, older: older.content, newer: newer.content };
  });
  const options = (versions.data?.versions ?? []).map((v) => ({ value: v.version, label: t(`第 ${v.version} 版 · ${v.author?.displayName ?? '系统'}${v.note ? ` · ${noteIn(v.note, 'zh')}` : ''}`, `v${v.version} · ${v.author?.displayName ?? 'system'}${v.note ? ` · ${noteIn(v.note, 'en')}` : ''}`) }));
  const view = declaration.data;
  const current = view?.version;
  const canEdit = view?.canEdit ?? false;

  const restore = async (version: number) => {
    if (current === undefined) return;
    setActionError(null);
    try {
      const answer = await api<{ version: number }>('POST', documentPath(id, `/versions/${version}/restore`), { baseVersion: current });
      void message.success(t(`已恢复第 ${version} 版，保存为第 ${answer.version} 版`, `Version ${version} restored as version ${answer.version}`));
      declaration.reload();
      versions.reload();
      setTo(null);
    } catch (caught) {
      setActionError(caught instanceof ApiError ? caught : null);
    }
  };
  const saveName = async () => {
    if (!naming || !naming.note.trim()) return;
    setActionError(null);
    try {
      await api('PATCH', documentPath(id, `/versions/${naming.version}`), { note: naming.note.trim() });
      setNaming(null);
      versions.reload();
    } catch (caught) {
      setActionError(caught instanceof ApiError ? caught : null);
    }
  };

  const changes = diff.data?.changes ?? [];

  return (
    <>
      {messageHolder}
      <div className="page-title">
        <h1>
          {t('历史版本', 'History')} · {view?.departmentName} · {view?.year}
        </h1>
        <Link to={`/declarations/${id}`}>{t('返回申报表', 'Back to the form')}</Link>
      </div>
      <ErrorAlert error={versions.error ?? declaration.error} />
      {actionError && <Alert role="alert" type="error" showIcon style={{ marginBottom: 16 }} message={pick(actionError.text)} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Table<VersionMeta>
          data-testid="versions"
          size="small"
          rowKey="version"
          loading={versions.loading}
          dataSource={versions.data?.versions ?? []}
          pagination={{ pageSize: 10 }}
          locale={{ emptyText: versions.loading ? ' ' : t('暂无版本', 'No versions') }}
          columns={[
            { title: t('版本', 'Version'), dataIndex: 'version', width: 80 },
            { title: t('保存人', 'Author'), render: (_: unknown, v) => v.author?.displayName ?? t('系统', 'system') },
            { title: t('时间', 'Time'), dataIndex: 'createdAt', render: (at: string) => time(at, 'seconds') },
            {
              title: t('说明', 'Note'),
              dataIndex: 'note',
              render: (note: string | null, v) =>
                naming?.version === v.version ? (
                  <Space.Compact>
                    <Input size="small" autoFocus aria-label={t('版本名称', 'Version name')} maxLength={500} value={naming.note} onChange={(e) => setNaming({ version: v.version, note: e.target.value })} onPressEnter={() => void saveName()} />
                    <Button size="small" type="primary" disabled={!naming.note.trim()} onClick={() => void saveName()}>
                      {t('保存', 'Save')}
                    </Button>
                    <Button size="small" onClick={() => setNaming(null)}>
                      {t('取消', 'Cancel')}
                    </Button>
                  </Space.Compact>
                ) : (
                  <span>
                    {note ? noteIn(note, lang) : ''}
                    {v.autosave && !note ? <Tag>{t('自动保存', 'autosave')}</Tag> : null}
                  </span>
                ),
            },
            { title: t('错误 / 警告', 'Errors / warnings'), width: 110, render: (_: unknown, v) => `${v.errors} / ${v.warnings}` },
            {
              title: t('操作', 'Actions'),
              width: 220,
              render: (_: unknown, v) =>
                canEdit ? (
                  <Space size={4}>
                    <Button size="small" type="link" onClick={() => setNaming({ version: v.version, note: v.note ?? '' })}>
                      {t('命名', 'Name')}
                    </Button>
                    {v.version !== current && (
                      <Popconfirm
                        title={t(`把第 ${v.version} 版恢复为当前内容？`, `Make version ${v.version} the current content?`)}
                        description={t('当前内容仍保留在历史中，恢复会保存为一个新版本。', 'The current content stays in the history; the restore is saved as a new version.')}
                        okText={t('恢复', 'Restore')}
                        cancelText={t('取消', 'Cancel')}
                        onConfirm={() => void restore(v.version)}
                      >
                        <Button size="small" type="link">
                          {t('恢复此版本', 'Restore this version')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ) : null,
            },
          ]}
        />
        {canEdit && (
          <Typography.Text type="secondary">
            {t('自动保存时，同一人连续编辑的多次保存合并为一个版本；需要保留的版本请命名。', "Autosaves of one person's sitting make one version; name a version to keep it.")}{' '}
            <Button type="link" size="small" onClick={() => navigate(`/declarations/${id}/edit`)}>
              {t('去编辑', 'Edit')}
            </Button>
          </Typography.Text>
        )}
      </Card>
      <Card
        size="small"
        title={
          <Space wrap>
            {t('比较', 'Compare')}
            <Select aria-label={t('较早的版本', 'older version')} style={{ width: 260 }} value={from ?? undefined} onChange={setFrom} options={options} />
            →
            <Select aria-label={t('较新的版本', 'newer version')} style={{ width: 260 }} value={to ?? undefined} onChange={setTo} options={options} />
          </Space>
        }
      >
        <ErrorAlert error={diff.error} />
        {changes.length === 0 && !diff.loading && diff.data ? (
          <Empty description={t('两个版本没有差异', 'No differences')} />
        ) : (
          <ChangesTable changes={changes} older={diff.data?.older} newer={diff.data?.newer} loading={diff.loading} />
        )}
      </Card>
    </>
  );
}
