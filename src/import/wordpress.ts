import { type Db, inTransaction } from '../db/index.js';
import { type BlockNode, DocumentError, validateDocument } from '../shared/document/index.js';
import { slugify } from '../shared/slug.js';
import { convertPost } from './html.js';
import { decoded, ImportLedger, oneLine } from './ledger.js';
import { type ChannelInfo, childrenNamed, field, readWxr, type XmlNode } from './wxr.js';

/**
 * `masthead import wordpress FILE.xml` (docs/operations.md, "Importing from WordPress").
 *
 * Two streaming passes over the file. The first only checks it (well-formed XML, WXR 1.0–1.2)
 * and notes the few things posts refer to before they may appear — attachment URLs by id,
 * categories, tags, authors; a malformed file stops there, with its line and column, before
 * anything is written. The second writes, one transaction per batch of items, each item's
 * mapping row (import_items) in the same transaction: an interrupted run keeps whole batches
 * and the next run skips every item already mapped, so running twice creates nothing twice.
 */

export interface ImportOptions {
  db: Db;
  file: string;
  /** A copy of the old site's wp-content/uploads; without it images are reported, not imported. */
  uploadsDir?: string;
  /** Masthead's media directory (config.mediaDir). */
  mediaDir: string;
  timeZone: string;
  now: () => Date;
  batchSize?: number;
  onProgress?: (done: number) => void;
  /** Make a contributor account, with no password, for each author with an email address. */
  users?: boolean;
}

export interface PostReport {
  id: string;
  type: string;
  title: string;
  link: string;
  articleId: number | null;
  problems: string[];
}

export interface ImportReport {
  source: string;
  file: string;
  wxrVersion: string;
  counts: {
    items: number;
    posts: number;
    pages: number;
    alreadyImported: number;
    skipped: number;
    failed: number;
    sections: number;
    tags: number;
    authors: number;
    media: number;
    redirects: number;
    accounts: number;
    commentsIgnored: number;
  };
  /** Items with anything the import could not carry over, and why. */
  posts: PostReport[];
  /** Files named by the export and missing from the uploads directory. */
  missingMedia: string[];
}

interface Term {
  id: string;
  slug: string;
  name: string;
  parent: string;
}

const STATUS: Record<string, 'published' | 'scheduled' | 'draft'> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'draft',
  private: 'draft',
};

/** Checks the file without writing anything; throws WxrError (line:column) when it is malformed. */
export async function scanWordpress(file: string) {
  const attachments = new Map<string, string>();
  const categories: Term[] = [];
  const tags: Term[] = [];
  const authors: XmlNode[] = [];
  let items = 0;
  const channel = await readWxr(file, (r) => {
    if (r.name === 'item') {
      items++;
      if (field(r, 'wp:post_type') === 'attachment') {
        attachments.set(field(r, 'wp:post_id'), field(r, 'wp:attachment_url') || field(r, 'guid'));
      }
    } else if (r.name === 'wp:category') categories.push(categoryTerm(r));
    else if (r.name === 'wp:tag') tags.push(tagTerm(r));
    else if (r.name === 'wp:author') authors.push(r);
  });
  return { channel, attachments, categories, tags, authors, items };
}

function categoryTerm(r: XmlNode): Term {
  return {
    id: field(r, 'wp:term_id'),
    slug: field(r, 'wp:category_nicename'),
    name: field(r, 'wp:cat_name'),
    parent: field(r, 'wp:category_parent'),
  };
}

function tagTerm(r: XmlNode): Term {
  return {
    id: field(r, 'wp:term_id'),
    slug: field(r, 'wp:tag_slug'),
    name: field(r, 'wp:tag_name'),
    parent: '',
  };
}

/** WordPress "2024-03-01 09:30:00" (GMT) → ISO; null for WordPress's "0000-00-00 00:00:00". */
function wpDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m || m[1] === '0000') return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function plainText(html: string, max: number): string {
  return oneLine(html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' '), max);
}

