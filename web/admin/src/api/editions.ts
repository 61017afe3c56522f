/** Editions (src/editions): the list, a story's translations, and Translate. */

import type { EditionView as Edition, TranslationView as Translation } from '@shared/editions.js';
import { useQuery } from '@tanstack/react-query';
import { t } from '../i18n/index.js';
import { api } from './client.js';

export type { EditionView as Edition, TranslationView as Translation } from '@shared/editions.js';

export const listEditions = () => api<{ editions: Edition[] }>('GET', '/editions');
export const listTranslations = (id: number) =>
  api<{ editionId: number; translations: Translation[] }>('GET', `/articles/${id}/translations`);
/** A linked draft in another edition, starting from the story's words; answers the new story. */
export const translateArticle = (id: number, editionId: number) =>
  api<{ id: number }>('POST', `/articles/${id}/translations`, { editionId });

export const editionKeys = {
  all: ['editions'] as const,
  translations: (id: number) => ['editions', 'translations', id] as const,
};

/** Editions change rarely: kept for the session once read. */
export const useEditions = () =>
  useQuery({ queryKey: editionKeys.all, queryFn: listEditions, staleTime: Number.POSITIVE_INFINITY });
export const useTranslations = (id: number) =>
  useQuery({ queryKey: editionKeys.translations(id), queryFn: () => listTranslations(id) });

/** An edition as a picker names it: "الأخبار · ar · right to left". */
export function editionLabel(e: Pick<Edition, 'name' | 'language' | 'direction'>): string {
  return t('editions.option', {
    name: e.name,
    language: e.language,
    rtl: e.direction === 'rtl' ? 'yes' : 'no',
  });
}
