/**
 * Curated fronts (the home page and section fronts as lists): the calls, query keys and hooks.
 * The list's write shapes come from the server's own schemas (@shared/fronts.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ListCreateInput,
  ListDefinition,
  ListDefinitionInput,
  ListPin,
  ListSaveInput,
  ListSource,
  ListVariant,
} from '@shared/fronts.js';
import { searchStories } from './articles.js';
import { api } from './client.js';

export type { ListDefinition, ListDefinitionInput, ListPin, ListSource, ListVariant };

export interface FrontSummary {
  key: string;
  /** The edition the front belongs to: its home (`home`, `home@ID`) or one of its sections. */
  editionId: number;
  name: string;
  path: string;
  /** Lists stored for it (0: it shows its automatic default). */
  lists: number;
}

/** An edition as the front editor's picker shows it (its lists read in its direction). */
export interface FrontEdition {
  id: number;
  code: string;
  name: string;
  language: string;
  direction: 'ltr' | 'rtl';
  isDefault: boolean;
}

/** A list as the editor works on it; `stored: false` is the front's default (version 0). */
export interface FrontList {
  slug: string;
  front: string;
  title: string;
  position: number;
  definition: ListDefinition;
  scheduled: { at: string; definition: ListDefinition } | null;
  version: number;
  stored: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface PreviewStory {
  id: number;
  headline: string;
  path: string | null;
  section: string | null;
  publishedAt: string | null;
}

export interface PreviewList {
  slug: string;
  title: string;
  variant: ListVariant;
  stored: boolean;
  stories: PreviewStory[];
}

export const listFronts = () =>
  api<{ editions: FrontEdition[]; fronts: FrontSummary[]; allowed: { edit: boolean } }>('GET', '/fronts');
export const getFront = (front: string) =>
  api<{ front: string; lists: FrontList[]; allowed: { edit: boolean } }>('GET', `/fronts/${front}`);
export const previewFront = (front: string, at: string | null) =>
  api<{ at: string; lists: PreviewList[] }>(
    'GET',
    `/fronts/${front}/preview${at ? `?at=${encodeURIComponent(at)}` : ''}`,
  );
export const previewList = (v: { front: string; slug: string; definition: ListDefinitionInput }) =>
  api<{ at: string; list: PreviewList | null }>('POST', '/fronts/lists/preview', v);
export const createList = (v: ListCreateInput) => api<FrontList>('POST', '/fronts/lists', v);
export const saveList = (slug: string, v: ListSaveInput) => api<FrontList>('PUT', `/fronts/lists/${slug}`, v);
export const deleteList = (slug: string, version: number) =>
  api('DELETE', `/fronts/lists/${slug}?version=${version}`);
export const reorderFront = (front: string, slugs: string[]) =>
  api('PUT', `/fronts/${front}/order`, { slugs });

export const frontKeys = {
  all: ['fronts'] as const,
  list: () => [...frontKeys.all, 'list'] as const,
  front: (front: string) => [...frontKeys.all, 'front', front] as const,
  preview: (front: string, at: string | null) => [...frontKeys.all, 'preview', front, at] as const,
  draft: (front: string, slug: string, definition: unknown) =>
    [...frontKeys.all, 'draft', front, slug, JSON.stringify(definition)] as const,
};

export const useFronts = () => useQuery({ queryKey: frontKeys.list(), queryFn: listFronts });
export const useFront = (front: string) =>
  useQuery({ queryKey: frontKeys.front(front), queryFn: () => getFront(front) });
/** The front as readers will see it at `at` (null: now). */
export const useFrontPreview = (front: string, at: string | null, enabled: boolean) =>
  useQuery({ queryKey: frontKeys.preview(front, at), queryFn: () => previewFront(front, at), enabled });
/** What a list being edited would show, laid out on its front (before saving). */
export const useListPreview = (front: string, slug: string, definition: ListDefinitionInput) =>
  useQuery({
    queryKey: frontKeys.draft(front, slug, definition),
    queryFn: () => previewList({ front, slug, definition }),
    placeholderData: keepPreviousData,
  });

function useFrontWrite<V>(write: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    // A refusal (409) may come from someone else's save: ask again either way.
    onSettled: () => qc.invalidateQueries({ queryKey: frontKeys.all }),
  });
}

export const useCreateList = () => useFrontWrite(createList);
export const useSaveList = () =>
  useFrontWrite((v: { slug: string; body: ListSaveInput }) => saveList(v.slug, v.body));
export const useDeleteList = () =>
  useFrontWrite((v: { slug: string; version: number }) => deleteList(v.slug, v.version));
export const useReorderFront = () =>
  useFrontWrite((v: { front: string; slugs: string[] }) => reorderFront(v.front, v.slugs));

/** Published stories matching `q` (the newsroom's full-text search), to pin. */
export const useStoriesToPin = (q: string) =>
  useQuery({
    queryKey: [...frontKeys.all, 'pick', q] as const,
    queryFn: () =>
      searchStories(new URLSearchParams({ q, status: 'published', limit: '8' })).then((r) => r.articles),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
