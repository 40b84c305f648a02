// Progression plans (small steps towards independence; finance sees and edits them), the pathway's
// sizing as Kent did it, and the housing options matrix with a person tested against it.
import { useState } from 'preact/hooks';
import { api, Session } from './api';
import { Chart } from './chart';
import { Field, Json, Loading, useApi } from './hooks';
import { money, people, ukDate } from './format';

export function Progression({ session }: { session: Session }) {
  return (
    <>
      {session.sees_people && <Plans />}
      <Pathway />
      <Housing session={session} />
    </>
  );
}

function Plans() {
  const [p, error, reload] = useApi<Json>('/progression');
  const [message, setMessage] = useState('');
  if (!p) return <Loading error={error} />;
  const stepDone = (plan: Json, step: number) => api(`/progression/${plan.id}/steps/${step}`, 'POST', {})
    .then(() => { setMessage(`Plan ${plan.id}: step ${step} done.`); reload(); }, (x: Error) => setMessage(x.message));
  const close = (plan: Json, status: string) => api(`/progression/${plan.id}/close`, 'POST', { status })
    .then(() => { setMessage(`Plan ${plan.id} ${status}.`); reload(); }, (x: Error) => setMessage(x.message));
  const active = p.plans.filter((x: Json) => x.status === 'active');
  return (
    <>
      <h2>Progression plans</h2>
      <p>{people(p.active)} active, {people(p.completed)} completed, {people(p.stopped)} stopped; {people(p.overdue_steps)} steps overdue.
        Active plans expect {money(p.expected_weekly_pence)} a week less support; the ledger shows {money(p.actual_weekly_pence)} a week less
        since the plans started.</p>
      {active.length > 0 && (
        <Chart title="Expected and actual weekly change by person (active plans)" labels={active.map((x: Json) => x.person_id)} format={money}
          series={[{ name: 'Expected', values: active.map((x: Json) => x.expected_saving_pence) },
            { name: 'On the ledger', values: active.map((x: Json) => x.actual_change_pence) }]} />
      )}
      <table>
        <thead><tr><th>Plan</th><th>Person</th><th>Goal</th><th>Status</th><th>Steps</th><th>Next due</th>
          <th class="num">Expected a week</th><th class="num">Ledger a week</th><th></th></tr></thead>
        <tbody>
          {p.plans.map((x: Json) => {
            const next = x.steps.findIndex((s: Json) => !s.done) + 1;
            return (
              <tr key={x.id}>
                <td>{x.id}</td><td>{x.person_id}</td>
                <td>{x.goal}<div class="small">{x.steps.map((s: Json, i: number) =>
                  `${i + 1}. ${s.what} (${s.done ? `done ${ukDate(s.done)}` : `due ${ukDate(s.due)}`}${s.supported_by ? `, ${s.supported_by}` : ''})`).join(' · ')}</div></td>
                <td>{x.status}</td>
                <td><progress max={x.steps.length} value={x.done} aria-label={`Plan ${x.id} progress`} /> {x.done}/{x.steps.length}
                  {x.overdue > 0 && <strong> {x.overdue} overdue</strong>}</td>
                <td>{x.next_due ? ukDate(x.next_due) : ''}</td>
                <td class="num">{money(x.expected_saving_pence)}</td><td class="num">{money(x.actual_change_pence)}</td>
                <td>{x.status === 'active' && (
                  <>
                    {next > 0 && <button onClick={() => stepDone(x, next)}>Step {next} done</button>}{' '}
                    <button onClick={() => close(x, 'completed')}>Completed</button>{' '}
                    <button class="link" onClick={() => close(x, 'stopped')}>Stop</button>
                  </>
                )}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AddPlan done={(text) => { setMessage(text); reload(); }} fail={setMessage} />
      {message && <p role="status">{message}</p>}
    </>
  );
}

function AddPlan({ done, fail }: { done: (message: string) => void; fail: (message: string) => void }) {
  const today = new Date().toISOString().slice(0, 10);
  const [person, setPerson] = useState('');
  const [goal, setGoal] = useState('');
  const [change, setChange] = useState('');
  const [saving, setSaving] = useState('');
  const [started, setStarted] = useState(today);
  const [target, setTarget] = useState('');
  const [steps, setSteps] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    // One step a line: what | due (yyyy-mm-dd) | supported by.
    const list = steps.split('\n').filter((l) => l.trim()).map((l) => {
      const [what, due, by] = l.split('|').map((x) => x.trim());
      return { what, due, supported_by: by ?? '' };
    });
    api<Json>('/progression', 'POST', { person, goal, expected_change: change, expected_saving: saving || '0', started, target, steps: list })
      .then((r) => done(`Added plan ${r.id} for ${person}.`), (x: Error) => fail(x.message));
  };
  return (
    <form onSubmit={add}>
      <h3>Add a plan</h3>
      <div class="row">
        <Field label="Person id" value={person} onChange={setPerson} size={10} />
        <Field label="Goal" value={goal} onChange={setGoal} size={30} />
        <Field label="Expected change in support" value={change} onChange={setChange} size={24} />
        <Field label="Saving £ a week" value={saving} onChange={setSaving} size={8} />
        <Field label="Started" type="date" value={started} onChange={setStarted} />
        <Field label="Target date" type="date" value={target} onChange={setTarget} />
      </div>
      <label class="field">Steps, one a line: what | due (yyyy-mm-dd) | supported by<br />
        <textarea rows={3} cols={80} value={steps} onInput={(e) => setSteps((e.target as HTMLTextAreaElement).value)} /></label>
      <p><button type="submit">Add the plan</button></p>
    </form>
  );
}

function Pathway() {
  const [saving, setSaving] = useState('26.08');
  const [count, setCount] = useState('507');
  const [s, error] = useApi<Json>(`/progression/pathway?saving=${encodeURIComponent(saving)}&people=${encodeURIComponent(count)}`);
  return (
    <>
      <h2>Pathway sizing</h2>
      <p class="note">Kent's pathway: a saving per person per week × the people who might benefit × weeks a year (Kent: £26.08 for 507 people).</p>
      <div class="row">
        <Field label="Saving £ a person a week" value={saving} onChange={setSaving} size={8} />
        <Field label="People on the pathway" value={count} onChange={setCount} size={6} />
      </div>
      {s ? <><p data-testid="pathway">{people(s.people)} × {money(s.rate_pence)} a week = {money(s.weekly_pence)} a week;
        × {s.weeks_per_year} weeks = <strong>{money(s.annual_pence)}</strong> a year.</p>
        <details><summary>As a business case's weekly line</summary><pre>{s.case_line}</pre></details></> : error && <p class="error">{error}</p>}
    </>
  );
}

function Housing({ session }: { session: Session }) {
  const [m, error] = useApi<Json>('/housing/matrix');
  const [person, setPerson] = useState('');
  const [level, setLevel] = useState('3');
  const [t, setT] = useState<Json | null>(null);
  const [message, setMessage] = useState('');
  if (!m) return <Loading error={error} />;
  const test = (e: Event) => {
    e.preventDefault();
    api<Json>(`/housing/test?person=${encodeURIComponent(person)}&level=${encodeURIComponent(level)}`)
      .then((r) => { setT(r); setMessage(''); }, (x: Error) => { setT(null); setMessage(x.message); });
  };
  return (
    <>
      <h2>Housing options</h2>
      <p class="note">{m.name}: levels of need down the side, housing and support across, a typical weekly cost where the option
        can meet that level. {m.source}.</p>
      <table>
        <thead><tr><th>Option</th>{m.levels.map((l: Json) => <th key={l.id} class="num" title={l.name}>Level {l.id}</th>)}</tr></thead>
        <tbody>
          {m.options.map((o: Json) => (
            <tr key={o.id}><td>{o.name}</td>
              {m.levels.map((l: Json) => <td key={l.id} class="num">{o.weekly_pence[l.id] !== undefined ? money(o.weekly_pence[l.id]) : '–'}</td>)}</tr>
          ))}
        </tbody>
      </table>
      <ul class="small">{m.levels.map((l: Json) => <li key={l.id}>Level {l.id}: {l.name}</li>)}</ul>
      {session.sees_people && (
        <form class="row" onSubmit={test}>
          <Field label="Test a person" value={person} onChange={setPerson} size={10} />
          <Field label="Level of need" value={level} onChange={setLevel} size={3} />
          <button type="submit">Show their options</button>
        </form>
      )}
      {message && <p role="alert" class="error">{message}</p>}
      {t && (
        <>
          <p role="status">{t.person_id} at level {t.level} ({t.level_name}): their support costs {money(t.current_pence)} a week now.</p>
          <table>
            <thead><tr><th>Option</th><th class="num">Typical £ a week</th><th class="num">Against now</th></tr></thead>
            <tbody>
              {t.options.map((o: Json) => (
                <tr key={o.option}><td>{o.option}</td><td class="num">{money(o.weekly_pence)}</td>
                  <td class="num">{o.difference_pence >= 0 ? `${money(o.difference_pence)} less` : `${money(-o.difference_pence)} more`}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
