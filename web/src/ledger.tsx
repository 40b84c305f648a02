// The ledger: a browser over its people with filters (built into a cohort expression, which is
// shown so it can be copied into a rule or a business case), and imports with their progress.
import { useEffect, useState } from 'preact/hooks';
import { api, Session } from './api';
import { Choice, Field, Json, JobProgress, Loading, UPLOAD_LIMIT, useApi, useJob } from './hooks';
import { money, moneyWhole, people, ukDate } from './format';

export interface LedgerFilter {
  setting: string;
  reason: string;
  ageFrom: string;
  ageTo: string;
  costFrom: string;
  costTo: string;
  directPayment: string;
  extra: string;
}

/** The cohort expression for a set of filters: every filter given, joined with "and". */
export function expressionOf(f: LedgerFilter): string {
  const parts = ['open lines > 0'];
  if (f.setting) parts.push(`setting is ${f.setting}`);
  if (f.reason) parts.push(`support reason is ${f.reason}`);
  if (f.ageFrom) parts.push(`age >= ${Number(f.ageFrom)}`);
  if (f.ageTo) parts.push(`age <= ${Number(f.ageTo)}`);
  if (f.costFrom) parts.push(`weekly cost >= ${Number(f.costFrom)}`);
  if (f.costTo) parts.push(`weekly cost <= ${Number(f.costTo)}`);
  if (f.directPayment) parts.push(`direct payment is ${f.directPayment}`);
  if (f.extra.trim()) parts.push(`(${f.extra.trim()})`);
  return parts.join(' and ');
}

const empty: LedgerFilter = { setting: '', reason: '', ageFrom: '', ageTo: '', costFrom: '', costTo: '', directPayment: '', extra: '' };
const pageSize = 50;

