import { useCallback, useId, useState } from 'react';
import { ApiError } from '../api/client.js';
import { type Edition, useEditions } from '../api/editions.js';
import {
  type AddressesView,
  type AppLink,
  useAddresses,
  useResetAddresses,
  useSaveAddresses,
} from '../api/mirrors.js';
import { messageOf } from '../api/query.js';
import { Notices } from '../components/manage.js';
import { useLeaveGuard } from '../router.js';
import { t } from '../i18n/index.js';
import { formatNewsroomTime } from '../time.js';

interface Draft {
  /**
   * The textarea's text: one address per line (blank lines ignored), followed by an edition's
   * code when the address is that edition's alone (`https://ar-mirror.example.net ar`).
   */
  addresses: string;
  apps: AppLink[];
}

const draftOf = (v: AddressesView, editions: readonly Edition[]): Draft => ({
  addresses: v.alternates
    .map((url) => {
      const code = editions.find((e) => e.id === v.editions?.[url])?.code;
      return code ? `${url} ${code}` : url;
    })
    .join('\n'),
  apps: v.apps,
});
const same = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** The lines that hold an address, with their line numbers, so the server's errors can name them. */
function addressLines(text: string): { line: number; value: string; edition: string | null }[] {
  return text
    .split('\n')
    .map((raw, i) => {
      const [value = '', edition = null] = raw.trim().split(/\s+/);
      return { line: i + 1, value, edition };
    })
    .filter((l) => l.value !== '');
}

/** The addresses given an edition, by its code; an unknown code is the editor's to fix. */
function editionsOf(
  lines: { line: number; value: string; edition: string | null }[],
  editions: readonly Edition[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines) {
    if (!l.edition) continue;
    const ed = editions.find((e) => e.code === l.edition && !e.isDefault);
    if (!ed) throw new Error(t('addresses.error.edition', { line: l.line, code: l.edition }));
    out[l.value] = ed.id;
  }
  return out;
}

/**
 * The server names a field by its place in the body (`body.alternates.2`); the editor knows it
 * by its line in the box or its app row.
 */
function problemOf(err: unknown, lines: { line: number }[]): string {
  if (!(err instanceof ApiError)) return (err as Error).message;
  const first = Array.isArray(err.details) ? (err.details[0] as { field?: string; message?: string }) : null;
  const m = first?.field ? /^body\.(alternates|apps)\.(\d+)(?:\.(label|url))?$/.exec(first.field) : null;
  if (!m || !first?.message) return err.message;
  const n = Number(m[2]);
  if (m[1] === 'alternates')
    return t('addresses.error.line', { line: lines[n]?.line ?? n + 1, message: first.message });
  return t('addresses.error.app', {
    n: n + 1,
    field: m[3] === 'label' ? 'label' : 'address',
    message: first.message,
  });
}

/**
 * Where readers can find the site besides its main address, and the newsroom's apps: shown in
 * every page's footer and in /mirrors.json. Saved here, they are in effect on every app node at
 * once; until the newsroom saves its own, the server's defaults apply.
 */
