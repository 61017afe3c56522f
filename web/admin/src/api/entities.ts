/**
 * A story's entities (src/knowledge on the server): the suggestions extraction found, the
 * newsroom's decisions on them, and the registry searched to link one. Keys and hooks.
 */
import type { EntityTypeName } from '@shared/entities.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

export type { EntityTypeName };

/** One link between the story and a name: what extraction found and what the newsroom decided. */
export interface StoryEntity {
  id: number;
  entityId: number | null;
  name: string;
  type: EntityTypeName;
  state: 'suggested' | 'confirmed' | 'rejected';
  mentions: number;
  snippet: string;
}

/** An entity of the registry, as the link search shows it. */
export interface RegistryEntity {
  id: number;
  type: EntityTypeName;
  name: string;
  description: string;
  aliases: { alias: string }[];
}

export interface StoryEntities {
  entities: StoryEntity[];
  /** The story waits for extraction: the list is asked again until it is done. */
  extracting: boolean;
}

export const listStoryEntities = (articleId: number) =>
  api<StoryEntities>('GET', `/articles/${articleId}/entities?rejected=true`);

export type Decision = 'confirm' | 'reject' | 'reopen';

export const decideEntity = (articleId: number, linkId: number, decision: Decision) =>
  api<StoryEntity>('POST', `/articles/${articleId}/entities/${linkId}/${decision}`);

export const linkEntity = (articleId: number, linkId: number, entityId: number) =>
  api<StoryEntity>('POST', `/articles/${articleId}/entities/${linkId}/link`, { entityId });

export async function searchEntities(q: string, limit: number): Promise<RegistryEntity[]> {
  return (
    await api<{ entities: RegistryEntity[] }>('GET', `/entities?q=${encodeURIComponent(q)}&limit=${limit}`)
  ).entities;
}

export const entityKeys = {
  all: ['entities'] as const,
  story: (articleId: number) => [...entityKeys.all, 'story', articleId] as const,
  search: (q: string) => [...entityKeys.all, 'search', q] as const,
};

/** How often the list is asked again while the story waits for extraction (the job runs every 2 s). */
const WHILE_EXTRACTING_MS = 2000;

/**
 * The story's entities. `version` is the story's: a save queues it for extraction, so the list
 * is asked again, and again every 2 s while the server says it is still extracting.
 */
export function useStoryEntities(articleId: number, version: number) {
  return useQuery({
    queryKey: [...entityKeys.story(articleId), version] as const,
    queryFn: () => listStoryEntities(articleId),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.extracting ? WHILE_EXTRACTING_MS : false),
  });
}

/** Registry entities whose name or alias starts with `q` (nothing asked for an empty query). */
export function useEntitySearch(q: string) {
  return useQuery({
    queryKey: entityKeys.search(q),
    queryFn: () => searchEntities(q, 10),
    enabled: q !== '',
    staleTime: 30_000,
  });
}

/** Confirm, reject, take back or link: the story's list is asked again either way. */
export function useDecideEntity(articleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { linkId: number; decision: Decision } | { linkId: number; entityId: number }) =>
      'entityId' in v
        ? linkEntity(articleId, v.linkId, v.entityId)
        : decideEntity(articleId, v.linkId, v.decision),
    onSettled: () => qc.invalidateQueries({ queryKey: entityKeys.story(articleId) }),
  });
}
