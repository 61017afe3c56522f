/**
 * What the signed-in user's role may do, from THE policy module the server enforces (imported,
 * not copied), so the app hides exactly the controls the API would refuse.
 */
import { type Action, can, grantOf, canSetByline as policyCanSetByline } from '@shared/policy.js';
import type { User } from './api/session.js';

/** Whether the role may do this to anything at all (own stories count). */
export function mayEver(user: User, action: Action): boolean {
  return grantOf(user.role, action) !== false;
}

/** Whether the user may do this to a thing owned by `ownerId` (a story's writer, an image's uploader). */
export function mayOn(user: User, action: Action, ownerId: number | null): boolean {
  return can(user, action, { ownerId });
}

/** Whether the user may add or remove this byline (their own profile, or any for editors). */
export function canSetByline(user: User, authorId: number): boolean {
  return policyCanSetByline(user, authorId);
}

export type { Action };
