/**
 * Administration of users: create one (with a password the policy accepts), disable or enable,
 * reset a password (which signs the user out everywhere), and change a role, department or region.
 */
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { fieldProblem, namesAnyField } from '../api/fieldProblem.ts';
import { useAction } from '../api/useAction.ts';
import type { RegionNode, Role, UserRow } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { allDepartments, allRegions, managedRegions, useSession } from '../session/session.tsx';
import { ROLE_NAMES } from '../../../src/core/policy.ts';

type Dialog = { kind: 'create' } | { kind: 'password'; user: UserRow } | { kind: 'role'; user: UserRow };

interface Draft {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departmentId: string | null;
  regionId: string | null;
  email: string;
}

const EMPTY: Draft = { username: '', displayName: '', password: '', role: 'editor', departmentId: null, regionId: null, email: '' };
const ROLES: Role[] = ['editor', 'approver', 'reviewer', 'admin', 'expert', 'agency'];

/** What each box of the form must hold, said beside it when the server's schema check refuses it. */
const FIELD_RULES = {
  username: { zh: '用户名只能包含字母、数字和 _ . -，长 2–64 个字符', en: 'a username has 2–64 letters, digits or _ . -' },
  displayName: { zh: '请填写姓名（1–100 个字符）', en: 'give a name (1–100 characters)' },
  password: { zh: '请填写初始密码（最多 200 个字符）', en: 'give an initial password (at most 200 characters)' },
  role: { zh: '请选择角色', en: 'choose a role' },
  departmentId: { zh: '请选择部门', en: 'choose a department' },
  regionId: { zh: '请选择区划', en: 'choose a region' },
  email: { zh: '电子邮箱地址最多 254 个字符', en: 'an e-mail address has at most 254 characters' },
} as const;

