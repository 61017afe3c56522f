/**
 * Editions: one newsroom publishing in several languages. An edition is a language at an
 * address (a path prefix such as `/es/`, or a host of its own) with its own time zone and
 * section tree; stories belong to one and link to their translations in others. Resolved once
 * per request (`resolveEdition`) and carried in the site's frame. See docs/editions.md.
 */
export {
  type Edition,
  defaultEdition,
  directionOf,
  editionOf,
  editionOfHost,
  editionPath,
  editionSiteUrl,
  editionUrls,
  resolveEdition,
} from './model.js';
export { editionHostScopes } from './hosts.js';
export { type EditionInput, editionInput, editionPatch, translationInput } from './schema.js';
export { createEdition, editionById, editionsOf, loadEditions, updateEdition } from './store.js';
export {
  createTranslation,
  publicTranslationGroups,
  storyLanguage,
  type TranslationLink,
  translationsOf,
} from './translations.js';
