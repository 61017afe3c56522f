import { describe, expect, it } from 'vitest';
import { EMBED_PROVIDERS, matchEmbed } from './embeds.js';
import {
  DOCUMENT_LIMITS,
  type Doc,
  DocumentError,
  emptyDocument,
  isValidDocument,
  validateDocument,
} from './schema.js';

/** A paragraph holding one text node with the given marks. */
const para = (text: string, marks?: unknown[]) => ({
  type: 'paragraph',
  content: [marks ? { type: 'text', text, marks } : { type: 'text', text }],
});
const docOf = (...content: unknown[]) => ({ type: 'doc', content });
const link = (href: string, extra: Record<string, unknown> = {}) => ({
  type: 'link',
  attrs: { href, ...extra },
});

/** Asserts that validation fails at `path` with a message containing `message`. */
function rejects(input: unknown, path: string, message: string) {
  let error: unknown;
  try {
    validateDocument(input);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DocumentError);
  expect((error as DocumentError).path).toBe(path);
  expect((error as DocumentError).message).toContain(message);
  expect((error as DocumentError).message.startsWith(path)).toBe(true);
  expect(isValidDocument(input)).toBe(false);
}

const everyNode: Doc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Two' }] },
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Three' }] },
    { type: 'heading', attrs: { level: 4 } },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Plain, ' },
        { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'both', marks: [{ type: 'bold' }, { type: 'italic' }] },
        {
          type: 'text',
          text: 'site',
          marks: [{ type: 'link', attrs: { href: 'https://example.com/', title: 'T' } }],
        },
        { type: 'text', text: 'mail', marks: [{ type: 'link', attrs: { href: 'mailto:desk@example.com' } }] },
      ],
    },
    { type: 'paragraph' },
    {
      type: 'blockquote',
      attrs: { citation: 'A. Source' },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quoted' }] }],
    },
    {
      type: 'blockquote',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Unattributed' }] }],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Outer' }] },
            {
              type: 'orderedList',
              attrs: { start: 3 },
              content: [
                {
                  type: 'listItem',
                  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Inner' }] }],
                },
              ],
            },
          ],
        },
      ],
    },
    { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
    { type: 'image', attrs: { mediaId: 7, alt: 'Alt', caption: 'Cap', credit: 'Cred', filePhoto: true } },
    { type: 'image', attrs: { mediaId: 8 } },
    { type: 'embed', attrs: { provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' } },
    { type: 'embed', attrs: { provider: 'x', url: 'https://twitter.com/someone/status/1234567890' } },
    { type: 'horizontalRule' },
  ],
};

describe('validateDocument accepts', () => {
  it('every node and mark type, returning an equal copy', () => {
    const input = structuredClone(everyNode);
    const out = validateDocument(input);
    expect(out).toEqual(everyNode);
    expect(out).not.toBe(input);
  });

  it('an empty document', () => {
    expect(validateDocument(emptyDocument())).toEqual({ type: 'doc', content: [] });
    expect(isValidDocument(emptyDocument())).toBe(true);
  });

  it('TipTap-style null defaults, dropping them and empty arrays', () => {
    const input = docOf(
      { type: 'blockquote', attrs: { citation: null }, content: [{ type: 'paragraph', content: [] }] },
      { type: 'orderedList', attrs: { start: null }, content: [{ type: 'listItem', content: [para('x')] }] },
      { type: 'image', attrs: { mediaId: 1, alt: null, caption: null, credit: null, filePhoto: null } },
      para('l', [link('https://example.com', { title: null })]),
      { type: 'paragraph', content: [{ type: 'text', text: 'm', marks: [] }] },
    );
    expect(validateDocument(input).content).toEqual([
      { type: 'blockquote', content: [{ type: 'paragraph' }] },
      { type: 'orderedList', content: [{ type: 'listItem', content: [para('x')] }] },
      { type: 'image', attrs: { mediaId: 1 } },
      para('l', [link('https://example.com')]),
      para('m'),
    ]);
  });

  it('http, https and mailto links in any letter case', () => {
    for (const href of ['http://example.com', 'HTTPS://EXAMPLE.COM/a?b=c#d', 'mailto:tips@example.com']) {
      expect(isValidDocument(docOf(para('x', [link(href)])))).toBe(true);
    }
  });

  it('marks on a hard break, which it drops', () => {
    const input = docOf({ type: 'paragraph', content: [{ type: 'hardBreak', marks: [{ type: 'bold' }] }] });
    expect(validateDocument(input).content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'hardBreak' }],
    });
  });

  // Speed is measured by benchmarks, not timed tests (machines here are noisy); this checks that
  // a long, realistic article is accepted and comes back equal.
  it('a 5,000-word article', () => {
    const sentence =
      'The council voted on the budget late on Tuesday after a long and at times bitter debate.';
    // 60 paragraphs of ~85 words, bold in each, a link in every other one: ~5,000 words.
    const article = docOf(
      ...Array.from({ length: 60 }, (_, i) => ({
        type: 'paragraph',
        content: [
          { type: 'text', text: `${sentence} `.repeat(3) },
          { type: 'text', text: 'in bold', marks: [{ type: 'bold' }] },
          { type: 'text', text: ` ${sentence}`.repeat(2) },
          ...(i % 2 ? [{ type: 'text', text: ' a link', marks: [link(`https://example.com/${i}`)] }] : []),
          { type: 'text', text: ` ${sentence}` },
        ],
      })),
    );
    expect(validateDocument(article)).toEqual(article);
  });
});

