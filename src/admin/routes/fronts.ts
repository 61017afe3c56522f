import { z } from 'zod';
import { can } from '../../accounts/index.js';
import { type ArticleSummary, loadSectionTree, type SectionTree } from '../../content/index.js';
import type { Context } from '../../context.js';
import { invalidInput } from '../../errors.js';
import {
  createList,
  deleteList,
  editionOfHome,
  frontLists,
  type FrontWriter,
  homeFront,
  type ResolvedList,
  reorderFront,
  resolveLists,
  type StoredList,
  saveList,
  sectionIdOf,
  storedLists,
  treeForFront,
} from '../../fronts/index.js';
import { editionsOf } from '../../editions/index.js';
import {
  type FrontKey,
  frontKey,
  frontOrder,
  listCreate,
  listPreview,
  listSave,
  previewQuery,
} from '../../shared/fronts.js';
import { slugInput } from '../../shared/inputs.js';
import { authorize, type AuthedActor, type Router } from '../http.js';

/**
 * Curated fronts: every front (home and each section) with its lists, what a front shows at a
 * time (the editor's "as of" preview), what an unsaved list would show, and the writes. Looking
 * is for everyone in the newsroom; changing a front is `front.edit` (docs/permissions.md).
 */
export function frontRoutes(r: Router, ctx: Context): void {
  const writer = (actor: AuthedActor): FrontWriter => ({
    id: actor.id,
    email: actor.user.email,
    label: actor.label,
    now: ctx.now().toISOString(),
  });
  const frontParams = z.object({ front: frontKey });
  const slugParams = z.object({ slug: slugInput });

  r.add({
    method: 'GET',
    url: '/fronts',
    tag: 'fronts',
    summary:
      "Every front (each edition's home page, each section) with its edition, and whether the newsroom curated it",
    handler: async ({ actor }) => {
      const [tree, editions, rows] = await Promise.all([
        loadSectionTree(ctx.db),
        editionsOf(ctx),
        ctx.db.selectFrom('front_lists').select(['front']).execute(),
      ]);
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(row.front, (counts.get(row.front) ?? 0) + 1);
      const sections = [...tree.byId.values()].sort((a, b) => a.path.localeCompare(b.path));
      return {
        // The app's edition picker: each edition's language and direction (its lists read so).
        editions: editions.map((e) => ({
          id: e.id,
          code: e.code,
          name: e.name,
          language: e.language,
          direction: e.direction,
          isDefault: e.isDefault,
        })),
        fronts: editions.flatMap((e) => {
          const home = homeFront(e);
          return [
            { key: home, editionId: e.id, name: 'Home page', path: e.home, lists: counts.get(home) ?? 0 },
            ...sections
              .filter((s) => s.edition_id === e.id)
              .map((s) => ({
                key: `section:${s.id}`,
                editionId: e.id,
                name: s.name,
                path: `/${s.path}`,
                lists: counts.get(`section:${s.id}`) ?? 0,
              })),
          ];
        }),
        allowed: { edit: can(actor, 'front.edit') },
      };
    },
  });

  r.add({
    method: 'GET',
    url: '/fronts/:front',
    tag: 'fronts',
    summary: "A front's lists as stored (or its automatic default, not yet saved)",
    params: frontParams,
    handler: async ({ params, actor }) => {
      const tree = await treeWith(ctx, params.front);
      const lists = await frontLists(ctx.db, tree, params.front);
      return {
        front: params.front,
        lists: lists.map(presentList),
        allowed: { edit: can(actor, 'front.edit') },
      };
    },
  });

  r.add({
    method: 'GET',
    url: '/fronts/:front/preview',
    tag: 'fronts',
    summary: 'What the front shows at a time (now unless `at`): its lists laid out, each story once',
    params: frontParams,
    query: previewQuery,
    handler: async ({ params, query }) => {
      const tree = await treeWith(ctx, params.front);
      const at = query.at ? new Date(query.at).toISOString() : ctx.now().toISOString();
      const lists = await resolveLists(ctx.db, tree, await frontLists(ctx.db, tree, params.front), at);
      return { front: params.front, at, lists: lists.map((l) => presentResolved(l, tree)) };
    },
  });

  r.add({
    method: 'POST',
    url: '/fronts/lists/preview',
    tag: 'fronts',
    summary: 'What an unsaved list would show on its front at a time (before saving)',
    body: listPreview.extend({ slug: slugInput.optional() }),
    handler: async ({ body }) => {
      const front: FrontKey = body.front ?? 'home';
      const tree = await treeWith(ctx, front);
      const at = body.at ? new Date(body.at).toISOString() : ctx.now().toISOString();
      const lists = await frontLists(ctx.db, tree, front);
      const slug = body.slug ?? '(new)';
      const draft: StoredList = {
        ...(lists.find((l) => l.slug === slug) ?? emptyList(slug, front)),
        definition: body.definition,
        scheduled: null,
      };
      const withDraft = lists.some((l) => l.slug === slug)
        ? lists.map((l) => (l.slug === slug ? draft : l))
        : [...lists, draft];
      const resolved = await resolveLists(ctx.db, tree, withDraft, at);
      const mine = resolved.find((l) => l.slug === slug);
      return { at, list: mine ? presentResolved(mine, tree) : null };
    },
  });

  r.add({
    method: 'POST',
    url: '/fronts/lists',
    tag: 'fronts',
    summary: 'Add a list to a front (its first list replaces the automatic default)',
    body: listCreate,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'front.edit');
      return presentList(await createList(ctx.db, body, writer(actor)));
    },
  });

  r.add({
    method: 'PUT',
    url: '/fronts/lists/:slug',
    tag: 'fronts',
    summary: 'Save a list from the version you started with (409 with the current list if stale)',
    params: slugParams,
    body: listSave,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'front.edit');
      return presentList(await saveList(ctx.db, params.slug, body, writer(actor)));
    },
  });

  r.add({
    method: 'DELETE',
    url: '/fronts/lists/:slug',
    tag: 'fronts',
    summary: 'Remove a list from its front (the version you saw; 409 if it changed)',
    params: slugParams,
    query: z.object({ version: z.coerce.number().int().min(1) }),
    status: 204,
    handler: async ({ params, query, actor }) => {
      authorize(actor, 'front.edit');
      await deleteList(ctx.db, params.slug, query.version, writer(actor));
      return null;
    },
  });

  r.add({
    method: 'PUT',
    url: '/fronts/:front/order',
    tag: 'fronts',
    summary: "Put a front's lists in a new order",
    params: frontParams,
    body: frontOrder,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'front.edit');
      await reorderFront(ctx.db, params.front, body, writer(actor));
      return { lists: (await storedLists(ctx.db, params.front)).map(presentList) };
    },
  });
}

