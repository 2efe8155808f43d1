/**
 * The API client: JSON in and out, the session's CSRF token on every state-changing request, and
 * errors as ApiError with the server's own message ({error:{code,message,details}}).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(t: string | null): void {
  csrfToken = t;
}

/**
 * GET responses by URL for a short while, dropped whenever anything is changed through the API;
 * `value` once answered, so that a page mounting after its data arrived draws it at once.
 */
const cache = new Map<string, { at: number; p: Promise<unknown>; value?: { data: unknown } }>();
const CACHE_MS = 30_000;
export function clearCache(): void {
  cache.clear();
}

async function parse(res: Response): Promise<unknown> {
  if (res.status === 204) return null;
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    if (!res.ok) throw new ApiError(res.status, 'http', `${res.status} ${res.statusText}`);
    return text;
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'http', e?.message ?? `${res.status} ${res.statusText}`, e?.details);
  }
  return body;
}

export function apiGet<T>(url: string, opts: { fresh?: boolean; signal?: AbortSignal } = {}): Promise<T> {
  if (!opts.fresh) {
    const hit = cache.get(url);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.p as Promise<T>;
  }
  const started = (!opts.fresh && takeEarly(url)) || fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const p = started.then(parse);
  const entry: { at: number; p: Promise<unknown>; value?: { data: unknown } } = { at: Date.now(), p };
  cache.set(url, entry);
  p.then(
    (data) => (entry.value = { data }),
    () => cache.get(url) === entry && cache.delete(url),
  );
  return p as Promise<T>;
}

/** The response early.ts started for `url`, once: the first GET of it uses it. */
function takeEarly(url: string): Promise<Response> | undefined {
  const p = window.planwatchEarly?.get(url);
  window.planwatchEarly?.delete(url);
  return p;
}

/** The answer to a GET of `url` already in the cache, if any. */
function answered<T>(url: string | null): { data: T } | undefined {
  const hit = url ? cache.get(url) : undefined;
  return hit && Date.now() - hit.at < CACHE_MS ? (hit.value as { data: T } | undefined) : undefined;
}

export async function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(url, { method, credentials: 'same-origin', headers, body: payload });
  const out = (await parse(res)) as T;
  // A check changes nothing; everything else may.
  if (!url.endsWith('/values/check')) clearCache();
  return out;
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads a GET url (null: nothing yet); keeps the previous data while the next one loads. */
export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<{ url: string | null; data?: T; error?: Error; loading: boolean }>(() => {
    const hit = answered<T>(url);
    return hit ? { url, data: hit.data, loading: false } : { url, loading: !!url };
  });
  const [tick, setTick] = useState(0);
  const fresh = useRef(false);
  useEffect(() => {
    if (!url) {
      setState((s) => (s.url === null && !s.loading && s.data === undefined && !s.error ? s : { url, loading: false }));
      return;
    }
    const hit = fresh.current ? undefined : answered<T>(url);
    if (hit) {
      // Already answered: no loading state, no second render when it is what the page shows.
      setState((s) => (s.url === url && s.data === hit.data && !s.loading && !s.error ? s : { url, data: hit.data, loading: false }));
      return;
    }
    let live = true;
    setState((s) => ({ url, data: s.data, loading: true }));
    apiGet<T>(url, { fresh: fresh.current })
      .then((data) => live && setState({ url, data, loading: false }))
      .catch((error: Error) => live && setState((s) => ({ url, data: s.data, error, loading: false })));
    fresh.current = false;
    return () => {
      live = false;
    };
  }, [url, tick]);
  const reload = useCallback(() => {
    fresh.current = true;
    setTick((t) => t + 1);
  }, []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export const enc = encodeURIComponent;
