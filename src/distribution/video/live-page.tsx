import { mediaByIds } from '../../content/index.js';
import type { Context } from '../../context.js';
import { common, type PageResult } from '../../site/pages.js';
import { renderDocument } from '../../site/render.js';
import { Layout } from '../../site/theme/layout.js';
import { HlsScripts, type PlayerView, VideoPlayer } from '../../site/theme/video.js';
import type { Head, SiteView } from '../../site/view.js';
import { listLiveStreams } from './service.js';
import { livePlayer, mediaCsp, videoObject } from './view.js';

/** `/live`: every active live stream with a player. */
interface LiveModel {
  streams: { slug: string; title: string; description: string; player: PlayerView }[];
}

function LivePage({ view, head, model }: { view: SiteView; head: Head; model: LiveModel }) {
  return (
    <Layout view={view} head={head}>
      <header class="list-header">
        <div>
          <p class="list-kind">Watch</p>
          <h1>Live</h1>
        </div>
      </header>
      {model.streams.length ? (
        model.streams.map((s, i) => (
          <section key={s.slug} id={s.slug} class="live-stream" aria-labelledby={`live-${s.slug}`}>
            <h2 id={`live-${s.slug}`}>
              <span class="live-badge">LIVE</span>
              {s.title}
            </h2>
            <VideoPlayer video={s.player} eager={i === 0} />
            {s.description ? <p>{s.description}</p> : null}
          </section>
        ))
      ) : (
        <p class="empty">Nothing is live right now. Try our video stories in the sections above.</p>
      )}
      {model.streams.length ? <HlsScripts /> : null}
    </Layout>
  );
}

export async function livePage(ctx: Context): Promise<PageResult & { csp?: string[] }> {
  const c = await common(ctx);
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
