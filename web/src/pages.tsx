// The pages: overview, opportunities (lever → people → person), business cases (with what-if).
import { useEffect, useState } from 'preact/hooks';
import { api, Session } from './api';
import { Card, Json, Loading, useApi } from './hooks';
import { Bars, Chart } from './chart';
import { money, moneyWhole, people, thousands, ukDate } from './format';
import { Overlap, Plausibility } from './overlap';

export function Overview() {
  const [s, error] = useApi<Json>('/summary');
  if (!s) return <Loading error={error} />;
  return (
    <section>
      <h1>Overview</h1>
      <p class="note">
        The care ledger as at {ukDate(s.as_at)}; annual figures use {s.conventions.text}; rounded {s.rounding}.
      </p>
      <div class="cards">
        <Card label="People supported" value={people(s.people_supported)} />
        <Card label="Gross spend a week" value={moneyWhole(s.weekly_gross_pence)} />
        <Card label="Gross spend a year" value={moneyWhole(s.annual_gross_pence)} />
        <Card label="With a direct payment" value={people(s.people_with_direct_payment)} />
      </div>
      <Chart title="Weekly spend at each month end, by setting (lines open that day)" labels={s.trend.map((t: Json) => ukDate(t.on))}
        format={moneyWhole} series={trendSettings(s.trend).map((setting) => ({ name: setting, stack: 'spend',
          values: s.trend.map((t: Json) => t.weekly_by_setting_pence[setting] ?? 0) }))} />
      <div class="charts">
        <Bars title="Weekly spend by cost band" labels={s.by_cost_band.map((b: Json) => b.band)}
          values={s.by_cost_band.map((b: Json) => b.weekly_pence)} format={moneyWhole} />
        <Bars title="Weekly spend by care setting" labels={s.by_setting.map((b: Json) => b.setting)}
          values={s.by_setting.map((b: Json) => b.weekly_pence)} format={moneyWhole} />
      </div>
      <h2>Cost bands</h2>
      <table>
        <thead><tr><th>Weekly package</th><th class="num">People</th><th class="num">Spend a week</th></tr></thead>
        <tbody>
          {s.by_cost_band.map((b: Json) => (
            <tr key={b.band}><td>{b.band}</td><td class="num">{people(b.people)}</td><td class="num">{money(b.weekly_pence)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Every setting with spend at any point of the trend, in the order first seen. */
export function trendSettings(trend: Json[]): string[] {
  const seen: string[] = [];
  for (const t of trend) for (const k of Object.keys(t.weekly_by_setting_pence)) if (!seen.includes(k)) seen.push(k);
  return seen;
}

export function Opportunities({ session, lever, person }: { session: Session; lever?: string; person?: string }) {
  if (person) return <Person id={person} />;
  if (lever) return <LeverPeople lever={lever} session={session} />;
  return <LeverTable session={session} />;
}

function LeverTable({ session }: { session: Session }) {
  const [o, error] = useApi<Json>('/opportunities');
  if (!o) return <Loading error={error} />;
  const levers = o.levers.filter((l: Json) => l.enabled && l.people > 0);
  return (
    <section>
      <h1>Opportunities</h1>
      <p class="note">
        {people(o.people_flagged)} of {people(o.people_supported)} people flagged, as at {ukDate(o.as_at)}. {o.conventions.text}. Net savings count a person once per overlap group, under the lever with the largest saving, and a
        person's reductions together are at most {o.max_combined_reduction_basis_points / 100}% of their package; {o.rounding}.
      </p>
      <Bars title="Central net saving a year by lever" horizontal labels={levers.map((l: Json) => l.name)}
        values={levers.map((l: Json) => l.annual_net_pence[1])} format={moneyWhole} />
      <table>
        <thead>
          <tr><th>Lever</th><th class="num">People</th><th class="num">Spend in scope a week</th><th class="num">Low</th>
            <th class="num">Central</th><th class="num">High</th><th class="num">Confidence</th></tr>
        </thead>
        <tbody>
          {levers.map((l: Json) => (
            <tr key={l.id}>
              <td>{session.sees_people ? <a href={`#/opportunities/${l.id}`}>{l.name}</a> : l.name}<div class="small">{l.source}</div></td>
              <td class="num">{people(l.people)}</td>
              <td class="num">{moneyWhole(l.weekly_in_scope_pence)}</td>
              <td class="num">{moneyWhole(l.annual_net_pence[0])}</td>
              <td class="num">{moneyWhole(l.annual_net_pence[1])}</td>
              <td class="num">{moneyWhole(l.annual_net_pence[2])}</td>
              <td class="num">{l.confidence_percent}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Plausibility p={o.plausibility} />
    </section>
  );
}

function LeverPeople({ lever, session }: { lever: string; session: Session }) {
  const [d, error] = useApi<Json>(`/opportunities/${encodeURIComponent(lever)}/people?limit=100`);
  if (!d) return <Loading error={error} />;
  return (
    <section>
      <p><a href="#/opportunities">← All levers</a></p>
      <h1>{d.people[0]?.lever_name ?? lever}</h1>
      <p class="note">{people(d.total)} people, largest central saving first. Opening this list is recorded in the audit trail.</p>
      {session.sees_people && <p><a class="button" href={`/api/v1/worklists/${lever}.xlsx`}>Download worklist (XLSX)</a>{' '}
        <a class="button" href={`/api/v1/worklists/${lever}.csv`}>CSV</a></p>}
      <table>
        <thead><tr><th>Person</th><th>Why flagged</th><th>Estimate</th><th class="num">Saving a week</th><th class="num">A year (central)</th></tr></thead>
        <tbody>
          {d.people.map((p: Json) => (
            <tr key={p.person_id}>
              <td><a href={`#/people/${p.person_id}`}>{p.person_id}</a></td>
              <td>{Object.entries(p.values).map(([k, v]) => `${k}: ${v}`).join('; ')}</td>
              <td>{p.arithmetic}</td>
              <td class="num">{money(p.weekly_pence[1])}</td>
              <td class="num">{money(p.annual_pence[1])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Person({ id }: { id: string }) {
  const [d, error] = useApi<Json>(`/people/${encodeURIComponent(id)}`);
  if (!d) return <Loading error={error} />;
  return (
    <section>
      <p><a href="#/opportunities">← All levers</a></p>
      <h1>Person {d.person_id}</h1>
      <p class="note">Every lever that flags this person on the ledger at {ukDate(d.as_at)}, with the values and arithmetic.</p>
      {d.explanations.length === 0 && <p>No lever flags this person.</p>}
      {d.explanations.map((e: Json) => (
        <article key={e.lever} class="explanation">
          <h2>{e.lever_name}</h2>
          <p><strong>Rule:</strong> {e.rule}</p>
          <p><strong>Values:</strong> {Object.entries(e.values).map(([k, v]) => `${k} ${v}`).join('; ')}</p>
          <p><strong>Estimate:</strong> {e.arithmetic}{e.overlap && <> ({e.overlap})</>}</p>
          <p><strong>Saving a year:</strong> {money(e.annual_pence[0])} to {money(e.annual_pence[2])}, central {money(e.annual_pence[1])}; confidence {e.confidence_percent}%</p>
          <p class="small">Source: {e.source}</p>
        </article>
      ))}
    </section>
  );
}

export function Cases({ session, id }: { session: Session; id?: string }) {
  if (id) return <CaseDetail id={id} session={session} />;
  const [list, error] = useApi<Json[]>('/cases');
  if (!list) return <Loading error={error} />;
  return (
    <section>
      <h1>Business cases</h1>
      <p><a class="button" href="/api/v1/reports/board-pack.pdf">Board pack (PDF)</a></p>
      <table>
        <thead><tr><th>Case</th><th>Title</th><th>Status</th><th class="num">Version</th></tr></thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id}><td><a href={`#/cases/${encodeURIComponent(c.id)}`}>{c.id}</a></td><td>{c.title}</td><td>{c.status}</td><td class="num">{c.version}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CaseDetail({ id, session }: { id: string; session: Session }) {
  const [d, error] = useApi<Json>(`/cases/${encodeURIComponent(id)}`);
  const [edited, setEdited] = useState<Json | null>(null);
  const [profiles, setProfiles] = useState<Json[] | null>(null);
  const [overlap, setOverlap] = useState<Json[]>([]);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (d) {
      setEdited(structuredClone(d.case));
      setProfiles(d.profiles);
      setOverlap(d.overlap);
    }
  }, [d]);
  if (!d || !edited || !profiles) return <Loading error={error} />;
  const option = 0;
  const lines: Json[] = edited.options[option].lines;
  const change = (index: number, value: string) => {
    const next = structuredClone(edited);
    next.options[option].lines[index].confidence = value;
    setEdited(next);
    api<Json>(`/cases/${encodeURIComponent(id)}/profile`, 'POST', next).then((r) => { setProfiles(r.profiles); setOverlap(r.overlap); setMessage(''); },
      (e: Error) => setMessage(e.message));
  };
  const save = () => api<Json>(`/cases/${encodeURIComponent(id)}`, 'PUT', edited).then((r) => setMessage(`Saved as version ${r.version}.`),
    (e: Error) => setMessage(e.message));
  const p = profiles[option];
  return (
    <section>
      <p><a href="#/cases">← All cases</a></p>
      <h1>{edited.id}: {edited.title}</h1>
      <p><a class="button" href={`/api/v1/cases/${encodeURIComponent(id)}/report.pdf`}>Report (PDF)</a>{' '}
        <a class="button" href={`/api/v1/cases/${encodeURIComponent(id)}/report.html`}>Report (HTML)</a></p>
      <h2>{p.option}</h2>
      <Bars title="Net saving by financial year (in-year)" labels={p.years} values={p.net_pence} format={moneyWhole} />
      <table>
        <thead><tr><th>£000</th>{p.years.map((y: string) => <th class="num" key={y}>{y}</th>)}<th class="num">Full year</th></tr></thead>
        <tbody>
          {p.lines.map((l: Json) => (
            <tr key={l.name}><td>{l.name}</td>{l.in_year_pence.map((v: number, i: number) => <td class="num" key={i}>{thousands(v)}</td>)}
              <td class="num">{thousands(l.full_year_pence)}</td></tr>
          ))}
          <tr class="total"><td>Net</td>{p.net_pence.map((v: number, i: number) => <td class="num" key={i}>{thousands(v)}</td>)}
            <td class="num" data-testid="full-year-effect">{thousands(p.full_year_effect_pence)}</td></tr>
        </tbody>
      </table>
      <details><summary>Workings and conventions</summary>
        <ul>{p.lines.map((l: Json) => <li key={l.name}><strong>{l.name}:</strong> {l.workings}</li>)}
          {p.conventions.map((c: string) => <li key={c}>{c}</li>)}</ul>
      </details>
      <Overlap n={overlap[option]} />
      {session.may_model && (
        <>
          <h2>Assumptions</h2>
          <p class="note">Change a line's confidence to see the profile change; nothing is stored until you save.</p>
          {lines.map((l: Json, i: number) => l.confidence !== undefined && (
            <p key={l.name}>
              <label>{l.name}: confidence{' '}
                <input value={l.confidence} size={6} onChange={(e) => change(i, (e.target as HTMLInputElement).value)} />
              </label>
            </p>
          ))}
          <button onClick={save}>Save as a new version</button>
        </>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
