// The dynamic purchasing system's register: admissions by lot and zone, requests advertised to the
// providers admitted to them, their bids and the award, each step audited. Finance enters them.
import { useState } from 'preact/hooks';
import { api, Session } from './api';
import { Choice, Field, Json, Loading, useApi } from './hooks';
import { money, people, ukDate } from './format';
import { CqcNote, EvaluationTable, requestSpec } from './placement';

const today = () => new Date().toISOString().slice(0, 10);

export function Dps({ session }: { session: Session }) {
  const [reg, error, reload] = useApi<Json>('/dps');
  const [message, setMessage] = useState('');
  const [evaluation, setEvaluation] = useState<Json | null>(null); // the last award, kept once its request closes
  if (!reg) return <Loading error={error} />;
  const placed = reg.requests.filter((r: Json) => r.days_to_place !== undefined);
  const done = (text: string) => { setMessage(text); reload(); };
  return (
    <>
      <h2>Dynamic purchasing system</h2>
      <p class="note">Requests go to the providers admitted to their lot and zone, who alone may bid; the award is evaluated by the
        request's published weighting within its ceiling. Every step is audited.</p>
      {placed.length > 0 && (
        <p>{people(placed.length)} placed, on average in {(placed.reduce((a: number, r: Json) => a + r.days_to_place, 0) / placed.length).toFixed(1)} days.</p>
      )}
      <h3>Requests</h3>
      <table>
        <thead><tr><th>Request</th><th>Lot</th><th>Zone</th><th>Advertised</th><th class="num">Ceiling</th><th class="num">Bids</th><th>Status</th>
          <th>Awarded to</th><th class="num">£ a week</th><th class="num">Days to place</th></tr></thead>
        <tbody>
          {reg.requests.map((r: Json) => (
            <tr key={r.id}><td>{r.id}</td><td>{r.lot}</td><td>{r.zone || 'all'}</td><td>{ukDate(r.advertised_on)}</td><td class="num">{money(r.ceiling_pence)}</td>
              <td class="num">{r.bid_count}</td><td>{r.status}</td><td>{r.awarded_provider ?? ''}</td>
              <td class="num">{r.awarded_price_pence ? money(r.awarded_price_pence) : ''}</td><td class="num">{r.days_to_place ?? ''}</td></tr>
          ))}
        </tbody>
      </table>
      {session.sees_people && reg.requests.filter((r: Json) => r.status === 'open')
        .map((r: Json) => <OpenRequest key={r.id} request={r} done={done} fail={setMessage} awarded={setEvaluation} />)}
      {evaluation && <><h3>Evaluation: {evaluation.name}</h3><EvaluationTable e={evaluation} /></>}
      {session.sees_people && <Advertise done={done} fail={setMessage} />}
      <h3>Admissions</h3>
      <table>
        <thead><tr><th>Provider</th><th>Lot</th><th>Zone</th><th>CQC rating</th><th class="num">Rate</th><th>Admitted</th></tr></thead>
        <tbody>
          {reg.admissions.map((a: Json) => (
            <tr key={a.provider + a.lot + a.zone}><td>{a.provider}</td><td>{a.lot}</td><td>{a.zone || 'all'}</td><td>{a.cqc_rating}</td>
              <td class="num">{a.rate_pence ? money(a.rate_pence) : ''}</td><td>{ukDate(a.admitted_on)}</td></tr>
          ))}
        </tbody>
      </table>
      {session.sees_people && <Admit done={done} fail={setMessage} />}
      {message && <p role="status">{message}</p>}
    </>
  );
}

interface Step { done: (message: string) => void; fail: (message: string) => void }

function Admit({ done, fail }: Step) {
  const [provider, setProvider] = useState('');
  const [lot, setLot] = useState('');
  const [zone, setZone] = useState('');
  const [rating, setRating] = useState('good');
  const admit = (e: Event) => {
    e.preventDefault();
    api('/dps/admissions', 'POST', { provider, lot, zone, cqc_rating: rating })
      .then(() => done(`Admitted ${provider} to ${lot}.`), (x: Error) => fail(x.message));
  };
  return (
    <form class="row" onSubmit={admit}>
      <Field label="Provider" value={provider} onChange={setProvider} />
      <Field label="Lot" value={lot} onChange={setLot} />
      <Field label="Zone (blank: all)" value={zone} onChange={setZone} size={8} />
      <Choice label="CQC rating" value={rating} onChange={setRating}
        options={['outstanding', 'good', 'requires improvement', 'inadequate', 'not yet rated'].map((r): [string, string] => [r, r])} />
      <button type="submit">Admit</button>
    </form>
  );
}

