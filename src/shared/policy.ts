import type { ArticleStatus, Role } from './vocabulary.js';

/**
 * The one permission policy: every action any route or command takes is decided here.
 * docs/permissions.md shows this matrix as a table; shared/policy.test.ts checks every cell.
 */
export type Action =
  | 'article.create'
  | 'article.read'
  | 'article.update'
  | 'article.submit'
  | 'article.publish'
  | 'article.schedule'
  | 'article.unpublish'
  | 'article.archive'
  | 'article.delete'
  | 'article.restore'
  | 'article.byline'
  | 'article.override'
  | 'article.note'
  | 'taxonomy.manage'
  | 'media.create'
  | 'media.update'
  | 'media.delete'
  | 'media.takedown'
  | 'user.manage'
  | 'settings.manage'
  | 'audit.read'
  | 'article.revise'
  | 'article.takeover'
  | 'notice.add'
  | 'notice.edit'
  | 'alert.raise'
  | 'front.edit'
  | 'ingest.use'
  | 'live.manage'
  | 'live.post';

export const ACTIONS: readonly Action[] = [
  'article.create',
  'article.read',
  'article.update',
  'article.submit',
  'article.publish',
  'article.schedule',
  'article.unpublish',
  'article.archive',
  'article.delete',
  'article.restore',
  'article.byline',
  'article.override',
  'article.note',
  'taxonomy.manage',
  'media.create',
  'media.update',
  'media.delete',
  'media.takedown',
  'user.manage',
  'settings.manage',
  'audit.read',
  'article.revise',
  'article.takeover',
  'notice.add',
  'notice.edit',
  'alert.raise',
  'front.edit',
  'ingest.use',
  'live.manage',
  'live.post',
];

export interface Actor {
  id: number;
  role: Role;
}

/** What an action is about: an article's owner and status matter for the writing roles. */
export interface Subject {
  ownerId?: number | null;
  status?: ArticleStatus;
}

/** Who may do an action: to any subject, or only to their own. */
type Grant = 'any' | 'own' | 'own-unpublished' | false;

const MATRIX: Record<Action, Record<Role, Grant>> = {
  'article.create': { owner: 'any', admin: 'any', editor: 'any', author: 'any', contributor: 'any' },
  'article.read': { owner: 'any', admin: 'any', editor: 'any', author: 'own', contributor: 'own' },
  // A contributor's story is theirs to edit until an editor publishes or schedules it.
  'article.update': {
    owner: 'any',
    admin: 'any',
    editor: 'any',
    author: 'own',
    contributor: 'own-unpublished',
  },
  'article.submit': {
    owner: 'any',
    admin: 'any',
    editor: 'any',
    author: 'own',
    contributor: 'own-unpublished',
  },
  'article.publish': { owner: 'any', admin: 'any', editor: 'any', author: 'own', contributor: false },
  'article.schedule': { owner: 'any', admin: 'any', editor: 'any', author: 'own', contributor: false },
  'article.unpublish': { owner: 'any', admin: 'any', editor: 'any', author: 'own', contributor: false },
  'article.archive': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  'article.delete': { owner: 'any', admin: 'any', editor: false, author: false, contributor: false },
  'article.restore': { owner: 'any', admin: 'any', editor: false, author: false, contributor: false },
  // Adding or removing a byline on a story one may edit. "own" is the author profile linked to
  // one's account: writers cannot put a colleague's name on their copy, editors credit anyone.
  'article.byline': { owner: 'any', admin: 'any', editor: 'any', author: 'own', contributor: 'own' },
  // Publishing past the warnings of the checks before publishing (content/checks.ts); errors
  // can never be waived. Writers fix their copy; the desk decides when a warning may stand.
  'article.override': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  // Notes between writer and editor: whoever may read a story in the newsroom may add to its thread.
  'article.note': { owner: 'any', admin: 'any', editor: 'any', author: 'own', contributor: 'own' },
  'taxonomy.manage': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  // Contributors are often stringers who file pictures: they upload, and describe (alt text,
  // caption, credit, focal point) the images they uploaded; staff describe any image.
  'media.create': { owner: 'any', admin: 'any', editor: 'any', author: 'any', contributor: 'any' },
  'media.update': { owner: 'any', admin: 'any', editor: 'any', author: 'any', contributor: 'own' },
  // Removing an unused image, and taking a used one off every public page: the desk's call.
  'media.delete': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  'media.takedown': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  'user.manage': { owner: 'any', admin: 'any', editor: false, author: false, contributor: false },
  'settings.manage': { owner: 'any', admin: 'any', editor: false, author: false, contributor: false },
  'audit.read': { owner: 'any', admin: 'any', editor: false, author: false, contributor: false },
  // Preparing changes to a published or scheduled story: they go to its working copy, which
  // readers never see; applying them (`update`) needs article.publish.
  'article.revise': { owner: 'any', admin: 'any', editor: 'any', author: 'own', contributor: 'own' },
  // Taking a story over from whoever else has it open in the editor (content/presence.ts).
  'article.takeover': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  // Notices readers see (corrections …): an author who may publish their own story may also
  // tell readers what changed in it, rather than fix it silently; rewriting or withdrawing a
  // notice already shown is the desk's call (docs/permissions.md).
  'notice.add': { owner: 'any', admin: 'any', editor: 'any', author: 'own', contributor: false },
  'notice.edit': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  // Breaking-news alerts go on every public page at once: the desk's call, as is withdrawing one.
  'alert.raise': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  // Curating the home page and section fronts (src/fronts): what every reader sees first.
  'front.edit': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  // The ingest desk: reading agency copy and making a draft of it. Staff writers may (they rewrite
  // wire copy daily); contributors work on their own copy only.
  'ingest.use': { owner: 'any', admin: 'any', editor: 'any', author: 'any', contributor: false },
  // Live coverage (src/live): starting and ending it changes what the story is, the desk's call.
  'live.manage': { owner: 'any', admin: 'any', editor: 'any', author: false, contributor: false },
  // Posting, editing and removing entries of a story being covered live: every reporter on the
  // story, stringers (contributors) included; speed matters more than ownership here, and every
  // change is kept in the entry's history.
  'live.post': { owner: 'any', admin: 'any', editor: 'any', author: 'any', contributor: 'any' },
};

const UNPUBLISHED: readonly ArticleStatus[] = ['draft', 'in_review'];

export function grantOf(role: Role, action: Action): Grant {
  return MATRIX[action][role];
}

export function can(actor: Actor, action: Action, subject: Subject = {}): boolean {
  const grant = MATRIX[action][actor.role];
  if (grant === 'any') return true;
  if (grant === false) return false;
  const own = subject.ownerId != null && subject.ownerId === actor.id;
  if (grant === 'own') return own;
  return own && (subject.status === undefined || UNPUBLISHED.includes(subject.status));
}

/** May the actor add or remove this byline? A byline's owner is the user linked to its author profile. */
export function canSetByline(actor: Actor & { authorId: number | null }, authorId: number): boolean {
  const mine = actor.authorId !== null && actor.authorId === authorId;
  return can(actor, 'article.byline', { ownerId: mine ? actor.id : null });
}

/** Roles an actor may hand out: only an owner makes owners. */
export function canAssignRole(actor: Actor, role: Role): boolean {
  if (!can(actor, 'user.manage')) return false;
  return role !== 'owner' || actor.role === 'owner';
}
