/** The public frame: no sign-in, published forms only. */
import { Button, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useLocale();
  const { user } = useSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header no-print">
        <Link to="/public" className="brand-inline">
          绩效 Jixiao · {t('预算绩效目标公开', 'Published performance targets')}
        </Link>
        <Space>
          <LanguageSwitch />
          {user ? (
            <Link to="/">
              <Button>{t('返回工作台', 'Back to work')}</Button>
            </Link>
          ) : (
            <Link to="/login">
              <Button type="primary">{t('登录', 'Sign in')}</Button>
            </Link>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <main>{children}</main>
      </Layout.Content>
      <Layout.Footer className="no-print" style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('本页仅显示已公开的部门整体预算绩效目标', 'Only published department-wide targets are shown here')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
