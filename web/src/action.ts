/**
 * One way to call a mutation from a page: `useAction(fn)` gives `run`, `busy` and `error`, so no
 * page keeps busy state by hand. Written here rather than taken from TanStack Query or ahooks: the
 * app's reads already have their cache (api.ts, `useApi`), and what a mutation needs is the dozen
 * lines below; a library would bring a second cache to keep in step with the first.
 */
import { useCallback, useRef, useState } from 'react';

export interface Mutation<A extends unknown[]> {
  /** Runs the action; resolves true when it succeeded, false when it failed (its message in `error`). */
  run(...args: A): Promise<boolean>;
  busy: boolean;
  /** The key of the call running (option `key`): which row's button shows the spinner. */
  running: string | null;
  /** The failure's message (the server's own, see ApiError), or one set by the page through `setError`. */
  error: string | null;
  setError(message: string | null): void;
}

/**
 * `fn` does the work and whatever follows success (a message, a reload). A rejection that is not an
 * Error (an Ant Design form that does not validate has already marked its fields) leaves no message.
 * `key`: names a call by its arguments, for `running`.
 */
export function useAction<A extends unknown[]>(
  fn: (...args: A) => Promise<unknown>,
  opts: { key?: (...args: A) => string } = {},
): Mutation<A> {
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The latest fn and key, so `run` keeps its identity while the page re-renders.
  const latest = useRef({ fn, key: opts.key });
  latest.current = { fn, key: opts.key };
  const run = useCallback(async (...args: A): Promise<boolean> => {
    const { fn: f, key } = latest.current;
    setRunning(key ? key(...args) : '');
    setError(null);
    try {
      await f(...args);
      return true;
    } catch (e) {
      if (e instanceof Error) setError(e.message);
      return false;
    } finally {
      setRunning(null);
    }
  }, []);
  return { run, busy: running !== null, running, error, setError };
}
