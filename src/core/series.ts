/**
 * From the observations of one indicator to the figures an evaluation needs: the latest level that
 * can be compared with the base (observed, or chained from growth rates and saying so), the
 * realised growth, the cumulative sum. Scope (口径) is checked here, once, for every consumer.
 */
import type { Indicator, Observation } from './model.js';
import { isRateUnit } from './notation.js';

export interface LevelPoint {
  year: number;
  value: number;
  /** How the value was obtained. */
  method: 'base' | 'observed' | 'chained' | 'fromAverage';
  bound?: 'atLeast' | 'atMost';
  scope?: string;
  explanation?: string;
}

export interface SeriesView {
  /** Comparable levels by year, base included, estimated ones marked. Ascending. */
  levels: LevelPoint[];
  latest?: LevelPoint;
  /** Observed levels set aside because their scope differs from the base's. */
  incomparable: Observation[];
  /** Yearly growth rates (%), by year. */
  growth: Map<number, number>;
  /** Yearly changes (unit or points), by year. */
  change: Map<number, number>;
  /** Realised average annual growth (%) over base → `growthUntil`, and how it was obtained. */
  avgGrowth?: { ratePct: number; until: number; method: 'reported' | 'geomean' | 'levelCagr'; years: number };
  /** Realised average yearly change over base → year. */
  avgChange?: { amount: number; until: number; method: 'reported' | 'levels' };
  /** Cumulative sum of yearly values over base+1 → year. */
  cumulative?: { sum: number; until: number; years: number[]; method: 'reported' | 'summed' };
  notes: string[];
  used: Observation[];
}

