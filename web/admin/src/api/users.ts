/** Everyone in the newsroom (the users screen): list, create, change role or access; keys and hooks. */
import type { Role } from '@shared/vocabulary.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export const useUsers = () => useQuery({ queryKey: userKeys.list(), queryFn: browseUsers });

/** A write to users: the list is asked again, succeeded or not. */
function useUserWrite<V>(write: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export const useAddUser = () => useUserWrite((v: NewUser) => addUser(v));
export const useEditUser = () =>
  useUserWrite((v: { id: number; patch: { role?: Role; active?: boolean } }) => editUser(v.id, v.patch));
