/**
 * My account: change my password (the current one is asked for; my other sessions and all my API
 * tokens end), and my API tokens for scripts — created with an expiry, shown once, listed, revoked.
 */
import { Alert, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { TokenView as Token } from '../../../src/format/apiTypes.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';

export default function AccountPage() {
  const { t, pick, time } = useLocale();
  const { user } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [passwordError, setPasswordError] = useState<ApiError | null>(null);
  const [passwordDone, setPasswordDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const tokens = useResource('tokens', () => api<{ tokens: Token[] }>('GET', '/api/v1/tokens'));
  const [tokenName, setTokenName] = useState('');
  // What is typed stays in the box; while it is not a number of days it is said, and nothing is created.
  const [daysText, setDaysText] = useState('90');
  const days = /^\s*\d{1,3}\s*$/.test(daysText) && Number(daysText) >= 1 && Number(daysText) <= 365 ? Number(daysText) : null;
  const [created, setCreated] = useState<{ token: string; expiresAt: string } | null>(null);
  const [tokenError, setTokenError] = useState<ApiError | null>(null);

  const changePassword = async () => {
    setPasswordDone(false);
    if (next !== repeat) {
      setPasswordError(new ApiError(400, 'validation-failed', { zh: '两次输入的新密码不一致', en: 'the two new passwords differ' }, [{ field: 'repeat', message: 'differs' }]));
      return;
    }
    setBusy(true);
    setPasswordError(null);
    try {
      await api('POST', '/api/v1/session/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setPasswordDone(true);
      tokens.reload();
    } catch (caught) {
      setPasswordError(caught instanceof ApiError ? caught : null);
    } finally {
      setBusy(false);
    }
  };
  const createToken = async () => {
    setTokenError(null);
    try {
      const answer = await api<{ token: string; expiresAt: string }>('POST', '/api/v1/tokens', { name: tokenName.trim(), expiresInDays: days });
      setCreated(answer);
      setTokenName('');
      tokens.reload();
    } catch (caught) {
      setTokenError(caught instanceof ApiError ? caught : null);
    }
  };
  const revoke = async (id: string) => {
    setTokenError(null);
    try {
      await api('DELETE', `/api/v1/tokens/${id}`);
      tokens.reload();
    } catch (caught) {
      setTokenError(caught instanceof ApiError ? caught : null);
    }
  };
  const field = (name: string) => (passwordError?.fieldMessage(name) ? pick(passwordError.text) : undefined);
  const now = new Date().toISOString();

  return (
    <>
      <div className="page-title">
        <h1>
          {t('我的账号', 'My account')} · {user?.displayName} <span className="secondary">{t(`（${user?.username ?? ''}）`, `(${user?.username ?? ''})`)}</span>
        </h1>
      </div>
      <div className="two-panes">
        <Card size="small" title={t('修改密码', 'Change password')}>
          <Form layout="vertical" onFinish={() => void changePassword()} onValuesChange={() => setPasswordError(null)} data-testid="change-password">
            <Form.Item label={t('当前密码', 'Current password')} htmlFor="current-password" validateStatus={field('currentPassword') ? 'error' : undefined} help={field('currentPassword')}>
              <Input.Password id="current-password" autoComplete="current-password" value={current} onChange={(e) => (setCurrent(e.target.value), setPasswordError(null))} />
            </Form.Item>
            <Form.Item label={t('新密码', 'New password')} htmlFor="new-password" validateStatus={field('newPassword') ? 'error' : undefined} help={field('newPassword') ?? t('至少 10 个字符，不能包含用户名或姓名，不能是常见或有规律的密码', 'at least 10 characters, not your username or name, not a common or regular password')}>
              <Input.Password id="new-password" autoComplete="new-password" value={next} onChange={(e) => (setNext(e.target.value), setPasswordError(null))} />
            </Form.Item>
            <Form.Item label={t('再次输入新密码', 'New password again')} htmlFor="repeat-password" validateStatus={field('repeat') ? 'error' : undefined} help={field('repeat')}>
              <Input.Password id="repeat-password" autoComplete="new-password" value={repeat} onChange={(e) => (setRepeat(e.target.value), setPasswordError(null))} />
            </Form.Item>
            {passwordError && !passwordError.fields.length && <Alert role="alert" type="error" showIcon style={{ marginBottom: 12 }} message={pick(passwordError.text)} />}
            {passwordDone && <Alert role="status" type="success" showIcon style={{ marginBottom: 12 }} message={t('密码已修改。其他设备上的登录和所有 API 令牌已失效。', 'Password changed. Your other sessions and all API tokens have ended.')} />}
            <Button type="primary" htmlType="submit" loading={busy} disabled={!current || !next || !repeat}>
              {t('修改密码', 'Change password')}
            </Button>
          </Form>
        </Card>
        <Card size="small" title={t('API 令牌（供脚本使用）', 'API tokens (for scripts)')}>
          <Space wrap style={{ marginBottom: 12 }}>
            <label htmlFor="token-name">{t('名称', 'Name')}</label>
            <Input id="token-name" style={{ width: 200 }} maxLength={100} value={tokenName} onChange={(e) => setTokenName(e.target.value)} placeholder={t('例如：夜间导出', 'e.g. nightly export')} />
            <label htmlFor="token-days">{t('有效天数', 'Valid for days')}</label>
            <Input id="token-days" style={{ width: 80 }} inputMode="numeric" value={daysText} status={days === null ? 'error' : undefined} aria-invalid={days === null ? true : undefined} aria-describedby={days === null ? 'token-days-error' : undefined} onChange={(e) => setDaysText(e.target.value)} />
            {days === null && (
              <span id="token-days-error" className="field-error" role="alert">
                {t('有效天数应为 1 至 365 的整数', 'a whole number of days from 1 to 365')}
              </span>
            )}
            <Button type="primary" disabled={!tokenName.trim() || days === null} onClick={() => void createToken()}>
              {t('创建令牌', 'Create token')}
            </Button>
          </Space>
          {created && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('请立即复制此令牌：它只显示这一次。', 'Copy this token now: it is shown only once.')}
              description={
                <>
                  <Typography.Text code copyable data-testid="new-token">
                    {created.token}
                  </Typography.Text>
                  <div className="secondary">{t(`有效至 ${time(created.expiresAt)}`, `valid until ${time(created.expiresAt)}`)}</div>
                </>
              }
              closable
              onClose={() => setCreated(null)}
            />
          )}
          <ErrorAlert error={tokens.error ?? tokenError} />
          <Table<Token>
            rowKey="id"
            size="small"
            loading={tokens.loading}
            dataSource={tokens.data?.tokens ?? []}
            pagination={false}
            locale={{ emptyText: tokens.loading ? ' ' : t('没有令牌', 'No tokens') }}
            columns={[
              { title: t('名称', 'Name'), dataIndex: 'name' },
              { title: t('创建', 'Created'), dataIndex: 'createdAt', render: (at: string) => time(at) },
              { title: t('有效至', 'Expires'), dataIndex: 'expiresAt', render: (at: string | null) => (at ? time(at) : t('不过期', 'never')) },
              { title: t('最近使用', 'Last used'), dataIndex: 'lastUsedAt', render: (at: string | null) => (at ? time(at) : '—') },
              {
                title: t('状态', 'State'),
                render: (_: unknown, token) =>
                  token.revokedAt ? <Tag>{t('已吊销', 'Revoked')}</Tag> : token.expiresAt && token.expiresAt <= now ? <Tag>{t('已过期', 'Expired')}</Tag> : <Tag color="green">{t('有效', 'Valid')}</Tag>,
              },
              {
                title: t('操作', 'Actions'),
                render: (_: unknown, token) =>
                  token.revokedAt ? null : (
                    <Popconfirm title={t('吊销后使用此令牌的脚本将无法访问。确认吊销？', 'Scripts using this token will be refused. Revoke?')} okText={t('吊销', 'Revoke')} cancelText={t('取消', 'Cancel')} onConfirm={() => void revoke(token.id)}>
                      <Button size="small" danger>
                        {t('吊销', 'Revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
