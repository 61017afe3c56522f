/** The knowledge layer (docs/knowledge.md): the entity registry, extraction, a story's entities. */
export { type ConsistencyOptions, consistencyChecks, editDistance, splitSentences } from './consistency.js';
export {
  buildGazetteer,
  extractEntities,
  type Gazetteer,
  type GazetteerEntry,
  type Recogniser,
  type Suggestion,
  sameName,
} from './extract.js';
export { COMMON_ORGANISATIONS, demonyms, type SeedEntity, starterGazetteer } from './gazetteer.js';
export { loadRecogniser, type RecogniserName } from './nlp.js';
export { normaliseName } from './normalise.js';
export {
  createEntity,
  type Entity,
  type EntityActor,
  entityHistory,
  type EntitySplit,
  type EntityInput,
  type EntityPatch,
  getEntity,
  listEntities,
  mergeEntities,
  splitEntity,
  updateEntity,
} from './registry.js';
export { RelatedIndex, relatedStories } from './related.js';
export { seedGazetteer } from './seed.js';
export {
  confirmedEntitiesOf,
  decideSuggestion,
  extractionBacklog,
  extractionPending,
  extractStory,
  linkSuggestion,
  loadGazetteer,
  queueAllStories,
  queueEntityExtraction,
  reopenSuggestion,
  runExtractionQueue,
  type PublicEntity,
  type StoryEntity,
  storyEntities,
  storyParts,
} from './story.js';
export {
  type ArticleTopic,
  articleTopics,
  type RelatedEntity,
  relatedEntities,
  sameAsOf,
  type TopicLookup,
  topicBySlug,
  topicsOfStories,
} from './topics.js';
