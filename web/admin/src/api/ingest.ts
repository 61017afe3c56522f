/** The ingest desk (wire copy from agencies): the calls, query keys and hooks. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Doc } from '@shared/document/index.js';
import { articleKeys } from './articles.js';
import { api } from './client.js';

export interface WireItem {
  id: number;
  source: { slug: string; name: string };
  guid: string;
  version: number;
  format: string;
  pubStatus: 'usable' | 'withheld' | 'canceled';
  headline: string;
  dek: string;
  byline: string;
  provider: string;
  priority: number | null;
  subjects: { code: string; name: string }[];
  language: string | null;
  embargoUntil: string | null;
  versionCreated: string | null;
  receivedAt: string;
  usedBy: number;
}

export interface WireItemDetail extends WireItem {
  body: Doc;
  rights: string;
  notes: string;
  versions: { id: number; version: number; pubStatus: string; receivedAt: string }[];
  stories: { articleId: number; headline: string; status: string; version: number; flag: string | null }[];
}

export interface Quarantined {
  id: number;
  source: { slug: string; name: string };
  reason: string;
  via: string;
  fileName: string | null;
  receivedAt: string;
  excerpt: string;
}

export interface FlaggedStory {
  articleId: number;
  headline: string;
  status: string;
  flag: 'update' | 'kill';
  flaggedAt: string;
  source: string;
}

export interface QueueFilters {
  source: string;
  priority: string;
  subject: string;
  q: string;
}

function queryString(f: QueueFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim()) p.set(k, v.trim());
  return p.toString();
}

export const fetchQueue = (f: QueueFilters) =>
  api<{ items: WireItem[]; next: number | null }>('GET', `/ingest/items?${queryString(f)}`);
export const fetchItem = (id: number) => api<WireItemDetail>('GET', `/ingest/items/${id}`);
export const fetchQuarantine = () => api<{ items: Quarantined[] }>('GET', '/ingest/quarantine');
export const fetchFlagged = () => api<{ stories: FlaggedStory[] }>('GET', '/ingest/flagged');
export const fetchSources = () =>
  api<{ sources: { slug: string; name: string; active: boolean }[] }>('GET', '/ingest/sources');
export const postUse = (id: number, sectionId: number) =>
  api<{ articleId: number }>('POST', `/ingest/items/${id}/use`, { sectionId });

export const ingestKeys = {
  all: ['ingest'] as const,
  queue: (f: QueueFilters) => [...ingestKeys.all, 'queue', f] as const,
  item: (id: number) => [...ingestKeys.all, 'item', id] as const,
  quarantine: () => [...ingestKeys.all, 'quarantine'] as const,
  flagged: () => [...ingestKeys.all, 'flagged'] as const,
  sources: () => [...ingestKeys.all, 'sources'] as const,
};

/** The queue is asked again every 5 s: wire copy arrives all day. */
export const useQueue = (f: QueueFilters) =>
  useQuery({
    queryKey: ingestKeys.queue(f),
    queryFn: () => fetchQueue(f),
    refetchInterval: 5_000,
    placeholderData: keepPreviousData,
  });
export const useItemDetail = (id: number | null) =>
  useQuery({ queryKey: ingestKeys.item(id ?? 0), queryFn: () => fetchItem(id ?? 0), enabled: id !== null });
export const useQuarantine = (enabled: boolean) =>
  useQuery({ queryKey: ingestKeys.quarantine(), queryFn: fetchQuarantine, enabled, refetchInterval: 15_000 });
export const useFlagged = () =>
  useQuery({ queryKey: ingestKeys.flagged(), queryFn: fetchFlagged, refetchInterval: 15_000 });
export const useSources = () => useQuery({ queryKey: ingestKeys.sources(), queryFn: fetchSources });

/** "Use": the item's stories and counts change, and there is a new draft on the desk. */
export function useUseItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; sectionId: number }) => postUse(v.id, v.sectionId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ingestKeys.all });
      void qc.invalidateQueries({ queryKey: articleKeys.all });
    },
  });
}

export interface StoryWire {
  itemId: number;
  source: { slug: string; name: string };
  guid: string;
  version: number;
  rights: string;
  embargoUntil: string | null;
  flag: 'update' | 'kill' | null;
  flagItemId: number | null;
  flaggedAt: string | null;
}

export const fetchStoryWire = (articleId: number) =>
  api<{ wire: StoryWire | null }>('GET', `/articles/${articleId}/wire`);

/** The agency item a story came from; asked again every 15 s, so a kill reaches an open editor. */
export const useStoryWire = (articleId: number) =>
  useQuery({
    queryKey: [...ingestKeys.all, 'story', articleId] as const,
    queryFn: () => fetchStoryWire(articleId),
    refetchInterval: 15_000,
  });
