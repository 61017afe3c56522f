import { listLiveStreams, mediaByIds } from '../content/index.js';
import type { Context } from '../context.js';
import type { Edition } from '../editions/index.js';
import { inEdition, loadFrame, type PageResult } from './common.js';
import { msg } from './i18n/index.js';
import { renderDocument } from './render.js';
import { type LiveModel, LivePage } from './theme/live.js';
import { livePlayer, mediaCsp, videoObject } from './video.js';
import type { Head } from './view.js';

/**
 * `/live`: every active live stream with a player. Streams are the newsroom's, not an edition's:
 * a prefixed edition's `/es/live` shows the same ones in its frame and words.
 */
export async function livePage(ctx: Context, edition?: Edition): Promise<PageResult & { csp?: string[] }> {
  const c = await loadFrame(ctx, edition);
  const path = inEdition(c, '/live');
  const streams = await listLiveStreams(ctx.db, { activeOnly: true });
  const posters = await mediaByIds(
    ctx.db,
    streams.map((s) => s.poster_media_id),
  );
  const site = c.view.site;
  const model: LiveModel = {
    streams: streams.map((s) => ({
      slug: s.slug,
      title: s.title,
      description: s.description,
      player: livePlayer(s, s.poster_media_id === null ? null : (posters.get(s.poster_media_id) ?? null)),
    })),
  };
  const head: Head = {
    title: `${msg(site.language, 'livePage.title')} | ${site.name}`,
    description: msg(site.language, 'livePage.description', { name: site.name }),
    canonical: `${site.url}${path}`,
    type: 'website',
    jsonLd: model.streams.map((s, i) =>
      videoObject(site, {
        name: s.title,
        description: s.description,
        url: `${site.url}${path}#${s.slug}`,
        uploadDate: streams[i]?.created_at ?? c.now,
        contentUrl: s.player.src,
        thumbnail: s.player.poster,
        live: true,
      }),
    ),
  };
  return {
    status: 200,
    html: renderDocument(<LivePage view={c.view} head={head} model={model} />),
    ...(streams.length ? { csp: mediaCsp(streams.map((s) => s.hls_url)) } : {}),
  };
}
