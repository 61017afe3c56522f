import fs from 'node:fs';
import path from 'node:path';
import {
  type ArticleInput,
  ContentError,
  createArticle,
  createSection,
  ensureTags,
} from '../content/index.js';
import { createUserWithoutPassword, emailSchema } from '../accounts/index.js';
import type { ArticleRow, Db, TagRow } from '../db/index.js';
import { addMediaFile } from '../media/index.js';
import { slugify } from '../shared/slug.js';

/**
 * What every archive import (WordPress, Ghost) does the same way: remember what it made of each
 * thing it read (import_items, which makes a run idempotent and resumable), leave a 301 from each
 * old address, and make the tags, bylines, sections and media items the stories point at. One
 * ledger per run; every call takes the batch's transaction.
 */

/** The counters a ledger keeps for the run's report. */
export interface LedgerCounts {
  sections: number;
  tags: number;
  authors: number;
  media: number;
  redirects: number;
  /** Accounts made for bylines (`--users`). */
  accounts: number;
}

export function newCounts(): LedgerCounts {
  return { sections: 0, tags: 0, authors: 0, media: 0, redirects: 0, accounts: 0 };
}

/** One line: control characters and runs of white space become one space; cut at `max`. */
export function oneLine(text: string, max: number): string {
  const clean = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Percent-decoded, as the site's router sees a path; undefined when it is not valid UTF-8. */
export function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

export class ImportLedger {
  constructor(
    /** The old site, e.g. "wordpress:https://old.example.com" or "ghost". */
    readonly source: string,
    private readonly now: () => string,
    readonly counts: LedgerCounts = newCounts(),
    /** Make an account for each byline that has an email address (`--users`). */
    private readonly withAccounts = false,
  ) {}

  private readonly accountsSeen = new Set<string>();

  /**
   * With `--users`: a contributor account for an imported author, linked to their byline (if
   * they have one), with no
   * password (it cannot sign in until one is set: docs/operations.md). An address that is not
   * one, or that already has an account, is left alone; each address is looked at once a run.
   */
  async account(tx: Db, email: string | undefined, name: string, authorId: number | null): Promise<void> {
    if (!this.withAccounts || !email) return;
    const address = emailSchema.safeParse(email);
    if (!address.success || this.accountsSeen.has(address.data)) return;
    this.accountsSeen.add(address.data);
    const made = await createUserWithoutPassword(
      tx,
      { email: address.data, name: oneLine(name, 200) || address.data, role: 'contributor', authorId },
      this.now(),
    );
    if (made) this.counts.accounts++;
  }

  /** What this source's `kind` item `id` became, if an earlier batch or run made it. */
  async mapped(tx: Db, kind: string, id: string): Promise<number | undefined> {
    const row = await tx
      .selectFrom('import_items')
      .select('target_id')
      .where('source', '=', this.source)
      .where('kind', '=', kind)
      .where('source_id', '=', id)
      .executeTakeFirst();
    return row?.target_id;
  }

  async map(tx: Db, kind: string, id: string, target: number): Promise<void> {
    await tx
      .insertInto('import_items')
      .values({ source: this.source, kind, source_id: id, target_id: target, created_at: this.now() })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** A 301 from an old path; the first import to claim a path keeps it. */
  async redirect(tx: Db, from: string | undefined, to: string): Promise<void> {
    if (!from || from === '/' || from === to) return;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    if (from.length > 1000 || /[\u0000-\u001f\u007f]/.test(from)) return;
    const r = await tx
      .insertInto('redirects')
      .values({ from_path: from, to_path: to, created_at: this.now() })
      .onConflict((oc) => oc.column('from_path').doNothing())
      .executeTakeFirst();
    this.counts.redirects += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }

  /**
   * The tag named `name`, made if need be. A name with no Latin letters (Cyrillic, Arabic…)
   * cannot make its own slug, so it takes `slugHint` (the old site's slug) or `fallback`.
   */
  async tag(tx: Db, name: string, slugHint: string, fallback: string): Promise<TagRow | undefined> {
    const clean = oneLine(name, 100);
    if (slugify(clean, 100)) {
      const [tag] = await ensureTags(tx, [clean], this.now());
      if (tag) this.counts.tags++;
      return tag;
    }
    const slug = slugify(decoded(slugHint) ?? '', 100) || fallback;
    await tx
      .insertInto('tags')
      .values({ slug, name: clean || slug, created_at: this.now() })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    this.counts.tags++;
    return tx.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** A new byline with a slug of its own (a suffix when the name's slug is taken). */
  async author(tx: Db, name: string, slugHint: string, bio = ''): Promise<number> {
    const clean = oneLine(name, 200) || 'Unknown';
    const base = slugify(clean) || slugify(slugHint) || 'author';
    let slug = base;
    for (
      let n = 2;
      await tx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst();
      n++
    ) {
      slug = `${base}-${n}`;
    }
    const row = await tx
      .insertInto('authors')
      .values({
        slug,
        name: clean,
        bio,
        avatar_media_id: null,
        created_at: this.now(),
        updated_at: this.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.counts.authors++;
    return row.id;
  }

  /** A new section under `parentId`; a taken or reserved slug gets the next suffix. */
  async section(
    tx: Db,
    slugHint: string,
    name: string,
    parentId: number | null,
  ): Promise<{ id: number; path: string }> {
    let base = slugify(decoded(slugHint) ?? slugHint) || slugify(name) || 'imported';
    if (!/^[a-z]/.test(base)) base = `c-${base}`;
    for (let n = 1; ; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      try {
        const row = await createSection(tx, { slug, name: oneLine(name, 100) || slug, parentId }, this.now());
        this.counts.sections++;
        return row;
      } catch (err) {
        // Taken or reserved: the next suffix. (Anything else repeats and surfaces.)
        if (n > 20) throw err;
      }
    }
  }

  /**
   * A story through the ordinary article write (search index, revisions, webhooks see it), with
   * its tags by id (names without Latin letters cannot pass through a save's tag names) and the
   * old site's creation and update times. A story the write refuses comes back as the reason:
   * its checks refuse before touching the database, so the batch goes on.
   */
  async story(
    tx: Db,
    input: ArticleInput & { firstPublishedAt: string | null },
    opts: { timeZone: string; tagIds: number[]; createdAt: string; updatedAt: string },
  ): Promise<ArticleRow | { refused: string }> {
    let row: ArticleRow;
    try {
      row = await createArticle(tx, input, { by: 'import', timeZone: opts.timeZone, now: this.now() });
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      return { refused: err.message };
    }
    if (opts.tagIds.length) {
      await tx
        .insertInto('article_tags')
        .values(
          opts.tagIds.slice(0, 50).map((tag_id, position) => ({ article_id: row.id, tag_id, position })),
        )
        .execute();
    }
    await tx
      .updateTable('articles')
      .set({ created_at: opts.createdAt, updated_at: opts.updatedAt })
      .where('id', '=', row.id)
      .execute();
    return row;
  }

  /**
   * The media item for `rel`, a path inside the old site's upload folder: one item per file,
   * shared by every story that shows it; `candidates` are the files that may hold it, best
   * first. When it cannot, says why (`missing` when no candidate file exists).
   */
  async media(
    tx: Db,
    rel: string,
    candidates: string[],
    uploadsDir: string | undefined,
    mediaDir: string,
  ): Promise<number | { problem: string; missing: boolean }> {
    for (const c of candidates) {
      const known = await this.mapped(tx, 'media', c);
      if (known) return known;
    }
    if (!uploadsDir) return { problem: `image not imported (no --media-dir): ${rel}`, missing: false };
    for (const candidate of candidates) {
      const file = path.join(uploadsDir, candidate);
      if (!fs.existsSync(file)) continue;
      try {
        const row = await addMediaFile(tx, mediaDir, file, this.now());
        this.counts.media++;
        await this.map(tx, 'media', candidate, row.id);
        return row.id;
      } catch (err) {
        const why = (err as Error).message;
        return { problem: `image refused by the media library (${why}): ${candidate}`, missing: false };
      }
    }
    return { problem: `image file missing from the media directory: ${rel}`, missing: true };
  }
}
