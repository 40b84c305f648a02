// Delivery: realised savings from the ledger by case and lever against their targets with RAG,
// reviewer productivity and the backlog; the review worklist (assign a lever's people, record a
// decision: finance); progression plans and housing options; the board pack; and the evidence of
// what other councils did and saved.
import { useState } from 'preact/hooks';
import { api, Session } from './api';
import { Chart } from './chart';
import { Choice, Field, Json, JobProgress, Loading, useApi, useJob } from './hooks';
import { moneyWhole, people, ukDate } from './format';
import { Progression } from './progression';

const outcomes: [string, string][] = [['no_change', 'No change'], ['reduced', 'Reduced'], ['increased', 'Increased'], ['ended', 'Ended'],
  ['moved_setting', 'Moved setting'], ['health_funding_agreed', 'Health funding agreed'], ['price_renegotiated', 'Price renegotiated'],
  ['other', 'Other']];

export function Delivery({ session }: { session: Session }) {
  const [d, error, reloadDelivery] = useApi<Json>('/delivery');
  if (!d) return <Loading error={error} />;
  const caseYears: Json[] = d.by_case.flatMap((g: Json) => g.years.map((y: Json) => ({ ...y, key: g.key, rag: y.year === g.rag_year ? g.rag : '' })));
  return (
    <section>
      <h1>Delivery</h1>
      <p class="note">Savings realised as the ledger shows them at {ukDate(d.as_at)} ({d.year}). {d.basis} Increases count against
        the case.</p>
      <p><a class="button" href="/api/v1/reports/board-pack.pdf">Board pack (PDF)</a>{' '}
        <a class="button" href="/api/v1/reports/board-pack.html">HTML</a></p>
      {caseYears.length > 0 && (
        <Chart title="Net saving realised against target, by business case and year" labels={caseYears.map((y) => `${y.key} ${y.year}`)}
          format={moneyWhole} series={[{ name: 'Net realised', values: caseYears.map((y) => y.net_pence) },
            { name: 'Target', values: caseYears.map((y) => y.target_pence ?? 0) }]} />
      )}
      <Groups title="By business case" groups={d.by_case} />
      {caseYears.length > 0 && <CaseYears years={caseYears} year={d.year} />}
      {d.awaiting.length > 0 && (
        <>
          <h2>Awaiting the ledger</h2>
          <p class="note">Decisions that expect a price the ledger does not show yet, such as a dynamic purchasing award: they are realised
            once a CLD return or extract shows the new price.</p>
          <table>
            <thead><tr><th>Person</th><th>Decision</th><th>Case</th><th>From</th><th class="num">Expected a week</th>
              <th class="num">The ledger shows</th></tr></thead>
            <tbody>
              {d.awaiting.map((a: Json, i: number) => (
                <tr key={i}><td>{a.person_id ?? '(finance role)'}</td><td>{a.lever}</td><td>{a.case_id}</td>
                  <td>{a.effective_from ? ukDate(a.effective_from) : ''}</td><td class="num">{moneyWhole(a.expected_weekly_pence)}</td>
                  <td class="num">{moneyWhole(a.ledger_weekly_pence)}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Groups title="By lever" groups={d.by_lever} />
      <Groups title="By service" groups={d.by_service} />
      <Groups title="By financial year of the change" groups={d.by_year} />
      <h2>Review team</h2>
      <p>{people(d.backlog)} reviews waiting{d.backlog_clears ? `; at the current pace the backlog clears by ${ukDate(d.backlog_clears)}` : ''}.</p>
      <table>
        <thead><tr><th>Reviewer</th><th class="num">Completed</th><th class="num">A week</th><th class="num">Days flag to decision</th>
          <th class="num">Hours recorded</th><th class="num">Full-year saving per hour</th></tr></thead>
        <tbody>
          {d.reviewers.map((r: Json) => (
            <tr key={r.reviewer}><td>{r.reviewer}</td><td class="num">{people(r.completed)}</td>
              <td class="num">{(r.per_week_hundredths / 100).toFixed(2)}</td><td class="num">{r.mean_days_to_decision}</td>
              <td class="num">{(r.hours_hundredths / 100).toFixed(2)}</td>
              <td class="num">{r.saving_per_hour_pence === null ? '' : moneyWhole(r.saving_per_hour_pence)}</td></tr>
          ))}
        </tbody>
      </table>
      {session.sees_people && <Reviews onChange={reloadDelivery} />}
      <Progression session={session} />
      <Evidence />
    </section>
  );
}

function Groups({ title, groups }: { title: string; groups: Json[] }) {
  return (
    <>
      <h2>{title}</h2>
      <table>
        <thead><tr><th /><th class="num">Assigned</th><th class="num">Decided</th><th class="num">Net a week</th><th class="num">Net in year</th>
          <th class="num">Net full year</th><th class="num">Gross a week</th><th class="num">Gross full year</th></tr></thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}><td>{g.key}</td><td class="num">{people(g.assigned)}</td><td class="num">{people(g.decided)}</td>
              <td class="num">{moneyWhole(g.net.weekly_pence)}</td><td class="num">{moneyWhole(g.net.in_year_pence)}</td>
              <td class="num">{moneyWhole(g.net.full_year_pence)}</td><td class="num">{moneyWhole(g.gross.weekly_pence)}</td>
              <td class="num">{moneyWhole(g.gross.full_year_pence)}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

// Every year each case spans: its net target beside what the decided reviews realise in it.
function CaseYears({ years, year }: { years: Json[]; year: string }) {
  return (
    <>
      <h2>Business cases against their targets, every year</h2>
      <p class="note">Years before {year} are actuals; {year} is the forecast outturn; later years are forecasts from the full-year effect of
        the changes decided so far. RAG is for the year that is due now.</p>
      <table>
        <thead><tr><th>Case</th><th>Year</th><th>Status</th><th class="num">Target (net)</th><th class="num">Net realised</th>
          <th class="num">Gross</th><th>RAG</th></tr></thead>
        <tbody>
          {years.map((y) => (
            <tr key={`${y.key} ${y.year}`}><td>{y.key}</td><td>{y.year}</td><td>{y.status}</td>
              <td class="num">{y.target_pence === null ? '' : moneyWhole(y.target_pence)}</td><td class="num">{moneyWhole(y.net_pence)}</td>
              <td class="num">{moneyWhole(y.gross_pence)}</td><td>{y.rag && <span class={`rag rag-${y.rag}`}>{y.rag}</span>}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Reviews({ onChange }: { onChange: () => void }) {
  const [reviews, error, reload] = useApi<Json[]>('/reviews');
  const [job, start, jobError] = useJob();
  const [lever, setLever] = useState('high_cost_1800');
  const [reviewer, setReviewer] = useState('');
  const [limit, setLimit] = useState('20');
  const [message, setMessage] = useState('');
  const [handled, setHandled] = useState('');
  const [hours, setHours] = useState<Record<number, string>>({}); // by review id, as typed
  if (job?.state === 'succeeded' && job.id && job.id !== handled) { // once per finished assignment
    setHandled(job.id);
    setMessage(job.result.message);
    reload();
    onChange();
  }
  const decide = (r: Json, outcome: string) =>
    api('/reviews/decisions', 'POST', { person_id: r.person_id, lever: r.lever, outcome, ...(hours[r.id] ? { hours: hours[r.id] } : {}) })
      .then(() => { setMessage(`Recorded ${outcome} for ${r.person_id}.`); reload(); onChange(); }, (e: Error) => setMessage(e.message));
  return (
    <>
      <h2>Reviews</h2>
      <form class="row" onSubmit={(e) => { e.preventDefault(); setMessage(''); start('/reviews/assign', { lever, reviewer, limit: Number(limit) }); }}>
        <Field label="Lever" value={lever} onChange={setLever} />
        <Field label="Reviewer" value={reviewer} onChange={setReviewer} />
        <Field label="People" value={limit} onChange={setLimit} size={4} type="number" />
        <button type="submit" disabled={job?.state === 'running'}>Assign, largest saving first</button>
      </form>
      <JobProgress job={job} error={jobError} />
      {message && <p role="status">{message}</p>}
      {!reviews ? <Loading error={error} /> : (
        <table>
          <thead><tr><th>Person</th><th>Lever</th><th>Reviewer</th><th>Due</th><th>Decided</th><th>Hours</th><th>Outcome</th></tr></thead>
          <tbody>
            {reviews.map((r) => (
              <tr key={r.id}><td><a href={`#/people/${r.person_id}`}>{r.person_id}</a></td><td>{r.lever}</td><td>{r.reviewer}</td><td>{ukDate(r.due_on)}</td>
                <td>{r.decided_on ? ukDate(r.decided_on) : ""}</td>
                <td>{r.outcome ? (r.hours_hundredths ? (r.hours_hundredths / 100).toFixed(2) : '') :
                  <Field label={`Hours for ${r.person_id}`} hideLabel size={4} value={hours[r.id] ?? ''} onChange={(v) => setHours({ ...hours, [r.id]: v })} />}</td>
                <td>{r.outcome || <Choice label={`Outcome for ${r.person_id}`} hideLabel value="" onChange={(v) => v && decide(r, v)}
                  options={[['', 'Record…'], ...outcomes]} />}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Evidence() {
  const [words, setWords] = useState('');
  const [query, setQuery] = useState('theme=reablement');
  const [found, error] = useApi<Json>(`/evidence?${query}`);
  return (
    <>
      <h2>What other councils did</h2>
      <form class="row" onSubmit={(e) => { e.preventDefault(); setQuery(`search=${encodeURIComponent(words)}`); }}>
        <Field label="Search the evidence" value={words} onChange={setWords} />
        <button type="submit">Search</button>
      </form>
      {!found ? <Loading error={error} /> : (
        <>
          <p class="note">{found.matches.length} amounts from {found.source}.</p>
          <ul>{found.matches.slice(0, 30).map((m: Json, i: number) => (
            <li key={i}><strong>{m.council}</strong>, {m.amount} ({m.kind}{m.lever ? `, ${m.lever}` : ''}): “{m.quote}” <span class="small">line {m.line}</span></li>
          ))}</ul>
        </>
      )}
    </>
  );
}
