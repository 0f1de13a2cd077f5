/**
 * The history of one document, the same for every kind (the shell's panel and the target forms' full
 * history page): every saved version with its author, time and name; any two of them compared, rows
 * matched by identity; and, for one who may edit, a version named (a named version is kept) or made
 * current again as a new version. The API is the kind-independent `/api/v1/documents/:id/…`.
 */
// Deep imports, not the barrels: a page's chunk holds only the components it uses.
import Button from 'antd/es/button';
import Empty from 'antd/es/empty';
import Input from 'antd/es/input';
import antdMessage from 'antd/es/message';
import Popconfirm from 'antd/es/popconfirm';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import { useState } from 'react';
import type { TargetDocument } from '../../../src/core/document.ts';
import { api, query } from '../api/client.ts';
import type { Change, VersionMeta } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ChangesTable } from '../declaration/ChangesTable.tsx';
import { noteIn } from '../declaration/versionNote.ts';
import { useLocale } from '../i18n/locale.tsx';
import { documentPath } from './documentPath.ts';
import { useRequests } from './useRequests.ts';
import { keptPair } from './versionPair.ts';

/** The longest name a version takes (the server's limit). */
const VERSION_NAME_MAX = 500;

/** How a kind says where a change is and what a value means (absent: a target form's words, read from the two versions' content). */
export interface ChangeWords {
  readonly labelOf: (change: Change) => string;
  readonly valueText?: (value: unknown) => string;
}

export interface VersionHistoryProps {
  readonly id: string;
  /** The version the user sees as current (restoring names it, so a newer one elsewhere is not overwritten). */
  readonly current: number;
  /** The user may edit this document: naming and restoring are offered. */
  readonly editable: boolean;
  /** Restoring is possible now (nothing unsaved in the page); `why` says why not. */
  readonly restore: { readonly possible: boolean; readonly why?: string };
  /** After a restore: the page takes the new current version. */
  readonly onRestored: () => void | Promise<void>;
  readonly words?: ChangeWords;
  /** The versions table's test id. */
  readonly testId?: string;
}

