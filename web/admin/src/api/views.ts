/** Story views (src/audience): the site's and one story's, with their series; calls and hooks. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';

export type ViewWindow = 'hour' | 'day' | 'week';

export interface ViewSeries {
  lastHour: number;
  last24h: number;
  total: number;
  hourly: { hour: string; views: number }[];
  daily: { day: string; views: number }[];
}

export interface MostReadItem {
  id: number;
  headline: string;
  path: string;
  url: string;
  section: { name: string; path: string } | null;
  publishedAt: string;
  views: number;
}

export const siteViews = (window: ViewWindow) =>
  api<ViewSeries & { window: ViewWindow; mostRead: MostReadItem[] }>('GET', `/views?window=${window}`);
export const storyViews = (id: number) => api<ViewSeries>('GET', `/articles/${id}/views`);

export const viewKeys = {
  all: ['views'] as const,
  site: (window: ViewWindow) => [...viewKeys.all, 'site', window] as const,
  story: (id: number) => [...viewKeys.all, 'story', id] as const,
};

/** Counts reach the database every ten seconds; asking each minute is live enough. */
export const useSiteViews = (window: ViewWindow) =>
  useQuery({ queryKey: viewKeys.site(window), queryFn: () => siteViews(window), refetchInterval: 60_000 });
export const useStoryViews = (id: number, enabled = true) =>
  useQuery({ queryKey: viewKeys.story(id), queryFn: () => storyViews(id), refetchInterval: 60_000, enabled });
