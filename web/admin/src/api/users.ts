/** Everyone in the newsroom (the users screen): list, create, change role or access. */
import type { Role } from '@shared/vocabulary.js';
import { api } from './client.js';

export interface Member {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorId: number | null;
  active: boolean;
}

export interface NewUser {
  name: string;
  email: string;
  role: Role;
  password: string;
  authorId: number | null;
}

export async function browseUsers(): Promise<Member[]> {
  return (await api<{ users: Member[] }>('GET', '/users')).users;
}

export const addUser = (v: NewUser) => api('POST', '/users', v);
export const editUser = (id: number, patch: { role?: Role; active?: boolean }) =>
  api('PATCH', `/users/${id}`, patch);
