/** A story's live coverage (docs/newsroom-api.md, "Live coverage"): keys, calls and hooks. */
import type { Coverage, LiveEntry, LiveEntryInput, LiveEntryKind, LiveEntryPatch } from '@shared/live.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

export type { LiveEntryKind };

export type LiveCoverage = Coverage;
export type { LiveEntry };

export interface LiveState {
  coverage: LiveCoverage | null;
  entries: LiveEntry[];
  allowed: { manage: boolean; post: boolean };
}

export const liveKeys = {
  all: ['live'] as const,
  story: (articleId: number) => [...liveKeys.all, articleId] as const,
};

/** Colleagues post at the same time: the panel asks again every few seconds. */
export const useLive = (articleId: number) =>
  useQuery({
    queryKey: liveKeys.story(articleId),
    queryFn: () => api<LiveState>('GET', `/articles/${articleId}/live`),
    refetchInterval: 5_000,
  });

function useLiveWrite<V>(articleId: number, write: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => qc.invalidateQueries({ queryKey: liveKeys.story(articleId) }),
  });
}

export const useStartLive = (articleId: number) =>
  useLiveWrite(articleId, () => api('POST', `/articles/${articleId}/live/start`));
export const useEndLive = (articleId: number) =>
  useLiveWrite(articleId, () => api('POST', `/articles/${articleId}/live/end`));
export const usePostEntry = (articleId: number) =>
  useLiveWrite(articleId, (v: LiveEntryInput) =>
    api<LiveEntry>('POST', `/articles/${articleId}/live/entries`, v),
  );
export const useEditEntry = (articleId: number) =>
  useLiveWrite(articleId, (v: { id: number; patch: LiveEntryPatch }) =>
    api<LiveEntry>('PATCH', `/articles/${articleId}/live/entries/${v.id}`, v.patch),
  );
export const useDeleteEntry = (articleId: number) =>
  useLiveWrite(articleId, (v: { id: number; version: number }) =>
    api<LiveEntry>('POST', `/articles/${articleId}/live/entries/${v.id}/delete`, { version: v.version }),
  );
