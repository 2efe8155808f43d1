/**
 * A small client-side router on the History API: paths, links and route patterns, and the types a
 * page and a route are declared with (pages import them from here, App.tsx declares the routes).
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type ComponentType, type MouseEvent, type ReactNode } from 'react';
import type { Action } from './types';

/** What every page is given: the route's params, the query string, and the plan. */
export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The plan of the URL, or the default plan. */
  plan: string;
}

/** A route: its path pattern, its page, and the action the user must be able to do to open it. */
export interface RouteDef {
  pattern: string;
  page: ComponentType<PageProps>;
  /** An ability of the session (src/server/permissions.ts); none: everyone may open it. */
  can?: Action;
}

const listeners = new Set<() => void>();
function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  window.addEventListener('popstate', fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('popstate', fn);
  };
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const l of listeners) l();
  if (!to.includes('#')) window.scrollTo(0, 0);
}

/** Replaces the query of `pathname` with `query` changed by `patch` (null or '' removes a key): filters kept in the URL. */
export function patchQuery(pathname: string, query: URLSearchParams, patch: Record<string, string | number | null>): void {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  navigate(`${pathname}${s ? `?${s}` : ''}`, { replace: true });
}

const snapshot = (): string => location.pathname + location.search;

/** The current path with its query string, e.g. `/plans/x/indicators?status=lagging`. */
export function useLocation(): { path: string; pathname: string; query: URLSearchParams } {
  const path = useSyncExternalStore(subscribe, snapshot, snapshot);
  const [pathname = '/', search = ''] = path.split('?');
  return { path, pathname, query: new URLSearchParams(search) };
}

/** Matches `/plans/:plan/indicators/:id` against a pathname; returns the params or null. */
export function match(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = pathname.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = s[i]!;
    if (a.startsWith(':')) params[a.slice(1)] = decodeURIComponent(b);
    else if (a !== b) return null;
  }
  return params;
}

export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>): ReactNode {
  const onClick = (e: MouseEvent<HTMLAnchorElement>): void => {
    rest.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} {...rest} onClick={onClick}>
      {children}
    </a>
  );
}
