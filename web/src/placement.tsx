// The fair price calculator (re-run as each need or the fee changes), fee uplift options, and bid
// evaluation, each sent to the API in the layout of its file.
import { useEffect, useState } from 'preact/hooks';
import { api, Session } from './api';
import { Bars, Chart } from './chart';
import { Choice, downloadPosted, Field, Json } from './hooks';
import { money, moneyWhole } from './format';

const needs: [string, string][] = [['shared_hours', 'Shared care hours a week'], ['one_to_one_hours', 'One-to-one hours a week'],
  ['two_to_one_hours', 'Two-to-one hours a week'], ['nurse_hours', 'Nurse hours a week'], ['waking_nights', 'Waking nights a week'],
  ['sleep_in_nights', 'Sleep-in nights a week']];

export function FairPrice() {
  const [setting, setSetting] = useState('residential');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [fee, setFee] = useState('2,450.00');
  const [values, setValues] = useState<Record<string, string>>({ shared_hours: '21', one_to_one_hours: '42', two_to_one_hours: '0',
    nurse_hours: '0', waking_nights: '7', sleep_in_nights: '0' });
  const [book, setBook] = useState<Record<string, string>>({}); // the provider's open-book figure by element
  const [p, setP] = useState<Json | null>(null);
  const [error, setError] = useState('');
  const openBook = Object.fromEntries(Object.entries(book).filter(([, v]) => v.trim()));
  const placement = () => ({ name: 'Placement', date, setting, fee_paid: fee || undefined, needs: values,
    ...(Object.keys(openBook).length ? { open_book: openBook } : {}) });
  useEffect(() => {
    api<Json>('/commissioning/fair-price', 'POST', placement()).then((r) => { setP(r); setError(''); }, (e: Error) => setError(e.message));
  }, [setting, date, fee, JSON.stringify(values), JSON.stringify(openBook)]);
  const difference = (id: string) => p?.open_book.find((l: Json) => l.id === id)?.difference_pence;
  return (
    <>
      <h2>Fair price of care</h2>
      <p class="note">From the person's assessed needs, pay at the National Living Wage plus the council's premiums, on-costs,
        overheads, hotel and buildings and a return; every figure is a dated parameter, listed below. It runs again as you change a figure.</p>
      <div class="row">
        <Choice label="Setting" value={setting} onChange={setSetting}
          options={[['residential', 'Residential'], ['nursing', 'Nursing'], ['supported living', 'Supported living']]} />
        <Field label="On" type="date" value={date} onChange={setDate} />
        <Field label="Fee paid £ a week" value={fee} onChange={setFee} size={10} />
      </div>
      <div class="row">
        {needs.map(([id, label]) => <Field key={id} label={label} value={values[id]} size={5} onChange={(v) => setValues({ ...values, [id]: v })} />)}
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {p && (
        <>
          <p>Fair price <strong data-testid="fair-price">{money(p.total_pence)}</strong> a week
            {p.gap_pence !== undefined && <> against a fee of {money(p.fee_paid_pence)}: {p.gap_pence > 0 ? `paying ${money(p.gap_pence)} a week more`
              : `the fee is ${money(-p.gap_pence)} a week below it`}</>}.{' '}
            <button class="link" onClick={() => downloadPosted('/commissioning/fair-price.xlsx', placement(), 'fair-price.xlsx').catch((e: Error) => setError(e.message))}>
              Download (XLSX)</button></p>
          <Bars title="What the fair price is made of (£ a week)" horizontal labels={p.elements.map((e: Json) => e.name)}
            values={p.elements.map((e: Json) => e.pence)} format={money} />
          <p class="note">Enter a provider's open-book figures beside each element to compare them line by line.</p>
          <table>
            <thead><tr><th>Element</th><th class="num">£ a week</th><th>Open book £ a week</th><th class="num">Open book − fair</th><th>Workings</th></tr></thead>
            <tbody>
              {p.elements.map((e: Json) => (
                <tr key={e.id}><td>{e.name}</td><td class="num">{money(e.pence)}</td>
                  <td><Field label={`Open book: ${e.name}`} hideLabel size={9} value={book[e.id] ?? ''} onChange={(v) => setBook({ ...book, [e.id]: v })} /></td>
                  <td class="num" data-testid={`open-book-${e.id}`}>{difference(e.id) === undefined ? '' : money(difference(e.id))}</td>
                  <td class="small">{e.workings}</td></tr>
              ))}
              <tr class="total"><td>Fair price</td><td class="num">{money(p.total_pence)}</td><td></td><td></td><td class="small">{p.rounding}</td></tr>
            </tbody>
          </table>
          {p.open_book.length > 0 && (
            <p>Open book against the fair price, largest gap first: {p.open_book.map((l: Json) => `${l.name} ${l.difference_pence > 0 ? '+' : ''}${money(l.difference_pence)}`).join('; ')}.</p>
          )}
          <details><summary>Parameters used</summary>
            <ul>{p.parameters.map((u: Json) => <li key={u.name}>{u.name} = {u.value} from {u.from} [{u.tag}] {u.source}</li>)}</ul>
          </details>
        </>
      )}
    </>
  );
}

