/**
 * The site's addresses and their health (admins and owners): the mirror checks, and the
 * alternate addresses and app links the newsroom keeps in `settings`; their keys and hooks.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

export type Health = 'reachable' | 'stale' | 'unreachable' | 'skipped' | 'unknown';

/** One address as `GET /mirrors` and `POST /mirrors/check` answer it (MirrorStatusRow on the server). */
export interface MirrorRow {
  url: string;
  primary: boolean;
  status: Health;
  latencyMs: number | null;
  newestPath: string | null;
  detail: string;
  checkedAt: string | null;
  lastSuccessAt: string | null;
}

export function browseMirrors(): Promise<{ mirrors: MirrorRow[]; checkEveryMinutes: number }> {
  return api<{ mirrors: MirrorRow[]; checkEveryMinutes: number }>('GET', '/mirrors');
}

/** Checks every address now; the answer is the new list. */
export async function checkMirrors(): Promise<MirrorRow[]> {
  return (await api<{ mirrors: MirrorRow[] }>('POST', '/mirrors/check')).mirrors;
}

export interface AppLink {
  label: string;
  url: string;
}

/** `GET /addresses`, as every save and reset answer too. */
export interface AddressesView {
  primary: string;
  alternates: string[];
  apps: AppLink[];
  /** The alternates that are one edition's: address → edition id. */
  editions: Record<string, number>;
  onion: string | null;
  source: 'environment' | 'settings';
  updatedAt: string | null;
  environment: { alternates: string[]; apps: AppLink[] };
  limits: { alternates: number; apps: number };
}

export const getAddresses = () => api<AddressesView>('GET', '/addresses');

/** `basedOn`: the list's updatedAt this edit started from (a newer one is refused with 409). */
export const saveAddresses = (v: {
  alternates: string[];
  apps: AppLink[];
  /** Address → edition id, for the addresses that are one edition's (none: every one is the site's). */
  editions?: Record<string, number>;
  basedOn: string | null;
}) => api<AddressesView>('PUT', '/addresses', v);

export const resetAddresses = (basedOn: string | null) =>
  api<AddressesView>('POST', '/addresses/reset', { basedOn });

export const mirrorKeys = {
  all: ['mirrors'] as const,
  status: () => [...mirrorKeys.all, 'status'] as const,
  addresses: () => [...mirrorKeys.all, 'addresses'] as const,
};

/** The last recorded check of every address. */
export const useMirrors = () => useQuery({ queryKey: mirrorKeys.status(), queryFn: browseMirrors });

/** Checks every address now; the answer replaces the cached status rows. */
export function useCheckMirrors() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: checkMirrors,
    onSuccess: (mirrors) =>
      qc.setQueryData<{ mirrors: MirrorRow[]; checkEveryMinutes: number }>(mirrorKeys.status(), (old) =>
        old ? { ...old, mirrors } : old,
      ),
  });
}

/**
 * The addresses and apps as saved. The form editing them keeps the copy it started from
 * (its `basedOn`), whatever a later read brings.
 */
export const useAddresses = () => useQuery({ queryKey: mirrorKeys.addresses(), queryFn: getAddresses });

/**
 * A save or a reset answers with the list as it now is: that is the cached list, and the status
 * table (which shows the saved addresses) is asked again.
 */
function useAddressWrite<V>(write: (v: V) => Promise<AddressesView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (v) => {
      qc.setQueryData(mirrorKeys.addresses(), v);
      // Not awaited: the form says "Saved" without waiting for the table.
      void qc.invalidateQueries({ queryKey: mirrorKeys.status() });
    },
  });
}

export const useSaveAddresses = () => useAddressWrite(saveAddresses);
export const useResetAddresses = () => useAddressWrite(resetAddresses);
