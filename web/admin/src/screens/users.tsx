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
      ? 'You cannot change your own role or access'
      : m.role === 'owner' && user.role !== 'owner'
        ? 'Only an owner can change an owner'
        : '';

  return (
    <main className="manage">
      <h1>Users</h1>
      <Notices error={action.error || loadError} notice={action.notice} />
      <NewUser
        roles={assignable}
        busy={action.busy}
        onSave={(v) => action.run(() => add.mutateAsync(v), `Created ${v.email} (${v.role}).`)}
      />
      {members && (
        <table className="manage-table">
          <caption className="visually-hidden">Users, their roles and access</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Access</th>
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
                      aria-label={`Role of ${m.name}`}
                      value={m.role}
                      disabled={action.busy || why !== ''}
                      title={why || undefined}
                      onChange={(e) => {
                        const role = e.target.value as Role;
                        if (window.confirm(`Make ${m.name} ${role}? Their sessions end; they sign in again.`))
                          void action.run(
                            () => edit.mutateAsync({ id: m.id, patch: { role } }),
                            `${m.name} is now ${role}.`,
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
                      {m.active ? 'Active' : 'Deactivated'}
                    </span>{' '}
                    <button
                      type="button"
                      aria-label={`${m.active ? 'Deactivate' : 'Reactivate'} ${m.name}`}
                      disabled={action.busy || why !== ''}
                      title={why || undefined}
                      onClick={() => {
                        if (
                          m.active &&
                          !window.confirm(`Deactivate ${m.name}? They are signed out everywhere.`)
                        )
                          return;
                        void action.run(
                          () => edit.mutateAsync({ id: m.id, patch: { active: !m.active } }),
                          `${m.name} is ${m.active ? 'deactivated' : 'active again'}.`,
                        );
                      }}
                    >
                      {m.active ? 'Deactivate' : 'Reactivate'}
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
      aria-label="Add a user"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(v).then((ok) => ok && setV(blank));
      }}
    >
      <h2>Add a user</h2>
      <p className="hint">
        Give them the first password yourself; they change it under their name after signing in.
      </p>
      <label>
        Name
        <input
          required
          maxLength={200}
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
        />
      </label>
      <label>
        Email
        <input
          type="email"
          required
          value={v.email}
          onChange={(e) => setV({ ...v, email: e.target.value })}
        />
      </label>
      <label>
        Role
        <select value={v.role} onChange={(e) => setV({ ...v, role: e.target.value as Role })}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        First password (at least 12 characters)
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
        Byline
        <select
          value={v.authorId ?? ''}
          onChange={(e) => setV({ ...v, authorId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">(none)</option>
          {authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          Add user
        </button>
      </div>
    </form>
  );
}
