// Charging: policy options simulated over every financial assessment in the ledger (income and
// winners and losers), a person's assessment explained, and the parameter files in force.
import { useState } from 'preact/hooks';
import { api, Session } from './api';
import { Chart } from './chart';
import { Choice, downloadPosted, Field, Json, JobProgress, Loading, useApi, useJob } from './hooks';
import { money, moneyWhole, people, ukDate } from './format';
import { Backlog } from './charging_backlog';

interface OptionDraft {
  name: string;
  set: string; // "parameter = value" lines
}

/** "a = 1\nb = yes" → { a: "1", b: "yes" }; lines without "=" are an error naming them. */
export function parseSettings(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at < 1) throw new Error(`"${line}" is not "parameter = value"`);
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

export function Charging({ session }: { session: Session }) {
  const [health] = useApi<Json>('/health');
  const [params, paramsError] = useApi<Json>('/charging/parameters');
  const [name, setName] = useState('Count the enhanced rate of PIP; respite under residential rules');
  const [date, setDate] = useState('');
  const [weeks, setWeeks] = useState('52');
  const [drafts, setDrafts] = useState<OptionDraft[]>([
    { name: 'Count the enhanced rate of PIP', set: 'policy.count_night_element.pip = yes' },
    { name: 'PIP enhanced rate, +£10 DRE', set: 'policy.count_night_element.pip = yes\npolicy.dre_higher_rate_extra = 10.00' },
    { name: 'Respite under residential rules', set: 'policy.respite_rule = residential' },
  ]);
  const [job, start, jobError] = useJob();
  const [formError, setFormError] = useState('');
  const options = () => ({
    name, date: date || health?.as_at, weeks_per_year: weeks,
    options: drafts.map((d) => ({ name: d.name, set: parseSettings(d.set) })),
  });
  const run = (e: Event) => {
    e.preventDefault();
    try { setFormError(''); start('/charging/simulations', options()); } catch (err) { setFormError((err as Error).message); }
  };
  const setDraft = (i: number, d: Partial<OptionDraft>) => setDrafts(drafts.map((x, n) => (n === i ? { ...x, ...d } : x)));
  const s = job?.state === 'succeeded' ? job.result : null;
  return (
    <section>
      <h1>Charging options</h1>
      {session.may_model ? (
        <form onSubmit={run}>
          <div class="row">
            <Field label="Name" value={name} onChange={setName} size={40} />
            <Field label="Assess on" type="date" value={date || health?.as_at || ''} onChange={setDate} />
            <Choice label="Weeks a year" value={weeks} onChange={setWeeks} options={[['52', '52'], ['52.14', '52.14'], ['52.143', '52.143']]} />
          </div>
          {drafts.map((d, i) => (
            <fieldset key={i}>
              <legend>Option {i + 1}</legend>
              <Field label="Name" value={d.name} onChange={(v) => setDraft(i, { name: v })} size={40} />
              <label class="field">Parameters changed (one "parameter = value" a line)<br />
                <textarea rows={3} cols={60} value={d.set} onChange={(e) => setDraft(i, { set: (e.target as HTMLTextAreaElement).value })} /></label>
              <button type="button" class="link" onClick={() => setDrafts(drafts.filter((_, n) => n !== i))}>Remove</button>
            </fieldset>
          ))}
          <p>
            <button type="button" onClick={() => setDrafts([...drafts, { name: `Option ${drafts.length + 1}`, set: '' }])}>Add an option</button>{' '}
            <button type="submit" disabled={job?.state === 'running'}>Simulate</button>{' '}
            {session.sees_people && <button type="button" onClick={() => downloadPosted('/charging/simulation.xlsx', options(), 'charging-simulation.xlsx')
              .catch((err: Error) => setFormError(err.message))}>Download (XLSX)</button>}
          </p>
        </form>
      ) : <p class="note">Your role reads results; the analyst role runs simulations.</p>}
      {formError && <p role="alert" class="error">{formError}</p>}
      <JobProgress job={job} error={jobError} />
      {s && <SimulationResult s={s} />}
      {session.sees_people && <Assessment />}
      <Backlog asAt={health?.as_at} mayModel={session.may_model} />
      <h2>Parameters in force</h2>
      {!params ? <Loading error={paramsError} /> : (
        <>
          <p class="note">Built in: {params.built_in}. Council files, applied in this order:</p>
          <ul>{params.files.map((f: Json) => <li key={f.id}>{f.file_name}, loaded {f.loaded_at} (SHA-256 {f.sha256.slice(0, 12)}…)</li>)}</ul>
          {params.runs.length > 0 && <p>{params.runs.length} applied charging runs; the latest by {params.runs[params.runs.length - 1].run_by}.</p>}
        </>
      )}
    </section>
  );
}

