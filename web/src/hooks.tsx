// What every page uses: reading an API route, waiting for a background job, downloads of POSTed
// results, and the small pieces of layout they share.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, csrfToken } from './api';

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function useApi<T>(path: string | null): [T | null, string, () => void] {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!path) return;
    // Another address starts blank; a reload of the same one keeps the page until the new data comes.
    if (shown.current !== path) setData(null);
    shown.current = path;
    setError('');
    api<T>(path).then(setData, (e: Error) => setError(e.message));
  }, [path, version]);
  return [data, error, () => setVersion(version + 1)];
}

export interface JobView {
  id?: string;
  state: 'running' | 'succeeded' | 'failed';
  stage: string;
  done: number;
  total: number;
  result?: Json;
  error?: { message: string };
}

/** Starts a background job and polls it until it ends; `job` is its latest state. */
export function useJob(): [JobView | null, (path: string, body: unknown) => void, string] {
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState('');
  const start = (path: string, body: unknown) => {
    setError('');
    setJob({ state: 'running', stage: 'starting', done: 0, total: 0 });
    const uploading = (done: number, total: number) => setJob({ state: 'running', stage: 'uploading', done, total });
    const started = body instanceof FormData ? upload(path, body, uploading) : api<{ job: string }>(path, 'POST', body);
    started.then((r) => poll(r.job), (e: Error) => { setJob(null); setError(e.message); });
  };
  const poll = (id: string) => {
    api<JobView>(`/jobs/${id}`).then((j) => {
      setJob(j);
      if (j.state === 'running') setTimeout(() => poll(id), 300);
    }, (e: Error) => setError(e.message));
  };
  return [job, start, error];
}

/** The largest file the server takes (src/server/api.hpp, k_upload_limit). */
export const UPLOAD_LIMIT = 512 * 1024 * 1024;

/** A file over the server's limit, refused before a byte is sent; null when every file fits. */
export function oversizeFile(form: FormData): string | null {
  for (const value of form.values())
    if (value instanceof File && value.size > UPLOAD_LIMIT)
      return `${value.name} is ${Math.ceil(value.size / 1048576).toLocaleString('en-GB')} MB, larger than the ${UPLOAD_LIMIT / 1048576} MB the server accepts: split the file, or import it with the CLI (ascent import cld), which has no limit.`;
  return null;
}

// XMLHttpRequest, not fetch: only it reports an upload's progress.
function upload(path: string, form: FormData, progress: (done: number, total: number) => void): Promise<{ job: string }> {
  const tooLarge = oversizeFile(form);
  if (tooLarge) return Promise.reject(new Error(tooLarge));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1' + path);
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    xhr.upload.onprogress = (e) => progress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onerror = () => reject(new Error('the upload failed: the connection to the server was lost'));
    xhr.onload = () => {
      let data: Json = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // A reply that is not JSON (a proxy's error page): the status says what happened.
      }
      if (xhr.status >= 200 && xhr.status < 300 && data) resolve(data);
      else reject(new Error(data?.error?.message ?? `the server refused the upload (HTTP ${xhr.status} ${xhr.statusText})`));
    };
    xhr.send(form);
  });
}

/** POSTs `body` and saves the reply as a file (downloads that need a body, such as a simulation). */
export async function downloadPosted(path: string, body: unknown, fileName: string) {
  const res = await fetch('/api/v1' + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error((await res.json()).error?.message ?? res.statusText);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

export function JobProgress({ job, error }: { job: JobView | null; error: string }) {
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!job) return null;
  if (job.state === 'failed') return <p role="alert" class="error">{job.error?.message}</p>;
  if (job.state === 'succeeded') return null;
  return (
    <p role="status">
      {job.stage}{job.total > 0 && <> — {Math.floor((100 * job.done) / job.total)}%</>}{' '}
      <progress max={job.total || undefined} value={job.total ? job.done : undefined} aria-label={job.stage} />
    </p>
  );
}

export function Loading({ error, children }: { error: string; children?: ComponentChildren }) {
  return error ? <p role="alert" class="error">{error}</p> : <p aria-busy="true">{children ?? 'Loading…'}</p>;
}

export function Card({ label, value }: { label: string; value: string }) {
  return <div class="card"><div class="card-label">{label}</div><div class="card-value">{value}</div></div>;
}

/** A text input bound to a value. */
export function Field({ label, value, onChange, size, type, hideLabel }:
  { label: string; value: string; onChange: (v: string) => void; size?: number; type?: string; hideLabel?: boolean }) {
  return (
    <label class="field"><span class={hideLabel ? 'sr-only' : undefined}>{label}</span>{' '}
      <input type={type ?? 'text'} value={value} size={size} onChange={(e) => onChange((e.target as HTMLInputElement).value)} />
    </label>
  );
}

/** A select bound to a value; options are [value, label]. */
export function Choice({ label, value, options, onChange, hideLabel }:
  { label: string; value: string; options: [string, string][]; onChange: (v: string) => void; hideLabel?: boolean }) {
  return (
    <label class="field"><span class={hideLabel ? 'sr-only' : undefined}>{label}</span>{' '}
      <select value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  );
}
