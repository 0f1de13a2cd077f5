/** The signed-in frame: side menu by role, and the current user, role and department always in view. */
import { AuditOutlined, FileSearchOutlined, GlobalOutlined, HomeOutlined, ImportOutlined, LogoutOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Tag, Typography } from 'antd';
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
    { key: '/', icon: <HomeOutlined />, label: t('首页', 'Home') },
    { key: '/declarations', icon: <TableOutlined />, label: t('申报表', 'Forms') },
    ...(canImport ? [{ key: '/import', icon: <ImportOutlined />, label: t('导入申报表', 'Import') }] : []),
    ...(user.role === 'admin' ? [{ key: '/audit', icon: <AuditOutlined />, label: t('审计日志', 'Audit log') }] : []),
    { key: '/public', icon: <GlobalOutlined />, label: t('公开查询', 'Public forms') },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" className="no-print" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div className="brand">
          <FileSearchOutlined /> 绩效 Jixiao
        </div>
        {/* The side menu as plain links: Ant Design's Menu was a large part of the first page's script. */}
        <nav aria-label={t('主菜单', 'Main menu')} className="side-menu">
          <ul>
            {items.map((item) => (
              <li key={item.key} className={item.key === selectedKey(location.pathname) ? 'selected' : undefined}>
                <Link to={item.key} aria-current={item.key === selectedKey(location.pathname) ? 'page' : undefined}>
                  {item.icon}
                  <span>{item.label}</span>
                </Link>
              </li>
            ))}
          </ul>
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
