// The savings programme: the budget proposals table as the council's appendix lays it out (£000,
// grouped by directorate and service), its totals against the targets and printed figures, and
// the Monte Carlo risk range run in the background.
import { useState } from 'preact/hooks';
import { Session } from './api';
import { Chart } from './chart';
import { Field, Json, JobProgress, Loading, useApi, useJob } from './hooks';
import { moneyWhole, thousands } from './format';
import { Overlap, Plausibility } from './overlap';

export function Programme({ session }: { session: Session }) {
  const [p, error] = useApi<Json>('/programme');
  if (!p) return <Loading error={error} />;
  const groups: [string, Json[]][] = [];
  for (const row of p.rows) {
    const key = `${row.directorate} — ${row.service}`;
    if (groups.length === 0 || groups[groups.length - 1][0] !== key) groups.push([key, []]);
    groups[groups.length - 1][1].push(row);
  }
  const failed = p.checks.filter((c: Json) => !c.agrees);
  return (
    <section>
      <h1>Budget proposals</h1>
      <p class="note">{p.name}. £000, {p.basis}; {p.rounding}.</p>
      <p>
        <a class="button" href="/api/v1/programme/budget-table.xlsx">Budget table (XLSX)</a>{' '}
        <a class="button" href="/api/v1/programme/budget-table.pdf">PDF</a>{' '}
        <a class="button" href="/api/v1/programme/report.pdf">Programme summary (PDF)</a>
      </p>
      <Chart title="Net saving by financial year and category (incremental, £000)" labels={p.years} format={thousands}
        series={p.by_category.map((c: Json) => ({ name: c.title, values: c.years_pence, stack: 'total' }))} />
      <table>
        <thead>
          <tr><th>Ref</th><th>Proposal</th><th>Category</th>{p.years.map((y: string) => <th class="num" key={y}>{y}</th>)}
            <th class="num">Total</th><th>Risk</th></tr>
        </thead>
        <tbody>
          {groups.map(([group, rows]) => [
            <tr key={group} class="group"><th colSpan={p.years.length + 5}>{group}</th></tr>,
            ...rows.map((r: Json) => (
              <tr key={r.id + r.title}>
                <td>{r.id}</td><td>{r.title}<div class="small">{r.how_achieved}</div></td><td>{r.category_title}</td>
                {r.years_pence.map((v: number, i: number) => <td class="num" key={i}>{thousands(v)}</td>)}
                <td class="num">{thousands(r.total_pence)}</td><td>{r.risk}</td>
              </tr>
            )),
          ])}
          <tr class="total"><td /><td>Total</td><td />{p.total_pence.map((v: number, i: number) => <td class="num" key={i}>{thousands(v)}</td>)}
            <td class="num">{thousands(p.total_pence.reduce((a: number, b: number) => a + b, 0))}</td><td /></tr>
        </tbody>
      </table>
      {p.targets.length > 0 && (
        <p>Targets: {p.targets.map((t: Json) => `${t.year} ${moneyWhole(t.pence)}`).join('; ')}.</p>
      )}
      {p.checks.length > 0 && (
        <p class={failed.length ? 'error' : 'note'}>
          {p.checks.length} printed figures checked; {failed.length === 0 ? 'all agree.' : `${failed.length} differ:`}
        </p>
      )}
      {failed.length > 0 && (
        <ul>{failed.map((c: Json) => <li key={c.what}>{c.what}: printed {c.stated}, computed {thousands(c.computed_pence)} (difference {moneyWhole(c.difference_pence)})</li>)}</ul>
      )}
      <Overlap n={p.overlap} />
      <Plausibility p={p.plausibility} />
      {session.may_model && <Risk years={p.years} />}
    </section>
  );
}

function Risk({ years }: { years: string[] }) {
  const [job, start, error] = useJob();
  const [trials, setTrials] = useState('10000');
  const r = job?.state === 'succeeded' ? job.result : null;
  return (
    <>
      <h2>Risk range</h2>
      <p class="note">Each line's uncertain inputs drawn from their ranges, many times over: the programme's in-year net saving at
        the 10th, 50th and 90th percentiles, and the chance of meeting each target.</p>
      <form class="row" onSubmit={(e) => { e.preventDefault(); start('/programme/risk', { trials: Number(trials) }); }}>
        <Field label="Trials" value={trials} onChange={setTrials} size={8} type="number" />
        <button type="submit" disabled={job?.state === 'running'}>Run</button>
      </form>
      <JobProgress job={job} error={error} />
      {r && (
        <>
          <Chart title="Programme in-year net saving: planned and P10 / P50 / P90" labels={r.years ?? years} format={moneyWhole}
            series={[
              { name: 'Planned', values: r.planned_pence },
              { name: 'P10', values: r.by_year.map((y: Json) => y.p10_pence), line: true },
              { name: 'P50', values: r.by_year.map((y: Json) => y.p50_pence), line: true },
              { name: 'P90', values: r.by_year.map((y: Json) => y.p90_pence), line: true },
            ]} />
          <p>{r.trials.toLocaleString('en-GB')} trials, seed {r.seed}.{' '}
            {r.targets.map((t: Json) => t.certain
              ? `No uncertainty about ${t.year}'s target of ${moneyWhole(t.pence)}: every trial ${t.met ? 'meets' : 'misses'} it${r.uncertain ? '' : ' (no line of this programme has a range)'}.`
              : t.chance === 0 ? `${t.year}'s target of ${moneyWhole(t.pence)}: met in none of the trials (the most any saves is ${moneyWhole(t.most_pence)}).`
              : t.chance === 1 ? `${t.year}'s target of ${moneyWhole(t.pence)}: met in every trial (the least any saves is ${moneyWhole(t.least_pence)}).`
              : `Chance of meeting ${t.year}'s target of ${moneyWhole(t.pence)}: ${Math.round(t.chance * 100)}%.`).join(' ')}</p>
          <p class="note">Lines vary by their own ranges, or by their lever's low / central / high and confidence; each case's delivery
            risk adds a chance of a late start and of a shortfall ({r.cases.map((c: Json) => `${c.id} ${c.delivery_risk}: ${c.delivery_assumption}`).join('; ')}).</p>
          <p class="note">Where a case's reviews are decided, what they secured on the ledger is a floor under its range, and a year
            already over counts exactly what was secured.</p>
          <table>
            <thead><tr><th>Case</th>{r.years.map((y: string) => <th key={y} class="num">{y}: planned · P10–P90 · secured</th>)}</tr></thead>
            <tbody>
              {r.cases.map((c: Json) => (
                <tr key={c.id}><td>{c.id} {c.title}</td>
                  {c.by_year.map((p: Json, y: number) => (
                    <td key={y} class="num">{moneyWhole(c.planned_pence[y])} · {moneyWhole(p.p10_pence)}–{moneyWhole(p.p90_pence)}
                      {c.secured_pence.length > 0 && <> · <strong>{moneyWhole(c.secured_pence[y])}</strong></>}</td>
                  ))}</tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