/** The section tree as the front's edition shows it (its sections, its newest), as readers see it. */
async function treeWith(ctx: Context, front: FrontKey): Promise<SectionTree> {
  const tree = await treeForFront(ctx.db, await loadSectionTree(ctx.db), front);
  if (!tree) {
    const id = sectionIdOf(front);
    throw id !== null
      ? invalidInput(`front: section ${id} does not exist`, 'front')
      : invalidInput(`front: edition ${editionOfHome(front)} does not exist or is the default`, 'front');
  }
  return tree;
}

function emptyList(slug: string, front: string): StoredList {
  return {
    id: null,
    slug,
    front,
    position: 1000,
    title: '',
    definition: listCreate.shape.definition.parse({ source: { kind: 'manual' } }),
    scheduled: null,
    version: 0,
    updatedAt: null,
    updatedBy: null,
  };
}

/** A list as the editor works on it (`stored: false`: the automatic default, version 0). */
function presentList(l: StoredList) {
  return {
    slug: l.slug,
    front: l.front,
    title: l.title,
    position: l.position,
    definition: l.definition,
    scheduled: l.scheduled,
    version: l.version,
    stored: l.id !== null,
    updatedAt: l.updatedAt,
    updatedBy: l.updatedBy,
  };
}

function presentResolved(l: ResolvedList, tree: SectionTree) {
  return {
    slug: l.slug,
    title: l.title,
    variant: l.variant,
    stored: l.stored,
    stories: l.stories.map((s) => presentStory(s, tree)),
  };
}

function presentStory(s: ArticleSummary, tree: SectionTree) {
  return {
    id: s.id,
    headline: s.headline,
    path: s.path,
    section: tree.byId.get(s.section_id)?.name ?? null,
    publishedAt: s.first_published_at,
  };
}