export default function UsersPage() {
  const { t, pick } = useLocale();
  const { user: me } = useSession();
  const users = useResource('users', () => api<{ users: UserRow[] }>('GET', '/api/v1/users'));
  // The tree as it is now: departments made a moment ago on the other page are offered.
  const tree = useResource('organisations', () => api<{ regions: RegionNode[] }>('GET', '/api/v1/organisations'));
  const bureauRegion = me?.regionId ?? null;
  // A bureau's admin places users only in its own region and below.
  const regions = useMemo(() => managedRegions(tree.data?.regions ?? [], bureauRegion), [tree.data, bureauRegion]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filter, setFilter] = useState('');
  const [roleFilter, setRoleFilter] = useState<Role | null>(null);
  const [stateFilter, setStateFilter] = useState<'active' | 'disabled' | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const departments = useMemo(() => allDepartments(regions), [regions]);
  const regionList = useMemo(() => allRegions(regions), [regions]);
  const departmentName = new Map(departments.map((d) => [d.id, t(`${d.name}（${d.regionName}）`, `${d.name} (${d.regionName})`)]));
  const regionName = new Map(regionList.map((r) => [r.id, r.name]));

  const { run, busy, error, setError } = useAction(() => {
    // A new user is shown at once, found by its name: never left unannounced on another page.
    if (dialog?.kind === 'create') {
      setCreated(draft.username);
      setFilter(draft.username);
      setRoleFilter(null);
      setStateFilter(null);
    }
    setDialog(null);
    users.reload();
  });
  // What is wrong with a box, said beside it: the server's own words for it, not its general 请求内容有误.
  const fieldError = (field: keyof typeof FIELD_RULES) => {
    const problem = fieldProblem(error, field, FIELD_RULES);
    return problem ? pick(problem) : undefined;
  };

  // Searched by username, name, department or region; filtered by role and state.
  const shown = (users.data?.users ?? []).filter((u) => {
    const where = u.departmentId ? (departmentName.get(u.departmentId) ?? '') : u.regionId ? (regionName.get(u.regionId) ?? '') : '';
    if (filter.trim() && !`${u.username} ${u.displayName} ${where} ${u.email ?? ''}`.toLowerCase().includes(filter.trim().toLowerCase())) return false;
    if (roleFilter && u.role !== roleFilter) return false;
    if (stateFilter && (stateFilter === 'disabled') !== u.disabled) return false;
    return true;
  });
  // An address the server would refuse, said beside the box as it is typed.
  const emailProblem = draft.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim()) ? t('不是有效的电子邮箱地址，例如 li@example.gov.cn', 'not an e-mail address, e.g. li@example.gov.cn') : undefined;
  const needsDepartment = draft.role === 'editor' || draft.role === 'approver' || draft.role === 'expert';
  // Experts and agencies are engaged by a region's bureau; an expert may also work in a department.
  const engaged = draft.role === 'expert' || draft.role === 'agency';

  const emailField = (
    <Form.Item label={t('电子邮箱（可选）', 'E-mail (optional)')} htmlFor="user-email" validateStatus={emailProblem || fieldError('email') ? 'error' : undefined} help={emailProblem ?? fieldError('email') ?? t('配置了邮件服务时，待办通知也发到这里', 'When the server sends e-mail, notifications also go here')}>
      <Input id="user-email" type="email" autoComplete="off" maxLength={254} value={draft.email} aria-invalid={emailProblem || fieldError('email') ? true : undefined} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
    </Form.Item>
  );

  const placement = (
    <>
      <Form.Item label={t('角色', 'Role')} htmlFor="user-role">
        <Select id="user-role" value={draft.role} onChange={(role: Role) => { setDraft({ ...draft, role }); setError(null); }} options={ROLES.map((r) => ({ value: r, label: pick(ROLE_NAMES[r]) }))} />
      </Form.Item>
      {needsDepartment && (
        <Form.Item label={engaged ? t('所在部门（可选，不参与本部门的评估）', 'Department (optional: never assigned to its own)') : t('部门', 'Department')} required={!engaged} htmlFor="user-department" validateStatus={fieldError('departmentId') ? 'error' : undefined} help={fieldError('departmentId')}>
          <Select
            id="user-department"
            showSearch
            optionFilterProp="label"
            allowClear={engaged}
            value={draft.departmentId ?? undefined}
            onChange={(departmentId: string | undefined) => setDraft({ ...draft, departmentId: departmentId ?? null })}
            options={departments.filter((d) => !d.archivedAt).map((d) => ({ value: d.id, label: t(`${d.name}（${d.regionName}）`, `${d.name} (${d.regionName})`) }))}
          />
        </Form.Item>
      )}
      {(draft.role === 'reviewer' || engaged) && (
        <Form.Item label={engaged ? t('聘用的区划（财政局）', 'Region engaging them') : t('负责审核的区划', 'Region reviewed')} required htmlFor="user-region" validateStatus={fieldError('regionId') ? 'error' : undefined} help={fieldError('regionId')}>
          <Select id="user-region" value={draft.regionId ?? undefined} onChange={(regionId: string) => setDraft({ ...draft, regionId })} options={regionList.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
      )}
      {draft.role === 'admin' && (
        <Form.Item
          label={t('管理的区划', 'Region administered')}
          required={bureauRegion !== null}
          htmlFor="user-region"
          validateStatus={fieldError('regionId') ? 'error' : undefined}
          help={fieldError('regionId') ?? t('选定区划即为该财政局的管理员，只管理本区划及下级；留空为系统管理员。', 'With a region, a bureau’s admin who manages only that region and below; empty for the system admin.')}
        >
          <Select
            id="user-region"
            allowClear={bureauRegion === null}
            placeholder={t('全系统', 'The whole system')}
            value={draft.regionId ?? undefined}
            onChange={(regionId: string | undefined) => setDraft({ ...draft, regionId: regionId ?? null })}
            options={regionList.map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
      )}
    </>
  );

  return (
    <>
      <div className="page-title">
        <h1>{t('用户', 'Users')}</h1>
        <Space>
          <Input.Search aria-label={t('搜索用户', 'Search users')} placeholder={t('用户名、姓名、部门或区划', 'Username, name, department or region')} allowClear value={filter} onSearch={setFilter} onChange={(e) => { setFilter(e.target.value); setCreated(null); }} style={{ width: 260 }} />
          <Select<Role | 'all'> aria-label={t('按角色筛选', 'Filter by role')} style={{ width: 140 }} value={roleFilter ?? 'all'} onChange={(v) => setRoleFilter(v === 'all' ? null : v)} options={[{ value: 'all', label: t('全部角色', 'All roles') }, ...ROLES.map((r) => ({ value: r, label: pick(ROLE_NAMES[r]) }))]} />
          <Select<'active' | 'disabled' | 'all'> aria-label={t('按状态筛选', 'Filter by state')} style={{ width: 120 }} value={stateFilter ?? 'all'} onChange={(v) => setStateFilter(v === 'all' ? null : v)} options={[{ value: 'all', label: t('全部状态', 'All states') }, { value: 'active', label: t('正常', 'Active') }, { value: 'disabled', label: t('已停用', 'Disabled') }]} />
          <Button
            type="primary"
            onClick={() => {
              // A bureau's admin places users in its own region (or below): it is chosen for them to start with.
              setDraft({ ...EMPTY, regionId: bureauRegion });
              setError(null);
              setDialog({ kind: 'create' });
            }}
          >
            {t('新建用户', 'New user')}
          </Button>
        </Space>
      </div>
      <ErrorAlert error={users.error} onRetry={users.reload} />
      {created && <Alert type="success" showIcon closable onClose={() => setCreated(null)} style={{ marginBottom: 12 }} data-testid="user-created" message={t(`已新建用户 ${created}，列表已筛选出该用户`, `User ${created} created; the list shows it`)} />}
      {!dialog && error && <Alert role="alert" type="error" showIcon style={{ marginBottom: 12 }} message={pick(error.text)} />}
      <Table<UserRow>
        rowKey="id"
        size="small"
        data-testid="users"
        loading={users.loading}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t(`共 ${n} 个用户`, `${n} users`) }}
        locale={{ emptyText: users.loading ? ' ' : t('没有用户', 'No users') }}
        columns={[
          { title: t('用户名', 'Username'), dataIndex: 'username', width: 150 },
          { title: t('姓名', 'Name'), dataIndex: 'displayName', width: 170 },
          { title: t('角色', 'Role'), dataIndex: 'role', width: 150, render: (role: Role) => <span style={{ whiteSpace: 'nowrap' }}>{pick(ROLE_NAMES[role])}</span> },
          { title: t('部门或区划', 'Department or region'), render: (_: unknown, u) => (u.departmentId ? (departmentName.get(u.departmentId) ?? '—') : u.regionId ? (regionName.get(u.regionId) ?? '—') : t('全部', 'All')) },
          {
            title: t('状态', 'State'),
            render: (_: unknown, u) => (
              <Space size={4}>
                {u.disabled ? <Tag color="red">{t('已停用', 'Disabled')}</Tag> : <Tag color="green">{t('正常', 'Active')}</Tag>}
                {u.demo && <Tag>{t('演示账号', 'Demo')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('操作', 'Actions'),
            width: 300,
            render: (_: unknown, u) => (
              <Space size={4} wrap>
                {u.disabled ? (
                  <Button size="small" onClick={() => void run(() => api('PATCH', `/api/v1/users/${u.id}`, { disabled: false }))}>
                    {t('启用', 'Enable')}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t(`停用 ${u.displayName}？`, `Disable ${u.displayName}?`)}
                    description={t('停用后该用户不能登录，其登录会话和 API 令牌立即失效；可随时再启用。', 'They can no longer sign in; their sessions and API tokens end at once. You can enable them again.')}
                    okText={t('停用', 'Disable')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={() => void run(() => api('PATCH', `/api/v1/users/${u.id}`, { disabled: true }))}
                  >
                    <Button size="small" disabled={u.id === me?.id} data-testid="disable-user">
                      {t('停用', 'Disable')}
                    </Button>
                  </Popconfirm>
                )}
                <Button
                  size="small"
                  onClick={() => {
                    setDraft({ ...EMPTY, username: u.username });
                    setError(null);
                    setDialog({ kind: 'password', user: u });
                  }}
                >
                  {t('重置密码', 'Reset password')}
                </Button>
                <Button
                  size="small"
                  disabled={u.id === me?.id}
                  onClick={() => {
                    setDraft({ ...EMPTY, role: u.role, departmentId: u.departmentId, regionId: u.regionId, email: u.email ?? '' });
                    setError(null);
                    setDialog({ kind: 'role', user: u });
                  }}
                >
                  {t('角色、部门与邮箱', 'Role, department, e-mail')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'create' && (
        <Modal open title={t('新建用户', 'New user')} okText={t('创建', 'Create')} cancelText={t('取消', 'Cancel')} confirmLoading={busy} okButtonProps={{ disabled: emailProblem !== undefined }} onCancel={() => setDialog(null)} onOk={() => void run(() => api('POST', '/api/v1/users', { ...draft, email: draft.email.trim() || null }))}>
          <Form layout="vertical">
            <Form.Item label={t('用户名', 'Username')} required htmlFor="user-username" validateStatus={fieldError('username') ? 'error' : undefined} help={fieldError('username') ?? t('字母、数字和 _ . -，2–64 个字符', 'letters, digits and _ . -, 2–64 characters')}>
              <Input id="user-username" autoFocus autoComplete="off" maxLength={64} value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('姓名', 'Name')} required htmlFor="user-name" validateStatus={fieldError('displayName') ? 'error' : undefined} help={fieldError('displayName')}>
              <Input id="user-name" maxLength={100} value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('初始密码', 'Initial password')} required htmlFor="user-password" validateStatus={fieldError('password') ? 'error' : undefined} help={fieldError('password') ?? t('至少 10 个字符，不能包含用户名，不能是常见或有规律的密码', 'at least 10 characters, not the username, not a common or regular password')}>
              <Input.Password id="user-password" autoComplete="new-password" maxLength={200} value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} />
            </Form.Item>
            {placement}
            {emailField}
            {error && !namesAnyField(error, ['username', 'displayName', 'password', 'departmentId', 'regionId', 'email']) && <Alert role="alert" type="error" showIcon message={pick(error.text)} />}
          </Form>
        </Modal>
      )}
      {dialog?.kind === 'password' && (
        <Modal
          open
          title={t(`重置 ${dialog.user.displayName} 的密码`, `Reset the password of ${dialog.user.displayName}`)}
          okText={t('重置', 'Reset')}
          cancelText={t('取消', 'Cancel')}
          confirmLoading={busy}
          onCancel={() => setDialog(null)}
          onOk={() => void run(() => api('PATCH', `/api/v1/users/${dialog.user.id}`, { password: draft.password }))}
        >
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('重置后，该用户的所有登录会话和 API 令牌立即失效。', "All of the user's sessions and API tokens end at once.")} />
          <Form layout="vertical">
            <Form.Item label={t('新密码', 'New password')} required htmlFor="reset-password" validateStatus={error ? 'error' : undefined} help={error ? pick(error.text) : undefined}>
              <Input.Password id="reset-password" autoFocus autoComplete="new-password" maxLength={200} value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {dialog?.kind === 'role' && (
        <Modal
          open
          title={t(`${dialog.user.displayName} 的角色、部门与邮箱`, `Role, department and e-mail of ${dialog.user.displayName}`)}
          okText={t('保存', 'Save')}
          cancelText={t('取消', 'Cancel')}
          confirmLoading={busy}
          okButtonProps={{ disabled: emailProblem !== undefined }}
          onCancel={() => setDialog(null)}
          onOk={() => void run(() => api('PATCH', `/api/v1/users/${dialog.user.id}`, { role: draft.role, departmentId: needsDepartment ? draft.departmentId : null, regionId: draft.role === 'reviewer' || draft.role === 'admin' || engaged ? draft.regionId : null, email: draft.email.trim() || null }))}
        >
          <Form layout="vertical">
            {placement}
            {emailField}
            {error && !namesAnyField(error, ['email', ...(needsDepartment ? ['departmentId'] : []), ...(draft.role === 'reviewer' || draft.role === 'admin' || engaged ? ['regionId'] : [])]) && <Alert role="alert" type="error" showIcon message={pick(error.text)} />}
          </Form>
        </Modal>
      )}
    </>
  );
}
