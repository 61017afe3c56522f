import { Feed, type Item } from 'feed';
import type { Config } from '../../config.js';
import type { FeedEntry } from './entries.js';
import { htmlField } from './field-text.js';
import { type FeedFormat, feedPath } from './links.js';
import type { ResolvedScope } from './scope.js';
import { attr, cdata, text } from './xml-guard.js';

/**
 * Feed documents from entries, with the `feed` package. Each format gets its own Feed object,
 * because the formats disagree on what a title is: RSS and JSON Feed titles are plain text,
 * Atom's (type="html", as the library writes it) is escaped HTML.
 */
const MEDIA_NS = 'http://search.yahoo.com/mrss/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

export interface FeedDocument {
  /** The site's settings: all a document needs besides its scope and entries. */
  site: Config['site'];
  scope: ResolvedScope;
  full: boolean;
  entries: FeedEntry[];
  updated: Date;
}
type Doc = FeedDocument;

/** The document in one format, as the feed route picks it (the static export renders through this). */
export function renderFeed(format: FeedFormat, d: FeedDocument): string {
  return format === 'rss' ? rss(d) : format === 'atom' ? atom(d) : jsonFeed(d);
}

/**
 * Many documents over shared entries, byte for byte as `renderFeed` writes them: the static
 * export's thousand summary feeds, where a story shows in several (its sections, tags, author,
 * the whole site) and the `feed` package would turn it into XML each time. Here each document
 * is rendered by the package with only the entries not seen before; their XML is cut out and
 * kept, and the document is put together from its own head and every entry's XML in order.
 * What the package writes for an entry depends on that entry alone (export.test.ts compares
 * every exported feed with the live route's bytes). Should a cut not find exactly one element
 * per entry (a summary containing the very line that starts an item, say), the document is
 * rendered whole instead. JSON Feed items are kept as text the same way (`json`).
 */
export class FeedBatch {
  private readonly items = new Map<string, string>();
  private format: FeedFormat | null = null;

  /**
   * Entries are kept for one format at a time (a thousand feeds' entries in three formats held
   * at once were the export's largest allocation): render every document of one format, then
   * the next.
   */
  render(format: FeedFormat, d: FeedDocument): string {
    if (format !== this.format) {
      this.items.clear();
      this.format = format;
    }
    if (format === 'json') return this.json(d);
    // Items sit two levels deep in RSS (rss > channel), entries one in Atom.
    const [open, close, end] =
      format === 'rss'
        ? ['\n        <item>', '</item>', '\n    </channel>']
        : ['\n    <entry>', '</entry>', '\n</feed>'];
    const key = (e: FeedEntry) => `${format} ${d.full} ${e.id}`;
    const fresh = this.unseen(d.entries, key);
    const doc = renderFeed(format, { ...d, entries: fresh });
    let head: string;
    let tail: string;
    if (fresh.length === 0) {
      const at = doc.lastIndexOf(end);
      if (at < 0) return renderFeed(format, d);
      [head, tail] = [doc.slice(0, at), doc.slice(at)];
    } else {
      const first = doc.indexOf(open);
      const last = doc.lastIndexOf(close);
      if (first < 0 || last < 0) return renderFeed(format, d);
      const pieces = doc.slice(first + open.length, last + close.length).split(open);
      if (pieces.length !== fresh.length) return renderFeed(format, d);
      for (const [i, e] of fresh.entries()) this.items.set(key(e), open + pieces[i]);
      [head, tail] = [doc.slice(0, first), doc.slice(last + close.length)];
    }
    let items = '';
    for (const e of d.entries) items += this.items.get(key(e)) ?? '';
    return head + items + tail;
  }

  /**
   * JSON Feed the same way: the document with only the new entries' items, each item's text
   * kept as `JSON.stringify(…, null, 2)` writes it two levels deep, and the document's empty
   * item list filled with the items in order.
   */
  private json(d: FeedDocument): string {
    const key = (e: FeedEntry) => `json ${d.full} ${e.id}`;
    const fresh = this.unseen(d.entries, key);
    const doc = jsonFeedDocument({ ...d, entries: fresh });
    for (const [i, item] of doc.items.entries()) {
      const e = fresh[i];
      if (e) this.items.set(key(e), `    ${JSON.stringify(item, null, 2).replaceAll('\n', '\n    ')}`);
    }
    const text = JSON.stringify({ ...doc, items: [] }, null, 2);
    // A key of the document itself: in any value, quotes are escaped.
    const at = text.indexOf('\n  "items": []');
    if (at < 0 || !d.entries.length) return renderFeed('json', d);
    const items = d.entries.map((e) => this.items.get(key(e)) ?? '').join(',\n');
    return `${text.slice(0, at)}\n  "items": [\n${items}\n  ]${text.slice(at + '\n  "items": []'.length)}`;
  }

  /** The entries whose text is not kept yet, each once. */
  private unseen(entries: FeedEntry[], key: (e: FeedEntry) => string): FeedEntry[] {
    return [...new Map(entries.filter((e) => !this.items.has(key(e))).map((e) => [key(e), e])).values()];
  }

