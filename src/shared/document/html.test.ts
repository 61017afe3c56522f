import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape.js';
import { type MediaView, renderHtml } from './html.js';
import { type Doc, validateDocument } from './schema.js';

const photo: MediaView = {
  src: '/media/7/960.jpg',
  srcset: '/media/7/480.webp 480w, /media/7/960.webp 960w',
  sizes: '(min-width: 760px) 720px, 100vw',
  width: 1600,
  height: 900,
  alt: 'Library alt',
};
const media = (id: number) => (id === 7 ? photo : undefined);

/** Validates, renders and parses, as the site does with a stored body. */
function render(content: unknown[], lookup = media) {
  const html = renderHtml(validateDocument({ type: 'doc', content }), { media: lookup });
  return { html, $: cheerio.load(html, null, false) };
}

const text = (t: string, marks?: unknown[]) =>
  marks ? { type: 'text', text: t, marks } : { type: 'text', text: t };
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const link = (href: string, title?: string) => ({ type: 'link', attrs: title ? { href, title } : { href } });
const embed = (provider: string, url: string) => ({ type: 'embed', attrs: { provider, url } });

describe('renderHtml renders every node type', () => {
  it('paragraphs, headings and inline marks', () => {
    const { html } = render([
      { type: 'heading', attrs: { level: 2 }, content: [text('Two')] },
      { type: 'heading', attrs: { level: 3 }, content: [text('Three')] },
      { type: 'heading', attrs: { level: 4 }, content: [text('Four')] },
      para(
        text('Plain '),
        text('bold', [{ type: 'bold' }]),
        text(' '),
        text('italic', [{ type: 'italic' }]),
        text(' '),
        text('mail', [link('mailto:desk@example.com')]),
        { type: 'hardBreak' },
        text('next line'),
      ),
    ]);
    expect(html).toBe(
      '<h2>Two</h2><h3>Three</h3><h4>Four</h4>' +
        '<p>Plain <strong>bold</strong> <em>italic</em> <a href="mailto:desk@example.com">mail</a><br>next line</p>',
    );
  });

  it('one anchor for a link whose words are partly bold, with rel on external links', () => {
    const { html } = render([
      para(
        text('Read ', [link('https://example.com/r', 'Report')]),
        text('the report', [{ type: 'bold' }, link('https://example.com/r', 'Report')]),
        text(' now', [link('https://example.com/r', 'Report')]),
      ),
    ]);
    expect(html).toBe(
      '<p><a href="https://example.com/r" title="Report" rel="noopener noreferrer">' +
        'Read <strong>the report</strong> now</a></p>',
    );
  });

  it('keeps a link whole across a line break', () => {
    const { html } = render([
      para(
        text('line one', [link('https://example.com/')]),
        { type: 'hardBreak' },
        text('line two', [link('https://example.com/')]),
      ),
    ]);
    expect(html).toBe(
      '<p><a href="https://example.com/" rel="noopener noreferrer">line one<br>line two</a></p>',
    );
  });

  it('keeps an outer mark open around a nested one', () => {
    const { html } = render([
      para(
        text('a ', [{ type: 'italic' }]),
        text('b', [{ type: 'italic' }, { type: 'bold' }]),
        text(' c', [{ type: 'italic' }]),
      ),
    ]);
    expect(html).toBe('<p><em>a <strong>b</strong> c</em></p>');
  });

  it('blockquotes with and without a citation', () => {
    const { html } = render([
      {
        type: 'blockquote',
        attrs: { citation: 'A. Minister' },
        content: [para(text('One')), para(text('Two'))],
      },
      { type: 'blockquote', content: [para(text('Anon'))] },
    ]);
    expect(html).toBe(
      '<blockquote><p>One</p><p>Two</p><footer>— A. Minister</footer></blockquote>' +
        '<blockquote><p>Anon</p></blockquote>',
    );
  });

  it('bullet and ordered lists, nested, with start only when it is not 1', () => {
    const item = (...content: unknown[]) => ({ type: 'listItem', content });
    const { html } = render([
      {
        type: 'bulletList',
        content: [
          item(para(text('a')), {
            type: 'orderedList',
            attrs: { start: 3 },
            content: [item(para(text('a.3')))],
          }),
          item(para(text('b'))),
        ],
      },
      { type: 'orderedList', attrs: { start: 1 }, content: [item(para(text('one')))] },
    ]);
    expect(html).toBe(
      '<ul><li><p>a</p><ol start="3"><li><p>a.3</p></li></ol></li><li><p>b</p></li></ul>' +
        '<ol><li><p>one</p></li></ol>',
    );
  });

  it('a horizontal rule, and nothing for an empty paragraph', () => {
    expect(render([para(text('a')), { type: 'paragraph' }, { type: 'horizontalRule' }]).html).toBe(
      '<p>a</p><hr>',
    );
  });

  it('an image as a figure with renditions, caption, credit and file-photo marker', () => {
    const { html, $ } = render([
      {
        type: 'image',
        attrs: { mediaId: 7, alt: 'Story alt', caption: 'The square.', credit: 'Jo Doe', filePhoto: true },
      },
    ]);
    expect(html).toBe(
      '<figure class="body-image"><img src="/media/7/960.jpg" srcset="/media/7/480.webp 480w, /media/7/960.webp 960w"' +
        ' sizes="(min-width: 760px) 720px, 100vw" width="1600" height="900" alt="Story alt" loading="lazy"' +
        ' decoding="async"><figcaption>The square. <span class="credit">Jo Doe</span>' +
        ' <span class="file-photo">(file photo)</span></figcaption></figure>',
    );
    expect($('.file-photo').text()).toBe('(file photo)');
  });

  it('an image without caption, credit or alt: media alt and no figcaption', () => {
    const { $ } = render([{ type: 'image', attrs: { mediaId: 7 } }]);
    expect($('img').attr('alt')).toBe('Library alt');
    expect($('figcaption')).toHaveLength(0);
    expect($('.file-photo')).toHaveLength(0);
  });

  it('no image at all when the media is unknown', () => {
    const { html } = render([
      para(text('before')),
      { type: 'image', attrs: { mediaId: 99, caption: 'Gone' } },
    ]);
    expect(html).toBe('<p>before</p>');
  });

  it('YouTube, Vimeo and Spotify as lazy, privacy-friendly iframes', () => {
    const { $ } = render([
      embed('youtube', 'https://youtu.be/dQw4w9WgXcQ'),
      embed('vimeo', 'https://vimeo.com/76979871'),
      embed('spotify', 'https://open.spotify.com/episode/4uLU6hMCjMI75M1A2tKUQC'),
    ]);
    const frames = $('figure.embed iframe');
    expect(frames.map((_, el) => $(el).attr('src')).get()).toEqual([
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      'https://player.vimeo.com/video/76979871?dnt=1',
      'https://open.spotify.com/embed/episode/4uLU6hMCjMI75M1A2tKUQC',
    ]);
    frames.each((_, el) => {
      const f = $(el);
      expect(f.attr('loading')).toBe('lazy');
      expect(f.attr('title')).toBeTruthy();
      expect(f.attr('allowfullscreen')).toBeDefined();
      expect(f.attr('referrerpolicy')).toBe('strict-origin-when-cross-origin');
    });
    expect(
      $('figure')
        .map((_, el) => $(el).attr('class'))
        .get(),
    ).toEqual(['embed embed-youtube', 'embed embed-vimeo', 'embed embed-spotify']);
  });

  it('X, Instagram and SoundCloud as link cards, never a script', () => {
    const { html, $ } = render([
      embed('x', 'https://twitter.com/NewsDesk/status/1234567890'),
      embed('instagram', 'https://www.instagram.com/p/C0dEfGhIjK/'),
      embed('soundcloud', 'https://soundcloud.com/some-band/a-song'),
    ]);
    expect(html).toContain(
      '<figure class="embed embed-x"><a href="https://x.com/NewsDesk/status/1234567890" rel="noopener noreferrer">View post on X</a></figure>',
    );
    expect($('figure.embed-instagram a').text()).toBe('View post on Instagram');
    expect($('figure.embed-soundcloud a').attr('href')).toBe('https://soundcloud.com/some-band/a-song');
    expect($('script, iframe')).toHaveLength(0);
  });
});

