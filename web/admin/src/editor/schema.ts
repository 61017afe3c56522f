/**
 * TipTap configured to the article body schema of src/shared/document, node for node and mark
 * for mark. ProseMirror parses pasted HTML through this schema, so whatever a Word document or
 * web page brings (spans, styles, tables, scripts, h1s, relative links) lands as these nodes or
 * is dropped. `toDoc` then runs the server's own validator (the same module) before every save.
 */

import {
  type Doc,
  EMBED_PROVIDER_NAMES,
  isEmbedProvider,
  isSafeHref,
  matchEmbed,
  validateDocument,
} from '@shared/document/index.js';
import { type Extensions, Node } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Heading } from '@tiptap/extension-heading';
import Link from '@tiptap/extension-link';
import { ListItem, OrderedList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';

/** Heading levels of the schema; pasted h1 becomes h2, h5/h6 become h4. */
const LEVELS = [2, 3, 4] as const;

/** The image node: a media library item with caption, credit and the file-photo flag. */
export const ImageNode = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    const text = (name: string) => ({
      default: null,
      parseHTML: (el: HTMLElement) => el.getAttribute(`data-${name}`),
      renderHTML: () => ({}),
    });
    return {
      mediaId: {
        default: null,
        parseHTML: (el) => {
          const n = Number(el.getAttribute('data-media-id'));
          return Number.isSafeInteger(n) && n > 0 ? n : null;
        },
        renderHTML: (attrs) => ({ 'data-media-id': String(attrs.mediaId) }),
      },
      alt: text('alt'),
      caption: text('caption'),
      credit: text('credit'),
      filePhoto: {
        default: false,
        parseHTML: (el) => el.getAttribute('data-file-photo') === 'true',
        renderHTML: () => ({}),
      },
    };
  },
  // Only our own figures: a pasted <img> from another site has no media item and is dropped.
  parseHTML() {
    return [{ tag: 'figure[data-media-id]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const a = node.attrs as {
      mediaId: number;
      alt: string | null;
      caption: string | null;
      credit: string | null;
    };
    const caption = [
      a.caption,
      a.credit ? `Photo: ${a.credit}` : '',
      node.attrs.filePhoto ? '(file photo)' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return [
      'figure',
      {
        ...HTMLAttributes,
        class: 'doc-image',
        'data-alt': a.alt ?? '',
        'data-caption': a.caption ?? '',
        'data-credit': a.credit ?? '',
        'data-file-photo': String(node.attrs.filePhoto === true),
      },
      // 320 px exists for every library image (smaller originals are served at that size).
      ['img', { src: `/media/${a.mediaId}/320.jpg`, alt: a.alt ?? '', loading: 'lazy' }],
      ['figcaption', {}, caption || `Image ${a.mediaId} — no caption yet`],
    ];
  },
});

/** An embed from the allow-list (YouTube, Vimeo, …), shown in the editor as a card. */
export const EmbedNode = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      provider: { default: null, parseHTML: (el) => el.getAttribute('data-embed-provider') },
      url: { default: null, parseHTML: (el) => el.getAttribute('data-embed-url') },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'div[data-embed-provider]',
        getAttrs: (el) => {
          const provider = el.getAttribute('data-embed-provider');
          const url = el.getAttribute('data-embed-url') ?? '';
          return isEmbedProvider(provider) && matchEmbed(provider, url) ? null : false;
        },
      },
    ];
  },
  renderHTML({ node }) {
    const { provider, url } = node.attrs as { provider: string; url: string };
    return [
      'div',
      { class: 'doc-embed', 'data-embed-provider': provider, 'data-embed-url': url },
      `${provider} embed: ${url}`,
    ];
  },
});

/** Guesses the provider of a pasted share link; null if it is not one we can embed. */
export function embedFor(url: string): { provider: string; url: string } | null {
  for (const provider of EMBED_PROVIDER_NAMES) {
    const info = matchEmbed(provider, url);
    if (info) return { provider, url: info.url };
  }
  return null;
}

/** Every extension of the editor; nothing outside the schema is registered. */
export function editorExtensions(): Extensions {
  return [
    StarterKit.configure({
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      link: false,
      heading: false,
      blockquote: false,
      orderedList: false,
      listItem: false,
    }),
    ...schemaNodes(),
    Link.extend({
      // href and title only: target/rel/class would be refused by the server.
      addAttributes() {
        return {
          href: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('href') },
          title: { default: null },
        };
      },
    }).configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow', class: null },
      isAllowedUri: (url) => isSafeHref(url),
      shouldAutoLink: (url) => isSafeHref(url.includes(':') ? url : `https://${url}`),
    }),
    ImageNode,
    EmbedNode,
  ];
}

// The StarterKit's own node types, bent to the schema: quotes hold paragraphs and a citation,
// list items start with a paragraph, ordered lists carry only `start`.
function schemaNodes(): Extensions {
  return [
    Heading.configure({ levels: [...LEVELS] }).extend({
      parseHTML() {
        return [
          { tag: 'h1', attrs: { level: 2 } },
          { tag: 'h2', attrs: { level: 2 } },
          { tag: 'h3', attrs: { level: 3 } },
          { tag: 'h4', attrs: { level: 4 } },
          { tag: 'h5', attrs: { level: 4 } },
          { tag: 'h6', attrs: { level: 4 } },
        ];
      },
    }),
    Blockquote.extend({
      content: 'paragraph+',
      addAttributes() {
        return {
          citation: {
            default: null,
            parseHTML: (el: HTMLElement) => el.getAttribute('data-citation') || null,
            renderHTML: (attrs: { citation?: string | null }) =>
              attrs.citation ? { 'data-citation': attrs.citation } : {},
          },
        };
      },
    }),
    OrderedList.extend({
      addAttributes() {
        return {
          start: {
            default: 1,
            parseHTML: (el: HTMLElement) => {
              const n = Number.parseInt(el.getAttribute('start') ?? '1', 10);
              return Number.isSafeInteger(n) && n >= 1 ? n : 1;
            },
          },
        };
      },
    }),
    ListItem.extend({ content: 'paragraph (paragraph | bulletList | orderedList)*' }),
  ];
}

/**
 * Pasted HTML, before ProseMirror parses it: table cells become paragraphs (the schema has no
 * tables, and their text would otherwise run together). Parsed in an inert document: nothing in
 * it runs or loads.
 */
export function transformPastedHTML(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const cell of Array.from(doc.querySelectorAll('td, th, caption'))) {
    const p = doc.createElement('p');
    p.append(...Array.from(cell.childNodes));
    cell.replaceWith(p);
  }
  return doc.body.innerHTML;
}

/**
 * The editor's JSON as a schema document, checked by the server's validator (throws
 * DocumentError naming the node). ProseMirror needs one block; the schema allows none.
 */
export function toDoc(json: unknown): Doc {
  return validateDocument(json);
}

/** A schema document as editor content (an empty body becomes one empty paragraph). */
export function toEditorContent(doc: Doc): Doc {
  return doc.content.length ? doc : { type: 'doc', content: [{ type: 'paragraph' }] };
}
