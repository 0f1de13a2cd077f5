/**
 * The app's addresses: which page each opens, in which frame, and what it reads first. Kept apart
 * from the React tree and free of heavy imports so the entry (main.tsx) can start an address's page
 * code, its data and the session in the first milliseconds, in parallel with the app's own code.
 */
import type { ComponentType } from 'react';
import type { Role } from '../../src/core/policy.ts';
import { documentPath } from './documents/documentPath.ts';

export type Frame = 'user' | 'public' | 'none';

export interface Route {
  readonly path: string;
  readonly frame: Frame;
  /** The page's code, in its own chunk. */
  readonly load: () => Promise<ComponentType>;
  /** The GETs the page makes first, for the address's `:id`. */
  readonly data?: (id: string) => string[];
  /** Only these roles are offered the page (the server refuses the rest anyway); absent: every signed-in user. */
  readonly roles?: readonly Role[];
}

/** What a declaration's pages read first. */
const declarationData = (id: string) => [`/api/v1/declarations/${id}`, documentPath(id, '/comments')];

export const ROUTES: readonly Route[] = [
  { path: '/login', frame: 'none', load: () => import('./pages/LoginPage.tsx').then((m) => m.LoginPage) },
  { path: '/', frame: 'user', load: () => import('./pages/HomePage.tsx').then((m) => m.HomePage) },
  { path: '/declarations', frame: 'user', load: () => import('./pages/DeclarationListPage.tsx').then((m) => m.DeclarationListPage) },
  { path: '/declarations/:id', frame: 'user', load: () => import('./pages/DeclarationPage.tsx').then((m) => m.DeclarationPage), data: declarationData },
  { path: '/declarations/:id/edit', frame: 'user', load: () => import('./pages/EditorPage.tsx').then((m) => m.default), data: declarationData },
  { path: '/declarations/:id/history', frame: 'user', load: () => import('./pages/HistoryPage.tsx').then((m) => m.default) },
  { path: '/monitoring', frame: 'user', load: () => import('./pages/MonitoringPage.tsx').then((m) => m.default) },
  { path: '/monitoring/rounds/:id', frame: 'user', load: () => import('./pages/RoundPage.tsx').then((m) => m.default), roles: ['reviewer', 'admin'] },
  { path: '/monitoring/reports/:id', frame: 'user', load: () => import('./pages/ReportPage.tsx').then((m) => m.default), data: (id) => [`/api/v1/monitoring/reports/${id}`] },
  { path: '/dashboard', frame: 'user', load: () => import('./pages/DashboardPage.tsx').then((m) => m.default), roles: ['reviewer', 'admin'] },
  { path: '/evaluations', frame: 'user', load: () => import('./pages/EvaluationsPage.tsx').then((m) => m.default) },
  { path: '/evaluations/:id', frame: 'user', load: () => import('./pages/EvaluationPage.tsx').then((m) => m.default) },
  { path: '/assessments', frame: 'user', load: () => import('./pages/AssessmentsPage.tsx').then((m) => m.default) },
  { path: '/assessments/samples', frame: 'user', load: () => import('./pages/SamplingPage.tsx').then((m) => m.default), roles: ['reviewer'] },
  { path: '/assessment-templates', frame: 'user', load: () => import('./pages/TemplatesPage.tsx').then((m) => m.default), roles: ['reviewer', 'admin'] },
  { path: '/assessment-templates/:id', frame: 'user', load: () => import('./pages/TemplatePage.tsx').then((m) => m.default), roles: ['reviewer', 'admin'] },
  { path: '/assessments/:id', frame: 'user', load: () => import('./pages/AssessmentPage.tsx').then((m) => m.default), data: (id) => [`/api/v1/documents/${id}`] },
  { path: '/results', frame: 'user', load: () => import('./pages/ResultsPage.tsx').then((m) => m.default), roles: ['reviewer', 'admin', 'editor', 'approver'] },
  { path: '/rectifications', frame: 'user', load: () => import('./pages/RectificationsPage.tsx').then((m) => m.default), roles: ['editor', 'approver', 'reviewer', 'admin'] },
  { path: '/rectifications/:id', frame: 'user', load: () => import('./pages/RectificationPage.tsx').then((m) => m.default), data: (id) => [`/api/v1/documents/${id}`] },
  { path: '/disclosure', frame: 'user', load: () => import('./pages/DisclosurePage.tsx').then((m) => m.default), roles: ['editor', 'approver', 'reviewer', 'admin'] },
  { path: '/league', frame: 'user', load: () => import('./pages/LeaguePage.tsx').then((m) => m.default), roles: ['editor', 'approver', 'reviewer', 'admin'] },
  { path: '/jobs', frame: 'user', load: () => import('./pages/JobsPage.tsx').then((m) => m.default) },
  { path: '/import', frame: 'user', load: () => import('./pages/ImportPage.tsx').then((m) => m.default), roles: ['editor', 'approver'] },
  { path: '/audit', frame: 'user', load: () => import('./pages/AuditPage.tsx').then((m) => m.default), roles: ['admin'] },
  { path: '/admin/organisations', frame: 'user', load: () => import('./pages/OrganisationsPage.tsx').then((m) => m.default), roles: ['admin'] },
  { path: '/admin/users', frame: 'user', load: () => import('./pages/UsersPage.tsx').then((m) => m.default), roles: ['admin'] },
  { path: '/admin/library', frame: 'user', load: () => import('./pages/LibraryPage.tsx').then((m) => m.default), roles: ['admin'] },
  { path: '/account', frame: 'user', load: () => import('./pages/AccountPage.tsx').then((m) => m.default) },
  { path: '/public', frame: 'public', load: () => import('./pages/PublicListPage.tsx').then((m) => m.PublicListPage) },
  { path: '/public/evaluations', frame: 'public', load: () => import('./pages/PublicEvaluationsPage.tsx').then((m) => m.default) },
  { path: '/public/evaluations/:id', frame: 'public', load: () => import('./pages/EvaluationPage.tsx').then((m) => m.PublicEvaluationPage) },
  { path: '/public/:id', frame: 'public', load: () => import('./pages/PublicDeclarationPage.tsx').then((m) => m.PublicDeclarationPage) },
];

export interface RouteMatch {
  readonly route: Route;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The route an address opens, matched as React Router matches these paths (static segments and
 * `:name` segments, a trailing slash allowed, case-insensitive); the router itself would make the
 * entry wait for its whole library. `routes.test.ts` holds the two to the same answers.
 */
export function matchRoute(pathname: string, routes: readonly Route[] = ROUTES): RouteMatch | undefined {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
  for (const route of routes) {
    const pattern = route.path === '/' ? [] : route.path.split('/').slice(1);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, i) => {
      const part = parts[i] ?? '';
      if (segment.startsWith(':')) {
        if (!part) return false;
        params[segment.slice(1)] = part;
        return true;
      }
      return segment.toLowerCase() === part.toLowerCase();
    });
    if (matches) return { route, params };
  }
  return undefined;
}
