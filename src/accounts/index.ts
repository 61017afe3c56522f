/** The accounts domain's public face: users, sessions, tokens, the permission policy, the audit log. */

export {
  ACTIONS,
  type Action,
  type Actor,
  can,
  canAssignRole,
  canSetByline,
  grantOf,
  type Subject,
} from '../shared/policy.js';
export { audit, listAudit } from './audit.js';
export { ensureFirstOwner, FIRST_OWNER_EMAIL } from './first-run.js';
export { authenticate, confirmPassword } from './login.js';
export { completePasswordReset, createPasswordReset } from './resets.js';
export { hashPassword, randomSecret, verifyPassword } from './secrets.js';
export {
  type ActiveSession,
  createSession,
  endAllSessions,
  endSession,
  resolveSession,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  signOutEverywhere,
} from './sessions.js';
export {
  createPersonalToken,
  listPersonalTokens,
  resolvePersonalToken,
  revokeAllPersonalTokens,
  revokePersonalToken,
} from './tokens.js';
export { type UserPatch, updateUser } from './user-changes.js';
export {
  countUsers,
  createUser,
  createUserWithoutPassword,
  emailSchema,
  listUsers,
  type NewUser,
  newUserSchema,
  passwordSchema,
  presentUser,
  roleSchema,
  setPassword,
  type UserView,
  userByEmail,
  userById,
} from './users.js';
