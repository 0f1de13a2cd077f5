/**
 * The first script the page runs, kept small so that it runs in the first milliseconds: it starts
 * everything the opening address needs — the session, the page's code and its data — while the
 * browser is still fetching and compiling the app's own code (main.tsx). The app then mounts once
 * they are in, so its first render is the page itself, not a chain of loading states.
 */
import { prefetch, settled } from './api/prefetch.ts';
import { matchRoute } from './routes.ts';
import { ORGANISATIONS_PATH, SESSION_PATH } from './session/sessionPaths.ts';
import type { ComponentType } from 'react';

/** How long the first render waits for the page's data before showing the page loading it. */
const DATA_WAIT_MS = 1500;

/** A page loaded before the app mounted: rendered as it is rather than through React.lazy, which would suspend once. */
export interface OpeningPage {
  readonly path: string;
  readonly Component: ComponentType;
}

// Marks read by the web benchmark (bench/webBench.ts) to split a page load into its steps.
performance.mark('jixiao:boot');
const opening = matchRoute(window.location.pathname);
const id = opening?.params.id;
const first = [SESSION_PATH, ORGANISATIONS_PATH, ...(opening?.route.data && id ? opening.route.data(id) : [])];
first.forEach(prefetch);
// A page whose code fails to load here is loaded again by the router, which reports the failure.
const page = opening?.route.load().catch(() => undefined);

/** The opening page once its code, the session and its data are in (the data waited for at most {@link DATA_WAIT_MS}). */
export const openingPage: Promise<OpeningPage | undefined> = Promise.all([page, settled(first, DATA_WAIT_MS)]).then(([Component]) =>
  opening && Component ? { path: opening.route.path, Component } : undefined,
);
