/** The cockpit's one request: everything its first screen shows (early.ts starts it before the app's modules run). */
export function cockpitUrl(plan: string | undefined, year: string | null, final = false): string {
  const q = [plan && `plan=${encodeURIComponent(plan)}`, year && `year=${encodeURIComponent(year)}`, final && 'final=true'].filter(Boolean);
  return `/api/v1/cockpit?${q.join('&')}`;
}