  /** Forget the entries' text (the batch is done). */
  clear(): void {
    this.items.clear();
  }
}

function baseFeed(d: Doc, format: FeedFormat, escapeTitle: (s: string) => string): Feed {
  const site = d.site;
  const self = `${site.url}${feedPath(d.scope.scope, format, d.full)}`;
  return new Feed({
    id: self,
    title: escapeTitle(d.scope.title),
    // RSS readers render a channel description as HTML; Atom's subtitle is plain text.
    description: text(format === 'rss' ? htmlField(d.scope.description) : d.scope.description),
    link: d.scope.pageUrl,
    language: site.language,
    updated: d.updated,
    generator: 'Masthead',
    image: `${site.url}/assets/logo.png`,
    favicon: `${site.url}/assets/logo.png`,
    copyright: text(`© ${site.name}`),
    feedLinks: { [format]: self },
    // Atom needs an author for entries without a byline.
    author: { name: text(site.name), link: site.url },
  });
}

export function rss(d: Doc): string {
  const feed = baseFeed(d, 'rss', text);
  for (const e of d.entries) {
    const extensions: Item['extensions'] = [];
    if (e.authors.length) {
      // RSS <author> must be an e-mail address; Dublin Core names the people instead.
      extensions.push({
        name: 'dc:creator',
        objects: { _attributes: { 'xmlns:dc': DC_NS }, _text: text(e.authors.map((a) => a.name).join(', ')) },
      });
    }
    if (e.image) {
      extensions.push({
        name: 'media:content',
        objects: {
          _attributes: {
            'xmlns:media': MEDIA_NS,
            url: e.image.url,
            type: e.image.type,
            medium: 'image',
            width: e.image.width,
            height: e.image.height,
          },
          ...(e.image.caption || e.image.alt
            ? {
                'media:description': {
                  _attributes: { type: 'plain' },
                  _text: text(e.image.caption || e.image.alt),
                },
              }
            : {}),
        },
      });
    }
    feed.addItem({
      title: cdata(e.title),
      id: e.id,
      link: e.url,
      date: e.updated,
      published: e.published,
      description: cdata(e.summaryHtml),
      content: e.contentHtml === undefined ? undefined : cdata(e.contentHtml),
      category: e.tags.map((t) => ({ name: text(t.name), domain: t.url })),
      // The library fills type from the file extension unless given; length is unknown until the
      // rendition is made, and 0 is the accepted "unknown".
      enclosure: e.image ? { url: e.image.url, type: e.image.type, length: 0 } : undefined,
      extensions,
    });
  }
  return feed.rss2();
}

export function atom(d: Doc): string {
  const feed = baseFeed(d, 'atom', text);
  for (const e of d.entries) {
    feed.addItem({
      title: cdata(htmlField(e.title)),
      id: e.id,
      link: e.url,
      date: e.updated,
      published: e.published,
      description: cdata(e.summaryHtml),
      content: e.contentHtml === undefined ? undefined : cdata(e.contentHtml),
      author: e.authors.map((a) => ({ name: text(a.name), link: a.url })),
      category: e.tags.map((t) => ({
        term: t.slug,
        name: attr(t.name),
        scheme: `${d.site.url}/tag/`,
      })),
      enclosure: e.image ? { url: e.image.url, length: 0 } : undefined,
    });
  }
  return feed.atom1();
}

/**
 * JSON Feed 1.1. The library writes version 1 (one `author`, no `language`); the document is
 * upgraded here to 1.1's `authors` and `language`, with plain-text `summary` and HTML content.
 */
export function jsonFeed(d: Doc): string {
  return JSON.stringify(jsonFeedDocument(d), null, 2);
}

/** The JSON Feed document as an object (FeedBatch writes its items once for many documents). */
function jsonFeedDocument(d: Doc): Record<string, unknown> & { items: Record<string, unknown>[] } {
  const site = d.site;
  const feed = baseFeed(d, 'json', (s) => s);
  for (const e of d.entries) {
    feed.addItem({
      title: e.title,
      id: e.id,
      link: e.url,
      date: e.updated,
      published: e.published,
      description: e.summary,
      content: e.contentHtml ?? e.summaryHtml,
      image: e.image?.url,
      category: e.tags.map((t) => ({ name: t.name })),
    });
  }
  const {
    version: _v1,
    author: _a,
    ...out
  } = JSON.parse(feed.json1()) as Record<string, unknown> & {
    items: Record<string, unknown>[];
  };
  const items = out.items.map((item, i) => {
    const e = d.entries[i];
    const { author: _drop, ...rest } = item;
    return {
      ...rest,
      ...(e?.authors.length ? { authors: e.authors.map((a) => ({ name: a.name, url: a.url })) } : {}),
    };
  });
  return {
    version: 'https://jsonfeed.org/version/1.1',
    ...out,
    // Plain text here: baseFeed's guards are for XML.
    title: d.scope.title,
    description: d.scope.description,
    language: site.language,
    favicon: `${site.url}/assets/logo.png`,
    authors: [{ name: site.name, url: site.url }],
    items,
  };
}
