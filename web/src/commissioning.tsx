// Commissioning: the market, lines above a rate card's ceilings and a retender's profile, the fair
// price calculator, fee uplift options and bid evaluation. Sub-pages by the address: #/commissioning/<part>.
import { useState } from 'preact/hooks';
import { api, Session } from './api';
import { Bars, Chart } from './chart';
import { Card, Choice, Field, Json, Loading, useApi } from './hooks';
import { money, moneyWhole, people } from './format';
import { Dps } from './dps';
import { Evaluation, FairPrice, Uplifts } from './placement';

const parts: [string, string][] = [['market', 'Market'], ['ceilings', 'Ceilings and retender'], ['price', 'Fair price'],
  ['uplifts', 'Fee uplifts'], ['evaluation', 'Bid evaluation'], ['dps', 'Dynamic purchasing']];

export function Commissioning({ session, part }: { session: Session; part?: string }) {
  const current = part ?? 'market';
  return (
    <section>
      <h1>Commissioning</h1>
      <nav aria-label="Commissioning" class="subnav">
        {parts.map(([id, label]) => <a key={id} href={`#/commissioning/${id}`} aria-current={current === id ? 'page' : undefined}>{label}</a>)}
      </nav>
      {current === 'market' && <Market />}
      {current === 'ceilings' && <Ceilings session={session} />}
      {current === 'price' && <FairPrice />}
      {current === 'uplifts' && <Uplifts />}
      {current === 'evaluation' && <Evaluation session={session} />}
      {current === 'dps' && <Dps session={session} />}
    </section>
  );
}

