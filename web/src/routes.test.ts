import { matchPath } from 'react-router';
import { describe, expect, it } from 'vitest';
import { matchRoute, ROUTES } from './routes.ts';

/** React Router's answer for an address: the first route it matches, with its params. */
function routerMatch(pathname: string) {
  for (const route of ROUTES) {
    const match = matchPath(route.path, pathname);
    if (match) return { path: route.path, params: { ...match.params } };
  }
  return undefined;
}

describe('matchRoute', () => {
  it('finds the editor of a declaration with its id', () => {
    const match = matchRoute('/declarations/8f95-92eb/edit');
    expect(match?.route.path).toBe('/declarations/:id/edit');
    expect(match?.params).toEqual({ id: '8f95-92eb' });
    expect(match?.route.data?.('8f95-92eb')).toEqual(['/api/v1/declarations/8f95-92eb', '/api/v1/documents/8f95-92eb/comments']);
  });

  it('matches no route for an unknown address', () => {
    expect(matchRoute('/nowhere')).toBeUndefined();
    expect(matchRoute('/declarations/1/edit/more')).toBeUndefined();
  });

  it('gives the same answer as React Router for every kind of address', () => {
    const addresses = ['/', '/login', '/LOGIN', '/declarations', '/declarations/', '/declarations/abc', '/declarations/abc/', '/declarations/a%20b/edit', '/declarations/abc/history', '/declarations//edit', '/import', '/audit', '/admin/users', '/admin/organisations', '/account', '/admin', '/public', '/public/xyz', '/public/xyz/extra', '/unknown', '/declarations/abc/unknown'];
    for (const address of addresses) {
      const ours = matchRoute(address);
      expect(ours ? { path: ours.route.path, params: ours.params } : undefined, address).toEqual(routerMatch(address));
    }
  });
});
