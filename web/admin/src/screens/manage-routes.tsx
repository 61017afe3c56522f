/** The management screens (sections, tags, authors, users, mirrors): their addresses, links and who sees them. */
import type { User } from '../api.js';
import { type Action, mayEver } from '../permissions.js';
import { BASE, onLinkClick } from '../router.js';
import { Authors } from './authors.js';
import { NotAllowed } from './manage.js';
import { Mirrors } from './mirrors.js';
import { Sections } from './sections.js';
import { Tags } from './tags.js';
import { Users } from './users.js';

const SCREENS: {
  path: string;
  label: string;
  what: string;
  action: Action;
  screen: (u: User) => React.ReactNode;
}[] = [
  {
    path: '/sections',
    label: 'Sections',
    what: 'sections',
    action: 'taxonomy.manage',
    screen: () => <Sections />,
  },
  { path: '/tags', label: 'Tags', what: 'tags', action: 'taxonomy.manage', screen: () => <Tags /> },
  {
    path: '/authors',
    label: 'Authors',
    what: 'bylines',
    action: 'taxonomy.manage',
    screen: () => <Authors />,
  },
  { path: '/users', label: 'Users', what: 'users', action: 'user.manage', screen: (u) => <Users user={u} /> },
  {
    path: '/mirrors',
    label: 'Mirrors',
    what: 'mirrors',
    action: 'settings.manage',
    screen: () => <Mirrors />,
  },
];

/** The screen for this address, or null when the address is not a management screen. */
export function manageScreen(path: string, user: User): React.ReactNode | null {
  const s = SCREENS.find((x) => x.path === path);
  if (!s) return null;
  return mayEver(user, s.action) ? s.screen(user) : <NotAllowed what={s.what} />;
}

/** Navigation links to the screens this role may use (and no others). */
export function ManageLinks({ user, path }: { user: User; path: string }) {
  return (
    <>
      {SCREENS.filter((s) => mayEver(user, s.action)).map((s) => (
        <a
          key={s.path}
          href={`${BASE}${s.path}`}
          onClick={onLinkClick}
          aria-current={path === s.path ? 'page' : undefined}
        >
          {s.label}
        </a>
      ))}
    </>
  );
}
