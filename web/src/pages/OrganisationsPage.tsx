/**
 * Administration of the region tree and its departments: add a region or a department, rename
 * either, archive a department (its forms stay; it takes no new ones) or bring it back, and set a
 * bureau's rule on forms with errors. Every change goes through the API, its policy and the audit log.
 */
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useAction } from '../api/useAction.ts';
import type { RegionNode } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { DirectoryImportDialog } from '../components/DirectoryImportDialog.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { childLevel } from '../components/regionLevels.ts';
import { allRegions, managedRegions, useSession } from '../session/session.tsx';

const LEVELS = [
  { value: 'province', zh: '省', en: 'Province' },
  { value: 'city', zh: '市', en: 'City' },
  { value: 'district', zh: '区', en: 'District' },
  { value: 'county', zh: '县', en: 'County' },
] as const;

type Dialog =
  | { kind: 'region'; parentId: string | null }
  | { kind: 'department'; regionId: string }
  | { kind: 'rename-region'; id: string; name: string }
  | { kind: 'rename-department'; id: string; name: string };

export default function OrganisationsPage() {
  const { t, pick, time } = useLocale();
  const [importing, setImporting] = useState(false);
  const [moving, setMoving] = useState<{ id: string; name: string; from: string } | null>(null);
  const [moveTo, setMoveTo] = useState<string | undefined>(undefined);
  const tree = useResource('organisations', () => api<{ regions: RegionNode[] }>('GET', '/api/v1/organisations'));
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [name, setName] = useState('');
  const [level, setLevel] = useState<(typeof LEVELS)[number]['value']>('district');
  const { user } = useSession();
  const bureauRegion = user?.regionId ?? null;
  // A bureau's admin sees and administers its own region and below.
  const roots = useMemo(() => managedRegions(tree.data?.regions ?? [], bureauRegion), [tree.data, bureauRegion]);
  const regions = useMemo(() => allRegions(roots), [roots]);
  const region = regions.find((r) => r.id === selected) ?? null;

  const toNodes = (nodes: readonly RegionNode[]): DataNode[] =>
    nodes.map((r) => ({ key: r.id, title: t(`${r.name}（${r.departments.filter((d) => !d.archivedAt).length}）`, `${r.name} (${r.departments.filter((d) => !d.archivedAt).length})`), children: toNodes(r.children) }));

  const open = (next: Dialog) => {
    setDialog(next);
    // A new region takes the level below its parent's, changeable.
    if (next.kind === 'region') setLevel(childLevel(next.parentId === null ? null : (regions.find((r) => r.id === next.parentId)?.level ?? null)));
    setName('rename-region' === next.kind || 'rename-department' === next.kind ? next.name : '');
    setError(null);
  };

  const { run, busy, error, setError } = useAction(() => {
    setDialog(null);
    // Closed on success only: a refused move stays open with its reason.
    setMoving(null);
    tree.reload();
  });

  const submit = () => {
    if (!dialog) return;
    if (name.trim() === '') {
      setError(new ApiError(400, 'validation-failed', { zh: '请填写名称', en: 'enter a name' }, [{ field: 'name', message: 'required' }]));
      return;
    }
    const body = name.trim();
    void run(() => {
      switch (dialog.kind) {
        case 'region':
          return api('POST', '/api/v1/organisations/regions', { name: body, level, parentId: dialog.parentId });
        case 'department':
          return api('POST', '/api/v1/organisations/departments', { name: body, regionId: dialog.regionId });
        case 'rename-region':
          return api('PATCH', `/api/v1/organisations/regions/${dialog.id}`, { name: body });
        case 'rename-department':
          return api('PATCH', `/api/v1/organisations/departments/${dialog.id}`, { name: body });
      }
    });
  };

  const title = dialog
    ? { region: t('新建区划', 'New region'), department: t('新建部门', 'New department'), 'rename-region': t('重命名区划', 'Rename region'), 'rename-department': t('重命名部门', 'Rename department') }[dialog.kind]
    : '';

  return (
    <>
      <div className="page-title">
        <h1>{t('区划与部门', 'Regions and departments')}</h1>
        <Space>
          <Button onClick={() => setImporting(true)} data-testid="directory-import">
            {t('从表格导入部门和用户', 'Departments and users from a sheet')}
          </Button>
          {bureauRegion === null && (
            <Button type="primary" onClick={() => open({ kind: 'region', parentId: null })}>
              {t('新建顶级区划', 'New top-level region')}
            </Button>
          )}
        </Space>
      </div>
      {importing && <DirectoryImportDialog onClose={() => setImporting(false)} onStored={() => tree.reload()} />}
      <ErrorAlert error={tree.error} onRetry={tree.reload} />
      <div className="two-panes">
        <Card size="small" title={t('区划', 'Regions')} loading={tree.loading && !tree.data}>
          {tree.data && roots.length === 0 ? (
            <Typography.Text type="secondary">{t('还没有区划，请先新建一个。', 'No regions yet; create one first.')}</Typography.Text>
          ) : (
            <Tree aria-label={t('区划树', 'Region tree')} defaultExpandAll showLine selectedKeys={selected ? [selected] : []} onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)} treeData={toNodes(roots)} key={regions.length} />
          )}
        </Card>
        <Card size="small" title={region ? region.name : t('选择左侧的区划', 'Choose a region on the left')} data-testid="region-detail">
          {region && (
            <>
              <Space wrap style={{ marginBottom: 12 }}>
                <Button onClick={() => open({ kind: 'rename-region', id: region.id, name: region.name })}>{t('重命名', 'Rename')}</Button>
                <Button onClick={() => open({ kind: 'region', parentId: region.id })}>{t('新建下级区划', 'New region below')}</Button>
                <Button type="primary" onClick={() => open({ kind: 'department', regionId: region.id })}>
                  {t('新建部门', 'New department')}
                </Button>
              </Space>
              <div style={{ marginBottom: 12 }}>
                <Checkbox
                  checked={region.settings.blockSubmitOnErrors ?? false}
                  onChange={(e) => void run(() => api('PATCH', `/api/v1/organisations/regions/${region.id}`, { settings: { blockSubmitOnErrors: e.target.checked } }))}
                >
                  {t('检查有错误的申报表不得提交（本区划及下级，下级可另行设置）', 'Forms with errors cannot be submitted (this region and below, unless set there)')}
                </Checkbox>
              </div>
              <table className="editor-table" data-testid="departments">
                <thead>
                  <tr>
                    <th>{t('部门', 'Department')}</th>
                    <th style={{ width: 160 }}>{t('状态', 'State')}</th>
                    <th style={{ width: 200 }}>{t('操作', 'Actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {region.departments.length === 0 && (
                    <tr>
                      <td colSpan={3} className="secondary">
                        {t('此区划下还没有部门', 'No departments in this region')}
                      </td>
                    </tr>
                  )}
                  {region.departments.map((d) => (
                    <tr key={d.id}>
                      <td>{d.name}</td>
                      <td>{d.archivedAt ? <Tag>{t(`已归档 ${time(d.archivedAt)}`, `Archived ${time(d.archivedAt)}`)}</Tag> : <Tag color="green">{t('使用中', 'Active')}</Tag>}</td>
                      <td>
                        <Space size={4}>
                          <Button size="small" onClick={() => open({ kind: 'rename-department', id: d.id, name: d.name })}>
                            {t('重命名', 'Rename')}
                          </Button>
                          <Button size="small" onClick={() => { setMoving({ id: d.id, name: d.name, from: region.id }); setMoveTo(undefined); setError(null); }} aria-label={t(`移动「${d.name}」到其他区划`, `Move ${d.name} to another region`)}>
                            {t('移动', 'Move')}
                          </Button>
                          <Button size="small" onClick={() => void run(() => api('PATCH', `/api/v1/organisations/departments/${d.id}`, { archived: !d.archivedAt }))}>
                            {d.archivedAt ? t('恢复', 'Restore') : t('归档', 'Archive')}
                          </Button>
                        </Space>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t('归档的部门保留其全部申报表，但不能再新建申报表或分配用户。', 'An archived department keeps all its forms, but takes no new forms or users.')}
              </Typography.Paragraph>
            </>
          )}
          {!dialog && error && <Alert role="alert" type="error" showIcon message={pick(error.text)} />}
        </Card>
      </div>
      {moving && (
        <Modal
          open
          title={t(`移动「${moving.name}」`, `Move ${moving.name}`)}
          okText={t('移动', 'Move')}
          cancelText={t('取消', 'Cancel')}
          okButtonProps={{ disabled: !moveTo || moveTo === moving.from, loading: busy }}
          onOk={() => {
            const target = moveTo;
            if (!target) return;
            void run(() => api('PATCH', `/api/v1/organisations/departments/${moving.id}`, { regionId: target }));
          }}
          onCancel={() => setMoving(null)}
        >
          <Typography.Paragraph type="secondary">{t('部门的全部申报表、监控表和自评表随部门移动，由新区划的财政审核员审核。', 'All its forms, reports and self-evaluations move with it; the new region’s reviewers review them.')}</Typography.Paragraph>
          <label htmlFor="move-to">{t('移动到', 'Move to')}</label>
          <Select id="move-to" style={{ width: '100%' }} value={moveTo} onChange={setMoveTo} showSearch optionFilterProp="label" options={regions.filter((r) => r.id !== moving.from).map((r) => ({ value: r.id, label: r.name }))} placeholder={t('选择区划', 'Choose a region')} />
          {error && <Alert role="alert" type="error" showIcon style={{ marginTop: 8 }} message={pick(error.text)} />}
        </Modal>
      )}
      {dialog && (
        <Modal open title={title} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} confirmLoading={busy} onOk={submit} onCancel={() => setDialog(null)}>
          <Form layout="vertical" onFinish={submit}>
            <Form.Item label={t('名称', 'Name')} required validateStatus={error ? 'error' : undefined} help={error ? pick(error.text) : undefined} htmlFor="org-name">
              <Input id="org-name" autoFocus maxLength={100} value={name} onChange={(e) => setName(e.target.value)} onPressEnter={submit} />
            </Form.Item>
            {dialog.kind === 'region' && (
              <Form.Item label={t('级别', 'Level')} htmlFor="org-level">
                <Select id="org-level" value={level} onChange={setLevel} options={LEVELS.map((l) => ({ value: l.value, label: t(l.zh, l.en) }))} />
              </Form.Item>
            )}
          </Form>
        </Modal>
      )}
    </>
  );
}
