/**
 * The menu item a page belongs to when its path does not say: a task target's page lives at
 * /plans/:plan/indicators/:id like an indicator's, but belongs under 任务目标.
 */
import { useSyncExternalStore } from 'react';

export interface NavHint {
  path: string;
  key: string;
}

let hint: NavHint | null = null;
const listeners = new Set<() => void>();

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function setNavHint(h: NavHint | null): void {
  hint = h;
  for (const l of listeners) l();
}

/** The hint a page gave for the path it is on, if any. */
export function useNavHint(): NavHint | null {
  return useSyncExternalStore(
    subscribe,
    () => hint,
    () => hint,
  );
}
