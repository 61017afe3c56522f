import { useState } from 'react';
import { messageOf } from '../api/query.js';
import { type Token, useAddToken, useRevokeToken, useTokens } from '../api/tokens.js';
import { Notices, useAction } from '../components/manage.js';
import { type MessageKey, t } from '../i18n/index.js';
import { formatNewsroomDate } from '../time.js';

const EXPIRY_CHOICES: { days: number | null; label: MessageKey }[] = [
  { days: 30, label: 'tokens.expiry.30' },
  { days: 90, label: 'tokens.expiry.90' },
  { days: 365, label: 'tokens.expiry.365' },
  { days: null, label: 'tokens.never' },
];

const day = (iso: string) => formatNewsroomDate(iso);

const expired = (k: Token) => k.expiresAt !== null && new Date(k.expiresAt) <= new Date();
const isLive = (k: Token) => !k.revokedAt && !expired(k);

function state(k: Token): string {
  if (k.revokedAt) return t('tokens.revoked', { day: day(k.revokedAt) });
  if (k.expiresAt) return t(expired(k) ? 'tokens.expired' : 'tokens.expires', { day: day(k.expiresAt) });
  return t('tokens.neverExpires');
}

/**
 * Personal API tokens for scripts: made with the current password, shown once, revoked here or
 * all together by a password change, a reset or "sign out everywhere" (the server does that).
 */
export function ApiTokens() {
  const query = useTokens();
  const tokens = query.data;
  const [secret, setSecret] = useState('');
  const add = useAddToken();
  const revoke = useRevokeToken();
  const action = useAction();

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const expiry = String(form.get('expiresInDays') ?? '');
    setSecret('');
    await action.run(async () => {
      const made = await add.mutateAsync({
        name: String(form.get('name') ?? ''),
        currentPassword: String(form.get('currentPassword') ?? ''),
        expiresInDays: expiry === '' ? null : Number(expiry),
      });
      setSecret(made.token);
      formEl.reset();
    }, t('tokens.created'));
  }

  return (
    <section aria-labelledby="api-tokens">
      <h2 id="api-tokens">{t('tokens.title')}</h2>
      <p className="hint">
        {t('tokens.hint.send')} <code>Authorization: Bearer mh_…</code>
        {t('tokens.hint.rest')}
      </p>
      <Notices
        error={(action.error || messageOf(query.error)).replace(/^body\.\w+: /, '')}
        notice={action.notice}
      />
      {secret && (
        <p>
          <label>
            {t('tokens.new')}
            <input readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
          </label>
        </p>
      )}
      <form aria-label={t('tokens.form')} onSubmit={(e) => void create(e)}>
        <label>
          {t('tokens.name')}
          <input name="name" required maxLength={100} placeholder={t('tokens.name.placeholder')} />
        </label>
        <label>
          {t('tokens.expiresAfter')}
          <select name="expiresInDays" defaultValue="90">
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.label} value={c.days ?? ''}>
                {t(c.label)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tokens.password')}
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={action.busy}>
          {t('tokens.create')}
        </button>
      </form>
      {tokens && tokens.length > 0 && (
        <table className="manage-table">
          <caption className="visually-hidden">{t('tokens.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.state')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => (
              <tr key={k.id} className={isLive(k) ? undefined : 'inactive'}>
                <th scope="row">
                  {k.name} <small className="muted">{k.prefix}…</small>
                </th>
                <td>{state(k)}</td>
                <td>{k.lastUsedAt ? day(k.lastUsedAt) : t('tokens.never')}</td>
                <td>
                  {isLive(k) && (
                    <button
                      type="button"
                      aria-label={t('tokens.revoke.label', { name: k.name })}
                      disabled={action.busy}
                      onClick={() =>
                        void action.run(
                          () => revoke.mutateAsync(k.id),
                          t('tokens.revokedNotice', { name: k.name }),
                        )
                      }
                    >
                      {t('tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
