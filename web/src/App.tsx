/**
 * The app's frame: language and Ant Design locale, the session, and the routes. Pages load on
 * demand, each in its own chunk; the one the browser opens at was loaded by the boot script (boot.ts).
 */
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { OpeningPage } from './boot.ts';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/Loading.tsx';
import { LocaleProvider, useLocale } from './i18n/locale.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { PublicLayout } from './layout/PublicLayout.tsx';
import { ROUTES } from './routes.ts';
import { SessionProvider, useSession } from './session/session.tsx';
import { ANTD_THEME } from './theme.ts';

/** Every route with the component to render: the opening page as loaded, the others on demand, each in its own chunk. */
function pages(opening: OpeningPage | undefined) {
  return ROUTES.map((route) => ({
    ...route,
    Component: opening?.path === route.path ? opening.Component : lazy(() => route.load().then((Component) => ({ default: Component }))),
  }));
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

// A production build carries Ant Design's styles as a stylesheet (web/build/antdStyles.ts): no styling at run time.
const THEME = { ...ANTD_THEME, zeroRuntime: import.meta.env.PROD };

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useLocale();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      {children}
    </ConfigProvider>
  );
}

export function App({ opening }: { opening: OpeningPage | undefined }) {
  const [routes] = useState(() => pages(opening));
  return (
    <LocaleProvider>
      <Themed>
        <SessionProvider>
          <BrowserRouter>
            <Suspense fallback={<Loading />}>
              <Routes>
                {routes.map(({ path, frame, Component }) => (
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

