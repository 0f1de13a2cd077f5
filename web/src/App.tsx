/**
 * The app's frame: language and Ant Design locale, the session, and the routes. Pages that are heavy
 * and not needed at first sight (the editor, the import wizard, charts, history) load on demand.
 */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { LocaleProvider, useLocale } from './i18n/locale.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { PublicLayout } from './layout/PublicLayout.tsx';
import { DeclarationListPage } from './pages/DeclarationListPage.tsx';
import { DeclarationPage } from './pages/DeclarationPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { PublicDeclarationPage } from './pages/PublicDeclarationPage.tsx';
import { PublicListPage } from './pages/PublicListPage.tsx';
import { SessionProvider, useSession } from './session/session.tsx';

const EditorPage = lazy(() => import('./pages/EditorPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const HistoryPage = lazy(() => import('./pages/HistoryPage.tsx'));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx'));

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
  return <AppLayout>{children}</AppLayout>;
}

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useLocale();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#b4232a', borderRadius: 4 } }}>
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
                <Route path="/login" element={<LoginPage />} />
                <Route path="/public" element={<PublicLayout><PublicListPage /></PublicLayout>} />
                <Route path="/public/:id" element={<PublicLayout><PublicDeclarationPage /></PublicLayout>} />
                <Route path="/" element={<RequireUser><HomePage /></RequireUser>} />
                <Route path="/declarations" element={<RequireUser><DeclarationListPage /></RequireUser>} />
                <Route path="/declarations/:id" element={<RequireUser><DeclarationPage /></RequireUser>} />
                <Route path="/declarations/:id/edit" element={<RequireUser><EditorPage /></RequireUser>} />
                <Route path="/declarations/:id/history" element={<RequireUser><HistoryPage /></RequireUser>} />
                <Route path="/import" element={<RequireUser><ImportPage /></RequireUser>} />
                <Route path="/audit" element={<RequireUser><AuditPage /></RequireUser>} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </Themed>
    </LocaleProvider>
  );
}
