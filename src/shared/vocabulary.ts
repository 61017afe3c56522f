/**
 * The newsroom's words that the server and the app must spell the same: a story's states, the
 * workflow's moves, the roles. The database schema, the workflow and the app all import these;
 * nothing here may import from outside src/shared (src/shared/shared.test.ts checks).
 */
export type ArticleStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished' | 'archived';
export const ARTICLE_STATUSES: readonly ArticleStatus[] = [
  'draft',
  'in_review',
  'scheduled',
  'published',
  'unpublished',
  'archived',
];

export type Role = 'owner' | 'admin' | 'editor' | 'author' | 'contributor';
export const ROLES: readonly Role[] = ['owner', 'admin', 'editor', 'author', 'contributor'];

/**
 * The moves a story can make between states. Which moves exist from which state is the
 * workflow's business (content/workflow.ts TRANSITIONS); who may make one is the policy's.
 */
export type Transition =
  | 'submit'
  | 'return'
  | 'publish'
  | 'schedule'
  | 'unschedule'
  | 'unpublish'
  | 'archive';