export function VersionHistory({ id, current, editable, restore, onRestored, words, testId = 'versions' }: VersionHistoryProps) {
  const { t, time, lang } = useLocale();
  const versions = useResource(`document-versions:${id}:${current}`, () => api<{ versions: VersionMeta[] }>('GET', documentPath(id, '/versions')));
  const list = versions.data?.versions ?? [];
  const [chosen, setChosen] = useState<{ from: number; to: number } | null>(null);
  const pair = keptPair(chosen, list);
  // `refused`: an empty name was offered, and the box says why.
  const [naming, setNaming] = useState<{ version: number; note: string; refused?: boolean } | null>(null);
  const [message, messageHolder] = antdMessage.useMessage();
  const { busy, error, run } = useRequests();

  const diff = useResource(pair ? `document-diff:${id}:${pair.from}:${pair.to}` : null, async () => {
    if (!pair) return { changes: [] as Change[] };
    const changes = api<{ changes: Change[] }>('GET', documentPath(id, `/diff${query({ from: pair.from, to: pair.to })}`));
    // A target form names its places from its content; another kind's words need none.
    if (words) return { changes: (await changes).changes };
    const [answer, older, newer] = await Promise.all([changes, api<{ content: TargetDocument }>('GET', documentPath(id, `/versions/${pair.from}`)), api<{ content: TargetDocument }>('GET', documentPath(id, `/versions/${pair.to}`))]);
    return { changes: answer.changes, older: older.content, newer: newer.content };
  });

  const saveName = () =>
    run(async () => {
      if (!naming) return;
      if (naming.note.trim() === '') {
        setNaming({ ...naming, refused: true });
        return;
      }
      await api('PATCH', documentPath(id, `/versions/${naming.version}`), { note: naming.note.trim() });
      setNaming(null);
      versions.reload();
    });
  const restoreVersion = (version: number) =>
    run(async () => {
      await api('POST', documentPath(id, `/versions/${version}/restore`), { baseVersion: current });
      setChosen(null);
      await onRestored();
      void message.success(t(`已恢复为第 ${version} 版`, `Restored version ${version}`));
    });

  const versionName = (v: VersionMeta) => t(`第 ${v.version} 版 · ${v.authorName ?? v.author?.displayName ?? '系统'}${v.note ? ` · ${noteIn(v.note, 'zh')}` : ''}`, `v${v.version} · ${v.authorName ?? v.author?.displayName ?? 'system'}${v.note ? ` · ${noteIn(v.note, 'en')}` : ''}`);
  const options = list.map((v) => ({ value: v.version, label: versionName(v) }));
  const choose = (side: 'from' | 'to') => (version: number) => pair && setChosen({ ...pair, [side]: version });
  const changes = diff.data?.changes ?? [];

  return (
    <div className="version-history">
      {messageHolder}
      <ErrorAlert error={versions.error} onRetry={versions.reload} />
      <ErrorAlert error={error} />
      <Table<VersionMeta>
        data-testid={testId}
        size="small"
        rowKey="version"
        loading={versions.loading && !versions.data}
        dataSource={list}
        pagination={list.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: versions.loading ? ' ' : t('暂无版本', 'No versions') }}
        tableLayout="fixed"
        columns={[
          {
            title: t('版本', 'Version'),
            dataIndex: 'version',
            width: 100,
            render: (version: number) =>
              version === current ? (
                <>
                  <strong>{version}</strong> <Tag color="blue">{t('当前', 'current')}</Tag>
                </>
              ) : (
                version
              ),
          },
          { title: t('保存人', 'Author'), width: '16%', render: (_: unknown, v) => v.authorName ?? v.author?.displayName ?? t('系统', 'system') },
          { title: t('时间', 'Time'), dataIndex: 'createdAt', width: 200, render: (at: string) => time(at, 'seconds') },
          {
            title: t('说明', 'Note'),
            dataIndex: 'note',
            render: (note: string | null, v) =>
              naming?.version === v.version ? (
                <div>
                  <Space.Compact style={{ width: '100%' }}>
                    <Input
                      size="small"
                      autoFocus
                      aria-label={t(`第 ${v.version} 版的名称`, `Name of version ${v.version}`)}
                      maxLength={VERSION_NAME_MAX}
                      showCount
                      status={naming.refused ? 'error' : undefined}
                      aria-invalid={naming.refused ? true : undefined}
                      aria-describedby={naming.refused ? 'version-name-error' : undefined}
                      value={naming.note}
                      onChange={(e) => setNaming({ version: v.version, note: e.target.value, refused: naming.refused && e.target.value.trim() === '' })}
                      onPressEnter={() => void saveName()}
                      onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}
                    />
                    <Button size="small" type="primary" disabled={busy} loading={busy} onClick={() => void saveName()}>
                      {t('保存', 'Save')}
                    </Button>
                    <Button size="small" disabled={busy} onClick={() => setNaming(null)}>
                      {t('取消', 'Cancel')}
                    </Button>
                  </Space.Compact>
                  {naming.refused && (
                    <div id="version-name-error" className="field-error" role="alert" data-testid="version-name-error">
                      {t('名称不能为空', 'The name cannot be empty')}
                    </div>
                  )}
                </div>
              ) : (
                <span data-testid="version-note">
                  {note ? noteIn(note, lang) : ''}
                  {v.autosave && !note ? <Tag>{t('自动保存', 'autosave')}</Tag> : null}
                </span>
              ),
          },
          { title: t('错误 / 警告', 'Errors / warnings'), width: 100, render: (_: unknown, v) => `${v.errors} / ${v.warnings}` },
          {
            title: t('操作', 'Actions'),
            width: editable ? 260 : 120,
            className: 'no-print',
            render: (_: unknown, v) => (
              <Space size={0} wrap>
                {v.version !== current && (
                  <Button size="small" type="link" onClick={() => setChosen({ from: v.version, to: current })} aria-label={t(`第 ${v.version} 版与当前版本对比`, `Compare version ${v.version} with the current`)}>
                    {t('与当前对比', 'Compare')}
                  </Button>
                )}
                {editable && (
                  <Button size="small" type="link" disabled={busy} onClick={() => setNaming({ version: v.version, note: noteIn(v.note ?? '', 'zh').slice(0, VERSION_NAME_MAX) })} aria-label={t(`命名第 ${v.version} 版`, `Name version ${v.version}`)}>
                    {t('命名', 'Name')}
                  </Button>
                )}
                {editable && v.version !== current && (
                  // Asked first; nothing is lost either way: the current version stays in the history.
                  <Popconfirm
                    title={t(`把第 ${v.version} 版恢复为当前内容？`, `Make version ${v.version} the current content?`)}
                    description={t('当前内容仍保留在历史中，恢复会保存为一个新版本。', 'The current content stays in the history; the restore is saved as a new version.')}
                    okText={t('恢复', 'Restore')}
                    cancelText={t('取消', 'Cancel')}
                    disabled={!restore.possible || busy}
                    onConfirm={() => void restoreVersion(v.version)}
                  >
                    <Button size="small" type="link" disabled={!restore.possible || busy} title={restore.possible ? undefined : restore.why} aria-label={t(`恢复第 ${v.version} 版`, `Restore version ${v.version}`)}>
                      {t('恢复此版本', 'Restore this version')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editable && <div className="cell-hint" style={{ marginTop: 8 }}>{t('自动保存时，同一人连续编辑的多次保存合并为一个版本；需要保留的版本请命名。', "Autosaves of one person's sitting make one version; name a version to keep it.")}</div>}
      {pair && list.length > 1 && (
        <section className="version-compare" aria-label={t('比较两个版本', 'Compare two versions')}>
          <Space wrap style={{ margin: '12px 0 8px' }}>
            <strong>{t('比较', 'Compare')}</strong>
            <Select aria-label={t('较早的版本', 'older version')} style={{ width: 280 }} value={pair.from} onChange={choose('from')} options={options} data-testid="compare-from" />
            →
            <Select aria-label={t('较新的版本', 'newer version')} style={{ width: 280 }} value={pair.to} onChange={choose('to')} options={options} data-testid="compare-to" />
          </Space>
          <ErrorAlert error={diff.error} onRetry={diff.reload} />
          {changes.length === 0 && !diff.loading && diff.data ? (
            <Empty data-testid="diff-empty" description={pair.from === pair.to ? t('选择两个不同的版本来比较', 'Choose two different versions to compare') : t('两个版本没有差异', 'No differences')} />
          ) : (
            <ChangesTable changes={changes} older={diff.data && 'older' in diff.data ? diff.data.older : undefined} newer={diff.data && 'newer' in diff.data ? diff.data.newer : undefined} loading={diff.loading} labelOf={words?.labelOf} valueText={words?.valueText} />
          )}
        </section>
      )}
    </div>
  );
}