describe('renderHtml keeps hostile text inert', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '"onerror="alert(1)',
    "' onmouseover='alert(1)",
    '</p><script>alert(1)</script><p>',
    '<img src=x onerror=alert(1)>',
    '&lt;script&gt; & &amp;',
  ];

  /** No script element and no on* attribute anywhere in the fragment. */
  function expectInert($: cheerio.CheerioAPI) {
    expect($('script')).toHaveLength(0);
    $('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) {
        expect(name.startsWith('on')).toBe(false);
      }
    });
  }

  it.each(payloads)('%j in text, heading, list, citation and link title', (payload) => {
    const { $ } = render([
      para(text(payload), text(payload, [link('https://example.com/', payload)])),
      { type: 'heading', attrs: { level: 2 }, content: [text(payload)] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [para(text(payload))] }] },
      { type: 'blockquote', attrs: { citation: payload }, content: [para(text(payload))] },
    ]);
    expectInert($);
    expect($('p').first().text()).toBe(payload + payload);
    expect($('a').attr('title')).toBe(payload);
    expect($('h2').text()).toBe(payload);
    expect($('li').text()).toBe(payload);
    expect($('blockquote p').text()).toBe(payload);
    expect($('blockquote footer').text()).toBe(`— ${payload}`);
  });

  it.each(payloads)('%j in image alt, caption, credit and in the media view', (payload) => {
    const hostile: MediaView = {
      src: payload,
      srcset: payload,
      sizes: payload,
      width: 10,
      height: 10,
      alt: payload,
    };
    const { $ } = render(
      [
        { type: 'image', attrs: { mediaId: 1, alt: payload, caption: payload, credit: payload } },
        { type: 'image', attrs: { mediaId: 1 } },
      ],
      () => hostile,
    );
    expectInert($);
    expect($('img').length).toBe(2);
    for (const attr of ['src', 'srcset', 'sizes', 'alt']) expect($('img').first().attr(attr)).toBe(payload);
    expect($('img').last().attr('alt')).toBe(payload);
    expect($('figcaption').text()).toBe(`${payload} ${payload}`);
    expect($('figcaption .credit').text()).toBe(payload);
  });

  it('an unvalidated document cannot smuggle a script link, tag name or iframe', () => {
    const hostile = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'click', marks: [link('javascript:alert(1)')] }],
        },
        { type: 'heading', attrs: { level: '2 onclick=alert(1)' }, content: [{ type: 'text', text: 'h' }] },
        { type: 'orderedList', attrs: { start: '2" onclick="alert(1)' }, content: [] },
        { type: 'embed', attrs: { provider: 'youtube', url: 'https://evil.example/embed.html' } },
        { type: 'script', text: 'alert(1)' },
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'odd', marks: [{ type: 'toString' }, { type: 'onclick' }] }],
        },
      ],
    } as unknown as Doc;
    const html = renderHtml(hostile, { media });
    expect(html).toBe('<p>click</p><h2>h</h2><ol></ol><p>odd</p>');
  });

  it('escapeHtml escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml('plain')).toBe('plain');
  });
});

describe('embed frame origins', () => {
  it('lists the origin of every iframe player the renderer emits', async () => {
    const { EMBED_FRAME_ORIGINS, EMBED_PROVIDERS, matchEmbed } = await import('./embeds.js');
    const samples: Record<string, string> = {
      youtube: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      vimeo: 'https://vimeo.com/76979871',
      spotify: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
    };
    for (const [provider, url] of Object.entries(samples)) {
      const info = matchEmbed(provider as keyof typeof EMBED_PROVIDERS, url);
      expect(info?.frame, provider).toBeDefined();
      expect(EMBED_FRAME_ORIGINS).toContain(new URL(info!.frame!.src).origin);
    }
  });
});