/** Imports the file; see the module comment for the passes and the transaction strategy. */
export async function importWordpress(opts: ImportOptions): Promise<ImportReport> {
  const { db } = opts;
  const scan = await scanWordpress(opts.file);
  const site = (scan.channel.baseSiteUrl || scan.channel.link).trim().replace(/\/+$/, '');
  const blog = (scan.channel.baseBlogUrl || site).trim().replace(/\/+$/, '');
  const source = `wordpress:${site}`;
  const prefix = pathPrefix(blog);
  const now = () => opts.now().toISOString();
  const report: ImportReport = {
    source,
    file: opts.file,
    wxrVersion: scan.channel.wxrVersion.trim(),
    counts: {
      items: scan.items,
      posts: 0,
      pages: 0,
      alreadyImported: 0,
      skipped: 0,
      failed: 0,
      sections: 0,
      tags: 0,
      authors: 0,
      media: 0,
      redirects: 0,
      accounts: 0,
      commentsIgnored: 0,
    },
    posts: [],
    missingMedia: [],
  };

  const ledger = new ImportLedger(source, now, report.counts, opts.users);
  const mapped = (tx: Db, kind: string, id: string) => ledger.mapped(tx, kind, id);
  const map = (tx: Db, kind: string, id: string, target: number) => ledger.map(tx, kind, id, target);
  const redirect = (tx: Db, from: string | undefined, to: string) => ledger.redirect(tx, from, to);
  const oldPath = (url: string): string | undefined => {
    let p: string;
    try {
      p = new URL(url, `${site}/`).pathname;
    } catch {
      return undefined;
    }
    return decoded(p)?.replace(/\/+$/, '') || '/';
  };

  // ---- taxonomy and bylines, in one transaction (small) ----
  const sectionOf = new Map<string, number>(); // category nicename → section id
  const sectionPath = new Map<number, string>();
  const authorOf = new Map<string, number>(); // login → author id
  await inTransaction(db, async (tx) => {
    const pending = [...scan.categories];
    // Parents first, whatever the file's order; a parent that never appears makes a root.
    for (let round = 0; pending.length && round < 100; round++) {
      for (let i = 0; i < pending.length; ) {
        const t = pending[i] as Term;
        const parentKnown =
          !t.parent || sectionOf.has(t.parent) || !scan.categories.some((c) => c.slug === t.parent);
        if (!parentKnown) {
          i++;
          continue;
        }
        pending.splice(i, 1);
        await ensureSection(tx, t, t.parent ? (sectionOf.get(t.parent) ?? null) : null);
      }
    }
    for (const t of scan.tags) {
      const id = await mapped(tx, 'tag', t.id || t.slug);
      if (id) continue;
      const tag = await ensureTag(tx, t);
      if (tag) {
        await map(tx, 'tag', t.id || t.slug, tag.id);
        await redirect(tx, `${prefix}/tag/${decoded(t.slug) ?? t.slug}`, `/tag/${tag.slug}`);
        await redirect(
          tx,
          `${prefix}/tag/${decoded(t.slug) ?? t.slug}/feed`,
          `/feeds/tag/${tag.slug}/rss.xml`,
        );
      }
    }
    for (const a of scan.authors) await ensureAuthor(tx, a);
    // The site's feeds.
    for (const feed of ['/feed', '/feed/rss2', '/feed/rss', '/rss'])
      await redirect(tx, `${prefix}${feed}`, '/feed.xml');
    await redirect(tx, `${prefix}/feed/atom`, '/atom.xml');
  });

  async function ensureSection(tx: Db, t: Term, parentId: number | null): Promise<number> {
    const known = await mapped(tx, 'category', t.slug);
    if (known) {
      sectionOf.set(t.slug, known);
      const row = await tx.selectFrom('sections').select('path').where('id', '=', known).executeTakeFirst();
      if (row) sectionPath.set(known, row.path);
      return known;
    }
    const hint = slugify(decoded(t.slug) ?? t.slug) || slugify(t.name) || `category-${t.id || 'x'}`;
    const row = await ledger.section(tx, hint, t.name, parentId);
    sectionOf.set(t.slug, row.id);
    sectionPath.set(row.id, row.path);
    await map(tx, 'category', t.slug, row.id);
    const chain: string[] = [];
    for (let c: Term | undefined = t; c; c = scan.categories.find((x) => x.slug === c?.parent)) {
      chain.unshift(decoded(c.slug) ?? c.slug);
      if (chain.length > 20) break;
    }
    const old = `${prefix}/category/${chain.join('/')}`;
    await redirect(tx, old, `/${row.path}`);
    await redirect(tx, `${old}/feed`, `/feeds/section/${row.path}/rss.xml`);
    return row.id;
  }

  function ensureTag(tx: Db, t: Term) {
    return ledger.tag(tx, t.name, t.slug, `tag-${t.id || slugify(t.slug) || 'x'}`);
  }

  async function ensureAuthor(tx: Db, a: XmlNode): Promise<number> {
    const login = field(a, 'wp:author_login');
    const name = field(a, 'wp:author_display_name') || login;
    const known = await mapped(tx, 'author', login);
    if (known) {
      authorOf.set(login, known);
      // A run with --users after one without still makes the accounts.
      await ledger.account(tx, field(a, 'wp:author_email'), name, known);
      return known;
    }
    const id = await ledger.author(tx, name, slugify(login) || `author-${field(a, 'wp:author_id') || 'x'}`);
    authorOf.set(login, id);
    await map(tx, 'author', login, id);
    await ledger.account(tx, field(a, 'wp:author_email'), name, id);
    return id;
  }

  // ---- media: one media item per file, shared by every post that shows it ----
  const uploadsBase = `${blog}/wp-content/uploads/`;
  async function mediaFor(tx: Db, url: string, problems: string[]): Promise<number | null> {
    let rel = url.startsWith(uploadsBase) ? url.slice(uploadsBase.length) : null;
    if (rel === null) {
      const m = /\/wp-content\/uploads\/(.+)$/.exec(url);
      rel = m ? (m[1] ?? null) : null;
    }
    rel = rel ? (decoded(rel.split(/[?#]/)[0] ?? '') ?? null) : null;
    if (!rel || rel.split('/').includes('..')) {
      problems.push(`image outside wp-content/uploads not imported: ${url}`);
      return null;
    }
    const original = rel.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1'); // WordPress's resized copies
    const got = await ledger.media(tx, rel, [original, rel], opts.uploadsDir, opts.mediaDir);
    if (typeof got === 'number') return got;
    if (got.missing && !report.missingMedia.includes(rel)) report.missingMedia.push(rel);
    problems.push(got.problem);
    return null;
  }

  let fallbackSection: number | null = null;
  let pagesSection: number | null = null;
  const namedSection = async (tx: Db, slug: string, name: string) => {
    const t: Term = { id: `masthead-${slug}`, slug, name, parent: '' };
    return ensureSection(tx, t, null);
  };

  // ---- one item ----
  async function importItem(tx: Db, item: XmlNode): Promise<void> {
    const type = field(item, 'wp:post_type') || 'post';
    const wpId = field(item, 'wp:post_id');
    if (type !== 'post' && type !== 'page') {
      if (type !== 'attachment' && type !== 'nav_menu_item') {
        report.counts.skipped++;
        report.posts.push({
          id: wpId,
          type,
          title: oneLine(field(item, 'title'), 200),
          link: field(item, 'link'),
          articleId: null,
          problems: [`post type "${type}" not imported`],
        });
      }
      return;
    }
    report.counts.commentsIgnored += childrenNamed(item, 'wp:comment').length;
    const wpStatus = field(item, 'wp:status');
    const status = STATUS[wpStatus];
    const entry: PostReport = {
      id: wpId,
      type,
      title: oneLine(field(item, 'title'), 200),
      link: field(item, 'link'),
      articleId: null,
      problems: [],
    };
    if (!status) {
      report.counts.skipped++;
      entry.problems.push(`status "${wpStatus}" not imported`);
      report.posts.push(entry);
      return;
    }
    if (await mapped(tx, type, wpId)) {
      report.counts.alreadyImported++;
      return;
    }
    if (wpStatus === 'private') entry.problems.push('private post imported as a draft');

    const cats = item.children.filter((c) => c.name === 'category');
    let sectionId: number;
    if (type === 'page') {
      pagesSection ??= await namedSection(tx, 'pages', 'Pages');
      sectionId = pagesSection;
    } else {
      const primary = cats.find((c) => c.attrs.domain === 'category');
      if (primary) {
        const slug = primary.attrs.nicename ?? slugify(primary.text);
        sectionId =
          sectionOf.get(slug) ??
          (await ensureSection(tx, { id: '', slug, name: primary.text, parent: '' }, null));
        const others = cats.filter((c) => c.attrs.domain === 'category' && c !== primary).map((c) => c.text);
        if (others.length)
          entry.problems.push(
            `also in categories ${others.map((o) => `"${o}"`).join(', ')} (a story has one section)`,
          );
      } else {
        fallbackSection ??= await namedSection(tx, 'imported', 'Imported');
        sectionId = fallbackSection;
      }
    }
    const tagTerms: Term[] = cats
      .filter((c) => c.attrs.domain === 'post_tag')
      .map(
        (c) =>
          scan.tags.find((t) => t.slug === c.attrs.nicename) ?? {
            id: '',
            slug: c.attrs.nicename ?? '',
            name: c.text,
            parent: '',
          },
      );
    const tagIds: number[] = [];
    for (const t of tagTerms) {
      const known = await mapped(tx, 'tag', t.id || t.slug);
      const tag = known ? { id: known } : await ensureTag(tx, t);
      if (tag && !tagIds.includes(tag.id)) tagIds.push(tag.id);
    }
    const login = field(item, 'dc:creator');
    let authorId = authorOf.get(login);
    if (!authorId && login) {
      authorId = await ensureAuthor(tx, {
        name: 'wp:author',
        attrs: {},
        text: '',
        children: [{ name: 'wp:author_login', attrs: {}, text: login, children: [] }],
      });
    }

    const meta = new Map(
      childrenNamed(item, 'wp:postmeta').map(
        (m) => [field(m, 'wp:meta_key'), field(m, 'wp:meta_value')] as const,
      ),
    );
    let leadMediaId: number | null = null;
    const thumb = meta.get('_thumbnail_id');
    if (thumb) {
      const url = scan.attachments.get(thumb);
      if (url) leadMediaId = await mediaFor(tx, url, entry.problems);
      else entry.problems.push(`featured image: attachment ${thumb} is not in the export`);
    }
    const converted = await convertPost(
      field(item, 'content:encoded'),
      (src) => mediaFor(tx, src, entry.problems),
      (id) => scan.attachments.get(id),
    );
    entry.problems.push(...converted.problems);
    let body: { type: 'doc'; content: BlockNode[] };
    try {
      body = validateDocument({ type: 'doc', content: converted.blocks }) as typeof body;
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      report.counts.failed++;
      entry.problems.push(`body not convertible (${err.message}); post not imported`);
      report.posts.push(entry);
      return;
    }

    let headline = oneLine(field(item, 'title'), 300);
    if (!headline) {
      headline = '(untitled)';
      entry.problems.push('no title: imported as "(untitled)"');
    }
    const date = wpDate(field(item, 'wp:post_date_gmt')) ?? wpDate(field(item, 'wp:post_date')) ?? now();
    const modified = wpDate(field(item, 'wp:post_modified_gmt')) ?? date;
    const seo = (key: string, max: number) => {
      const v = oneLine(meta.get(key) ?? '', max);
      if (v.includes('%%')) {
        entry.problems.push(`${key} uses Yoast variables, not kept: ${v}`);
        return null;
      }
      return v || null;
    };
    const slug = slugify(decoded(field(item, 'wp:post_name')) ?? '', 120) || undefined;
    const row = await ledger.story(
      tx,
      {
        slug,
        headline,
        dek: plainText(field(item, 'excerpt:encoded'), 1000),
        body,
        sectionId,
        authorIds: authorId ? [authorId] : [],
        tags: [],
        leadMediaId,
        status,
        publishAt: status === 'scheduled' ? date : null,
        seoTitle: seo('_yoast_wpseo_title', 300),
        seoDescription: seo('_yoast_wpseo_metadesc', 1000),
        firstPublishedAt: status === 'published' ? date : null,
      },
      { timeZone: opts.timeZone, tagIds, createdAt: date, updatedAt: modified },
    );
    if ('refused' in row) {
      report.counts.failed++;
      entry.problems.push(`not imported: ${row.refused}`);
      report.posts.push(entry);
      return;
    }
    await map(tx, type, wpId, row.id);
    if (row.path) await redirect(tx, oldPath(field(item, 'link')), row.path);
    else if (status !== 'draft')
      entry.problems.push('scheduled: its old address redirects once it is published (?p= works then)');
    entry.articleId = row.id;
    if (type === 'page') report.counts.pages++;
    else report.counts.posts++;
    if (entry.problems.length) report.posts.push(entry);
  }

  // ---- the writing pass: a transaction per batch ----
  const batchSize = opts.batchSize ?? 100;
  let batch: XmlNode[] = [];
  let done = 0;
  const flush = async () => {
    const items = batch;
    batch = [];
    if (!items.length) return;
    await inTransaction(db, async (tx) => {
      for (const item of items) await importItem(tx, item);
    });
    done += items.length;
    opts.onProgress?.(done);
  };
  await readWxr(opts.file, async (r: XmlNode, _c: ChannelInfo) => {
    if (r.name !== 'item') return;
    batch.push(r);
    if (batch.length >= batchSize) await flush();
  });
  await flush();
  return report;
}

/** The path a WordPress site lives under ("" at the root, "/blog" in a folder). */
function pathPrefix(url: string): string {
  try {
    return (decoded(new URL(url).pathname) ?? '').replace(/\/+$/, '');
  } catch {
    return '';
  }
}
