/**
 * Starts, before React renders, what the first page will ask for: the session, the plans, and on a
 * cockpit URL the cockpit's code and data. The requests land in the API cache, so the page reuses them.
 */
import { apiGet } from './api';
import { cockpitUrl } from './pages/cockpit/url';

export const loadCockpit = (): Promise<typeof import('./pages/cockpit')> => import('./pages/cockpit');

export function preload(): void {
  void apiGet('/api/v1/auth/session').catch(() => undefined);
  void apiGet('/api/v1/plans').catch(() => undefined);
  const m = /^\/(?:plans\/([^/]+)\/?)?$/.exec(location.pathname);
  if (!m) return;
  void loadCockpit().catch(() => undefined);
  const q = new URLSearchParams(location.search);
  void apiGet(cockpitUrl(m[1] ? decodeURIComponent(m[1]) : undefined, q.get('year'), q.get('final') === 'true')).catch(() => undefined);
}
