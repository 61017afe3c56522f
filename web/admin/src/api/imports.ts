/** Archive import runs (`masthead import wordpress|ghost`): read-only calls and hooks. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';

export interface ImportRun {
  id: number;
  kind: 'wordpress' | 'ghost';
  file: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, number> | null;
  error: string | null;
}

export interface ImportItem {
  id: string;
  type: string;
  title: string;
  link: string;
  articleId: number | null;
  problems: string[];
}

export interface ImportRunDetail extends ImportRun {
  items: ImportItem[];
  itemCount: number;
  missingMedia: string[];
}

export const listImports = () => api<{ runs: ImportRun[] }>('GET', '/imports');
export const getImport = (id: number) => api<ImportRunDetail>('GET', `/imports/${id}`);

export const importKeys = {
  all: ['imports'] as const,
  list: () => [...importKeys.all, 'list'] as const,
  one: (id: number) => [...importKeys.all, id] as const,
};

/** A running import's counts appear when it ends: asked again every ten seconds while one runs. */
export const useImports = () =>
  useQuery({
    queryKey: importKeys.list(),
    queryFn: listImports,
    refetchInterval: (q) => (q.state.data?.runs.some((r) => r.status === 'running') ? 10_000 : false),
  });
export const useImport = (id: number | null) =>
  useQuery({ queryKey: importKeys.one(id ?? 0), queryFn: () => getImport(id ?? 0), enabled: id !== null });