interface UpliftDraft {
  name: string;
  percent: string;
}

export function Uplifts() {
  const [effective, setEffective] = useState('2027-04-01');
  const [drafts, setDrafts] = useState<UpliftDraft[]>([{ name: 'Flat 3%', percent: '3' }, { name: 'Flat 2%', percent: '2' }]);
  const [m, setM] = useState<Json | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const body = { name: 'Fee uplift options', effective, years: '3',
      options: drafts.map((d) => ({ name: d.name, uplift: { any: `${d.percent}%` } })) };
    api<Json>('/commissioning/uplifts', 'POST', body).then((r) => { setM(r); setError(''); }, (e: Error) => setError(e.message));
  }, [effective, JSON.stringify(drafts)]);
  const set = (i: number, d: Partial<UpliftDraft>) => setDrafts(drafts.map((x, n) => (n === i ? { ...x, ...d } : x)));
  return (
    <>
      <h2>Fee uplifts</h2>
      <p class="note">Each option on current spend from the effective date; the first is the pressure the budget would otherwise carry,
        and the others' growth avoided is against it. (Uplifts by service and National Living Wage pass-through: `ascent commission uplift`.)</p>
      <div class="row"><Field label="Effective" type="date" value={effective} onChange={setEffective} /></div>
      {drafts.map((d, i) => (
        <div class="row" key={i}>
          <Field label={`Option ${i + 1}`} value={d.name} onChange={(v) => set(i, { name: v })} />
          <Field label="Uplift %" value={d.percent} onChange={(v) => set(i, { percent: v })} size={5} />
        </div>
      ))}
      <p><button onClick={() => setDrafts([...drafts, { name: `Option ${drafts.length + 1}`, percent: '0' }])}>Add an option</button></p>
      {error && <p role="alert" class="error">{error}</p>}
      {m && (
        <>
          <Chart title="Cost of each option by financial year" labels={m.options[0].by_year.map((y: Json) => y.year)} format={moneyWhole}
            series={m.options.map((o: Json) => ({ name: o.name, values: o.by_year.map((y: Json) => y.cost_pence) }))} />
          <table>
            <thead><tr><th>Option</th><th class="num">A week</th>{m.options[0].by_year.map((y: Json) => <th class="num" key={y.year}>{y.year}</th>)}
              <th>Growth avoided against “{m.growth_avoided_against}”</th></tr></thead>
            <tbody>
              {m.options.map((o: Json) => (
                <tr key={o.name}><td>{o.name}</td><td class="num">{moneyWhole(o.weekly_increase_pence)}</td>
                  {o.by_year.map((y: Json) => <td class="num" key={y.year}>{moneyWhole(y.cost_pence)}</td>)}
                  <td>{o.by_year.map((y: Json) => moneyWhole(y.growth_avoided_pence)).join('; ')}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

interface BidDraft {
  provider: string;
  price: string;
  answers: string; // "4, 3, 5": one score a question, in order; blank for no answer
  withdrawn: boolean;
  cqc: string;
}

const cqcRatings: [string, string][] = [['', '(not known)'], ...['outstanding', 'good', 'requires improvement', 'inadequate', 'not yet rated']
  .map((r): [string, string] => [r, r])];

export function Evaluation({ session }: { session: Session }) {
  const [ceiling, setCeiling] = useState('1,200.00');
  const [priceWeight, setPriceWeight] = useState('40');
  const [questions, setQuestions] = useState('50, 30, 20');
  const [cqcWeight, setCqcWeight] = useState('');
  const [bids, setBids] = useState<BidDraft[]>([
    { provider: 'Acorn Support', price: '1,100.00', answers: '4, 3, 5', withdrawn: false, cqc: 'good' },
    { provider: 'Birch Care', price: '1,250.00', answers: '5, 5, 5', withdrawn: false, cqc: 'outstanding' },
    { provider: 'Damson Homes', price: '1,000.00', answers: '3, 3, 3', withdrawn: false, cqc: 'requires improvement' },
  ]);
  const [e, setE] = useState<Json | null>(null);
  const [error, setError] = useState('');
  if (!session.may_model) return <p class="note">The analyst role evaluates bids.</p>;
  const request = () => ({
    ...requestSpec('Package request', ceiling, priceWeight, questions, cqcWeight),
    bids: bids.map((b) => ({ provider: b.provider, price: b.price, answers: answersOf(b.answers), withdrawn: b.withdrawn ? 'yes' : 'no',
      ...(b.cqc ? { cqc: b.cqc } : {}) })),
  });
  const run = () => api<Json>('/commissioning/evaluation', 'POST', request()).then((r) => { setE(r); setError(''); }, (x: Error) => setError(x.message));
  const set = (i: number, d: Partial<BidDraft>) => setBids(bids.map((x, n) => (n === i ? { ...x, ...d } : x)));
  return (
    <>
      <h2>Bid evaluation</h2>
      <div class="row">
        <Field label="Ceiling £ a week" value={ceiling} onChange={setCeiling} size={10} />
        <Field label="Price weight %" value={priceWeight} onChange={setPriceWeight} size={4} />
        <Field label="Question weights % (Q1, Q2, …)" value={questions} onChange={setQuestions} size={14} />
        <Field label="CQC rating weight %" value={cqcWeight} onChange={setCqcWeight} size={4} />
      </div>
      <CqcNote />
      {bids.map((b, i) => (
        <div class="row" key={i}>
          <Field label="Provider" value={b.provider} onChange={(v) => set(i, { provider: v })} />
          <Field label="£ a week" value={b.price} onChange={(v) => set(i, { price: v })} size={9} />
          <Field label="Scores (0 to 5)" value={b.answers} onChange={(v) => set(i, { answers: v })} size={10} />
          <Choice label="CQC rating" value={b.cqc} options={cqcRatings} onChange={(v) => set(i, { cqc: v })} />
          <label class="field"><input type="checkbox" checked={b.withdrawn} onChange={(x) => set(i, { withdrawn: (x.target as HTMLInputElement).checked })} /> Withdrawn</label>
        </div>
      ))}
      <p><button onClick={() => setBids([...bids, { provider: '', price: '', answers: '', withdrawn: false, cqc: '' }])}>Add a bid</button>{' '}
        <button onClick={run}>Evaluate</button>{' '}
        <button onClick={() => downloadPosted('/commissioning/evaluation.xlsx', request(), 'evaluation.xlsx').catch((x: Error) => setError(x.message))}>
          Download (XLSX)</button></p>
      {error && <p role="alert" class="error">{error}</p>}
      {e && <EvaluationTable e={e} />}
    </>
  );
}

// The CQC rating's published scores when it is a quality question (docs/commissioning.md).
const cqcScores = { outstanding: 5, good: 4, 'requires improvement': 2, 'not yet rated': 2 };

export function CqcNote() {
  return <p class="note">With a CQC rating weight, the provider's rating scores as a question out of 5: outstanding 5, good 4,
    requires improvement 2, not yet rated 2. A provider rated inadequate is not compliant whatever it bids. All the weights add up to 100%.</p>;
}

/** A request file's terms: questions Q1, Q2, … weighted "50, 30, 20", and a CQC question if given a weight. */
export function requestSpec(name: string, ceiling: string, priceWeight: string, weights: string, cqcWeight: string) {
  const questions: Json[] = weights.split(',').map((w) => w.trim()).filter((w) => w).map((w, i) => ({ id: `Q${i + 1}`, weight: `${w}%` }));
  if (Number(cqcWeight) > 0) questions.push({ id: 'CQC', weight: `${cqcWeight}%`, cqc: cqcScores });
  return { name, ceiling, price_weight: `${priceWeight}%`, quality_weight: `${100 - Number(priceWeight)}%`, questions };
}

/** Scores "4, 3, 5" as answers to Q1, Q2, Q3; a blank is no answer. */
export function answersOf(scores: string): Record<string, string> {
  const answers: Record<string, string> = {};
  scores.split(',').forEach((a, i) => { if (a.trim()) answers[`Q${i + 1}`] = a.trim(); });
  return answers;
}

/** An evaluation's bids by rank, with the award or why there is none. */
export function EvaluationTable({ e }: { e: Json }) {
  const points = (m: number) => (m / 1e6).toFixed(2);
  return (
    <>
      <p role="status">{e.award ? <>Award: <strong>{e.award}</strong>.</> : 'No award.'} {e.note}</p>
      <table>
        <thead><tr><th class="num">Rank</th><th>Provider</th><th class="num">£ a week</th><th class="num">Price</th><th class="num">Quality</th>
          <th class="num">Total</th><th>CQC</th><th>Status</th></tr></thead>
        <tbody>
          {e.bids.map((b: Json) => (
            <tr key={b.provider}><td class="num">{b.rank || '–'}</td><td>{b.provider}</td><td class="num">{money(b.price_pence)}</td>
              <td class="num">{b.rank ? points(b.price_points_millionths) : ''}</td><td class="num">{b.rank ? points(b.quality_points_millionths) : ''}</td>
              <td class="num">{b.rank ? points(b.total_millionths) : ''}</td><td>{b.cqc_rating}</td><td>{b.status}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
