/** Sign in; afterwards back to the page that asked for it. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useLocale } from '../i18n/locale.tsx';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { useSession } from '../session/session.tsx';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t, pick } = useLocale();
  const { user, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'unknown', { zh: '登录失败', en: 'sign-in failed' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <main>
        <Card style={{ width: 380 }} title={<span>绩效 Jixiao · {t('登录', 'Sign in')}</span>} extra={<LanguageSwitch />}>
          <Form layout="vertical" onFinish={(values: { username: string; password: string }) => void submit(values)} onValuesChange={() => error && setError(null)} requiredMark={false}>
            <Form.Item label={t('用户名', 'Username')} name="username" rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t('密码', 'Password')}
              name="password"
              rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
              validateStatus={error ? 'error' : undefined}
              help={error ? pick(error.text) : undefined}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('登录', 'Sign in')}
            </Button>
          </Form>
          {error?.status === 0 && <Alert style={{ marginTop: 12 }} type="error" showIcon message={pick(error.text)} />}
          <Space style={{ marginTop: 16 }}>
            <Typography.Text type="secondary">{t('无需登录：', 'No sign-in needed: ')}</Typography.Text>
            <Link to="/public">{t('查看已公开的申报表', 'published forms')}</Link>
          </Space>
        </Card>
      </main>
    </div>
  );
}