export function AddressForm() {
  const saved = useAddresses();
  const saveAddresses = useSaveAddresses();
  const resetAddresses = useResetAddresses();
  const editionList = useEditions();
  const editions = editionList.data?.editions;
  /**
   * The list this draft started from (its updatedAt is the save's `basedOn`): the first copy
   * read, then each save's answer or an explicit "show the latest". A later read of the cache
   * never moves it under the editor's draft.
   */
  const [view, setView] = useState<AddressesView | null>(null);
  const [draft, setDraft] = useState<Draft>({ addresses: '', apps: [] });
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  /** Someone else saved meanwhile: the draft stays, and the editor chooses to load theirs. */
  const [conflict, setConflict] = useState(false);
  const id = useId();

  const show = useCallback(
    (v: AddressesView) => {
      setView(v);
      setDraft(draftOf(v, editions ?? []));
    },
    [editions],
  );
  // The first copy read starts the draft (state set while rendering, once: React's way to
  // derive state from a value that arrives later, without an effect and an extra paint).
  if (view === null && saved.data && editions) show(saved.data);
  const load = async () => {
    const latest = await saved.refetch();
    if (latest.data && !latest.error) show(latest.data);
    else setError(messageOf(latest.error));
  };

  const dirty = view !== null && !same(draft, draftOf(view, editions ?? []));
  useLeaveGuard(dirty ? t('addresses.leave') : null);

  async function send(work: () => Promise<AddressesView>, done: (v: AddressesView) => string) {
    setBusy(true);
    setError('');
    setNotice('');
    setConflict(false);
    try {
      const v = await work();
      show(v);
      setNotice(done(v));
    } catch (err) {
      // The draft stays as typed: nothing the editor wrote is lost to a refusal.
      setError(problemOf(err, addressLines(draft.addresses)));
      setConflict(err instanceof ApiError && err.status === 409);
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    send(
      () =>
        saveAddresses.mutateAsync({
          alternates: addressLines(draft.addresses).map((l) => l.value),
          apps: draft.apps.map((a) => ({ label: a.label, url: a.url })),
          editions: editionsOf(addressLines(draft.addresses), editions ?? []),
          basedOn: view?.updatedAt ?? null,
        }),
      (v) => t('addresses.saved', { addresses: v.alternates.length, apps: v.apps.length }),
    );
  const reset = () => {
    if (!confirm(t('addresses.reset.confirm'))) return;
    void send(
      () => resetAddresses.mutateAsync(view?.updatedAt ?? null),
      () => t('addresses.reset.done'),
    );
  };
  const setApp = (i: number, patch: Partial<AppLink>) =>
    setDraft((d) => ({ ...d, apps: d.apps.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));

  if (!view) {
    const failed = error || messageOf(saved.error ?? editionList.error);
    return failed ? <Notices error={failed} notice="" /> : <p className="muted">{t('addresses.loading')}</p>;
  }
  return (
    <form
      className="address-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id={`${id}-title`}>{t('addresses.title')}</h2>
      <p className="hint">
        {view.source === 'settings' ? (
          <>
            {t('addresses.source.settings')}{' '}
            {view.updatedAt && <time dateTime={view.updatedAt}>{formatNewsroomTime(view.updatedAt)}</time>}.
          </>
        ) : (
          t('addresses.source.config')
        )}{' '}
        {t('addresses.hint.footer')} <code>/mirrors.json</code> {t('addresses.hint.footer.rest')}
      </p>
      <p className="address-primary">
        {t('addresses.primary')} <code>{view.primary}</code>{' '}
        <span className="muted">{t('addresses.primary.note')}</span>
      </p>
      <label>
        {t('addresses.alternates')}
        <textarea
          rows={Math.min(12, Math.max(4, addressLines(draft.addresses).length + 2))}
          spellCheck={false}
          autoCapitalize="off"
          aria-describedby={`${id}-addr-hint`}
          value={draft.addresses}
          onChange={(e) => setDraft((d) => ({ ...d, addresses: e.target.value }))}
        />
      </label>
      <p className="hint" id={`${id}-addr-hint`}>
        {t('addresses.hint.such')} <code>https://mirror.example.org</code> {t('addresses.hint.or')}{' '}
        <code>http://…​.onion</code>. {t('addresses.hint.point', { max: view.limits.alternates })}
        {editions && editions.length > 1 && (
          <>
            {' '}
            {t('addresses.hint.edition')}{' '}
            <code>https://ar-mirror.example.net {editions.find((e) => !e.isDefault)?.code}</code>
            {t('addresses.hint.edition.rest')} <code>/</code>.
          </>
        )}
      </p>
      <fieldset className="address-apps">
        <legend>{t('addresses.apps')}</legend>
        {draft.apps.length === 0 && <p className="muted">{t('addresses.apps.none')}</p>}
        {draft.apps.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div className="address-app" key={i}>
            <label>
              {t('addresses.app.label')}
              <input
                required
                maxLength={80}
                value={a.label}
                onChange={(e) => setApp(i, { label: e.target.value })}
                aria-label={t('addresses.app.labelOf', { n: i + 1 })}
              />
            </label>
            <label>
              {t('addresses.app.address')}
              <input
                required
                type="url"
                value={a.url}
                onChange={(e) => setApp(i, { url: e.target.value })}
                aria-label={t('addresses.app.addressOf', { n: i + 1 })}
              />
            </label>
            <button
              type="button"
              aria-label={
                a.label
                  ? t('addresses.app.removeNamed', { n: i + 1, label: a.label })
                  : t('addresses.app.removeOf', { n: i + 1 })
              }
              onClick={() => setDraft((d) => ({ ...d, apps: d.apps.filter((_, j) => j !== i) }))}
            >
              {t('addresses.app.remove')}
            </button>
          </div>
        ))}
        {draft.apps.length < view.limits.apps && (
          <button
            type="button"
            onClick={() => setDraft((d) => ({ ...d, apps: [...d.apps, { label: '', url: '' }] }))}
          >
            {t('addresses.app.add')}
          </button>
        )}
      </fieldset>
      <Notices error={error} notice={notice} />
      {conflict && (
        <p>
          <button
            type="button"
            onClick={() => {
              setError('');
              setConflict(false);
              void load();
            }}
          >
            {t('addresses.latest')}
          </button>
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy || !dirty}>
          {busy ? t('addresses.saving') : t('addresses.save')}
        </button>
        {dirty && (
          <button type="button" disabled={busy} onClick={() => setDraft(draftOf(view, editions ?? []))}>
            {t('addresses.undo')}
          </button>
        )}
        {view.source === 'settings' && (
          <button type="button" disabled={busy} onClick={reset}>
            {t('addresses.reset')}
          </button>
        )}
      </div>
    </form>
  );
}
