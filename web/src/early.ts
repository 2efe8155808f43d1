/**
 * What a cold load asks for before the app's modules have run: the session and the plans and, on a
 * cockpit URL, the cockpit's data and code. index.html loads this small module ahead of the app
 * (web/vite.config.ts), so the requests start while the app's large chunks are still arriving (they
 * used to wait for React and Ant Design to be evaluated). The API client takes the responses from
 * `window.planwatchEarly` (api.ts), so nothing is asked twice. It is one small file (the build
 * keeps the cockpit's URL in it, vite.config.ts), with nothing else to wait for.
 */
import { cockpitUrl } from './pages/cockpit/url';

declare global {
  interface Window {
    /** Responses started by early.ts, by URL, for the API client's first GET of each. */
    planwatchEarly?: Map<string, Promise<Response>>;
  }
}

const started = new Map<string, Promise<Response>>();

function start(url: string): void {
  const p = fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  p.catch(() => undefined);
  started.set(url, p);
}

// Once (in development nothing loads it: the requests then start when the app asks).
if (!window.planwatchEarly) {
  window.planwatchEarly = started;
  start('/api/v1/auth/session');
  start('/api/v1/plans');
  const cockpit = /^\/(?:plans\/([^/]+)\/?)?$/.exec(location.pathname);
  if (cockpit) {
    const q = new URLSearchParams(location.search);
    start(cockpitUrl(cockpit[1] ? decodeURIComponent(cockpit[1]) : undefined, q.get('year'), q.get('final') === 'true'));
    // The cockpit's chunks that index.html does not already load, listed by the build (vite.config.ts).
    const chunks = document.querySelector<HTMLScriptElement>('script[data-cockpit-chunks]')?.dataset.cockpitChunks;
    for (const href of chunks ? chunks.split(' ') : []) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = href;
      document.head.appendChild(link);
    }
  }
}
