/**
 * The app's frame: language and Ant Design locale, the session, and the routes. Pages load on
 * demand, each in its own chunk; the one the browser opens at was loaded by the boot script (boot.ts).
 * A data router, so that a page can hold the user back from leaving with unsaved work.
 */
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import type { OpeningPage } from './boot.ts';
import { Loading } from './components/Loading.tsx';
import { PageErrorBoundary } from './components/PageErrorBoundary.tsx';
import { ForbiddenPage, NotFoundPage } from './components/StatusPage.tsx';
import { LocaleProvider, useLocale } from './i18n/locale.tsx';
import { AppLayout, FrameSkeleton } from './layout/AppLayout.tsx';
import { PublicLayout } from './layout/PublicLayout.tsx';
import { ROUTES, type Route } from './routes.ts';
import { SessionProvider, useSession } from './session/session.tsx';
import { ANTD_THEME } from './theme.ts';

/** The component of a route: the opening page as loaded, the others on demand, each in its own chunk. */
function pageOf(route: Route, opening: OpeningPage | undefined): ComponentType {
  return opening?.path === route.path ? opening.Component : lazy(() => route.load().then((Component) => ({ default: Component })));
}

/** Signed-in pages: while the session loads, the frame; when signed out, the sign-in page and back after; a page the role is not offered says so. */
function RequireUser({ route, children }: { route: Route; children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <FrameSkeleton />;
  if (user === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const allowed = !route.roles || route.roles.includes(user.role);
  return (
    <AppLayout>
      <PageErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>{allowed ? children : <ForbiddenPage />}</Suspense>
      </PageErrorBoundary>
    </AppLayout>
  );
}

function PublicPage({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <PublicLayout>
      <PageErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </PageErrorBoundary>
    </PublicLayout>
  );
}

/** An address no route matches, in the frame of whoever is asking. */
function Unknown() {
  const { user } = useSession();
  if (user === undefined) return <FrameSkeleton />;
  return user ? (
    <AppLayout>
      <NotFoundPage />
    </AppLayout>
  ) : (
    <PublicLayout>
      <NotFoundPage />
    </PublicLayout>
  );
}

function makeRouter(opening: OpeningPage | undefined) {
  return createBrowserRouter([
    ...ROUTES.map((route) => {
      const Page = pageOf(route, opening);
      const element =
        route.frame === 'none' ? (
          <Suspense fallback={<Loading />}>
            <Page />
          </Suspense>
        ) : route.frame === 'user' ? (
          <RequireUser route={route}>
            <Page />
          </RequireUser>
        ) : (
          <PublicPage>
            <Page />
          </PublicPage>
        );
      return { path: route.path, element };
    }),
    { path: '*', element: <Unknown /> },
  ]);
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
  const [router] = useState(() => makeRouter(opening));
  return (
    <LocaleProvider>
      <Themed>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </Themed>
    </LocaleProvider>
  );
}
