/** The signed-in user's personal API tokens: list, make (shown once), revoke; keys and hooks. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

export interface Token {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

export async function browseTokens(): Promise<Token[]> {
  return (await api<{ tokens: Token[] }>('GET', '/tokens')).tokens;
}

/** A new token; its secret is in the answer once and never again. */
export function addToken(v: {
  name: string;
  currentPassword: string;
  expiresInDays: number | null;
}): Promise<{ token: string }> {
  return api<{ token: string }>('POST', '/tokens', v);
}

export const revokeToken = (id: number) => api('DELETE', `/tokens/${id}`);

export const tokenKeys = {
  all: ['tokens'] as const,
  list: () => [...tokenKeys.all, 'list'] as const,
};

export const useTokens = () => useQuery({ queryKey: tokenKeys.list(), queryFn: browseTokens });

/** A write to tokens: the list is asked again, succeeded or not. */
function useTokenWrite<V, R>(write: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export const useAddToken = () => useTokenWrite(addToken);
export const useRevokeToken = () => useTokenWrite((id: number) => revokeToken(id));
