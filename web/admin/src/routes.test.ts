/** The route table: addresses to screens, and the navigation each role sees. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { User } from './api/session.js';
import { installBrowserGlobals } from './test/browser-globals.js';

let routes: typeof import('./routes.js');
beforeAll(async () => {
  installBrowserGlobals();
  routes = await import('./routes.js');
});

const user = (role: User['role']): User => ({
  id: 1,
  email: 'a@example.org',
  name: 'A',
  role,
  authorId: null,
});

describe('route table', () => {
  it('matches fixed addresses before a story id, and only digits as an id', () => {
    expect(routes.matchRoute('/stories/new')?.route.path).toBe('/stories/new');
    expect(routes.matchRoute('/stories/12')).toMatchObject({
      route: { path: '/stories/:id' },
      params: { id: '12' },
    });
    expect(routes.matchRoute('/stories/12x')).toBeNull();
    expect(routes.matchRoute('/')?.route.nav).toBe('Desk');
    expect(routes.matchRoute('/nowhere')).toBeNull();
  });

  it('links each role to the screens it may use, in the navigation order', () => {
    const nav = (role: User['role']) => routes.navRoutes(user(role)).map((r) => r.nav);
    expect(nav('owner')).toEqual([
      'Desk',
      'Stories',
      'Media',
      'Most read',
      'Fronts',
      'Wire',
      'Breaking news',
      'Sections',
      'Tags',
      'Authors',
      'Users',
      'Mirrors',
      'Imports',
    ]);
    expect(nav('editor')).toEqual([
      'Desk',
      'Stories',
      'Media',
      'Most read',
      'Fronts',
      'Wire',
      'Breaking news',
      'Sections',
      'Tags',
      'Authors',
    ]);
    expect(nav('contributor')).toEqual(['Desk', 'Stories', 'Media', 'Most read']);
  });
});