describe('validateDocument rejects links', () => {
  const at = 'content[0].content[0].marks[0]';
  it.each([
    ['javascript:alert(1)', 'href must use http, https or mailto'],
    ['JaVaScRiPt:alert(1)', 'href must use http, https or mailto'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'href must use http, https or mailto'],
    ['vbscript:msgbox(1)', 'href must use http, https or mailto'],
    ['file:///etc/passwd', 'href must use http, https or mailto'],
    ['  javascript:alert(1)', 'href must not contain spaces, control or invisible characters'],
    ['java\tscript:alert(1)', 'href must not contain spaces, control or invisible characters'],
    ['java\nscript:alert(1)', 'href must not contain spaces, control or invisible characters'],
    ['\u0001javascript:alert(1)', 'href contains a control character'],
    ['https://exa\u200bmple.com', 'href must not contain spaces, control or invisible characters'],
    ['/news/story', 'href must be an absolute http, https or mailto URL'],
    ['//evil.example/x', 'href must be an absolute http, https or mailto URL'],
    ['story.html', 'href must be an absolute http, https or mailto URL'],
    ['', 'href must not be empty'],
  ])('%j', (href, message) => {
    rejects(docOf(para('x', [link(href)])), at, `${at} (link mark): ${message}`);
  });

  it('without href, with a non-string title, or with unknown attributes', () => {
    rejects(docOf(para('x', [{ type: 'link', attrs: {} }])), at, 'href must be a string');
    rejects(docOf(para('x', [link('https://a.example', { title: 5 })])), at, 'title must be a string');
    rejects(
      docOf(para('x', [link('https://a.example', { target: '_blank' })])),
      at,
      'unknown attribute "target"',
    );
    rejects(docOf(para('x', [{ type: 'link' }])), at, 'attrs must be an object');
  });
});

