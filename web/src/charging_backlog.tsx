// The reassessment backlog: overdue financial reassessments, from the ledger or a number, cleared by
// officers, projected as income by financial year (Cambridgeshire A/R.6.173's model, docs/charging.md).
import { useState } from 'preact/hooks';
import { api } from './api';
import { Field, Json } from './hooks';
import { money, moneyWhole, people } from './format';

interface BacklogOptionDraft {
  name: string;
  officers: string;     // FTE in each year, "4, 4"
  per_officer: string;  // reassessments a year per officer
  increase: string;     // £ a week
  decay: string;        // the increase falls by this each year, "20%"
  likelihood: string;   // still in care, each year, "100%, 77%"
  officer_cost: string; // £ a year per officer
}

/** "4, 4.5" → ["4", "4.5"]: the values of a comma-separated list, each as typed. */
export function listOf(text: string): string[] {
  return text.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

/** The request body: a backlog model in the layout of a model file (docs/charging.md). */
export function backlogModel(name: string, firstYear: string, weeks: string, fromLedger: boolean, backlog: string,
  overdueMonths: string, options: BacklogOptionDraft[]): Json {
  const model: Json = { name, first_year: firstYear, weeks_per_year: weeks, backlog: fromLedger ? 'ledger' : backlog };
  if (fromLedger) model.overdue_months = Number(overdueMonths);
  model.options = options.map((o) => {
    const option: Json = { name: o.name, officers: listOf(o.officers), per_officer: o.per_officer, increase: o.increase,
      likelihood: listOf(o.likelihood) };
    if (o.decay) option.decay = o.decay;
    if (o.officer_cost) option.officer_cost = o.officer_cost;
    return option;
  });
  return model;
}

function thisYear(asAt?: string): string {
  const d = asAt ? new Date(asAt) : new Date();
  const start = d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

export function Backlog({ asAt, mayModel }: { asAt?: string; mayModel: boolean }) {
  const [name, setName] = useState('Clear the overdue financial reassessments');
  const [firstYear, setFirstYear] = useState('');
  const [weeks, setWeeks] = useState('52.14');
  const [fromLedger, setFromLedger] = useState(true);
  const [backlog, setBacklog] = useState('2000');
  const [overdue, setOverdue] = useState('12');
  const [options, setOptions] = useState<BacklogOptionDraft[]>([
    { name: 'Four officers for two years', officers: '4, 4', per_officer: '167', increase: '11.06', decay: '20%',
      likelihood: '100%, 77%', officer_cost: '35000' },
  ]);
  const [result, setResult] = useState<Json | null>(null);
  const [error, setError] = useState('');
  const setOption = (i: number, d: Partial<BacklogOptionDraft>) => setOptions(options.map((x, n) => (n === i ? { ...x, ...d } : x)));
  const run = (e: Event) => {
    e.preventDefault();
    setError('');
    api<Json>('/charging/backlog', 'POST', backlogModel(name, firstYear || thisYear(asAt), weeks, fromLedger, backlog, overdue, options))
      .then(setResult, (err: Error) => { setResult(null); setError(err.message); });
  };
  return (
    <>
      <h2>Reassessment backlog</h2>
      {mayModel ? (
        <form onSubmit={run}>
          <div class="row">
            <Field label="Model" value={name} onChange={setName} size={40} />
            <Field label="First financial year" value={firstYear || thisYear(asAt)} onChange={setFirstYear} size={8} />
            <Field label="Weeks a year" value={weeks} onChange={setWeeks} size={7} />
          </div>
          <div class="row">
            <label class="field"><input type="checkbox" checked={fromLedger}
              onChange={(e) => setFromLedger((e.target as HTMLInputElement).checked)} /> Backlog from the ledger</label>
            {fromLedger
              ? <Field label="Overdue after (months)" value={overdue} onChange={setOverdue} size={4} />
              : <Field label="Reassessments overdue" value={backlog} onChange={setBacklog} size={8} />}
          </div>
          {options.map((o, i) => (
            <fieldset key={i}>
              <legend>Backlog option {i + 1}</legend>
              <Field label="Option name" value={o.name} onChange={(v) => setOption(i, { name: v })} size={36} />
              <Field label="Officers each year" value={o.officers} onChange={(v) => setOption(i, { officers: v })} size={12} />
              <Field label="Reassessments per officer" value={o.per_officer} onChange={(v) => setOption(i, { per_officer: v })} size={6} />
              <Field label="Increase £ a week" value={o.increase} onChange={(v) => setOption(i, { increase: v })} size={7} />
              <Field label="Falling each year by" value={o.decay} onChange={(v) => setOption(i, { decay: v })} size={6} />
              <Field label="Still in care each year" value={o.likelihood} onChange={(v) => setOption(i, { likelihood: v })} size={14} />
              <Field label="Officer cost £ a year" value={o.officer_cost} onChange={(v) => setOption(i, { officer_cost: v })} size={8} />
              <button type="button" class="link" onClick={() => setOptions(options.filter((_, n) => n !== i))}>Remove</button>
            </fieldset>
          ))}
          <p>
            <button type="button" onClick={() => setOptions([...options, { ...options[options.length - 1] ?? options[0], name: `Option ${options.length + 1}` }])}>
              Add a backlog option</button>{' '}
            <button type="submit">Project the backlog</button>
          </p>
        </form>
      ) : <p class="note">Your role reads results; the analyst role projects the backlog.</p>}
      {error && <p role="alert" class="error">{error}</p>}
      {result && <BacklogResult r={result} />}
    </>
  );
}

function BacklogResult({ r }: { r: Json }) {
  const decimal = (hundredths: number) => (hundredths / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return (
    <>
      {r.cohort ? (
        <p data-testid="backlog-cohort">From the ledger on {r.cohort.as_at}: {people(r.cohort.overdue)} of the {people(r.cohort.receiving)} people
          receiving care (not S117 aftercare) were last financially assessed more than {r.cohort.overdue_months} months before it;
          {' '}{people(r.cohort.no_assessment_date)} have no assessment date and are not counted.</p>
      ) : <p>Backlog: {decimal(r.backlog_hundredths)} reassessments.</p>}
      <p class="note">{r.weeks_per_year} weeks a year; income lasts {r.income_years} year(s) from each reassessment. {r.rounding}.</p>
      {r.options.map((o: Json) => (
        <table key={o.name}>
          <caption>{o.name}</caption>
          <thead><tr><th>Year</th><th class="num">Officers</th><th class="num">Reassessments</th><th class="num">Increase a week</th>
            <th class="num">Still in care</th><th class="num">Income</th><th class="num">Officer cost</th></tr></thead>
          <tbody>
            {o.years.map((y: Json) => (
              <tr key={y.year}><td>{y.year}</td>
                <td class="num">{y.officers_hundredths !== undefined ? decimal(y.officers_hundredths) : ''}</td>
                <td class="num">{y.assessments_hundredths !== undefined ? decimal(y.assessments_hundredths) : ''}</td>
                <td class="num">{y.increase_hundredths_of_penny !== undefined ? money(Math.round(y.increase_hundredths_of_penny / 100)) : ''}</td>
                <td class="num">{y.likelihood_ppm !== undefined ? `${(y.likelihood_ppm / 10000).toFixed(2)}%` : ''}</td>
                <td class="num">{moneyWhole(y.income_pence)}</td>
                <td class="num">{y.officer_cost_pence !== undefined ? moneyWhole(y.officer_cost_pence) : ''}</td></tr>
            ))}
            <tr><th>Total</th><td /><td class="num">{decimal(o.assessments_hundredths)}</td><td /><td />
              <th class="num" data-testid="backlog-income">{moneyWhole(o.total_income_pence)}</th>
              <th class="num">{o.total_officer_cost_pence === null ? 'not given' : moneyWhole(o.total_officer_cost_pence)}</th></tr>
          </tbody>
        </table>
      ))}
    </>
  );
}
