import type { Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import { dateInZone } from '../lib/time.js';

type Tx = Transaction<Database>;

export /** `news/politics/2026/11/28/slug`: section path, local publication date, slug. */
async function permalinkFor(
  tx: Tx,
  sectionId: number,
  slug: string,
  publishedAt: string,
  timeZone: string,
  self?: { id: number; path: string | null },
) {
  // An edition's section paths start with its prefix (`es/mundo`), so its stories' do too;
  // the date is the local date in the edition's time zone when it has its own.
  const section = await tx
    .selectFrom('sections')
    .leftJoin('editions', 'editions.id', 'sections.edition_id')
    .select(['sections.path', 'editions.time_zone'])
    .where('sections.id', '=', sectionId)
    .executeTakeFirstOrThrow();
  const { year, month, day } = dateInZone(publishedAt, section.time_zone ?? timeZone);
  const base = `/${section.path}/${year}/${month}/${day}/${slug}`;
  // Two stories with one slug on one day in one section: the later one gets a suffix.
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const taken = await tx
      .selectFrom('articles')
      .select('id')
      .where('path', '=', candidate)
      .$if(self !== undefined, (q) => q.where('id', '!=', self?.id as number))
      .executeTakeFirst();
    const redirect = await tx
      .selectFrom('redirects')
      .select('to_path')
      .where('from_path', '=', candidate)
      .executeTakeFirst();
    // A path that redirects elsewhere belongs to another story's past, unless it is our own.
    const ours = redirect !== undefined && self?.path != null && redirect.to_path === self.path;
    if (!taken && (!redirect || ours)) return candidate;
  }
}