/** Comparable unless both sides state a scope and they differ, or only the value states one. */
export function scopeComparable(baseScope: string | undefined, scope: string | undefined): boolean {
  if (!scope) return true;
  return scope === (baseScope ?? '');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

export function buildSeries(ind: Indicator, observations: Observation[], baseYear: number, upTo: number): SeriesView {
  const obs = observations.filter((o) => o.indicatorId === ind.id && o.year <= upTo).sort((a, b) => a.year - b.year);
  const notes: string[] = [];
  const used: Observation[] = [];
  const incomparable: Observation[] = [];
  const growth = new Map<number, number>();
  const change = new Map<number, number>();
  const levelByYear = new Map<number, LevelPoint>();
  const rate = isRateUnit(ind.unit);

  if (ind.base !== null) levelByYear.set(baseYear, { year: baseYear, value: ind.base, method: 'base', scope: ind.baseScope });

  let reportedAvgGrowth: SeriesView['avgGrowth'];
  let reportedAvgChange: SeriesView['avgChange'];
  let reportedCumulative: SeriesView['cumulative'];

  for (const o of obs) {
    switch (o.kind) {
      case 'level':
        if (!scopeComparable(ind.baseScope, o.scope)) {
          incomparable.push(o);
          notes.push(
            `${o.year}年数值${fmt(o.value)}${ind.unit}为「${o.scope}」口径，与${baseYear}年基期${ind.base ?? ''}${ind.base === null ? '' : ind.unit}${ind.baseScope ? `（${ind.baseScope}）` : ''}口径不同，不直接比较`,
          );
          used.push(o);
          break;
        }
        // A reported base-year value is the base itself, never the latest progress.
        if (o.year === baseYear && levelByYear.has(baseYear)) {
          used.push(o);
        } else if (o.year >= baseYear) {
          levelByYear.set(o.year, { year: o.year, value: o.value, method: 'observed', bound: o.bound, scope: o.scope });
          used.push(o);
        }
        break;
      case 'growth_pct':
        growth.set(o.year, o.value);
        used.push(o);
        break;
      case 'change':
        change.set(o.year, o.value);
        used.push(o);
        break;
      case 'avg_growth_pct':
        reportedAvgGrowth = { ratePct: o.value, until: o.year, method: 'reported', years: o.year - baseYear };
        used.push(o);
        break;
      case 'avg_change':
        reportedAvgChange = { amount: o.value, until: o.year, method: 'reported' };
        used.push(o);
        break;
      case 'cumulative':
        reportedCumulative = { sum: o.value, until: o.year, years: [], method: 'reported' };
        used.push(o);
        break;
    }
  }

  // Chain yearly growth (or change) forward from the last comparable level, one year at a time:
  // only an unbroken run of rates may be chained, and the result is labelled as an estimate.
  const observedYears = [...levelByYear.keys()].sort((a, b) => a - b);
  const lastKnown = observedYears.at(-1);
  if (lastKnown !== undefined) {
    let cur = levelByYear.get(lastKnown)!;
    const steps: string[] = [];
    for (let y = lastKnown + 1; y <= upTo; y++) {
      const g = growth.get(y);
      const c = change.get(y);
      let next: number | undefined;
      if (g !== undefined && !rate) {
        next = cur.value * (1 + g / 100);
        steps.push(`${y}年增长${fmt(g)}%`);
      } else if (c !== undefined) {
        next = cur.value + c;
        steps.push(`${y}年变动${fmt(c)}`);
      } else if (g !== undefined && rate) {
        // A growth rate of a share says nothing about its level in points.
        break;
      }
      if (next === undefined) break;
      const from = levelByYear.get(lastKnown)!;
      cur = {
        year: y,
        value: next,
        method: 'chained',
        explanation: `由${from.year}年${fmt(from.value)}${ind.unit}按${steps.join('、')}推算`,
      };
      levelByYear.set(y, cur);
    }
    if (cur.method === 'chained') {
      let text = `${cur.year}年水平为推算值${fmt(Number(cur.value.toFixed(2)))}${ind.unit}：${cur.explanation}`;
      if (ind.realGrowth) text += '（增速为可比价，推算值不含价格因素，仅作进度参考）';
      notes.push(text);
    }
  }

  // A period average growth or change reported without the final level (table 1-1's growth-only rows).
  if (ind.base !== null) {
    if (reportedAvgGrowth && !levelByYear.has(reportedAvgGrowth.until) && !rate) {
      const n = reportedAvgGrowth.until - baseYear;
      const v = ind.base * Math.pow(1 + reportedAvgGrowth.ratePct / 100, n);
      levelByYear.set(reportedAvgGrowth.until, {
        year: reportedAvgGrowth.until,
        value: v,
        method: 'fromAverage',
        explanation: `由${baseYear}年${fmt(ind.base)}${ind.unit}按年均增长${fmt(reportedAvgGrowth.ratePct)}%推算`,
      });
      notes.push(
        `${reportedAvgGrowth.until}年水平未公布，由${baseYear}年${fmt(ind.base)}${ind.unit}按年均增长${fmt(reportedAvgGrowth.ratePct)}%推算为${fmt(Number(v.toFixed(2)))}${ind.unit}${ind.realGrowth ? '（可比价增速，不含价格因素）' : ''}`,
      );
    }
    if (reportedAvgChange && !levelByYear.has(reportedAvgChange.until)) {
      const n = reportedAvgChange.until - baseYear;
      const v = ind.base + reportedAvgChange.amount * n;
      const u = rate ? '个百分点' : ind.unit;
      levelByYear.set(reportedAvgChange.until, {
        year: reportedAvgChange.until,
        value: v,
        method: 'fromAverage',
        explanation: `由${baseYear}年${fmt(ind.base)}按年均提高${fmt(reportedAvgChange.amount)}${u}推算`,
      });
      notes.push(
        `${reportedAvgChange.until}年水平未公布，由${baseYear}年${fmt(ind.base)}${ind.unit}按年均提高${fmt(reportedAvgChange.amount)}${u}推算为${fmt(Number(v.toFixed(4)))}${ind.unit}`,
      );
    }
  }

  const levels = [...levelByYear.values()].sort((a, b) => a.year - b.year);
  const latestPoint = levels.filter((l) => l.method !== 'base').at(-1);

  // Realised average growth: reported average first, then the geometric mean of yearly rates
  // (real, comparable prices), and only then the CAGR of levels, which is nominal for money series.
  let avgGrowth = reportedAvgGrowth;
  const yearlyRates = [...growth.entries()].filter(([y]) => y > baseYear).sort((a, b) => a[0] - b[0]);
  if (!avgGrowth && yearlyRates.length > 0) {
    const contiguous = yearlyRates.every(([y], i) => y === baseYear + 1 + i);
    if (contiguous) {
      const prod = yearlyRates.reduce((p, [, r]) => p * (1 + r / 100), 1);
      avgGrowth = {
        ratePct: (Math.pow(prod, 1 / yearlyRates.length) - 1) * 100,
        until: yearlyRates.at(-1)![0],
        method: 'geomean',
        years: yearlyRates.length,
      };
    } else {
      notes.push('各年增速不连续，未计算年均增速');
    }
  }
  const base = levelByYear.get(baseYear);
  if (!avgGrowth && base && latestPoint && latestPoint.method === 'observed' && base.value > 0 && latestPoint.value > 0) {
    const n = latestPoint.year - baseYear;
    if (n > 0) {
      avgGrowth = {
        ratePct: (Math.pow(latestPoint.value / base.value, 1 / n) - 1) * 100,
        until: latestPoint.year,
        method: 'levelCagr',
        years: n,
      };
    }
  }

  let avgChange = reportedAvgChange;
  if (!avgChange && base && latestPoint && latestPoint.year > baseYear) {
    avgChange = { amount: (latestPoint.value - base.value) / (latestPoint.year - baseYear), until: latestPoint.year, method: 'levels' };
  }

  let cumulative = reportedCumulative;
  if (!cumulative) {
    const yearly = obs.filter((o) => o.kind === 'level' && o.year > baseYear && scopeComparable(ind.baseScope, o.scope));
    if (yearly.length > 0) {
      cumulative = {
        sum: yearly.reduce((s, o) => s + o.value, 0),
        until: yearly.at(-1)!.year,
        years: yearly.map((o) => o.year),
        method: 'summed',
      };
    }
  }

  return { levels, latest: latestPoint, incomparable, growth, change, avgGrowth, avgChange, cumulative, notes, used };
}
