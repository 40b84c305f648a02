// Overlap and plausibility, as the engine reports them: a case's or a programme's lever-linked lines
// on their own (gross), the overlap deducted and the net, with the rule and the pairs of lines that
// share people; and a figure against the council's gross spend and what councils in the evidence
// library achieved with the same lever, with warnings above that range.
import { Json } from './hooks';
import { money, people } from './format';

export function Overlap({ n }: { n: Json | null | undefined }) {
  if (!n || (n.lines.length === 0 && n.not_netted.length === 0)) return null;
  const name = (i: number) => `${n.lines[i].case} ${n.lines[i].line}`;
  return (
    <div data-testid="overlap">
      <h2>Overlap</h2>
      <p class="note">Net of {n.scope}: {n.rule}.</p>
      <table>
        <thead><tr><th>Line</th><th>Lever</th><th class="num">People</th><th class="num">Counted here</th>
          <th class="num">On its own (gross)</th><th class="num">Overlap deducted</th><th class="num">Net</th></tr></thead>
        <tbody>
          {n.lines.map((l: Json, i: number) => (
            <tr key={i}><td>{name(i)}</td><td>{l.lever}</td><td class="num">{people(l.people)}</td>
              <td class="num">{people(l.people_counted)}</td><td class="num">{money(l.gross_annual_pence)}</td>
              <td class="num">{money(l.deducted_annual_pence)}</td><td class="num">{money(l.net_annual_pence)}</td></tr>
          ))}
          <tr class="total"><td>Total</td><td /><td class="num">{people(n.people)}</td><td />
            <td class="num">{money(n.gross_annual_pence)}</td><td class="num" data-testid="overlap-deducted">{money(n.deducted_annual_pence)}</td>
            <td class="num">{money(n.net_annual_pence)}</td></tr>
        </tbody>
      </table>
      {n.pairs.length > 0 && (
        <>
          <h3>Where they overlap</h3>
          <table>
            <thead><tr><th>Lines</th><th class="num">People in both</th><th class="num">Deducted</th></tr></thead>
            <tbody>
              {n.pairs.map((p: Json) => (
                <tr key={`${p.a}-${p.b}`}><td>{name(p.a)} and {name(p.b)}</td><td class="num">{people(p.people)}</td>
                  <td class="num">{money(p.deducted_annual_pence)}</td></tr>
              ))}
            </tbody>
          </table>
          <p class="note">Deducted: both lines' savings on their own for the people they share, less what counts for them; a person
            in three lines shows in each pair.</p>
        </>
      )}
      {n.not_netted.map((l: string) => <p key={l} class="note">Not netted: {l} draws on a cohort expression, not a lever; it is shown gross.</p>)}
    </div>
  );
}

export function Plausibility({ p }: { p: Json | null | undefined }) {
  if (!p) return null;
  const warnings = p.checks.filter((c: Json) => c.verdict === 'above');
  return (
    <div data-testid="plausibility">
      <h2>Is it plausible?</h2>
      <p class="note">Gross spend {money(p.gross_annual_pence)}: {p.gross_basis}. Rule: {p.rule}.</p>
      {warnings.length > 0 && (
        <p class="error">{warnings.length === 1 ? 'One figure is' : `${warnings.length} figures are`} above what any council in
          the evidence library achieved.</p>
      )}
      <ul>
        {p.checks.map((c: Json) => (
          <li key={c.what} class={c.verdict === 'above' ? 'error' : undefined}>
            <strong>{c.verdict === 'above' ? 'Warning: ' : ''}{c.what}</strong>: {c.message}</li>
        ))}
      </ul>
    </div>
  );
}
