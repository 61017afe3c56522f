/** The checks before publishing (content/checks.ts on the server), as the checklist dialog asks them. */
import { api } from './client.js';

export interface StoryCheck {
  id: string;
  severity: 'error' | 'warning';
  field: string;
  message: string;
}

export interface ChecksAnswer {
  checks: StoryCheck[];
  canOverride: boolean;
}

/** The checks a move would meet (`action`, and `publishAt` for a schedule). */
export const getChecks = (articleId: number, query: URLSearchParams) =>
  api<ChecksAnswer>('GET', `/articles/${articleId}/checks?${query}`);
