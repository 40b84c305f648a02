// Benchmarks (the council among its comparators on the national measures) and projections (clients
// and unit costs projected from observed years, re-run as the figures are changed).
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { Chart } from './chart';
import { Choice, downloadPosted, Field, Json, Loading, useApi } from './hooks';
import { moneyWhole, ukDate } from './format';

/** A value in ten-thousandths, to the measure's published decimals. */
export function measureValue(v: number | null, decimals: number, scale = 10000): string {
  if (v === null || v === undefined) return '–';
  return (v / scale).toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function Benchmarks() {
  const [list, listError] = useApi<Json>('/benchmark/councils');
  const [council, setCouncil] = useState('');
  const [peers, setPeers] = useState('nearest');
  const [chosen, setChosen] = useState(0);
  const query = list ? `council=${encodeURIComponent(council || list.default)}&peers=${peers}` : null;
  const [b, error] = useApi<Json>(query && `/benchmark?${query}`);
  if (!list) return <Loading error={listError} />;
  const names: [string, string][] = list.councils.map((c: Json) => [c.name, c.name]).sort((x: string[], y: string[]) => x[0].localeCompare(y[0]));
  const m = b?.measures[chosen];
  const ordered = m ? [...m.values].filter((v: Json) => v.value !== null).sort((x: Json, y: Json) => y.value - x.value) : [];
  return (
    <section>
      <h1>Benchmarks</h1>
      <div class="row">
        <Choice label="Council" value={council || list.default} onChange={setCouncil} options={names} />
        <Choice label="Comparators" value={peers} onChange={setPeers}
          options={[['nearest', 'Nearest neighbours'], ['region', 'Same region'], ['type', 'Same type of council']]} />
        {query && <a class="button" href={`/api/v1/benchmark/report.xlsx?${query}`}>Download (XLSX)</a>}
        {query && <a class="button" href={`/api/v1/benchmark/report.pdf?${query}`}>PDF</a>}
      </div>
      {!b ? <Loading error={error} /> : (
        <>
          <p class="note">{b.council} in {b.year} against {b.group} ({b.peers.length} councils).</p>
          {m && (
            <div class="charts">
              <Chart title={`${m.name} (${m.unit}), ${b.year}: ${b.council} highlighted`} horizontal labels={ordered.map((v: Json) => v.council)}
                series={[{ name: m.name, values: ordered.map((v: Json) => v.value / b.value_scale) }]}
                highlight={ordered.findIndex((v: Json) => v.self)} format={(v) => measureValue(v * b.value_scale, m.decimals)} />
              <Chart title={`${m.name}: trend`} labels={m.trend.map((t: Json) => t.year)} format={(v) => measureValue(v * b.value_scale, m.decimals)}
                series={[{ name: b.council, values: m.trend.map((t: Json) => (t.value === null ? null : t.value / b.value_scale)), line: true },
                  { name: 'Comparators\u2019 mean', values: m.peer_trend.map((t: Json) => (t.value === null ? null : t.value / b.value_scale)), line: true }]} />
            </div>
          )}
          <table>
            <thead><tr><th>Measure</th><th class="num">{b.council}</th><th class="num">Comparators' mean</th><th class="num">Median</th>
              <th class="num">Rank</th><th class="num">Quartile</th><th>Against the comparators</th></tr></thead>
            <tbody>
              {b.measures.map((x: Json, i: number) => (
                <tr key={x.id} class={i === chosen ? 'chosen' : undefined}>
                  <td><button class="link" onClick={() => setChosen(i)} aria-pressed={i === chosen}>{x.name}</button>
                    <div class="small">{x.unit}; {x.higher_is_better ? 'higher is better' : 'lower is better'}</div></td>
                  <td class="num">{measureValue(x.value, x.decimals)}</td><td class="num">{measureValue(x.peer_mean, x.decimals)}</td>
                  <td class="num">{measureValue(x.peer_median, x.decimals)}</td>
                  <td class="num">{x.rank ? `${x.rank} of ${x.ranked}` : '–'}</td><td class="num">{x.quartile || '–'}</td><td>{x.verdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

interface SeriesDraft {
  name: string;
  clients: [string, string];
  unitCost: [string, string];
}

const yearLabel = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;

/** The financial year (its start) a date falls in: April to March. */
export function financialYearOf(iso: string): number {
  const [y, m] = iso.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

export function Projections() {
  const [summary, summaryError] = useApi<Json>('/summary');
  const [drafts, setDrafts] = useState<SeriesDraft[] | null>(null);
  const [method, setMethod] = useState('straight_line');
  const [ahead, setAhead] = useState('3');
  const [p, setP] = useState<Json | null>(null);
  const [error, setError] = useState('');
  const current = summary ? financialYearOf(summary.as_at) : 0;
  useEffect(() => {
    if (!summary) return;
    // The ledger gives this year; last year's figures start the same, for the user to enter.
    setDrafts(summary.by_setting.map((s: Json) => {
      const clients = String(s.people);
      // This year's unit cost to the millionth of a pound, so the projection's cost is the ledger's.
      const unit = (s.weekly_pence / Math.max(1, s.people) / 100).toFixed(6);
      return { name: s.setting, clients: [clients, clients], unitCost: [unit, unit] };
    }));
  }, [summary]);
  const model = () => ({
    name: 'Clients and unit costs by care setting', observed: [yearLabel(current - 1), yearLabel(current)],
    project_to: yearLabel(current + Number(ahead)), method, weeks_per_year: summary.weeks_per_year,
    series: (drafts ?? []).map((d) => ({ name: d.name, clients: d.clients, unit_cost: d.unitCost })),
  });
  useEffect(() => {
    if (!drafts) return;
    api<Json>('/projections/trend', 'POST', model()).then((r) => { setP(r); setError(''); }, (e: Error) => setError(e.message));
  }, [JSON.stringify(drafts), method, ahead]);
  if (!summary || !drafts) return <Loading error={summaryError} />;
  const set = (i: number, key: 'clients' | 'unitCost', year: 0 | 1, v: string) =>
    setDrafts(drafts.map((d, n) => (n === i ? { ...d, [key]: (year === 0 ? [v, d[key][1]] : [d[key][0], v]) as [string, string] } : d)));
  return (
    <section>
      <h1>Projections</h1>
      <p class="note">This year's clients and average weekly cost come from the ledger as at {ukDate(summary.as_at)}; enter last year's to set the
        trend. The projection runs again as you change a figure.</p>
      <div class="row">
        <Choice label="Method" value={method} onChange={setMethod} options={[['straight_line', 'Straight line'], ['compound', 'Compound']]} />
        <Choice label="Years ahead" value={ahead} onChange={setAhead} options={[['1', '1'], ['2', '2'], ['3', '3'], ['5', '5']]} />
        <button onClick={() => downloadPosted('/projections/trend/report.pdf', model(), 'projection.pdf').catch((e: Error) => setError(e.message))}>
          Report (PDF)</button>
      </div>
      <table>
        <thead><tr><th>Setting</th><th class="num">Clients {yearLabel(current - 1)}</th><th class="num">{yearLabel(current)}</th>
          <th class="num">£ a week {yearLabel(current - 1)}</th><th class="num">{yearLabel(current)}</th></tr></thead>
        <tbody>
          {drafts.map((d, i) => (
            <tr key={d.name}><td>{d.name}</td>
              <td class="num"><Field label={`${d.name} clients ${yearLabel(current - 1)}`} hideLabel value={d.clients[0]}
                onChange={(v) => set(i, 'clients', 0, v)} size={7} /></td>
              <td class="num">{d.clients[1]}</td>
              <td class="num"><Field label={`${d.name} £ a week ${yearLabel(current - 1)}`} hideLabel value={d.unitCost[0]}
                onChange={(v) => set(i, 'unitCost', 0, v)} size={9} /></td>
              <td class="num">{Number(d.unitCost[1]).toFixed(2)}</td></tr>
          ))}
        </tbody>
      </table>
      {error && <p role="alert" class="error">{error}</p>}
      {p && (
        <>
          <Chart title="Annual cost by setting (observed, then projected)" labels={p.years} format={moneyWhole}
            series={p.series.map((s: Json) => ({ name: s.name, values: s.annual_cost_pence, stack: 'cost' }))} />
          <table>
            <thead><tr><th>Annual cost</th>{p.years.map((y: string, i: number) => <th class="num" key={y}>{y}{i >= p.observed ? ' (projected)' : ''}</th>)}</tr></thead>
            <tbody>
              {p.series.map((s: Json) => (
                <tr key={s.name}><td>{s.name}</td>{s.annual_cost_pence.map((v: number, i: number) => <td class="num" key={i}>{moneyWhole(v)}</td>)}</tr>
              ))}
              <tr class="total"><td>Total</td>{p.total_annual_cost_pence.map((v: number, i: number) => <td class="num" key={i} data-testid={`total-${i}`}>{moneyWhole(v)}</td>)}</tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
