import { escapeHtml } from '../shared/document/index.js';

/**
 * A Ghost post's body — Lexical (Ghost 5 and later) or mobiledoc (Ghost 1–4) — rendered to the
 * plain HTML that `convertHtml` (html.ts) turns into Masthead's typed document. Rendering to
 * HTML first keeps one converter for every source: images are resolved, embeds checked against
 * the allow-list and the unconvertible reported in one place. Every text and attribute is
 * escaped here, so a body can only ever produce the elements written below.
 *
 * Cards with no place in the document are named in `problems`; a card whose content is text
 * (markdown, callout, toggle) keeps that text as paragraphs rather than losing it.
 */

export interface GhostBody {
  html: string;
  problems: string[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Ghost writes its own address as `__GHOST_URL__` in exports since 4.0. */
export function ghostUrl(url: string, site: string): string {
  return url.replaceAll('__GHOST_URL__', site);
}

// Lexical's text format bits (lexical/src/LexicalConstants.ts), outermost first.
const FORMATS: [number, string][] = [
  [1, 'strong'],
  [2, 'em'],
  [4, 's'],
  [8, 'u'],
  [16, 'code'],
  [32, 'sub'],
  [64, 'sup'],
];

/** Markdown cards keep their words: markers stripped, links kept as links, paragraphs kept. */
function markdownParagraphs(md: string): string {
  const blocks = md.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  return blocks
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(b);
      const lines = b.split('\n').map((l) => l.replace(/^\s*(?:[-*+]|\d+\.|>)\s+/, ''));
      const inline = (t: string) =>
        escapeHtml(t)
          .replace(
            /\[([^\]]+)\]\(([^)\s]+)\)/g,
            (_m, label: string, href: string) => `<a href="${href}">${label}</a>`,
          )
          .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
          .replace(/(^|[^*])\*([^*]+)\*/g, '$1<em>$2</em>');
      if (heading)
        return `<h${Math.max(2, heading[1]?.length ?? 2)}>${inline(heading[2] ?? '')}</h${Math.max(2, heading[1]?.length ?? 2)}>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('');
}

class Renderer {
  readonly problems: string[] = [];
  constructor(private readonly site: string) {}

  url(v: unknown): string {
    return ghostUrl(str(v), this.site);
  }

  image(src: string, alt: string, caption: string): string {
    if (!src) return '';
    const img = `<img src="${escapeHtml(this.url(src))}" alt="${escapeHtml(alt)}">`;
    // Ghost stores captions as HTML; the converter keeps their text.
    return caption ? `<figure>${img}<figcaption>${caption}</figcaption></figure>` : img;
  }

  embed(url: string, what: string): string {
    if (!url) {
      this.problems.push(`${what} card without an address not imported`);
      return '';
    }
    return `<iframe src="${escapeHtml(this.url(url))}"></iframe>`;
  }

  /** The cards Lexical and mobiledoc share (mobiledoc's names, Lexical's are mapped onto them). */
  card(name: string, p: Obj): string {
    switch (name) {
      case 'image':
        return this.image(str(p.src), str(p.alt), str(p.caption));
      case 'gallery': {
        const images = list(p.images).filter(isObj);
        this.problems.push(`gallery of ${images.length} images imported as separate images`);
        return images.map((i) => this.image(str(i.src), str(i.alt), str(i.caption))).join('');
      }
      case 'embed':
        return this.embed(str(p.url), 'embed');
      case 'bookmark': {
        const url = this.url(p.url);
        const title = str(isObj(p.metadata) ? p.metadata.title : '') || url;
        return url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(title)}</a></p>` : '';
      }
      case 'html':
        // Raw HTML a writer pasted: the converter keeps what fits and reports the rest.
        return str(p.html);
      case 'markdown':
        this.problems.push('markdown card imported as plain paragraphs');
        return markdownParagraphs(str(p.markdown));
      case 'hr':
      case 'horizontalrule':
        return '<hr>';
      case 'code':
      case 'codeblock':
        return `<pre>${escapeHtml(str(p.code))}</pre>`;
      case 'callout':
        this.problems.push('callout card imported as a paragraph');
        return `<p>${str(p.calloutText)}</p>`;
      case 'toggle':
        this.problems.push('toggle card imported as a heading and its text');
        return `<h3>${str(p.heading)}</h3>${str(p.content)}`;
      case 'video':
      case 'audio':
      case 'file':
        this.problems.push(
          `${name} card not imported (upload the file to the media library): ${this.url(p.src)}`,
        );
        return '';
      case 'paywall':
        this.problems.push('members-only divider removed: the whole story is public');
        return '';
      default:
        this.problems.push(`"${name}" card not imported`);
        return '';
    }
  }

  // ---- Lexical ----

  lexical(root: Obj): string {
    return list(root.children)
      .filter(isObj)
      .map((n) => this.lexBlock(n))
      .join('');
  }

  lexInline(nodes: unknown[]): string {
    return nodes
      .filter(isObj)
      .map((n) => {
        switch (n.type) {
          case 'text':
          case 'extended-text': {
            let html = escapeHtml(str(n.text));
            const format = typeof n.format === 'number' ? n.format : 0;
            for (const [bit, tag] of [...FORMATS].reverse())
              if (format & bit) html = `<${tag}>${html}</${tag}>`;
            return html;
          }
          case 'link':
          case 'at-link':
            return `<a href="${escapeHtml(this.url(n.url))}">${this.lexInline(list(n.children))}</a>`;
          case 'linebreak':
            return '<br>';
          case 'tab':
            return ' ';
          default:
            // Hashtags and other decorators: their text, if they have any.
            return n.children ? this.lexInline(list(n.children)) : escapeHtml(str(n.text));
        }
      })
      .join('');
  }

  lexBlock(n: Obj): string {
    const type = str(n.type);
    switch (type) {
      case 'paragraph':
      case 'extended-text':
        return `<p>${this.lexInline(list(n.children))}</p>`;
      case 'heading':
      case 'extended-heading': {
        const level = /^h([1-6])$/.exec(str(n.tag))?.[1] ?? '2';
        return `<h${level}>${this.lexInline(list(n.children))}</h${level}>`;
      }
      case 'quote':
      case 'extended-quote':
      case 'aside':
        return `<blockquote><p>${this.lexInline(list(n.children))}</p></blockquote>`;
      case 'list': {
        const tag = n.listType === 'number' ? 'ol' : 'ul';
        const start = typeof n.start === 'number' && n.start > 1 && tag === 'ol' ? ` start="${n.start}"` : '';
        return `<${tag}${start}>${list(n.children)
          .filter(isObj)
          .map((li) => this.lexItem(li))
          .join('')}</${tag}>`;
      }
      case 'horizontalrule':
        return '<hr>';
      case 'image':
        return this.card('image', n);
      case 'embed':
        return this.card('embed', n);
      default:
        return this.card(type, n);
    }
  }

  lexItem(li: Obj): string {
    const kids = list(li.children).filter(isObj);
    // A nested list is a list item whose only child is a list.
    const inline = kids.filter((k) => k.type !== 'list');
    const nested = kids.filter((k) => k.type === 'list').map((k) => this.lexBlock(k));
    return `<li>${this.lexInline(inline)}${nested.join('')}</li>`;
  }

  // ---- mobiledoc (0.3.x) ----

  mobiledoc(doc: Obj): string {
    const markups = list(doc.markups).map((m) => list(m));
    const atoms = list(doc.atoms).map((a) => list(a));
    const cards = list(doc.cards).map((c) => list(c));
    const markers = (ms: unknown[]): string => {
      let out = '';
      const open: string[] = [];
      for (const raw of ms) {
        const m = list(raw);
        for (const i of list(m[1])) {
          const markup = markups[typeof i === 'number' ? i : -1];
          const tag = str(markup?.[0]).toLowerCase();
          const attrs = list(markup?.[1]);
          const safeTag = ['b', 'strong', 'i', 'em', 's', 'u', 'sub', 'sup', 'code', 'a'].includes(tag)
            ? tag
            : 'span';
          const href = safeTag === 'a' ? attrs[attrs.indexOf('href') + 1] : undefined;
          out += safeTag === 'a' ? `<a href="${escapeHtml(this.url(href))}">` : `<${safeTag}>`;
          open.push(safeTag);
        }
        if (m[0] === 1) {
          const atom = atoms[typeof m[3] === 'number' ? m[3] : -1];
          if (atom?.[0] === 'soft-return') out += '<br>';
          else if (atom) out += escapeHtml(str(atom[1]));
        } else out += escapeHtml(str(m[3]));
        const close = typeof m[2] === 'number' ? m[2] : 0;
        for (let k = 0; k < close && open.length; k++) out += `</${open.pop()}>`;
      }
      while (open.length) out += `</${open.pop()}>`;
      return out;
    };
    return list(doc.sections)
      .map((raw) => {
        const s = list(raw);
        switch (s[0]) {
          case 1: {
            const tag = str(s[1]).toLowerCase();
            const body = markers(list(s[2]));
            if (/^h[1-6]$/.test(tag)) return `<${tag}>${body}</${tag}>`;
            if (tag === 'blockquote' || tag === 'aside') return `<blockquote><p>${body}</p></blockquote>`;
            return `<p>${body}</p>`;
          }
          case 2:
            return this.image(str(s[1]), '', '');
          case 3: {
            const tag = s[1] === 'ol' ? 'ol' : 'ul';
            return `<${tag}>${list(s[2])
              .map((item) => `<li>${markers(list(item))}</li>`)
              .join('')}</${tag}>`;
          }
          case 10: {
            const card = cards[typeof s[1] === 'number' ? s[1] : -1];
            return card ? this.card(str(card[0]).replace(/-card$/, ''), isObj(card[1]) ? card[1] : {}) : '';
          }
          default:
            this.problems.push(`mobiledoc section of type ${String(s[0])} not imported`);
            return '';
        }
      })
      .join('');
  }
}

/**
 * The post's body as HTML, from the first of its Lexical, mobiledoc or rendered HTML that is
 * there and readable; `site` replaces `__GHOST_URL__`.
 */
export function ghostBody(
  post: { lexical?: unknown; mobiledoc?: unknown; html?: unknown },
  site: string,
): GhostBody {
  const r = new Renderer(site);
  const parsed = (v: unknown): Obj | null => {
    if (typeof v !== 'string' || !v.trim()) return null;
    try {
      const o = JSON.parse(v) as unknown;
      return isObj(o) ? o : null;
    } catch {
      r.problems.push('body JSON is not readable');
      return null;
    }
  };
  const lexical = parsed(post.lexical);
  if (lexical && isObj(lexical.root)) return { html: r.lexical(lexical.root), problems: r.problems };
  const mobiledoc = parsed(post.mobiledoc);
  if (mobiledoc && Array.isArray(mobiledoc.sections))
    return { html: r.mobiledoc(mobiledoc), problems: r.problems };
  if (typeof post.html === 'string' && post.html.trim()) {
    r.problems.push('body taken from the rendered HTML (no readable Lexical or mobiledoc)');
    return { html: ghostUrl(post.html, site), problems: r.problems };
  }
  return { html: '', problems: r.problems };
}
