/** The checks before publishing (content/checks.ts on the server), as the checklist dialog asks them. */
import { useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

export interface StoryCheck {
  id: string;
  severity: 'error' | 'warning';
  field: string;
  message: string;
  /** The sentence at fault (the knowledge layer's consistency checks), and the words to highlight in it. */
  sentence?: string;
  highlight?: string[];
}

export interface ChecksAnswer {
  checks: StoryCheck[];
  canOverride: boolean;
}

/** The checks a move would meet (`action`, and `publishAt` for a schedule). */
export const getChecks = (articleId: number, query: URLSearchParams) =>
  api<ChecksAnswer>('GET', `/articles/${articleId}/checks?${query}`);

export const checkKeys = {
  all: ['checks'] as const,
  move: (articleId: number, query: string) => [...checkKeys.all, articleId, query] as const,
};

/**
 * The checks, asked when a move is about to happen (not on render): always from the server (the
 * story may have changed a second ago), through the cache only so that a double click shares
 * one request.
 */
export function useAskChecks(articleId: number): (query: URLSearchParams) => Promise<ChecksAnswer> {
  const qc = useQueryClient();
  return (query) =>
    qc.fetchQuery({
      queryKey: checkKeys.move(articleId, query.toString()),
      queryFn: () => getChecks(articleId, query),
      staleTime: 0,
      gcTime: 0,
    });
}
