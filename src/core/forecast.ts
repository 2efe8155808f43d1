/**
 * Forecast of a level for the target year (domain.md §3): the realised compound growth carried
 * forward, or a recency-weighted linear trend for rates and for series that cross zero, where a
 * compound rate means nothing.
 */
import type { LevelPoint } from './series.js';
import { compoundRate } from './rates.js';

export interface Forecast {
  value: number;
  method: 'cagr' | 'linear';
  basis: string;
}

/** Weights that double every year towards the latest point. */
function weightedLinear(points: { x: number; y: number }[]): { slope: number; intercept: number } | undefined {
  if (points.length < 2) return undefined;
  const last = Math.max(...points.map((p) => p.x));
  const w = points.map((p) => Math.pow(2, p.x - last));
  const sw = w.reduce((a, b) => a + b, 0);
  const mx = points.reduce((a, p, i) => a + w[i]! * p.x, 0) / sw;
  const my = points.reduce((a, p, i) => a + w[i]! * p.y, 0) / sw;
  let sxy = 0;
  let sxx = 0;
  points.forEach((p, i) => {
    sxy += w[i]! * (p.x - mx) * (p.y - my);
    sxx += w[i]! * (p.x - mx) ** 2;
  });
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export function forecastLevel(levels: LevelPoint[], targetYear: number, rate: boolean): Forecast | undefined {
  // Levels come in year order (buildSeries keeps them so).
  let end = levels.length;
  while (end > 0 && levels[end - 1]!.year > targetYear) end--;
  const pts = end === levels.length ? levels : levels.slice(0, end);
  if (pts.length < 2) return undefined;
  const first = pts[0]!;
  const last = pts.at(-1)!;
  if (last.year >= targetYear) return { value: last.value, method: 'linear', basis: `${last.year}年实际值` };
  const n = last.year - first.year;
  if (n <= 0) return undefined;
  if (!rate && first.value > 0 && last.value > 0) {
    const cagr = compoundRate(last.value / first.value, n);
    return {
      value: last.value * Math.pow(1 + cagr, targetYear - last.year),
      method: 'cagr',
      basis: `按${first.year}—${last.year}年年均增长${Math.round(cagr * 10000) / 100}%外推`,
    };
  }
  const fit = weightedLinear(pts.map((p) => ({ x: p.year, y: p.value })));
  if (!fit) return undefined;
  return {
    value: fit.intercept + fit.slope * targetYear,
    method: 'linear',
    basis: `按${first.year}—${last.year}年近期加权线性趋势（年均${fit.slope >= 0 ? '+' : ''}${Math.round(fit.slope * 1000) / 1000}）外推`,
  };
}
