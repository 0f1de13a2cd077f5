/** The signed-in frame: side menu by role, and the current user, role and department always in view. */
import { AuditOutlined, FileSearchOutlined, GlobalOutlined, HomeOutlined, ImportOutlined, LogoutOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The menu key a path belongs to. */
function selectedKey(pathname: string): string {
  if (pathname.startsWith('/declarations')) return '/declarations';
  if (pathname.startsWith('/import')) return '/import';
  if (pathname.startsWith('/audit')) return '/audit';
  return '/';
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, pick } = useLocale();
  const { user, departmentName, regionName, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (!user) return null;
  const canImport = user.role === 'editor' || user.role === 'approver';
  const items = [
    { key: '/', icon: <HomeOutlined />, label: <Link to="/">{t('首页', 'Home')}</Link> },
    { key: '/declarations', icon: <TableOutlined />, label: <Link to="/declarations">{t('申报表', 'Forms')}</Link> },
    ...(canImport ? [{ key: '/import', icon: <ImportOutlined />, label: <Link to="/import">{t('导入申报表', 'Import')}</Link> }] : []),
    ...(user.role === 'admin' ? [{ key: '/audit', icon: <AuditOutlined />, label: <Link to="/audit">{t('审计日志', 'Audit log')}</Link> }] : []),
    { key: '/public', icon: <GlobalOutlined />, label: <Link to="/public">{t('公开查询', 'Public forms')}</Link> },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" className="no-print" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div className="brand">
          <FileSearchOutlined /> 绩效 Jixiao
        </div>
        <nav aria-label={t('主菜单', 'Main menu')}>
          <Menu mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header no-print">
          <Typography.Text strong>{t('预算绩效目标管理', 'Budget performance targets')}</Typography.Text>
          <Space size="middle" data-testid="current-user">
            <span>
              <Typography.Text strong>{user.displayName}</Typography.Text> <Tag color="red">{pick(user.roleName)}</Tag>
              <Typography.Text type="secondary">{departmentName ?? regionName ?? t('全部地区', 'all regions')}</Typography.Text>
            </span>
            <LanguageSwitch />
            <Button
              icon={<LogoutOutlined />}
              onClick={() => {
                void signOut().then(() => navigate('/login'));
              }}
            >
              {t('退出登录', 'Sign out')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