describe('validateDocument rejects structure', () => {
  it.each([
    ['an unknown node type', docOf(para('a'), { type: 'video' }), 'content[1]', 'unknown node type "video"'],
    ['a non-object node', docOf('text'), 'content[0]', 'must be an object'],
    ['text at block level', docOf({ type: 'text', text: 'x' }), 'content[0]', '(text): not allowed'],
    [
      'a list item at block level',
      docOf({ type: 'listItem', content: [para('x')] }),
      'content[0]',
      'not allowed',
    ],
    [
      'a paragraph inside a paragraph',
      docOf({ type: 'paragraph', content: [para('x')] }),
      'content[0].content[0]',
      '(paragraph): not allowed in a paragraph',
    ],
    [
      'an unknown attribute',
      docOf({ type: 'image', attrs: { mediaId: 1, onerror: 'x' } }),
      'content[0]',
      'unknown attribute "onerror"',
    ],
    [
      'an unknown field',
      docOf({ type: 'paragraph', attrs: { textAlign: 'left' } }),
      'content[0]',
      'unknown field "attrs"',
    ],
    [
      'a prototype key',
      JSON.parse('{"type":"doc","content":[{"type":"horizontalRule","__proto__":{}}]}'),
      'content[0]',
      'unknown field "__proto__"',
    ],
    [
      'heading level 1',
      docOf({ type: 'heading', attrs: { level: 1 } }),
      'content[0]',
      '(heading): level must be 2, 3 or 4',
    ],
    [
      'heading level 5',
      docOf({ type: 'heading', attrs: { level: 5 } }),
      'content[0]',
      'level must be 2, 3 or 4',
    ],
    [
      'heading level "2"',
      docOf({ type: 'heading', attrs: { level: '2' } }),
      'content[0]',
      'level must be 2, 3 or 4',
    ],
    ['a heading without attrs', docOf({ type: 'heading' }), 'content[0]', 'attrs must be an object'],
    [
      'a bullet list without items',
      docOf({ type: 'bulletList', content: [] }),
      'content[0]',
      'at least one list item',
    ],
    [
      'an ordered list without content',
      docOf({ type: 'orderedList' }),
      'content[0]',
      'content must be an array',
    ],
    [
      'an ordered list starting at 0',
      docOf({
        type: 'orderedList',
        attrs: { start: 0 },
        content: [{ type: 'listItem', content: [para('x')] }],
      }),
      'content[0]',
      'start must be a whole number',
    ],
    [
      'an empty list item',
      docOf({ type: 'bulletList', content: [{ type: 'listItem', content: [] }] }),
      'content[0].content[0]',
      'at least one paragraph',
    ],
    [
      'a list item starting with a list',
      docOf({
        type: 'bulletList',
        content: [{ type: 'listItem', content: [{ type: 'bulletList', content: [] }] }],
      }),
      'content[0].content[0].content[0]',
      '(bulletList): not allowed in first place of a list item',
    ],
    [
      'a paragraph inside a list',
      docOf({ type: 'bulletList', content: [para('x')] }),
      'content[0].content[0]',
      'not allowed in a list',
    ],
    [
      'an empty blockquote',
      docOf({ type: 'blockquote', content: [] }),
      'content[0]',
      'at least one paragraph',
    ],
    [
      'a heading inside a blockquote',
      docOf({ type: 'blockquote', content: [{ type: 'heading', attrs: { level: 2 } }] }),
      'content[0].content[0]',
      'not allowed',
    ],
    [
      'empty text',
      docOf({ type: 'paragraph', content: [{ type: 'text', text: '' }] }),
      'content[0].content[0]',
      'text must not be empty',
    ],
    [
      'non-string text',
      docOf({ type: 'paragraph', content: [{ type: 'text', text: 3 }] }),
      'content[0].content[0]',
      'text must be a string',
    ],
    [
      'a NUL character',
      docOf(para('a\u0000b')),
      'content[0].content[0]',
      'control character or broken Unicode',
    ],
    [
      'a lone surrogate',
      docOf(para('a\ud800b')),
      'content[0].content[0]',
      'control character or broken Unicode',
    ],
    [
      'an unknown mark',
      docOf(para('x', [{ type: 'highlight' }])),
      'content[0].content[0].marks[0]',
      'unknown mark type "highlight"',
    ],
    [
      'a duplicate mark',
      docOf(para('x', [{ type: 'bold' }, { type: 'italic' }, { type: 'bold' }])),
      'content[0].content[0].marks[2]',
      '(bold mark): duplicate',
    ],
    [
      'a mark with attrs it cannot have',
      docOf(para('x', [{ type: 'bold', attrs: {} }])),
      'content[0].content[0].marks[0]',
      'unknown field "attrs"',
    ],
    [
      'mediaId 0',
      docOf({ type: 'image', attrs: { mediaId: 0 } }),
      'content[0]',
      '(image): mediaId must be a positive integer',
    ],
    [
      'a fractional mediaId',
      docOf({ type: 'image', attrs: { mediaId: 1.5 } }),
      'content[0]',
      'mediaId must be a positive integer',
    ],
    [
      'a string mediaId',
      docOf({ type: 'image', attrs: { mediaId: '3' } }),
      'content[0]',
      'mediaId must be a positive integer',
    ],
    [
      'a string filePhoto',
      docOf({ type: 'image', attrs: { mediaId: 3, filePhoto: 'yes' } }),
      'content[0]',
      'filePhoto must be true or false',
    ],
    [
      'an over-long caption',
      docOf({ type: 'image', attrs: { mediaId: 3, caption: 'x'.repeat(2001) } }),
      'content[0]',
      'caption is longer than 2000',
    ],
  ])('%s', (_name, input, path, message) => rejects(input, path, message));

  it.each([
    ['null', null, 'must be an object'],
    ['a string', '<p>hi</p>', 'must be an object'],
    ['a paragraph', para('x'), 'paragraph: not allowed in the document'],
    ['a doc without content', { type: 'doc' }, 'doc: content must be an array'],
    ['a doc with attrs', { type: 'doc', content: [], attrs: {} }, 'unknown field "attrs"'],
  ])('a root that is %s', (_name, input, message) => rejects(input, '', message));
});

describe('validateDocument rejects embeds', () => {
  const embed = (provider: unknown, url: unknown) => docOf({ type: 'embed', attrs: { provider, url } });
  it.each([
    ['youtube', 'https://vimeo.com/76979871', 'url is not a YouTube address'],
    ['youtube', 'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ', 'url is not a YouTube address'],
    ['youtube', 'https://evil.example/www.youtube.com/watch?v=dQw4w9WgXcQ', 'url is not a YouTube address'],
    ['youtube', 'https://www.youtube.com/watch?v=short', 'url is not a YouTube address'],
    ['youtube', 'javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ', 'url is not a YouTube address'],
    ['youtube', 'https://user@www.youtube.com/watch?v=dQw4w9WgXcQ', 'url is not a YouTube address'],
    ['vimeo', 'https://vimeo.com/about', 'url is not a Vimeo address'],
    ['x', 'https://x.com/someone', 'url is not a X address'],
    ['instagram', 'https://www.instagram.com/someone/', 'url is not a Instagram address'],
    ['spotify', 'https://open.spotify.com/track/short', 'url is not a Spotify address'],
    ['soundcloud', 'https://soundcloud.evil.example/a/b', 'url is not a SoundCloud address'],
    ['tiktok', 'https://www.tiktok.com/@a/video/1', 'provider must be one of youtube, vimeo'],
    ['toString', 'https://example.com', 'provider must be one of'],
    ['youtube', 42, 'url must be a string'],
  ])('%s %j', (provider, url, message) => rejects(embed(provider, url), 'content[0]', message));
});

