/**
 * The app's one route table: every address under /admin, its screen, who may open it, and
 * whether (and how) the navigation links to it. app.tsx matches the address against it; the
 * navigation is drawn from it, so a role sees links only to the screens it may use.
 */
import type { ReactNode } from 'react';
import type { User } from './api/session.js';
import { NotAllowed } from './components/manage.js';
import { t } from './i18n/index.js';
import { type Action, mayEver } from './permissions.js';
import { Account } from './screens/account.js';
import { Alerts } from './screens/alerts.js';
import { Audience } from './screens/audience.js';
import { Authors } from './screens/authors.js';
import { Desk } from './screens/desk.js';
import { EditorScreen } from './screens/editor.js';
import { Fronts } from './screens/fronts.js';
import { Imports } from './screens/imports.js';
import { Ingest } from './screens/ingest.js';
import { MediaScreen } from './screens/media.js';
import { Mirrors } from './screens/mirrors.js';
import { NewStory } from './screens/new-story.js';
import { Sections } from './screens/sections.js';
import { Stories } from './screens/stories.js';
import { Tags } from './screens/tags.js';
import { Users } from './screens/users.js';

export interface ScreenProps {
  user: User;
  /** The address's parameters (`:id` in the pattern). */
  params: Record<string, string>;
  /** Ends the app's signed-in state (the account screen's "sign out everywhere"). */
  signedOut: () => void;
}

export interface Route {
  /** The address below /admin; `:id` matches a story id (digits). */
  path: string;
  screen: (p: ScreenProps) => ReactNode;
  /** Opening it needs this action for some subject (else "Not available"), as the API will. */
  action?: Action;
  /** What "Not available" says the role may not manage. */
  what?: string;
  /** The navigation's label (in the app's language); routes without one are not in the navigation. */
  nav?: string;
}

export const ROUTES: Route[] = [
  { path: '/', nav: t('nav.desk'), screen: ({ user }) => <Desk user={user} /> },
  { path: '/stories', nav: t('nav.stories'), screen: ({ user }) => <Stories user={user} /> },
  { path: '/media', nav: t('nav.media'), screen: ({ user }) => <MediaScreen user={user} /> },
  { path: '/audience', nav: t('nav.audience'), screen: () => <Audience /> },
  {
    path: '/fronts',
    nav: t('nav.fronts'),
    action: 'front.edit',
    what: t('what.fronts'),
    screen: () => <Fronts />,
  },
  {
    path: '/ingest',
    nav: t('nav.wire'),
    action: 'ingest.use',
    what: t('what.wire'),
    screen: () => <Ingest />,
  },
  {
    path: '/alerts',
    nav: t('nav.alerts'),
    action: 'alert.raise',
    what: t('what.alerts'),
    screen: () => <Alerts />,
  },
  {
    path: '/sections',
    nav: t('nav.sections'),
    action: 'taxonomy.manage',
    what: t('what.sections'),
    screen: () => <Sections />,
  },
  {
    path: '/tags',
    nav: t('nav.tags'),
    action: 'taxonomy.manage',
    what: t('what.tags'),
    screen: () => <Tags />,
  },
  {
    path: '/authors',
    nav: t('nav.authors'),
    action: 'taxonomy.manage',
    what: t('what.bylines'),
    screen: () => <Authors />,
  },
  {
    path: '/users',
    nav: t('nav.users'),
    action: 'user.manage',
    what: t('what.users'),
    screen: ({ user }) => <Users user={user} />,
  },
  {
    path: '/mirrors',
    nav: t('nav.mirrors'),
    action: 'settings.manage',
    what: t('what.mirrors'),
    screen: () => <Mirrors />,
  },
  {
    path: '/imports',
    nav: t('nav.imports'),
    action: 'settings.manage',
    what: t('what.imports'),
    screen: () => <Imports />,
  },
  { path: '/stories/new', screen: () => <NewStory /> },
  // Keyed by id: opening another story starts a fresh editor (and a fresh autosaver).
  {
    path: '/stories/:id',
    screen: ({ user, params }) => <EditorScreen key={params.id} id={Number(params.id)} user={user} />,
  },
  {
    path: '/account',
    screen: ({ user, signedOut }) => <Account user={user} onSignedOut={signedOut} />,
  },
];

/** The route for an address and its parameters, or null (the app shows "Not found"). */
export function matchRoute(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const names: string[] = [];
    const pattern = route.path.replace(/:(\w+)/g, (_m, name: string) => {
      names.push(name);
      return '(\\d+)';
    });
    const m = new RegExp(`^${pattern}$`).exec(path);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1] as string])) };
  }
  return null;
}

/** The screen for an address: the route's, or "Not available" when the role may not use it. */
export function screenFor(path: string, props: Omit<ScreenProps, 'params'>): ReactNode | null {
  const found = matchRoute(path);
  if (!found) return null;
  const { route, params } = found;
  if (route.action && !mayEver(props.user, route.action))
    return <NotAllowed what={route.what ?? t('what.this')} />;
  return route.screen({ ...props, params });
}

/** The navigation's entries this role may use, in table order. */
export function navRoutes(user: User): Route[] {
  return ROUTES.filter((r) => r.nav && (!r.action || mayEver(user, r.action)));
}
