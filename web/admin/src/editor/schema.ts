/**
 * TipTap configured to the article body schema of src/shared/document, node for node and mark
 * for mark. Pasted HTML from outside goes through paste.ts (our own converter, which says what
 * it left out); ProseMirror parses only its own clipboard. `toDoc` then runs the server's own
 * validator (the same module) before every save.
 *
 * One difference from the stored document: tables. ProseMirror's table editing needs header
 * cells as a node type and colspan attributes, so the editor holds `tableHeader` cells where
 * the document holds a `headerRow` flag; fromEditor/toEditor translate at the edges.
 */

import {
  type Doc,
  isEmbedProvider,
  isSafeHref,
  matchEmbed,
  validateDocument,
} from '@shared/document/index.js';
import { Extension, type Extensions, Mark, Node } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Heading } from '@tiptap/extension-heading';
import Link from '@tiptap/extension-link';
import { ListItem, OrderedList } from '@tiptap/extension-list';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { Plugin } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import StarterKit from '@tiptap/starter-kit';
import { t } from '../i18n/index.js';

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

/** What the empty body says (also its aria-placeholder). */
export const BODY_PLACEHOLDER = t('editor.placeholder');

/** Shows BODY_PLACEHOLDER in the one empty paragraph of an empty body (CSS draws it). */
const EmptyBodyPlaceholder = Extension.create({
  name: 'bodyPlaceholder',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          decorations: (state) => {
            const first = state.doc.firstChild;
            if (state.doc.childCount !== 1 || first?.type.name !== 'paragraph' || first.content.size)
              return null;
            return DecorationSet.create(state.doc, [
              Decoration.node(0, first.nodeSize, { class: 'is-empty', 'data-placeholder': BODY_PLACEHOLDER }),
            ]);
          },
        },
      }),
    ];
  },
});

/** A mark drawn as one plain tag, with a shortcut (superscript and subscript). */
function tagMark(name: string, tag: string, shortcut: string) {
  return Mark.create({
    name,
    excludes: 'superscript subscript',
    parseHTML: () => [{ tag }, { style: `vertical-align=${tag === 'sup' ? 'super' : 'sub'}` }],
    renderHTML: () => [tag, 0],
    addKeyboardShortcuts() {
      return { [shortcut]: () => this.editor.commands.toggleMark(name) };
    },
  });
}
export const Superscript = tagMark('superscript', 'sup', 'Mod-.');
export const Subscript = tagMark('subscript', 'sub', 'Mod-,');

/** Every extension of the editor; nothing outside the schema is registered. */
export function editorExtensions(): Extensions {
  return [
    StarterKit.configure({
      code: false,
      codeBlock: false,
      link: false,
      heading: false,
      blockquote: false,
      orderedList: false,
      listItem: false,
    }),
    ...schemaNodes(),
    Superscript,
    Subscript,
    Link.extend({
      // href, title and "new tab" only: rel and class are the renderer's business.
      addAttributes() {
        return {
          href: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('href') },
          title: { default: null },
          newTab: {
            default: null,
            parseHTML: (el: HTMLElement) => (el.getAttribute('target') === '_blank' ? true : null),
            renderHTML: (attrs: { newTab?: boolean | null }) => (attrs.newTab ? { target: '_blank' } : {}),
          },
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
    ...tableNodes(),
    EmptyBodyPlaceholder,
  ];
}

/** Tables whose cells hold a line of inline content, as the document's do; caption on the table. */
function tableNodes(): Extensions {
  return [
    Table.extend({
      addAttributes() {
        return {
          ...this.parent?.(),
          caption: {
            default: null,
            parseHTML: (el: HTMLElement) => el.querySelector(':scope > caption')?.textContent?.trim() || null,
            renderHTML: (attrs: { caption?: string | null }) =>
              attrs.caption ? { 'data-caption': attrs.caption } : {},
          },
        };
      },
    }).configure({ resizable: false }),
    TableRow,
    TableHeader.extend({ content: 'inline*' }),
    TableCell.extend({ content: 'inline*' }),
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
 * The editor's JSON as a schema document, checked by the server's validator (throws
 * DocumentError naming the node). ProseMirror needs one block; the schema allows none.
 */
export function toDoc(json: unknown): Doc {
  return validateDocument(fromEditor(json));
}

/** A schema document as editor content (an empty body becomes one empty paragraph). */
export function toEditorContent(doc: Doc): Doc {
  const content = doc.content.map(toEditorBlock) as Doc['content'];
  return content.length ? { type: 'doc', content } : { type: 'doc', content: [{ type: 'paragraph' }] };
}

type Json = { type?: unknown; attrs?: Record<string, unknown> | null; content?: unknown };

/**
 * Editor JSON → document JSON (unchecked): a table's header cells become its `headerRow`, merged
 * cells are spread into empty neighbours and short rows padded. Other nodes pass as they are;
 * a document passes unchanged.
 */
export function fromEditor(json: unknown): unknown {
  const doc = json as Json | null;
  if (!doc || !Array.isArray(doc.content)) return json;
  return { ...doc, content: doc.content.map((n: Json) => (n?.type === 'table' ? tableFromEditor(n) : n)) };
}

function tableFromEditor(table: Json): unknown {
  const rows = (Array.isArray(table.content) ? table.content : []) as Json[];
  const cellsOf = (row: Json) => (Array.isArray(row?.content) ? (row.content as Json[]) : []);
  const first = rows[0] ? cellsOf(rows[0]) : [];
  const headerRow =
    table.attrs?.headerRow === true || (first.length > 0 && first.every((c) => c?.type === 'tableHeader'));
  const out = rows.map((row) => {
    const cells: Json[] = [];
    for (const c of cellsOf(row)) {
      const inline = Array.isArray(c?.content) && c.content.length ? { content: c.content } : {};
      cells.push({ type: 'tableCell', ...inline });
      const span = Number(c?.attrs?.colspan ?? 1);
      for (let i = 1; i < Math.min(span, 20); i++) cells.push({ type: 'tableCell' });
    }
    return cells;
  });
  const width = Math.max(0, ...out.map((r) => r.length));
  for (const r of out) while (r.length < width) r.push({ type: 'tableCell' });
  const caption = typeof table.attrs?.caption === 'string' ? table.attrs.caption.trim() : '';
  const attrs = { ...(caption ? { caption } : {}), ...(headerRow ? { headerRow: true } : {}) };
  return {
    type: 'table',
    ...(Object.keys(attrs).length ? { attrs } : {}),
    content: out.map((content) => ({ type: 'tableRow', content })),
  };
}

function toEditorBlock(node: Doc['content'][number]): unknown {
  if (node.type !== 'table') return node;
  const header = node.attrs?.headerRow === true;
  return {
    type: 'table',
    attrs: { caption: node.attrs?.caption ?? null },
    content: node.content.map((row, i) => ({
      type: 'tableRow',
      content: row.content.map((cell) => ({
        type: header && i === 0 ? 'tableHeader' : 'tableCell',
        ...(cell.content ? { content: cell.content } : {}),
      })),
    })),
  };
}