function SimulationResult({ s }: { s: Json }) {
  const [chosen, setChosen] = useState(0);
  const option = s.options[chosen];
  return (
    <>
      <h2>{s.name}</h2>
      <p class="note">{people(s.cases)} assessments on {ukDate(s.date)}, {s.weeks_per_year} weeks a year; parameters: {s.parameter_sources.join(', ')}. {s.rounding}.</p>
      <table>
        <thead><tr><th>Option</th><th class="num">Income a week</th><th class="num">Change a week</th><th class="num">Payers</th>
          <th class="num">Nil charge</th><th class="num">New payers</th><th class="num">No longer paying</th><th>Change by financial year</th></tr></thead>
        <tbody>
          {[s.baseline, ...s.options].map((o: Json) => (
            <tr key={o.name}><td>{o.name}</td><td class="num">{money(o.weekly_income_pence)}</td><td class="num">{money(o.weekly_change_pence)}</td>
              <td class="num">{people(o.payers)}</td><td class="num">{people(o.nil)}</td><td class="num">{people(o.new_payers)}</td>
              <td class="num">{people(o.no_longer_paying)}</td>
              <td>{o.income_change_by_year.map((y: Json) => `${y.year} ${moneyWhole(y.pence)}`).join('; ')}</td></tr>
          ))}
        </tbody>
      </table>
      <Chart title="Winners and losers: people by change in weekly charge" labels={s.options[0].by_change.map((b: Json) => b.band)}
        format={people} series={s.options.map((o: Json) => ({ name: o.name, values: o.by_change.map((b: Json) => b.people) }))} />
      <Choice label="Client groups for" value={String(chosen)} onChange={(v) => setChosen(Number(v))}
        options={s.options.map((o: Json, i: number) => [String(i), o.name])} />
      <table>
        <thead><tr><th>Client group</th><th class="num">People</th><th class="num">Pay more</th><th class="num">Pay less</th>
          <th class="num">Charges a week before</th><th class="num">After</th></tr></thead>
        <tbody>
          {option.by_group.map((g: Json) => (
            <tr key={g.group}><td>{g.group}</td><td class="num">{people(g.people)}</td><td class="num">{people(g.up)}</td><td class="num">{people(g.down)}</td>
              <td class="num">{money(g.weekly_before_pence)}</td><td class="num">{money(g.weekly_after_pence)}</td></tr>
          ))}
        </tbody>
      </table>
      {option.most_affected && (
        <details><summary>People most affected by “{option.name}”</summary>
          <ul>{option.most_affected.map((a: Json) => <li key={a.person_id}>{a.person_id}: {money(a.before_pence)} → {money(a.after_pence)} a week</li>)}</ul>
        </details>
      )}
      {s.short_term_stays && <Stays st={s.short_term_stays} chosen={chosen} />}
    </>
  );
}

/** The ledger's short-term residential stays in the period, each charged for its weeks under each option. */
function Stays({ st, chosen }: { st: Json; chosen: number }) {
  const option = st.options[chosen];
  return (
    <>
      <h3>Short-term stays, {ukDate(st.from)} to {ukDate(st.to)}</h3>
      <p class="note">{people(st.stays)} stays of {people(st.people)} people, {people(st.days)} days; each charged for its weeks
        (a week's charge × days ÷ 7, summed exactly, rounded once). Left out: {people(st.longer_than_8_weeks)} longer than 8 weeks,
        {' '}{people(st.without_finances)} with no financial circumstances.</p>
      <table>
        <thead><tr><th>Option</th><th class="num">Income from stays</th><th class="num">Change</th><th class="num">Paying</th><th class="num">Nil charge</th></tr></thead>
        <tbody>
          {[st.baseline, ...st.options].map((o: Json, i: number) => (
            <tr key={o.name}><td>{o.name}</td><td class="num">{money(o.income_pence)}</td>
              <td class="num" data-testid={i > 0 ? `stays-change-${i}` : undefined}>{i > 0 ? money(o.change_pence) : ''}</td>
              <td class="num">{people(o.payers)}</td><td class="num">{people(o.nil)}</td></tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Stays by client group, “{option.name}”</caption>
        <thead><tr><th>Client group</th><th class="num">Stays</th><th class="num">Pay more</th><th class="num">Pay less</th>
          <th class="num">Income before</th><th class="num">After</th><th class="num">Change</th></tr></thead>
        <tbody>
          {option.by_group.map((g: Json) => (
            <tr key={g.group}><td>{g.group}</td><td class="num">{people(g.stays)}</td><td class="num">{people(g.up)}</td><td class="num">{people(g.down)}</td>
              <td class="num">{money(g.income_before_pence)}</td><td class="num">{money(g.income_after_pence)}</td>
              <td class="num">{money(g.change_pence)}</td></tr>
          ))}
        </tbody>
      </table>
      {option.most_affected && option.most_affected.length > 0 && (
        <details><summary>Stays most affected by “{option.name}” (a week's charge)</summary>
          <ul>{option.most_affected.map((a: Json) => <li key={a.stay}>{a.stay}: {money(a.weekly_before_pence)} → {money(a.weekly_after_pence)} a week</li>)}</ul>
        </details>
      )}
    </>
  );
}

function Assessment() {
  const [id, setId] = useState('');
  const [text, setText] = useState('');
  const look = (e: Event) => {
    e.preventDefault();
    api<Json>(`/charging/people/${encodeURIComponent(id)}/assessment`).then((r) => setText(r.explanation), (err: Error) => setText(err.message));
  };
  return (
    <>
      <h2>A person's assessment</h2>
      <form class="row" onSubmit={look}>
        <Field label="Person" value={id} onChange={setId} />
        <button type="submit">Assess</button>
      </form>
      {text && <pre class="explanation" data-testid="assessment">{text}</pre>}
    </>
  );
}
