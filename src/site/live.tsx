import { listLiveStreams, mediaByIds } from '../content/index.js';
import type { Context } from '../context.js';
import { loadFrame, type PageResult } from './common.js';
import { renderDocument } from './render.js';
import { type LiveModel, LivePage } from './theme/live.js';
import { livePlayer, mediaCsp, videoObject } from './video.js';
import type { Head } from './view.js';

/** `/live`: every active live stream with a player. */
export async function livePage(ctx: Context): Promise<PageResult & { csp?: string[] }> {
  const c = await loadFrame(ctx);
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
    title: `Live | ${site.name}`,
    description: `Live video from ${site.name}`,
    canonical: `${site.url}/live`,
    type: 'website',
    jsonLd: model.streams.map((s, i) =>
      videoObject(site, {
        name: s.title,
        description: s.description,
        url: `${site.url}/live#${s.slug}`,
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
