/** The signed-in user and their session: sign in and out, password, sessions everywhere. */
import type { Role } from '@shared/vocabulary.js';
import { api } from './client.js';

export type { Role };

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorId: number | null;
}

/** Who is signed in, and the CSRF token for their writes (401 when no one is). */
export const getSession = () => api<{ user: User; csrfToken: string | null }>('GET', '/session');

export const signIn = (email: string, password: string) =>
  api<{ user: User; csrfToken: string }>('POST', '/session', { email, password });

export const signOut = () => api('DELETE', '/session');

/** Ends every session of this user and revokes their API tokens. */
export const signOutEverywhere = () => api('POST', '/session/sign-out-everywhere');

export const changePassword = (currentPassword: string, newPassword: string) =>
  api('POST', '/password', { currentPassword, newPassword });
