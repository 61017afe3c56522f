/**
 * The section tree: its shape, the calls that read and change it, and the copy the pickers share
 * (fetched once per page load; every write here forgets it, so the next reader fetches afresh).
 * A query cache (TanStack Query) would do this bookkeeping; until it is installed, it is here.
 */
import { useEffect, useState } from 'react';
import { api } from './client.js';

export interface Section {
  id: number;
  slug: string;
  name: string;
  path: string;
  parentId: number | null;
  children: Section[];
}

/** What the sections screen sends to add or change a section. */
export interface SectionWrite {
  name: string;
  slug: string;
  parentId: number | null;
  position?: number;
}

let cached: Promise<Section[]> | null = null;

/** The tree for pickers: one fetch per page load until a write here changes it. */
export function loadSections(): Promise<Section[]> {
  cached ??= api<{ sections: Section[] }>('GET', '/sections').then((r) => r.sections);
  cached.catch(() => {
    cached = null;
  });
  return cached;
}

/** After a change, the next reader fetches the tree afresh. */
export function forgetSections(): void {
  cached = null;
}

/** The tree fetched afresh (the sections screen): pickers opened afterwards see the same. */
export function browseSections(): Promise<Section[]> {
  forgetSections();
  return loadSections();
}

function changed<T>(p: Promise<T>): Promise<T> {
  return p.finally(forgetSections);
}

export const addSection = (v: SectionWrite) => changed(api('POST', '/sections', v));
export const editSection = (id: number, v: SectionWrite) => changed(api('PATCH', `/sections/${id}`, v));
export const deleteSection = (id: number) => changed(api('DELETE', `/sections/${id}`));
export const reorderSections = (parentId: number | null, ids: number[]) =>
  changed(api('POST', '/sections/reorder', { parentId, ids }));

export interface SectionOption {
  id: number;
  name: string;
  path: string;
  depth: number;
}

/** The section tree in reading order, with depth for indentation. */
export function flattenSections(tree: Section[], depth = 0): SectionOption[] {
  return tree.flatMap((s) => [
    { id: s.id, name: s.name, path: s.path, depth },
    ...flattenSections(s.children ?? [], depth + 1),
  ]);
}

/** The sections for a picker (empty until loaded, or when they cannot be). */
export function useSections(): SectionOption[] {
  const [list, setList] = useState<SectionOption[]>([]);
  useEffect(() => {
    loadSections()
      .then((t) => setList(flattenSections(t)))
      .catch(() => setList([]));
  }, []);
  return list;
}

/** "— Politics" style labels for a <select>. */
export function sectionLabel(s: SectionOption): string {
  return `${'\u2014 '.repeat(s.depth)}${s.name}`;
}
