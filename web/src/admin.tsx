// Administration: users (add, change role, disable) and the audit trail.
import { useState } from 'preact/hooks';
import { api } from './api';
import { Choice, Field, Json, Loading, useApi } from './hooks';

const roles: [string, string][] = [['viewer', 'Viewer'], ['analyst', 'Analyst'], ['finance', 'Finance'], ['admin', 'Admin']];

export function Users() {
  const [users, error, reload] = useApi<Json[]>('/users');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('viewer');
  const [message, setMessage] = useState('');
  if (!users) return <Loading error={error} />;
  const act = (done: string, call: Promise<unknown>) => call.then(() => { setMessage(done); reload(); }, (e: Error) => setMessage(e.message));
  const add = (e: Event) => {
    e.preventDefault();
    act(`Added ${name}.`, api('/users', 'POST', { name, password, role }));
    setPassword('');
  };
  return (
    <section>
      <h1>Users</h1>
      <p class="note">Viewers see totals; analysts also model business cases and charging; finance also sees people and
        downloads worklists; admins also manage users and read the audit trail. Every change here is audited and signs the user out.</p>
      <table>
        <thead><tr><th>Name</th><th>Role</th><th>State</th><th>Added (UTC)</th><th>Change</th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.name}>
              <td>{u.name}</td>
              <td>
                <select aria-label={`Role of ${u.name}`} value={u.role}
                  onChange={(e) => act(`${u.name} is now ${(e.target as HTMLSelectElement).value}.`,
                    api(`/users/${encodeURIComponent(u.name)}`, 'PATCH', { role: (e.target as HTMLSelectElement).value }))}>
                  {roles.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                </select>
              </td>
              <td>{u.disabled ? 'disabled' : 'active'}</td>
              <td>{u.created_at}</td>
              <td><button class="link" onClick={() => act(`${u.name} ${u.disabled ? 'enabled' : 'disabled'}.`,
                api(`/users/${encodeURIComponent(u.name)}`, 'PATCH', { disabled: !u.disabled }))}>
                {u.disabled ? 'Enable' : 'Disable'}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <form onSubmit={add} class="row">
        <Field label="Name" value={name} onChange={setName} />
        <Field label="Password (12 characters or more)" type="password" value={password} onChange={setPassword} />
        <Choice label="Role" value={role} options={roles} onChange={setRole} />
        <button type="submit">Add</button>
      </form>
      {message && <p role="status">{message}</p>}
    </section>
  );
}

export function Audit() {
  const [events, error] = useApi<Json[]>('/audit?limit=500');
  if (!events) return <Loading error={error} />;
  return (
    <section>
      <h1>Audit trail</h1>
      <p><a class="button" href="/api/v1/audit.csv">Download (CSV)</a></p>
      <table>
        <thead><tr><th class="num">#</th><th>When (UTC)</th><th>Who</th><th>Action</th><th>What</th><th>Detail</th></tr></thead>
        <tbody>
          {events.slice().reverse().map((e) => (
            <tr key={e.id}><td class="num">{e.id}</td><td>{e.at}</td><td>{e.user}</td><td>{e.action}</td><td>{e.target}</td><td>{e.detail}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