function Market() {
  const [m, error] = useApi<Json>('/commissioning/market?limit=15');
  if (!m) return <Loading error={error} />;
  const pence = (p: number) => moneyWhole(p);
  return (
    <>
      <h2>The market</h2>
      <div class="cards">
        <Card label="Spend a week (direct payments left out)" value={moneyWhole(m.weekly_pence)} />
        <Card label="Providers" value={people(m.providers)} />
        <Card label={`Largest ${m.top}'s share`} value={`${(m.top_share_ppm / 10000).toFixed(1)}%`} />
        <Card label="HHI (over 2,500: highly concentrated)" value={people(m.hhi)} />
        <Card label="Out of area a week" value={moneyWhole(m.out_of_area_weekly_pence)} />
      </div>
      <Bars title="Weekly spend by provider" horizontal labels={m.by_provider.map((p: Json) => p.provider)}
        values={m.by_provider.map((p: Json) => p.weekly_pence)} format={pence} />
      <h3>The same care at different prices</h3>
      <table>
        <thead><tr><th>Service</th><th>Unit</th><th class="num">Lines</th><th class="num">Providers</th><th class="num">Lowest</th>
          <th class="num">Quartile</th><th class="num">Median</th><th class="num">Quartile</th><th class="num">Highest</th>
          <th class="num">Above the median a week</th></tr></thead>
        <tbody>
          {m.spreads.map((s: Json) => (
            <tr key={s.service + s.unit}><td>{s.service}</td><td>{s.unit}</td><td class="num">{people(s.lines)}</td><td class="num">{people(s.providers)}</td>
              <td class="num">{money(s.min_pence)}</td><td class="num">{money(s.p25_pence)}</td><td class="num">{money(s.median_pence)}</td>
              <td class="num">{money(s.p75_pence)}</td><td class="num">{money(s.max_pence)}</td><td class="num">{moneyWhole(s.weekly_above_median_pence)}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

interface RateDraft {
  service: string;
  per: string;
  ceiling: string;
}

const services: [string, string][] = [['home support', 'Home support'], ['community supported living', 'Supported living'],
  ['long term residential care', 'Residential care'], ['long term nursing care', 'Nursing care'], ['day support', 'Day support']];

function Ceilings({ session }: { session: Session }) {
  const [from, setFrom] = useState('2020-04-01');
  const [minutes, setMinutes] = useState('15');
  const [flat, setFlat] = useState(true);
  const [rates, setRates] = useState<RateDraft[]>([
    { service: 'home support', per: 'hour', ceiling: '16.22' },
    { service: 'long term residential care', per: 'week', ceiling: '1,100.00' },
    { service: 'long term nursing care', per: 'week', ceiling: '1,250.00' },
  ]);
  const [check, setCheck] = useState<Json | null>(null);
  const [profile, setProfile] = useState<Json | null>(null);
  const [retenderFrom, setRetenderFrom] = useState('2026-11-01');
  const [error, setError] = useState('');
  const card = () => ({ name: 'Rate card', flat_rate: flat ? 'yes' : 'no', billing_minutes: minutes,
    rates: rates.map((r) => ({ service: r.service, per: r.per, from, ceiling: r.ceiling })) });
  const fail = (e: Error) => setError(e.message);
  const run = (e: Event) => {
    e.preventDefault();
    setError('');
    api<Json>('/commissioning/ceilings?limit=50', 'POST', card()).then(setCheck, fail);
  };
  const setRate = (i: number, d: Partial<RateDraft>) => setRates(rates.map((r, n) => (n === i ? { ...r, ...d } : r)));
  return (
    <>
      <h2>Ceilings</h2>
      <form onSubmit={run}>
        <div class="row">
          <Field label="Rates from" type="date" value={from} onChange={setFrom} />
          <Choice label="Hourly care billed in blocks of" value={minutes} onChange={setMinutes}
            options={[['0', 'as planned'], ['15', '15 minutes'], ['30', '30 minutes'], ['60', 'an hour']]} />
          <label class="field"><input type="checkbox" checked={flat} onChange={(e) => setFlat((e.target as HTMLInputElement).checked)} />
            {' '}A flat rate (lines below it go up to it)</label>
        </div>
        <table>
          <thead><tr><th>Service</th><th>Per</th><th class="num">Ceiling £</th><th /></tr></thead>
          <tbody>
            {rates.map((r, i) => (
              <tr key={i}>
                <td><Choice label={`Service ${i + 1}`} hideLabel value={r.service} onChange={(v) => setRate(i, { service: v })} options={services} /></td>
                <td><Choice label={`Unit ${i + 1}`} hideLabel value={r.per} onChange={(v) => setRate(i, { per: v })} options={[['hour', 'hour'], ['week', 'week']]} /></td>
                <td class="num"><Field label={`Ceiling ${i + 1}`} hideLabel value={r.ceiling} onChange={(v) => setRate(i, { ceiling: v })} size={9} /></td>
                <td><button type="button" class="link" onClick={() => setRates(rates.filter((_, n) => n !== i))}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <p><button type="button" onClick={() => setRates([...rates, { service: 'day support', per: 'week', ceiling: '' }])}>Add a rate</button>{' '}
          <button type="submit">Check the ledger</button></p>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {check && (
        <>
          <p><strong>{people(check.flagged)}</strong> of {people(check.lines_checked)} open lines are above their ceiling
            ({people(check.lines_without_rate)} have no rate on the card): <strong>{moneyWhole(check.weekly_excess_pence)}</strong> a week over.</p>
          <Bars title="Excess over the ceilings a week, by service" labels={check.by_service.map((s: Json) => s.service)}
            values={check.by_service.map((s: Json) => s.weekly_excess_pence)} format={moneyWhole} />
          {check.lines && (
            <table>
              <thead><tr><th>Person</th><th>Service</th><th>Provider</th><th class="num">Unit cost</th><th class="num">Ceiling</th><th class="num">Over a week</th></tr></thead>
              <tbody>
                {check.lines.map((l: Json, n: number) => (
                  <tr key={n}><td><a href={`#/people/${l.person_id}`}>{l.person_id}</a></td><td>{l.service}</td><td>{l.provider}</td>
                    <td class="num">{money(l.unit_cost_pence)}</td><td class="num">{money(l.ceiling_pence)}</td><td class="num">{money(l.weekly_excess_pence)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {session.may_model && (
        <>
          <h2>Retender</h2>
          <p class="note">Every open line the card prices moves to it from the date: with a flat rate, lines below it go up; without,
            only lines above it come down.</p>
          <div class="row">
            <Field label="New rates from" type="date" value={retenderFrom} onChange={setRetenderFrom} />
            <button onClick={() => api<Json>('/commissioning/retender', 'POST', { card: card(), from: retenderFrom }).then(setProfile, fail)}>
              Profile the retender</button>
          </div>
          {profile && (
            <>
              <p>{people(profile.lines)} lines: {people(profile.lines_down)} cost less, {people(profile.lines_up)} more.
                {' '}{moneyWhole(profile.weekly_before_pence)} a week now, {moneyWhole(profile.weekly_after_pence)} after.</p>
              <Chart title="Saving by financial year (a negative saving is a cost)" labels={profile.saving_by_year.map((y: Json) => y.year)}
                series={[{ name: 'Saving', values: profile.saving_by_year.map((y: Json) => y.saving_pence) }]} format={moneyWhole} />
            </>
          )}
        </>
      )}
    </>
  );
}
