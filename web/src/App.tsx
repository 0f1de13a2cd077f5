/**
 * The app's frame: language and Ant Design locale, the session, and the routes. Pages load on
 * demand, each in its own chunk; the one a link or a reload opens starts loading at once.
 */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, matchPath, Navigate, Route, Routes, useLocation } from 'react-router';
import { prefetch } from './api/prefetch.ts';
import { LocaleProvider, useLocale } from './i18n/locale.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { PublicLayout } from './layout/PublicLayout.tsx';
import { SessionProvider, useSession } from './session/session.tsx';

type Frame = 'user' | 'public' | 'none';

/** What a declaration's pages read first. */
const declarationData = (id: string) => [`/api/v1/declarations/${id}`, `/api/v1/declarations/${id}/comments`];

/** Every page but sign-in loads on demand: a first visit downloads the frame and the page it opens, nothing else. */
const PAGES: ReadonlyArray<{ path: string; frame: Frame; load: () => Promise<{ default: ComponentType }>; data?: (id: string) => string[] }> = [
  { path: '/login', frame: 'none', load: () => import('./pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })) },
  { path: '/', frame: 'user', load: () => import('./pages/HomePage.tsx').then((m) => ({ default: m.HomePage })) },
  { path: '/declarations', frame: 'user', load: () => import('./pages/DeclarationListPage.tsx').then((m) => ({ default: m.DeclarationListPage })) },
  { path: '/declarations/:id', frame: 'user', load: () => import('./pages/DeclarationPage.tsx').then((m) => ({ default: m.DeclarationPage })), data: declarationData },
  { path: '/declarations/:id/edit', frame: 'user', load: () => import('./pages/EditorPage.tsx'), data: declarationData },
  { path: '/declarations/:id/history', frame: 'user', load: () => import('./pages/HistoryPage.tsx') },
  { path: '/import', frame: 'user', load: () => import('./pages/ImportPage.tsx') },
  { path: '/audit', frame: 'user', load: () => import('./pages/AuditPage.tsx') },
  { path: '/public', frame: 'public', load: () => import('./pages/PublicListPage.tsx').then((m) => ({ default: m.PublicListPage })) },
  { path: '/public/:id', frame: 'public', load: () => import('./pages/PublicDeclarationPage.tsx').then((m) => ({ default: m.PublicDeclarationPage })) },
];

// The page of the address the app opens at starts loading now, alongside the session, not after it.
const opening = PAGES.find((page) => matchPath(page.path, window.location.pathname));
const preloaded = opening?.load();
const openingId = opening ? matchPath(opening.path, window.location.pathname)?.params.id : undefined;
if (opening?.data && openingId) opening.data(openingId).forEach(prefetch);

const LAZY = PAGES.map((page) => ({ ...page, Component: lazy(page === opening && preloaded ? () => preloaded : page.load) }));

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Signed-in pages: while the session loads, wait; when signed out, go to the sign-in page and come back after. */
function RequireUser({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <AppLayout>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </AppLayout>
  );
}

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useLocale();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LocaleProvider>
      <Themed>
        <SessionProvider>
          <BrowserRouter>
            <Suspense fallback={<Loading />}>
              <Routes>
                {LAZY.map(({ path, frame, Component }) => (
                  <Route
                    key={path}
                    path={path}
                    element={
                      frame === 'none' ? (
                        <Component />
                      ) : frame === 'user' ? (
                        <RequireUser>
                          <Component />
                        </RequireUser>
                      ) : (
                        <PublicLayout>
                          <Suspense fallback={<Loading />}>
                            <Component />
                          </Suspense>
                        </PublicLayout>
                      )
                    }
                  />
                ))}
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </Themed>
    </LocaleProvider>
  );
}
