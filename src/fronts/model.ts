import type { FrontListRow } from '../db/index.js';
import { type ListDefinition, listDefinition, type ListPin } from '../shared/fronts.js';

/**
 * A stored list and the pure rules of what it is at a time `t`: which version is in effect, which
 * pins still hold, when that next changes by the clock alone, and how pins and fills become one
 * ordered list per front with no story twice. No queries here (resolve.ts loads, this decides),
 * so "the front as of 18:00" is these functions applied to the stored lists and 18:00.
 */
export interface StoredList {
  id: number | null;
  slug: string;
  front: string;
  position: number;
  title: string;
  definition: ListDefinition;
  scheduled: { at: string; definition: ListDefinition } | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export function storedListOf(row: FrontListRow): StoredList {
  return {
    id: row.id,
    slug: row.slug,
    front: row.front,
    position: row.position,
    title: row.title,
    definition: listDefinition.parse(JSON.parse(row.definition)),
    scheduled:
      row.scheduled && row.scheduled_at
        ? { at: iso(row.scheduled_at), definition: listDefinition.parse(JSON.parse(row.scheduled)) }
        : null,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Timestamps compare as ISO strings in UTC (PostgreSQL may hand back another spelling). */
export function iso(t: string): string {
  return new Date(t).toISOString();
}

/** The definition in effect at `t`: the scheduled one once its time came, with live pins only. */
export function effectiveDefinition(list: StoredList, t: string): ListDefinition {
  const def = list.scheduled && iso(list.scheduled.at) <= t ? list.scheduled.definition : list.definition;
  return { ...def, pins: def.pins.filter((p) => pinHolds(p, t)) };
}

function pinHolds(p: ListPin, t: string): boolean {
  return p.expiresAt === null || iso(p.expiresAt) > t;
}

/**
 * The first moment after `t` when the list's output changes by the clock alone (a scheduled
 * version takes over, a pin in effect then expires), or null: the job that refreshes pages
 * (commands.ts `applyDueListChanges`) waits for it.
 */
export function nextChangeAfter(list: StoredList, t: string): string | null {
  const times: string[] = [];
  const at = list.scheduled ? iso(list.scheduled.at) : null;
  if (at !== null && at > t) times.push(at);
  for (const def of [list.definition, ...(list.scheduled ? [list.scheduled.definition] : [])]) {
    for (const p of def.pins) if (p.expiresAt !== null && iso(p.expiresAt) > t) times.push(iso(p.expiresAt));
  }
  times.sort();
  return times[0] ?? null;
}

/** Something with an id: a story summary, as the front lays them out. */
export interface Placed {
  id: number;
}

/**
 * Lays out a front's lists in order: pinned stories first in their slots, then each list's fill
 * in its free places. A story shows once per front: a pick anywhere on the front keeps it out of
 * every fill, and an earlier list keeps it out of later ones. Stories not in `picks` (not public
 * at the time) are left out; the places close up rather than leave a hole.
 */
/**
 * A most-read list is a ranking: it shows what readers read most even when another list shows it
 * too (anything else would be a wrong number one), keeps nothing out of later lists, and the theme
 * numbers it.
 */
export function isRanking(def: ListDefinition): boolean {
  return def.source.kind === 'most_read';
}

export function assemble<S extends Placed>(
  lists: { def: ListDefinition }[],
  picks: ReadonlyMap<number, S>,
  fills: readonly (readonly S[])[],
): S[][] {
  const shown = new Set<number>();
  const pinnedAnywhere = new Set<number>();
  for (const { def } of lists)
    for (const p of def.pins) if (picks.has(p.articleId)) pinnedAnywhere.add(p.articleId);
  return lists.map(({ def }, i) => {
    const ranking = isRanking(def);
    const places: (S | null)[] = Array.from({ length: def.limit }, () => null);
    const live = def.pins.filter((p) => picks.has(p.articleId) && !shown.has(p.articleId));
    const later: ListPin[] = [];
    for (const p of live) {
      if (p.slot !== null && p.slot <= def.limit && places[p.slot - 1] === null) {
        places[p.slot - 1] = picks.get(p.articleId) ?? null;
      } else later.push(p);
    }
    for (const p of later) {
      const free = places.indexOf(null);
      if (free < 0) break;
      places[free] = picks.get(p.articleId) ?? null;
    }
    const here = new Set(places.flatMap((s) => (s ? [s.id] : [])));
    const fill = (fills[i] ?? []).filter(
      (s) => !here.has(s.id) && (ranking || (!shown.has(s.id) && !pinnedAnywhere.has(s.id))),
    );
    let next = 0;
    for (let k = 0; k < places.length && next < fill.length; k++) {
      if (places[k] === null) places[k] = fill[next++] ?? null;
    }
    const stories = places.filter((s): s is S => s !== null);
    if (!ranking) for (const s of stories) shown.add(s.id);
    return stories;
  });
}
