/** Reference data every screen needs (sections, bylines), fetched once per page load. */
import { useEffect, useState } from 'react';
import type { Author } from './api/authors.js';
import { api } from './api/client.js';
import type { Section } from './api/sections.js';

let sections: Promise<Section[]> | null = null;
let authors: Promise<Author[]> | null = null;

export function loadSections(): Promise<Section[]> {
  sections ??= api<{ sections: Section[] }>('GET', '/sections').then((r) => r.sections);
  sections.catch(() => {
    sections = null;
  });
  return sections;
}

export function loadAuthors(): Promise<Author[]> {
  authors ??= api<{ authors: Author[] }>('GET', '/authors').then((r) => r.authors);
  authors.catch(() => {
    authors = null;
  });
  return authors;
}

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

export function useSections(): SectionOption[] {
  const [list, setList] = useState<SectionOption[]>([]);
  useEffect(() => {
    loadSections()
      .then((t) => setList(flattenSections(t)))
      .catch(() => setList([]));
  }, []);
  return list;
}

export function useAuthors(): Author[] {
  const [list, setList] = useState<Author[]>([]);
  useEffect(() => {
    loadAuthors()
      .then(setList)
      .catch(() => setList([]));
  }, []);
  return list;
}

/** "— Politics" style labels for a <select>. */
export function sectionLabel(s: SectionOption): string {
  return `${'\u2014 '.repeat(s.depth)}${s.name}`;
}

/** After a sections or bylines screen changes them, the next reader fetches them afresh. */
export function forgetReferenceData(): void {
  sections = null;
  authors = null;
}
