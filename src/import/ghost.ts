import fs from 'node:fs';
import { z } from 'zod';
import { type Db, inTransaction } from '../db/index.js';
import { type BlockNode, DocumentError, validateDocument } from '../shared/document/index.js';
import { slugify } from '../shared/slug.js';
import { ghostBody, ghostUrl } from './ghost-body.js';
import { convertHtml } from './html.js';
import { decoded, ImportLedger, oneLine } from './ledger.js';
import type { PostReport } from './wordpress.js';

/**
 * `masthead import ghost FILE.json` (docs/operations.md, "Importing from Ghost"): a Ghost JSON
 * export (Settings → Advanced → Import/Export), from Ghost 1 to 6.
 *
 * Ghost writes its export as one JSON document, so it is read whole: checked first (readable
 * JSON, a Ghost export, the fields posts need) and refused with the line and column before
 * anything is written. Then one transaction per batch of posts, each post's mapping row
 * (import_items) in the same transaction, like the WordPress import: an interrupted run keeps
 * whole batches and a second run creates nothing twice.
 *
 * Mapping (docs/operations.md says why): a post's primary tag — the first public one, Ghost's
 * own `{primary_tag}` — is its section; every public tag is a tag; internal tags (`#name`) are
 * not imported. Pages go to a "Pages" section. Members-only, paid and newsletter-only posts come
 * in as drafts, never public by surprise.
 */

export interface GhostImportOptions {
  db: Db;
  file: string;
  /** A copy of the old site's content/images; without it images are reported, not imported. */
  uploadsDir?: string;
  mediaDir: string;
  /**
   * This site's address (config.site.url): Ghost's `__GHOST_URL__` in links becomes it, so a link
   * to another old post reaches it through that post's redirect.
   */
  siteUrl: string;
  timeZone: string;
  now: () => Date;
  batchSize?: number;
  onProgress?: (done: number) => void;
  /** Make a contributor account, with no password, for each author with an email address. */
  users?: boolean;
}

export interface GhostReport {
  source: string;
  file: string;
  ghostVersion: string;
  counts: {
    posts: number;
    pages: number;
    alreadyImported: number;
    skipped: number;
    failed: number;
    sections: number;
    tags: number;
    internalTagsIgnored: number;
    authors: number;
    media: number;
    redirects: number;
    accounts: number;
  };
  posts: PostReport[];
  missingMedia: string[];
}

export class GhostExportError extends Error {}

const nullableText = z.string().nullish();
const postSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  uuid: nullableText,
  title: nullableText,
  slug: z.string(),
  lexical: nullableText,
  mobiledoc: nullableText,
  html: nullableText,
  feature_image: nullableText,
  feature_image_alt: nullableText,
  feature_image_caption: nullableText,
  type: z.string().nullish(),
  page: z.union([z.boolean(), z.number()]).nullish(),
  status: z.string(),
  visibility: nullableText,
  created_at: nullableText,
  updated_at: nullableText,
  published_at: nullableText,
  custom_excerpt: nullableText,
  meta_title: nullableText,
  meta_description: nullableText,
  author_id: z.union([z.string(), z.number()]).nullish(),
});
const idRef = z.union([z.string(), z.number()]).transform(String);
const dataSchema = z.looseObject({
  posts: z.array(postSchema),
  tags: z
    .array(z.looseObject({ id: idRef, name: z.string(), slug: z.string(), visibility: nullableText }))
    .default([]),
  users: z
    .array(
      z.looseObject({
        id: idRef,
        name: z.string(),
        slug: z.string(),
        bio: nullableText,
        email: nullableText,
      }),
    )
    .default([]),
  posts_tags: z
    .array(z.looseObject({ post_id: idRef, tag_id: idRef, sort_order: z.number().nullish() }))
    .default([]),
  posts_authors: z
    .array(z.looseObject({ post_id: idRef, author_id: idRef, sort_order: z.number().nullish() }))
    .default([]),
  posts_meta: z
    .array(
      z.looseObject({
        post_id: idRef,
        meta_title: nullableText,
        meta_description: nullableText,
        feature_image_alt: nullableText,
        feature_image_caption: nullableText,
      }),
    )
    .default([]),
});
const exportSchema = z.looseObject({
  meta: z.looseObject({ version: z.string().nullish() }).nullish(),
  data: dataSchema,
});

