/** The signed-in user's personal API tokens: list, make (shown once), revoke. */
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