function Advertise({ done, fail }: Step) {
  const [id, setId] = useState('');
  const [lot, setLot] = useState('');
  const [zone, setZone] = useState('');
  const [person, setPerson] = useState('');
  const [on, setOn] = useState(today());
  const [name, setName] = useState('');
  const [ceiling, setCeiling] = useState('');
  const [fairPrice, setFairPrice] = useState('');
  const [priceWeight, setPriceWeight] = useState('40');
  const [weights, setWeights] = useState('50, 30, 20');
  const [cqcWeight, setCqcWeight] = useState('');
  const advertise = (e: Event) => {
    e.preventDefault();
    const spec = { ...requestSpec(name || id, ceiling, priceWeight, weights, cqcWeight), ...(fairPrice ? { fair_price: fairPrice } : {}) };
    api<Json>('/dps/requests', 'POST', { id, lot, zone, person_id: person, on, spec })
      .then((r) => done(`Advertised ${id} to ${r.advertised_to.join(', ')}.`), (x: Error) => fail(x.message));
  };
  return (
    <form onSubmit={advertise}>
      <h3>Advertise a request</h3>
      <div class="row">
        <Field label="Request id" value={id} onChange={setId} size={8} />
        <Field label="Request's lot" value={lot} onChange={setLot} />
        <Field label="Request's zone (blank: all)" value={zone} onChange={setZone} size={8} />
        <Field label="Person id" value={person} onChange={setPerson} size={10} />
        <Field label="Advertised on" type="date" value={on} onChange={setOn} />
      </div>
      <div class="row">
        <Field label="Description" value={name} onChange={setName} />
        <Field label="Ceiling £ a week" value={ceiling} onChange={setCeiling} size={9} />
        <Field label="Fair price £ a week" value={fairPrice} onChange={setFairPrice} size={9} />
        <Field label="Price weight %" value={priceWeight} onChange={setPriceWeight} size={4} />
        <Field label="Question weights % (Q1, Q2, …)" value={weights} onChange={setWeights} size={12} />
        <Field label="CQC rating weight %" value={cqcWeight} onChange={setCqcWeight} size={4} />
      </div>
      <CqcNote />
      <button type="submit">Advertise</button>
    </form>
  );
}

// An open request: its bids, a bid entered for one of the providers it went to, and the award.
function OpenRequest({ request, done, fail, awarded }: Step & { request: Json; awarded: (e: Json) => void }) {
  const answerable: string[] = request.questions.filter((q: Json) => !q.from_cqc_rating).map((q: Json) => q.id);
  const [bidder, setBidder] = useState(request.eligible[0] ?? '');
  const [price, setPrice] = useState('');
  const [scores, setScores] = useState('');
  const [withdrawn, setWithdrawn] = useState(false);
  const [on, setOn] = useState(today());
  const bid = (e: Event) => {
    e.preventDefault();
    const answers: Record<string, string> = {};
    scores.split(',').forEach((s, i) => { if (s.trim() && answerable[i]) answers[answerable[i]] = s.trim(); });
    api(`/dps/requests/${encodeURIComponent(request.id)}/bids`, 'POST', { provider: bidder, price, answers, withdrawn, on })
      .then(() => { setPrice(''); setScores(''); done(`Recorded ${bidder}'s bid for ${request.id}.`); }, (x: Error) => fail(x.message));
  };
  const award = () => api<Json>(`/dps/requests/${encodeURIComponent(request.id)}/award`, 'POST', { on })
    .then((r) => { awarded(r); done(r.award ? `Awarded ${request.id} to ${r.award}.` : `${request.id}: no award.`); }, (x: Error) => fail(x.message));
  return (
    <section aria-label={`Request ${request.id}`}>
      <h3>{request.id}: {request.name}</h3>
      <p class="note">Ceiling {money(request.ceiling_pence)} a week. Questions: {request.questions.map((q: Json) =>
        `${q.id} ${(q.weight_bp / 100).toFixed(0)}%${q.from_cqc_rating ? ' (from the CQC rating)' : ''}`).join(', ')}; scores 0 to {request.max_score}.
        Went to {request.eligible.join(', ')}.</p>
      {request.bids.length > 0 && (
        <table>
          <thead><tr><th>Provider</th><th class="num">£ a week</th><th>Scores</th><th>Submitted</th><th></th></tr></thead>
          <tbody>
            {request.bids.map((b: Json) => (
              <tr key={b.provider}><td>{b.provider}</td><td class="num">{money(b.price_pence)}</td><td>{b.answers}</td><td>{ukDate(b.submitted_on)}</td>
                <td>{b.withdrawn ? 'withdrawn' : ''}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="row" onSubmit={bid}>
        <Choice label="Bidder" value={bidder} onChange={setBidder} options={request.eligible.map((p: string): [string, string] => [p, p])} />
        <Field label="Bid £ a week" value={price} onChange={setPrice} size={9} />
        <Field label={`Scores (${answerable.join(', ')})`} value={scores} onChange={setScores} size={10} />
        <label class="field"><input type="checkbox" checked={withdrawn} onChange={(x) => setWithdrawn((x.target as HTMLInputElement).checked)} /> Withdrawn</label>
        <Field label="On" type="date" value={on} onChange={setOn} />
        <button type="submit">Record the bid</button>
        <button type="button" onClick={award} disabled={request.bid_count === 0}>Evaluate and award</button>
      </form>
    </section>
  );
}