export type GhostPost = z.infer<typeof postSchema>;
export type GhostData = z.infer<typeof dataSchema>;

/** Line and column of a character offset, for a parse error a person can find. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Reads and checks an export without writing anything; throws GhostExportError. */
export function readGhostExport(file: string): { version: string; data: GhostData } {
  const text = fs.readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message)?.[1];
    const where = pos ? `${lineColumn(text, Number(pos))}: ` : '';
    throw new GhostExportError(`${file}: ${where}not valid JSON (${message})`);
  }
  // Ghost 1–6 wrap the export in {"db": [ … ]}; hand-made or very old ones have it bare.
  const inner =
    typeof raw === 'object' && raw !== null && Array.isArray((raw as { db?: unknown }).db)
      ? (raw as { db: unknown[] }).db[0]
      : raw;
  const parsed = exportSchema.safeParse(inner);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unreadable';
    throw new GhostExportError(`${file}: not a Ghost export (${where})`);
  }
  return { version: parsed.data.meta?.version ?? 'unknown', data: parsed.data.data };
}

/** Ghost's "2024-03-01T09:30:00.000Z", or the "2024-03-01 09:30:00" (UTC) of old exports → ISO. */
function ghostDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2} \d/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** `/content/images/2024/01/a.jpg` (any host, or `__GHOST_URL__`) → `2024/01/a.jpg`. */
function imagePath(url: string): string | null {
  const m = /\/content\/images\/(.+)$/.exec(ghostUrl(url, '').split(/[?#]/)[0] ?? '');
  const rel = m?.[1] ? decoded(m[1]) : undefined;
  return rel && !rel.split('/').includes('..') ? rel : null;
}

const PUBLIC_STATUS: Record<string, 'published' | 'scheduled' | 'draft'> = {
  published: 'published',
  scheduled: 'scheduled',
  draft: 'draft',
};

export async function importGhost(opts: GhostImportOptions): Promise<GhostReport> {
  const { db } = opts;
  const { version, data } = readGhostExport(opts.file);
  const now = () => opts.now().toISOString();
  // Ghost ids are 24-hex ObjectIds, unique across sites: one source for every Ghost site.
  const source = 'ghost';
  const report: GhostReport = {
    source,
    file: opts.file,
    ghostVersion: version,
    counts: {
      posts: 0,
      pages: 0,
      alreadyImported: 0,
      skipped: 0,
      failed: 0,
      sections: 0,
      tags: 0,
      internalTagsIgnored: 0,
      authors: 0,
      media: 0,
      redirects: 0,
      accounts: 0,
    },
    posts: [],
    missingMedia: [],
  };
  const ledger = new ImportLedger(source, now, report.counts, opts.users);

  const tagById = new Map(data.tags.map((t) => [t.id, t]));
  const userById = new Map(data.users.map((u) => [u.id, u]));
  const metaByPost = new Map(data.posts_meta.map((m) => [m.post_id, m]));
  const byOrder = <T extends { sort_order?: number | null }>(rows: T[]) =>
    [...rows].sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0));
  const tagsOfPost = new Map<string, string[]>();
  for (const pt of byOrder(data.posts_tags)) {
    const list = tagsOfPost.get(pt.post_id) ?? [];
    list.push(pt.tag_id);
    tagsOfPost.set(pt.post_id, list);
  }
  const authorsOfPost = new Map<string, string[]>();
  for (const pa of byOrder(data.posts_authors)) {
    const list = authorsOfPost.get(pa.post_id) ?? [];
    list.push(pa.author_id);
    authorsOfPost.set(pa.post_id, list);
  }
  const isPublicTag = (t: { name: string; visibility?: string | null }) =>
    t.visibility !== 'internal' && !t.name.startsWith('#');
  report.counts.internalTagsIgnored = data.tags.filter((t) => !isPublicTag(t)).length;

  // Tags, sections and bylines are made when the first post needs them, in that post's batch.
  async function tagFor(tx: Db, id: string): Promise<number | null> {
    const known = await ledger.mapped(tx, 'ghost-tag', id);
    if (known) return known;
    const t = tagById.get(id);
    if (!t) return null;
    const tag = await ledger.tag(tx, t.name, t.slug, `tag-${slugify(t.slug) || id}`);
    if (!tag) return null;
    await ledger.map(tx, 'ghost-tag', id, tag.id);
    const old = decoded(t.slug) ?? t.slug;
    await ledger.redirect(tx, `/tag/${old}`, `/tag/${tag.slug}`);
    await ledger.redirect(tx, `/tag/${old}/rss`, `/feeds/tag/${tag.slug}/rss.xml`);
    return tag.id;
  }

  async function sectionFor(tx: Db, key: string, slug: string, name: string): Promise<number> {
    const known = await ledger.mapped(tx, 'ghost-section', key);
    if (known) return known;
    const row = await ledger.section(tx, slug, name, null);
    await ledger.map(tx, 'ghost-section', key, row.id);
    return row.id;
  }

  async function authorFor(tx: Db, id: string): Promise<number | null> {
    const known = await ledger.mapped(tx, 'ghost-author', id);
    if (known) return known;
    const u = userById.get(id);
    if (!u) return null;
    const authorId = await ledger.author(tx, u.name, u.slug, oneLine(u.bio ?? '', 1000));
    await ledger.map(tx, 'ghost-author', id, authorId);
    const slug = await tx
      .selectFrom('authors')
      .select('slug')
      .where('id', '=', authorId)
      .executeTakeFirstOrThrow();
    const old = decoded(u.slug) ?? u.slug;
    await ledger.redirect(tx, `/author/${old}`, `/author/${slug.slug}`);
    await ledger.redirect(tx, `/author/${old}/rss`, `/feeds/author/${slug.slug}/rss.xml`);
    return authorId;
  }

  async function mediaFor(tx: Db, url: string, problems: string[]): Promise<number | null> {
    const rel = imagePath(url);
    if (!rel) {
      problems.push(`image outside content/images not imported: ${url}`);
      return null;
    }
    // Ghost's resized copies live under size/w600/…; the original is the same path without it.
    const original = rel.replace(/^size\/w\d+\//, '');
    const got = await ledger.media(tx, rel, [original, rel], opts.uploadsDir, opts.mediaDir);
    if (typeof got === 'number') return got;
    if (got.missing && !report.missingMedia.includes(original)) report.missingMedia.push(original);
    problems.push(got.problem);
    return null;
  }

  async function importPost(tx: Db, post: GhostPost): Promise<void> {
    const type = post.type ?? (post.page ? 'page' : 'post');
    const entry: PostReport = {
      id: post.id,
      type,
      title: oneLine(post.title ?? '', 200),
      link: `/${post.slug}/`,
      articleId: null,
      problems: [],
    };
    let status = PUBLIC_STATUS[post.status];
    if (post.status === 'sent') {
      status = 'draft';
      entry.problems.push('sent as a newsletter only: imported as a draft');
    } else if (!status) {
      report.counts.skipped++;
      entry.problems.push(`status "${post.status}" not imported`);
      report.posts.push(entry);
      return;
    }
    if (type !== 'post' && type !== 'page') {
      report.counts.skipped++;
      entry.problems.push(`post type "${type}" not imported`);
      report.posts.push(entry);
      return;
    }
    const oldPath = `/${decoded(post.slug) ?? post.slug}`;
    const done = await ledger.mapped(tx, `ghost-${type}`, post.id);
    if (done) {
      // A scheduled post published since the last run gets its old address now.
      const a = await tx.selectFrom('articles').select('path').where('id', '=', done).executeTakeFirst();
      if (a?.path) await ledger.redirect(tx, oldPath, a.path);
      report.counts.alreadyImported++;
      return;
    }
    if (post.visibility && post.visibility !== 'public' && status !== 'draft') {
      entry.problems.push(`visible to "${post.visibility}" on Ghost: imported as a draft, not made public`);
      status = 'draft';
    }

    const tagIds = (tagsOfPost.get(post.id) ?? []).filter((id) => {
      const t = tagById.get(id);
      return t && isPublicTag(t);
    });
    let sectionId: number;
    if (type === 'page') {
      sectionId = await sectionFor(tx, 'masthead-pages', 'pages', 'Pages');
    } else if (tagIds[0]) {
      const primary = tagById.get(tagIds[0]);
      sectionId = await sectionFor(
        tx,
        `tag:${tagIds[0]}`,
        primary?.slug ?? 'imported',
        primary?.name ?? 'Imported',
      );
    } else {
      sectionId = await sectionFor(tx, 'masthead-imported', 'imported', 'Imported');
    }
    const tags: number[] = [];
    for (const id of tagIds) {
      const tag = await tagFor(tx, id);
      if (tag && !tags.includes(tag)) tags.push(tag);
    }
    const authorIds: number[] = [];
    const authorRefs = authorsOfPost.get(post.id) ?? (post.author_id ? [String(post.author_id)] : []);
    for (const id of authorRefs) {
      const a = await authorFor(tx, id);
      if (a && !authorIds.includes(a)) authorIds.push(a);
      else if (!a) entry.problems.push(`author ${id} is not in the export`);
    }

    const meta = metaByPost.get(post.id);
    let leadMediaId: number | null = null;
    if (post.feature_image) leadMediaId = await mediaFor(tx, post.feature_image, entry.problems);
    const leadCaption = oneLine(
      (meta?.feature_image_caption ?? post.feature_image_caption ?? '').replace(/<[^>]*>/g, ''),
      1000,
    );
    const rendered = ghostBody(post, opts.siteUrl.replace(/\/+$/, ''));
    entry.problems.push(...rendered.problems);
    const converted = await convertHtml(rendered.html, (src) => mediaFor(tx, src, entry.problems));
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

    let headline = oneLine(post.title ?? '', 300);
    if (!headline) {
      headline = '(untitled)';
      entry.problems.push('no title: imported as "(untitled)"');
    }
    const date = ghostDate(post.published_at) ?? ghostDate(post.created_at) ?? now();
    const modified = ghostDate(post.updated_at) ?? date;
    const seo = (v: string | null | undefined, max: number) => oneLine(v ?? '', max) || null;
    const row = await ledger.story(
      tx,
      {
        slug: slugify(decoded(post.slug) ?? '', 120) || undefined,
        headline,
        dek: oneLine(post.custom_excerpt ?? '', 1000),
        body,
        sectionId,
        authorIds: authorIds.slice(0, 20),
        tags: [],
        leadMediaId,
        leadCaption: leadMediaId ? leadCaption : '',
        status,
        publishAt: status === 'scheduled' ? date : null,
        seoTitle: seo(meta?.meta_title ?? post.meta_title, 300),
        seoDescription: seo(meta?.meta_description ?? post.meta_description, 1000),
        firstPublishedAt: status === 'published' ? date : null,
      },
      {
        timeZone: opts.timeZone,
        tagIds: tags,
        createdAt: ghostDate(post.created_at) ?? date,
        updatedAt: modified,
      },
    );
    if ('refused' in row) {
      report.counts.failed++;
      entry.problems.push(`not imported: ${row.refused}`);
      report.posts.push(entry);
      return;
    }
    await ledger.map(tx, `ghost-${type}`, post.id, row.id);
    if (row.path) {
      // Ghost's default routes: /{slug}/ for posts and pages, and /{slug}/amp/ for AMP.
      await ledger.redirect(tx, oldPath, row.path);
      await ledger.redirect(tx, `${oldPath}/amp`, row.path);
    } else if (status !== 'draft') {
      entry.problems.push(
        'scheduled: run the import again after it is published to redirect its old address',
      );
    }
    entry.articleId = row.id;
    if (type === 'page') report.counts.pages++;
    else report.counts.posts++;
    if (entry.problems.length) report.posts.push(entry);
  }

  await inTransaction(db, async (tx) => {
    await ledger.redirect(tx, '/rss', '/feed.xml');
  });
  const batchSize = opts.batchSize ?? 100;
  const posts = data.posts;
  for (let i = 0; i < posts.length; i += batchSize) {
    const batch = posts.slice(i, i + batchSize);
    await inTransaction(db, async (tx) => {
      for (const post of batch) await importPost(tx, post);
    });
    opts.onProgress?.(Math.min(i + batchSize, posts.length));
  }
  if (opts.users) {
    // After the posts, so each account links to its byline when the author wrote any (and a run
    // with --users after one without still makes them).
    await inTransaction(db, async (tx) => {
      for (const u of data.users) {
        const authorId = await ledger.mapped(tx, 'ghost-author', u.id);
        await ledger.account(tx, u.email ?? undefined, u.name, authorId ?? null);
      }
    });
  }
  return report;
}