export function LedgerBrowser({ session }: { session: Session }) {
  const [filter, setFilter] = useState<LedgerFilter>(empty);
  const [applied, setApplied] = useState(expressionOf(empty));
  const [offset, setOffset] = useState(0);
  const [d, error] = useApi<Json>(`/cohort?expression=${encodeURIComponent(applied)}&limit=${pageSize}&offset=${offset}`);
  const set = (key: keyof LedgerFilter) => (v: string) => setFilter({ ...filter, [key]: v });
  const apply = (e: Event) => {
    e.preventDefault();
    setOffset(0);
    setApplied(expressionOf(filter));
  };
  return (
    <section>
      <h1>Ledger</h1>
      <form onSubmit={apply} class="filters">
        <Choice label="Setting" value={filter.setting} onChange={set('setting')} options={[['', 'Any'], ['community', 'Community'],
          ['residential', 'Residential'], ['nursing', 'Nursing'], ['short term', 'Short term'], ['carer support', 'Carer support']]} />
        <Choice label="Support reason" value={filter.reason} onChange={set('reason')}
          options={[['', 'Any'], ['LD', 'Learning disability'], ['MH', 'Mental health'], ['"Physical support"', 'Physical support']]} />
        <Field label="Age from" value={filter.ageFrom} onChange={set('ageFrom')} size={4} type="number" />
        <Field label="to" value={filter.ageTo} onChange={set('ageTo')} size={4} type="number" />
        <Field label="Weekly cost from £" value={filter.costFrom} onChange={set('costFrom')} size={7} type="number" />
        <Field label="to £" value={filter.costTo} onChange={set('costTo')} size={7} type="number" />
        <Choice label="Direct payment" value={filter.directPayment} onChange={set('directPayment')} options={[['', 'Either'], ['yes', 'Yes'], ['no', 'No']]} />
        <Field label="And (expression)" value={filter.extra} onChange={set('extra')} size={30} />
        <button type="submit">Show</button>
      </form>
      <p class="note">Cohort: <code>{applied}</code></p>
      {!d ? <Loading error={error} /> : (
        <>
          <p><strong>{people(d.people)}</strong> of {people(d.people_tested)} people as at {ukDate(d.as_at)}; weekly cost {money(d.weekly_cost_pence)}
            {' '}({moneyWhole(d.weekly_cost_pence * 52)} a year at 52 weeks).</p>
          {!session.sees_people && <p class="note">Your role sees totals only; the finance role lists people.</p>}
          {d.members && (
            <>
              <table>
                <thead><tr><th>Person</th><th class="num">Weekly cost</th><th>Values</th></tr></thead>
                <tbody>
                  {d.members.map((m: Json) => (
                    <tr key={m.person_id}><td><a href={`#/people/${m.person_id}`}>{m.person_id}</a></td><td class="num">{money(m.weekly_cost_pence)}</td>
                      <td>{Object.entries(m.values).map(([k, v]) => `${k}: ${v}`).join('; ')}</td></tr>
                  ))}
                </tbody>
              </table>
              <p class="pager">
                <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>Previous</button>{' '}
                {people(offset + 1)}–{people(Math.min(offset + pageSize, d.people))} of {people(d.people)}{' '}
                <button disabled={offset + pageSize >= d.people} onClick={() => setOffset(offset + pageSize)}>Next</button>
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}

export function Imports({ session }: { session: Session }) {
  const [history, error, reload] = useApi<Json[]>('/imports');
  const [settings, , reloadSettings] = useApi<Json[]>('/settings');
  const [job, start, jobError] = useJob();
  const [kind, setKind] = useState('cld');
  const [checkOnly, setCheckOnly] = useState(false);
  const [policy, setPolicy] = useState('all_or_nothing');
  const [acceptChange, setAcceptChange] = useState('');
  const [keepAsHistory, setKeepAsHistory] = useState(false);
  const [restored, setRestored] = useState<Json | null>(null);
  const [restoreError, setRestoreError] = useState('');
  const maxChange = settings?.find((s) => s.key === 'import.max_change');
  const submit = (e: Event) => {
    e.preventDefault();
    setRestored(null);
    const form = new FormData(e.target as HTMLFormElement);
    form.set('kind', kind);
    form.set('check_only', String(checkOnly));
    form.set('policy', policy);
    if (kind === 'cld') {
      form.set('accept_change', acceptChange);
      form.set('history', String(keepAsHistory));
    }
    start('/imports', form);
  };
  const restore = (id: number) => {
    setRestoreError('');
    api<Json>(`/imports/${id}/restore`, 'POST', {}).then((r) => { setRestored(r); reload(); }, (e: Error) => setRestoreError(e.message));
  };
  const result = job?.state === 'succeeded' ? job.result : null;
  // Once, when an import has changed the ledger: the history shows the new snapshot.
  useEffect(() => {
    if (result && (result.written || result.restored)) reload();
  }, [job?.id, job?.state]);
  return (
    <section>
      <h1>Imports</h1>
      {session.sees_people && (
        <form onSubmit={submit} class="filters">
          <Choice label="File" value={kind} onChange={setKind} options={[['cld', 'CLD return (CSV or XLSX)'], ['extract', 'Extract with a mapping']]} />
          <label class="field">File <input type="file" name="file" required /></label>
          {kind === 'extract' && <label class="field">Mapping (YAML) <input type="file" name="mapping" required /></label>}
          <Choice label="Rows with errors" value={policy} onChange={setPolicy}
            options={[['all_or_nothing', 'refuse the whole file'], ['skip_invalid_rows', 'import the valid rows, list the rest']]} />
          {kind === 'cld' && (
            <>
              <Field label="Reason to accept a large change" value={acceptChange} onChange={setAcceptChange} size={30} />
              <label class="field"><input type="checkbox" checked={keepAsHistory} onChange={(e) => setKeepAsHistory((e.target as HTMLInputElement).checked)} /> Keep as history (not current)</label>
            </>
          )}
          <label class="field"><input type="checkbox" checked={checkOnly} onChange={(e) => setCheckOnly((e.target as HTMLInputElement).checked)} /> Check only</label>
          <button type="submit" disabled={job?.state === 'running'}>{checkOnly ? 'Check' : 'Import'}</button>
        </form>
      )}
      {maxChange && (
        <p class="note">A new CLD snapshot becomes current only if it is for this council, its period ends no earlier than the
          current one's, and people, open lines and gross weekly cost change by at most {maxChange.value}
          {maxChange.default ? ' (the default)' : ''} (setting import.max_change); otherwise give a reason to accept the change.
          Files up to {UPLOAD_LIMIT / 1048576} MB.</p>
      )}
      {settings && <CouncilSettings settings={settings} administers={session.administers} onSaved={reloadSettings} />}
      <JobProgress job={job} error={jobError} />
      {result && <ImportResult result={result} />}
      {restored && <p role="status">{restored.message}</p>}
      {restoreError && <p role="alert" class="error">{restoreError}</p>}
      <h2>Snapshots and history</h2>
      {!history ? <Loading error={error} /> : (
        <table>
          <thead><tr><th>When (UTC)</th><th>Kind</th><th>File</th><th>Period</th><th class="num">People</th><th class="num">Open lines</th>
            <th class="num">Weekly cost</th><th class="num">Rows</th><th class="num">Rejected</th><th class="num">Warnings</th>
            <th class="num">Written</th><th>SHA-256</th><th>Snapshot</th></tr></thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id} class={h.current ? 'current' : ''}><td>{h.imported_at}</td><td>{h.kind}</td><td>{h.file_name}</td>
                <td>{h.kind === 'cld' ? `${ukDate(h.period_start)} – ${ukDate(h.period_end)}` : ''}</td>
                <td class="num">{h.people === null ? '' : people(h.people)}</td><td class="num">{h.open_lines === null ? '' : people(h.open_lines)}</td>
                <td class="num">{h.weekly_cost ?? ''}</td><td class="num">{people(h.rows_read)}</td>
                <td class="num">{people(h.rows_rejected)}</td><td class="num">{people(h.warnings)}</td><td class="num">{people(h.records_written)}</td>
                <td class="small">{h.sha256.slice(0, 12)}…</td>
                <td>{h.kind !== 'cld' ? '' : h.current ? <strong>current</strong> : !h.retained ? 'not kept' :
                  session.sees_people ? <button onClick={() => restore(h.id)}>Restore #{h.id}</button> : 'kept'}
                  {h.change_reason && <span class="small"> change accepted: {h.change_reason}</span>}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// The council's settings of this ledger, each stored once and used by every page, the CLI and the
// exports: weeks a year, the lever catalogue in force and the import threshold. Admins change them
// (audited); every figure follows at once.
function CouncilSettings({ settings, administers, onSaved }: { settings: Json[]; administers: boolean; onSaved: () => void }) {
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const put = (key: string, value: string) => {
    setError('');
    setSaved('');
    api(`/settings/${encodeURIComponent(key)}`, 'PUT', { value }).then(() => { setSaved(`Saved ${key}.`); onSaved(); },
      (err: Error) => setError(err.message));
  };
  const value = (key: string) => settings.find((s) => s.key === key)?.value ?? '';
  const [maxChange, setMaxChange] = useState(value('import.max_change'));
  const upload = (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) file.text().then((text) => put('levers', text));
  };
  return (
    <section aria-label="Council settings">
      <h2>Council settings</h2>
      <table>
        <thead><tr><th>Setting</th><th>Value</th><th>What it means</th></tr></thead>
        <tbody>
          {settings.map((s) => (
            <tr key={s.key}><td>{s.key}</td><td data-testid={`setting-${s.key}`}>{s.value}{s.default ? ' (default)' : ''}</td>
              <td class="small">{s.description}</td></tr>
          ))}
        </tbody>
      </table>
      {administers && (
        <div class="filters">
          <Choice label="Weeks a year" value={value('weeks_per_year')} onChange={(v) => put('weeks_per_year', v)}
            options={[['52', '52'], ['52.14', '52.14'], ['52.143', '52.143'], ['365/7', '365/7']]} />
          <form onSubmit={(e) => { e.preventDefault(); put('import.max_change', maxChange); }} class="filters">
            <Field label="Largest change a new snapshot may make" value={maxChange} onChange={setMaxChange} size={6} />
            <button type="submit">Save</button>
          </form>
          <label class="field">Lever catalogue (an edited <code>ascent rules export</code> file){' '}
            <input type="file" accept=".yaml,.yml" onChange={upload} /></label>
          <button onClick={() => put('levers', 'built-in')}>Use the built-in catalogue</button>
        </div>
      )}
      {saved && <p role="status">{saved}</p>}
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}

function ImportResult({ result }: { result: Json }) {
  const r = result.report;
  return (
    <article class="explanation">
      <h2>{r.file}: {result.check_only ? 'checked' : result.written ? 'imported' : 'not imported'}</h2>
      {result.message && <p role="status">{result.message}</p>}
      <p>{people(r.rows_read)} rows read, {people(r.rows_rejected)} rejected; {people(r.errors)} errors and {people(r.warnings)} warnings.
        {' '}{r.format}{r.release && <>; CLD release {r.release}</>}.</p>
      {r.issues.length > 0 && (
        <table>
          <thead><tr><th class="num">Row</th><th>Column</th><th>Value</th><th>Problem</th></tr></thead>
          <tbody>
            {r.issues.map((i: Json, n: number) => (
              <tr key={n} class={i.severity}><td class="num">{i.row || ''}</td><td>{i.column}</td><td>{i.value}</td><td>{i.severity}: {i.message}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {r.issues_not_listed > 0 && <p class="note">{people(r.issues_not_listed)} more issues not listed.</p>}
    </article>
  );
}
