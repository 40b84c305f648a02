// The app shell: sign-in, navigation by the address's #fragment, and the pages.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, Session, setCsrf } from './api';
import { Audit, Users } from './admin';
import { Charging } from './charging';
import { Commissioning } from './commissioning';
import { Delivery } from './delivery';
import { Benchmarks, Projections } from './insight';
import { Imports, LedgerBrowser } from './ledger';
import { Cases, Opportunities, Overview } from './pages';
import { Programme } from './programme';
import './style.css';

function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read());
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    api<Session>('/session', 'POST', { name, password }).then(onSignedIn, (err: Error) => setError(err.message));
  };
  return (
    <main class="signin">
      <h1>ascent</h1>
      <form onSubmit={submit}>
        <p><label>Name<br /><input autocomplete="username" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} required /></label></p>
        <p><label>Password<br /><input type="password" autocomplete="current-password" value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)} required /></label></p>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const route = useRoute();
  useEffect(() => {
    api<Session>('/session').then(signedIn, (e: ApiError) => (e.status === 401 ? setSession(null) : setSession(null)));
  }, []);
  const signedIn = (s: Session) => {
    setCsrf(s.csrf);
    setSession(s);
  };
  if (session === undefined) return <p aria-busy="true">Loading…</p>;
  if (session === null) return <SignIn onSignedIn={signedIn} />;
  const signOut = () => api('/session', 'DELETE').finally(() => setSession(null));
  const [page, a] = route;
  const nav: [string, string][] = [['', 'Overview'], ['ledger', 'Ledger'], ['opportunities', 'Opportunities'], ['cases', 'Business cases'],
    ['budget', 'Budget proposals'], ['delivery', 'Delivery'], ['charging', 'Charging'], ['benchmarks', 'Benchmarks'], ['projections', 'Projections'], ['commissioning', 'Commissioning'], ['imports', 'Imports']];
  if (session.administers) nav.push(['users', 'Users'], ['audit', 'Audit trail']);
  return (
    <>
      <header>
        <strong class="brand">ascent</strong>
        <nav aria-label="Main">
          {nav.map(([path, label]) => (
            <a key={path} href={`#/${path}`} aria-current={(page ?? '') === path ? 'page' : undefined}>{label}</a>
          ))}
        </nav>
        <span class="who">{session.name} ({session.role}) <button class="link" onClick={signOut}>Sign out</button></span>
      </header>
      <main>
        {page === 'opportunities' && <Opportunities session={session} lever={a} />}
        {page === 'people' && <Opportunities session={session} person={a} />}
        {page === 'cases' && <Cases session={session} id={a} />}
        {page === 'ledger' && <LedgerBrowser session={session} />}
        {page === 'budget' && <Programme session={session} />}
        {page === 'delivery' && <Delivery session={session} />}
        {page === 'charging' && <Charging session={session} />}
        {page === 'benchmarks' && <Benchmarks />}
        {page === 'projections' && <Projections />}
        {page === 'commissioning' && <Commissioning session={session} part={a} />}
        {page === 'imports' && <Imports session={session} />}
        {page === 'users' && <Users />}
        {page === 'audit' && <Audit />}
        {(page === undefined || page === '') && <Overview />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
