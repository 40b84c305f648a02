// The dynamic purchasing system's register: admissions by lot and zone, requests with their bids
// and awards, and a provider's admission (finance).
import { useState } from 'preact/hooks';
import { api, Session } from './api';
import { Field, Json, Loading, useApi } from './hooks';
import { money, people } from './format';

export function Dps({ session }: { session: Session }) {
  const [reg, error, reload] = useApi<Json>('/dps');
  const [provider, setProvider] = useState('');
  const [lot, setLot] = useState('');
  const [zone, setZone] = useState('');
  const [rating, setRating] = useState('good');
  const [message, setMessage] = useState('');
  if (!reg) return <Loading error={error} />;
  const admit = (e: Event) => {
    e.preventDefault();
    api('/dps/admissions', 'POST', { provider, lot, zone, cqc_rating: rating })
      .then(() => { setMessage(`Admitted ${provider} to ${lot}.`); reload(); }, (x: Error) => setMessage(x.message));
  };
  const placed = reg.requests.filter((r: Json) => r.days_to_place !== undefined);
  return (
    <>
      <h2>Dynamic purchasing system</h2>
      <p class="note">Requests go to the providers admitted to their lot and zone, who alone may bid; the award is evaluated by the
        request's published weighting within its ceiling (`ascent dps`, or the API). Every step is audited.</p>
      {placed.length > 0 && (
        <p>{people(placed.length)} placed, on average in {(placed.reduce((a: number, r: Json) => a + r.days_to_place, 0) / placed.length).toFixed(1)} days.</p>
      )}
      <h3>Requests</h3>
      <table>
        <thead><tr><th>Request</th><th>Lot</th><th>Zone</th><th>Advertised</th><th class="num">Bids</th><th>Status</th><th>Awarded to</th>
          <th class="num">£ a week</th><th class="num">Days to place</th></tr></thead>
        <tbody>
          {reg.requests.map((r: Json) => (
            <tr key={r.id}><td>{r.id}</td><td>{r.lot}</td><td>{r.zone || 'all'}</td><td>{r.advertised_on}</td><td class="num">{r.bids}</td>
              <td>{r.status}</td><td>{r.awarded_provider ?? ''}</td><td class="num">{r.awarded_price_pence ? money(r.awarded_price_pence) : ''}</td>
              <td class="num">{r.days_to_place ?? ''}</td></tr>
          ))}
        </tbody>
      </table>
      <h3>Admissions</h3>
      <table>
        <thead><tr><th>Provider</th><th>Lot</th><th>Zone</th><th>CQC rating</th><th class="num">Rate</th><th>Admitted</th></tr></thead>
        <tbody>
          {reg.admissions.map((a: Json) => (
            <tr key={a.provider + a.lot + a.zone}><td>{a.provider}</td><td>{a.lot}</td><td>{a.zone || 'all'}</td><td>{a.cqc_rating}</td>
              <td class="num">{a.rate_pence ? money(a.rate_pence) : ''}</td><td>{a.admitted_on}</td></tr>
          ))}
        </tbody>
      </table>
      {session.sees_people && (
        <form class="row" onSubmit={admit}>
          <Field label="Provider" value={provider} onChange={setProvider} />
          <Field label="Lot" value={lot} onChange={setLot} />
          <Field label="Zone (blank: all)" value={zone} onChange={setZone} size={8} />
          <label class="field">CQC rating <select value={rating} onChange={(e) => setRating((e.target as HTMLSelectElement).value)}>
            {['outstanding', 'good', 'requires improvement', 'inadequate'].map((r) => <option key={r} value={r}>{r}</option>)}
          </select></label>
          <button type="submit">Admit</button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
    </>
  );
}
