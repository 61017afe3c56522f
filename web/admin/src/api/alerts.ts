/** Breaking-news alerts (the banner on every public page): the calls, query keys and hooks. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertInput, AlertLevel } from '@shared/inputs.js';
import { api } from './client.js';

export type { AlertInput, AlertLevel };

export interface Alert {
  id: number;
  text: string;
  link: string | null;
  level: AlertLevel;
  raisedAt: string;
  raisedBy: string | null;
  expiresAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  /** The edition whose pages show it; null: every edition's. */
  editionId: number | null;
  /** Shown to readers right now. */
  current: boolean;
}

export const listAlerts = () => api<{ alerts: Alert[]; allowed: { raise: boolean } }>('GET', '/alerts');
export const raiseAlert = (input: AlertInput) => api<Alert>('POST', '/alerts', input);
export const withdrawAlert = (id: number) => api<Alert>('POST', `/alerts/${id}/withdraw`);

export const alertKeys = {
  all: ['alerts'] as const,
  list: () => [...alertKeys.all, 'list'] as const,
};

/** The list; asked again every half minute, so an alert that expired shows as ended. */
export const useAlerts = () =>
  useQuery({ queryKey: alertKeys.list(), queryFn: listAlerts, refetchInterval: 30_000 });

function useAlertWrite<V>(write: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export const useRaiseAlert = () => useAlertWrite(raiseAlert);
export const useWithdrawAlert = () => useAlertWrite(withdrawAlert);
