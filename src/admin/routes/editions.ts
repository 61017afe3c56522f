import { articleInputOf } from '../../content/index.js';
import type { Context } from '../../context.js';
import {
  createEdition,
  createTranslation,
  type Edition,
  editionInput,
  editionPatch,
  loadEditions,
  translationInput,
  translationsOf,
  updateEdition,
} from '../../editions/index.js';
import type { EditionView } from '../../shared/editions.js';
import { authorize, editorOf, idParams, type Router } from '../http.js';
import { presentArticle } from './presenters.js';
import { readableStory } from './story-access.js';

function presentEdition(e: Edition): EditionView {
  return {
    id: e.id,
    code: e.code,
    language: e.language,
    direction: e.direction,
    name: e.name,
    timeZone: e.timeZone,
    prefix: e.prefix,
    host: e.host,
    isDefault: e.isDefault,
    position: e.position,
    home: e.home,
  };
}

/**
 * Editions (src/editions): read by every role (the editor shows a story's direction and the
 * Translate menu), managed by admins; a translation is a new story, so it needs article.create.
 */
export function editionRoutes(r: Router, ctx: Context): void {
  const site = ctx.config.site;
  r.add({
    method: 'GET',
    url: '/editions',
    tag: 'editions',
    summary: 'The editions: language, direction, address, time zone',
    handler: async () => ({ editions: (await loadEditions(ctx.db, site)).map(presentEdition) }),
  });
  r.add({
    method: 'POST',
    url: '/editions',
    tag: 'editions',
    summary: 'Add an edition (readers reach it at once)',
    body: editionInput,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'settings.manage');
      return presentEdition(await createEdition(ctx.db, site, body, ctx.now().toISOString()));
    },
  });
  r.add({
    method: 'PATCH',
    url: '/editions/:id',
    tag: 'editions',
    summary: 'Change an edition',
    params: idParams,
    body: editionPatch,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'settings.manage');
      return presentEdition(await updateEdition(ctx.db, site, params.id, body, ctx.now().toISOString()));
    },
  });
  r.add({
    method: 'GET',
    url: '/articles/:id/translations',
    tag: 'editions',
    summary: "A story's translations in other editions (`source`: the story they were translated from)",
    params: idParams,
    handler: async ({ params, actor }) => {
      const story = await readableStory(ctx.db, actor, params.id);
      const links = await translationsOf(ctx.db, site, story);
      // The group is named by its first story: the one the others were translated from. The
      // editor's side-by-side view opens it first.
      const translations = links.map((t) => ({ ...t, source: t.articleId === story.translation_group_id }));
      return { editionId: story.edition_id, translations };
    },
  });
  r.add({
    method: 'POST',
    url: '/articles/:id/translations',
    tag: 'editions',
    summary: 'Translate: a linked draft in another edition, starting from this story',
    params: idParams,
    body: translationInput,
    status: 201,
    handler: async ({ params, body, actor }) => {
      await readableStory(ctx.db, actor, params.id);
      authorize(actor, 'article.create');
      const editor = editorOf(ctx, actor);
      const row = await createTranslation(ctx.db, site, params.id, body, {
        by: editor.label,
        createdBy: actor.id,
        now: editor.now,
      });
      return presentArticle(ctx, row, await articleInputOf(ctx.db, row), actor);
    },
  });
}
