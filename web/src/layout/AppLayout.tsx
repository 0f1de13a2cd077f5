/**
 * The signed-in frame: side menu by role, and the current user, role and department always in view.
 * Plain markup and CSS (styles.css): every signed-in page opens inside it, so it is on the path of
 * every first visit, where Ant Design's layout components cost more than they gave.
 */
import { AccountBookOutlined, ApartmentOutlined, AuditOutlined, SolutionOutlined, BarChartOutlined, CloudSyncOutlined, CheckSquareOutlined, DashboardOutlined, BookOutlined, FileSearchOutlined, GlobalOutlined, HomeOutlined, ImportOutlined, LogoutOutlined, NotificationOutlined, PartitionOutlined, TableOutlined, TeamOutlined, ToolOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { Loading } from '../components/Loading.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';

/** The menu key a path belongs to. */
function selectedKey(pathname: string): string {
  for (const key of ['/declarations', '/monitoring', '/evaluations', '/assessments', '/assessment-templates', '/results', '/dashboard', '/rectifications', '/disclosure', '/league', '/jobs', '/import', '/audit', '/admin/organisations', '/admin/users', '/admin/library', '/account', '/public']) if (pathname.startsWith(key)) return key;
  return '/';
}

/** The frame while the session is still on its way (a slow network): the page's place is kept, not blank. */
export function FrameSkeleton() {
  return (
    <div className="app-frame">
      <aside className="app-sider no-print">
        <div className="brand">
          <FileSearchOutlined /> 绩效 Jixiao
        </div>
      </aside>
      <div className="app-main">
        <header className="app-header no-print" />
        <div className="app-content">
          <Loading />
        </div>
      </div>
    </div>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, pick } = useLocale();
  const { user, departmentName, regionName, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const menu = useRef<HTMLElement>(null);
  // After a menu link, the focus moves to the page it opened (as a screen reader or keyboard user expects), not left on the link.
  const path = location.pathname;
  useEffect(() => {
    if (menu.current?.contains(document.activeElement)) document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
  if (!user) return null;
  const canImport = user.role === 'editor' || user.role === 'approver';
  const admin = user.role === 'admin';
  const panel = user.role === 'expert' || user.role === 'agency';
  const items = [
    { key: '/', icon: <HomeOutlined />, label: t('首页', 'Home') },
    // Experts and agencies work on the assessments they are assigned to, not on the departments' paperwork.
    ...(panel
      ? []
      : [
          { key: '/declarations', icon: <TableOutlined />, label: t('申报表', 'Forms') },
          { key: '/monitoring', icon: <DashboardOutlined />, label: t('运行监控', 'Monitoring') },
          { key: '/evaluations', icon: <CheckSquareOutlined />, label: t('绩效自评', 'Self-evaluation') },
        ]),
    { key: '/assessments', icon: <SolutionOutlined />, label: t('评估评价', 'Assessments') },
    // The criteria the bureau scores on: its reviewers read them, its admins make the region's versions.
    ...(user.role === 'reviewer' || admin ? [{ key: '/assessment-templates', icon: <PartitionOutlined />, label: t('评价指标体系', 'Assessment templates') }] : []),
    ...(panel ? [] : [{ key: '/results', icon: <AccountBookOutlined />, label: t('结果应用', 'Results applied') }]),
    // The ledger and disclosure: the department answers its own, the bureau follows its region's.
    ...(panel
      ? []
      : [
          { key: '/rectifications', icon: <ToolOutlined />, label: t('整改台账', 'Rectification') },
          // Disclosure is a region's year: the system admin, of no region, has none to show.
          ...(admin && user.regionId === null ? [] : [{ key: '/disclosure', icon: <NotificationOutlined />, label: t('信息公开', 'Disclosure') }]),
        ]),
    ...(user.role === 'reviewer' || admin ? [{ key: '/dashboard', icon: <BarChartOutlined />, label: t('绩效看板', 'Dashboard') }] : []),
    // The league table is a region's year: a department sees its own row; the system admin, of no region, has none.
    ...(panel || (admin && user.regionId === null) ? [] : [{ key: '/league', icon: <TrophyOutlined />, label: t('综合考核', 'League table') }]),
    ...(canImport ? [{ key: '/import', icon: <ImportOutlined />, label: t('导入申报表', 'Import') }] : []),
    ...(panel ? [] : [{ key: '/jobs', icon: <CloudSyncOutlined />, label: t('后台任务', 'Background jobs') }]),
    ...(admin
      ? [
          { key: '/admin/organisations', icon: <ApartmentOutlined />, label: t('区划与部门', 'Regions and departments') },
          { key: '/admin/users', icon: <TeamOutlined />, label: t('用户', 'Users') },
          // The shared library and the whole system's audit log are the system admin's, not a bureau's.
          ...(user.regionId === null
            ? [
                { key: '/admin/library', icon: <BookOutlined />, label: t('指标库', 'Indicator library') },
                { key: '/audit', icon: <AuditOutlined />, label: t('审计日志', 'Audit log') },
              ]
            : []),
        ]
      : []),
    { key: '/account', icon: <UserOutlined />, label: t('我的账号', 'My account') },
    { key: '/public', icon: <GlobalOutlined />, label: t('公开查询', 'Public forms') },
  ];
  const selected = selectedKey(location.pathname);
  return (
    <div className="app-frame">
      <a className="skip-link" href="#main">
        {t('跳到正文', 'Skip to the content')}
      </a>
      <aside className="app-sider no-print">
        <div className="brand">
          <FileSearchOutlined /> 绩效 Jixiao
        </div>
        <nav aria-label={t('主菜单', 'Main menu')} className="side-menu" ref={menu}>
          <ul>
            {items.map((item) => (
              <li key={item.key} className={item.key === selected ? 'selected' : undefined}>
                <Link to={item.key} aria-current={item.key === selected ? 'page' : undefined}>
                  {/* The label names the link; the icon is decoration. */}
                  <span className="menu-icon" aria-hidden="true">
                    {item.icon}
                  </span>
                  <span>{item.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="app-main">
        <header className="app-header no-print">
          <strong>{t('预算绩效目标管理', 'Budget performance targets')}</strong>
          <div className="header-tools" data-testid="current-user">
            <span>
              <Link to="/account">
                <strong>{user.displayName}</strong>
              </Link>{' '}
              <span className="chip red">{pick(user.roleName)}</span>
              <span className="secondary">{departmentName ?? regionName ?? t('全部地区', 'All regions')}</span>
            </span>
            <NotificationBell />
            <LanguageSwitch />
            <button type="button" className="btn" onClick={() => void signOut().then(() => navigate('/login'))}>
              <LogoutOutlined />
              {t('退出登录', 'Sign out')}
            </button>
          </div>
        </header>
        <div className="app-content">
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </div>
      </div>
    </div>
  );
}
