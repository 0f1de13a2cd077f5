/**
 * The indicator library for its administrator: every entry learnt from approved and published forms
 * and the built-in common ones, with how often each is used; an entry can be hidden from the
 * suggestions, or merged into another that means the same (its uses move there).
 */
import { Button, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { LibraryEntryView } from '../api/types.ts';
import { useAction } from '../api/useAction.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { className } from '../declaration/vocabulary.ts';
import { useLocale } from '../i18n/locale.tsx';

export default function LibraryPage() {
  const { t } = useLocale();
  const [q, setQ] = useState('');
  const entries = useResource(`library:${q}`, () => api<{ entries: LibraryEntryView[] }>('GET', `/api/v1/indicator-library/entries?${new URLSearchParams({ q, limit: '200' }).toString()}`));
  const action = useAction(() => {
    setMerging(null);
    entries.reload();
  });
  const [merging, setMerging] = useState<LibraryEntryView | null>(null);
  const [into, setInto] = useState<string | undefined>(undefined);
  const [intoQuery, setIntoQuery] = useState('');
  const candidates = useResource(merging ? `merge:${intoQuery}` : null, () => api<{ entries: LibraryEntryView[] }>('GET', `/api/v1/indicator-library/entries?${new URLSearchParams({ q: intoQuery, limit: '50' }).toString()}`));
  return (
    <>
      <div className="page-title">
        <h1>{t('指标库', 'Indicator library')}</h1>
      </div>
      <Space wrap style={{ marginBottom: 16 }} role="search">
        <Input.Search aria-label={t('搜索指标', 'Search indicators')} placeholder={t('搜索指标名称', 'Search by name')} allowClear onSearch={setQ} style={{ width: 320 }} />
      </Space>
      <ErrorAlert error={entries.error ?? action.error} onRetry={entries.reload} />
      <Table<LibraryEntryView>
        rowKey="id"
        loading={entries.loading}
        dataSource={entries.data?.entries ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: entries.loading ? ' ' : t('没有符合条件的指标', 'No indicator matches') }}
        columns={[
          { title: t('指标名称', 'Name'), dataIndex: 'name', render: (name: string, row) => (
            <Space>
              {name}
              {row.builtin && <Tag>{t('共性指标', 'common')}</Tag>}
              {row.hidden && <Tag color="default">{t('已隐藏', 'hidden')}</Tag>}
            </Space>
          ) },
          { title: t('一级指标', 'Level 1'), dataIndex: 'level1', width: 120, render: (v: string | null) => className(v, t) },
          { title: t('二级指标', 'Level 2'), dataIndex: 'level2', width: 160, render: (v: string | null) => className(v, t) },
          { title: t('计量单位', 'Unit'), dataIndex: 'unit', width: 100 },
          { title: t('使用次数', 'Uses'), dataIndex: 'uses', width: 100, align: 'right' },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 200,
            render: (_: unknown, row) => (
              <Space>
                <Button size="small" disabled={action.busy} onClick={() => void action.run(() => api('PATCH', `/api/v1/indicator-library/${row.id}`, { hidden: !row.hidden }))}>
                  {row.hidden ? t('恢复建议', 'Show again') : t('不再建议', 'Hide')}
                </Button>
                <Button size="small" onClick={() => { setMerging(row); setInto(undefined); setIntoQuery(''); }}>
                  {t('合并到…', 'Merge into…')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {merging && (
        <Modal
          open
          title={t(`把「${merging.name}」合并到另一条指标`, `Merge "${merging.name}" into another entry`)}
          okText={t('合并', 'Merge')}
          cancelText={t('取消', 'Cancel')}
          okButtonProps={{ disabled: !into, loading: action.busy }}
          onOk={() => void action.run(() => api('POST', `/api/v1/indicator-library/${merging.id}/merge`, { into }))}
          onCancel={() => setMerging(null)}
        >
          <p>{t('它的使用记录会移到所选指标，此后只建议所选指标。', 'Its uses move to the chosen entry, which alone is suggested from then on.')}</p>
          <Select
            aria-label={t('合并到', 'Merge into')}
            showSearch
            filterOption={false}
            onSearch={setIntoQuery}
            value={into}
            onChange={setInto}
            style={{ width: '100%' }}
            placeholder={t('输入名称查找', 'Type a name to find it')}
            options={(candidates.data?.entries ?? []).filter((e) => e.id !== merging.id).map((e) => ({ value: e.id, label: `${e.name}（${className(e.level2, t)}，${t(`${e.uses} 次`, `${e.uses} uses`)}）` }))}
          />
          <ErrorAlert error={action.error} />
        </Modal>
      )}
    </>
  );
}
