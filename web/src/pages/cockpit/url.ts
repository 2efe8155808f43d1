/** The cockpit's one request: everything its first screen shows (preload.ts starts it before React renders). */
export function cockpitUrl(plan: string | undefined, year: string | null, final = false): string {
  const q = [plan && `plan=${encodeURIComponent(plan)}`, year && `year=${encodeURIComponent(year)}`, final && 'final=true'].filter(Boolean);
  return `/api/v1/cockpit?${q.join('&')}`;
}