describe('validateDocument limits', () => {
  it(`rejects nesting deeper than ${DOCUMENT_LIMITS.maxDepth} levels`, () => {
    // Each nested list adds two levels (list, item); the innermost text sits deepest.
    const nest = (levels: number): unknown =>
      levels === 0
        ? para('deep')
        : { type: 'bulletList', content: [{ type: 'listItem', content: [para('x'), nest(levels - 1)] }] };
    expect(isValidDocument(docOf(nest(5)))).toBe(true);
    // The sixth list's first paragraph would sit at depth 13.
    const deepPath = `content[0]${'.content[0].content[1]'.repeat(5)}.content[0].content[0]`;
    rejects(docOf(nest(6)), deepPath, `nested deeper than ${DOCUMENT_LIMITS.maxDepth} levels`);
  });

  it(`rejects more than ${DOCUMENT_LIMITS.maxNodes} nodes`, () => {
    const rules = Array.from({ length: DOCUMENT_LIMITS.maxNodes }, () => ({ type: 'horizontalRule' }));
    // The doc itself is node 1, so the last of these rules is node 20,001.
    rejects(docOf(...rules), `content[${DOCUMENT_LIMITS.maxNodes - 1}]`, 'more than 20000 nodes');
    expect(isValidDocument(docOf(...rules.slice(1)))).toBe(true);
  });

  it('rejects an over-long text node and an over-long document', () => {
    rejects(
      docOf(para('x'.repeat(DOCUMENT_LIMITS.maxTextLength + 1))),
      'content[0].content[0]',
      'longer than 20000',
    );
    const chunk = para('x'.repeat(DOCUMENT_LIMITS.maxTextLength));
    const count = DOCUMENT_LIMITS.maxTotalLength / DOCUMENT_LIMITS.maxTextLength;
    expect(isValidDocument(docOf(...Array.from({ length: count }, () => chunk)))).toBe(true);
    rejects(
      docOf(...Array.from({ length: count + 1 }, () => chunk)),
      `content[${count}].content[0]`,
      'document is longer than 500000',
    );
  });
});

describe('matchEmbed', () => {
  it.each([
    [
      'youtube',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share',
      'dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    ],
    [
      'youtube',
      'https://youtu.be/dQw4w9WgXcQ?t=1m30s',
      'dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90',
    ],
    [
      'youtube',
      'http://m.youtube.com/shorts/dQw4w9WgXcQ',
      'dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    ],
    ['vimeo', 'https://vimeo.com/76979871', '76979871', 'https://player.vimeo.com/video/76979871?dnt=1'],
    [
      'vimeo',
      'https://player.vimeo.com/video/76979871?h=abcdef1234',
      '76979871',
      'https://player.vimeo.com/video/76979871?dnt=1&h=abcdef1234',
    ],
    [
      'spotify',
      'https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC?si=x',
      'track/4uLU6hMCjMI75M1A2tKUQC',
      'https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC',
    ],
  ] as const)('%s %s plays from a privacy-friendly iframe', (provider, url, id, src) => {
    const info = matchEmbed(provider, url);
    expect(info?.id).toBe(id);
    expect(info?.frame?.src).toBe(src);
    expect(EMBED_PROVIDERS[provider].render).toBe('iframe');
  });

  it.each([
    ['x', 'https://twitter.com/NewsDesk/status/1234567890?s=20', 'https://x.com/NewsDesk/status/1234567890'],
    [
      'instagram',
      'https://www.instagram.com/reel/C0dEfGhIjK/?igsh=1',
      'https://www.instagram.com/reel/C0dEfGhIjK/',
    ],
    [
      'soundcloud',
      'https://m.soundcloud.com/some-band/sets/live-album',
      'https://soundcloud.com/some-band/sets/live-album',
    ],
  ] as const)('%s %s becomes a canonical link card', (provider, url, canonical) => {
    const info = matchEmbed(provider, url);
    expect(info?.url).toBe(canonical);
    expect(info?.frame).toBeUndefined();
  });

  it('refuses a provider name off the allow-list at runtime', () => {
    expect(matchEmbed('__proto__' as never, 'https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBeNull();
  });
});
