import { canAssignRole } from '@shared/policy.js';
import { ROLES } from '@shared/vocabulary.js';
import { useState } from 'react';
import { useAuthors } from '../api/authors.js';
import { messageOf } from '../api/query.js';
import type { Role, User } from '../api/session.js';
import {
  type Member,
  type NewUser as NewUserValues,
  useAddUser,
  useEditUser,
  useUsers,
} from '../api/users.js';
import { Notices, useAction } from '../components/manage.js';
import './users.css';
import { t } from '../i18n/index.js';

/** Everyone in the newsroom: create with a role, change role, deactivate and reactivate. */
export function Users({ user }: { user: User }) {
  const query = useUsers();
  const members = query.data;
  const loadError = messageOf(query.error);
  const add = useAddUser();
  const edit = useEditUser();
  const action = useAction();
  const assignable = ROLES.filter((r) => canAssignRole(user, r));
  // The server's rules, shown as disabled controls: nobody changes themselves, only owners touch owners.
  const locked = (m: Member) =>
    m.id === user.id
      ? t('users.locked.self')
      : m.role === 'owner' && user.role !== 'owner'
        ? t('users.locked.owner')
        : '';

  return (
    <main className="manage">
      <h1>{t('nav.users')}</h1>
      <Notices error={action.error || loadError} notice={action.notice} />
      <NewUser
        roles={assignable}
        busy={action.busy}
        onSave={(v) =>
          action.run(() => add.mutateAsync(v), t('users.created', { email: v.email, role: v.role }))
        }
      />
      {members && (
        <table className="manage-table">
          <caption className="visually-hidden">{t('users.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('manage.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.access')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const why = locked(m);
              return (
                <tr key={m.id} className={m.active ? undefined : 'inactive'}>
                  <th scope="row">
                    {m.name}
                    <br />
                    <small className="muted">{m.email}</small>
                  </th>
                  <td>
                    <select
                      aria-label={t('users.roleOf', { name: m.name })}
                      value={m.role}
                      disabled={action.busy || why !== ''}
                      title={why || undefined}
                      onChange={(e) => {
                        const role = e.target.value as Role;
                        if (window.confirm(t('users.role.confirm', { name: m.name, role })))
                          void action.run(
                            () => edit.mutateAsync({ id: m.id, patch: { role } }),
                            t('users.role.done', { name: m.name, role }),
                          );
                      }}
                    >
                      {ROLES.filter((r) => r === m.role || assignable.includes(r)).map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <span className={m.active ? 'status status-published' : 'status'}>
                      {m.active ? t('users.active') : t('users.deactivated')}
                    </span>{' '}
                    <button
                      type="button"
                      aria-label={t(m.active ? 'users.deactivate.label' : 'users.reactivate.label', {
                        name: m.name,
                      })}
                      disabled={action.busy || why !== ''}
                      title={why || undefined}
                      onClick={() => {
                        if (m.active && !window.confirm(t('users.deactivate.confirm', { name: m.name })))
                          return;
                        void action.run(
                          () => edit.mutateAsync({ id: m.id, patch: { active: !m.active } }),
                          t(m.active ? 'users.deactivated.done' : 'users.reactivated.done', { name: m.name }),
                        );
                      }}
                    >
                      {m.active ? t('users.deactivate') : t('users.reactivate')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}

function NewUser({
  roles,
  busy,
  onSave,
}: {
  roles: Role[];
  busy: boolean;
  onSave: (v: NewUserValues) => Promise<boolean>;
}) {
  const authors = useAuthors();
  const blank: NewUserValues = { name: '', email: '', role: 'contributor', password: '', authorId: null };
  const [v, setV] = useState(blank);
  return (
    <form
      className="inline-form"
      aria-label={t('users.add.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(v).then((ok) => ok && setV(blank));
      }}
    >
      <h2>{t('users.add.title')}</h2>
      <p className="hint">{t('users.add.hint')}</p>
      <label>
        {t('manage.name')}
        <input
          required
          maxLength={200}
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
        />
      </label>
      <label>
        {t('signIn.email')}
        <input
          type="email"
          required
          value={v.email}
          onChange={(e) => setV({ ...v, email: e.target.value })}
        />
      </label>
      <label>
        {t('users.role')}
        <select value={v.role} onChange={(e) => setV({ ...v, role: e.target.value as Role })}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('users.password')}
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={v.password}
          onChange={(e) => setV({ ...v, password: e.target.value })}
        />
      </label>
      <label>
        {t('users.byline')}
        <select
          value={v.authorId ?? ''}
          onChange={(e) => setV({ ...v, authorId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">{t('users.noByline')}</option>
          {authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('users.add')}
        </button>
      </div>
    </form>
  );
}
