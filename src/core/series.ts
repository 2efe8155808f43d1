/**
 * From the observations of one indicator to the figures an evaluation needs: the latest level that
 * can be compared with the base (observed, or chained from growth rates and saying so), the
 * realised growth, the cumulative sum. Scope (口径) is checked here, once, for every consumer.
 */
import type { Indicator, Observation } from './model.js';
import { isRateUnit } from './notation.js';
import { compoundRate } from './rates.js';
import { NO_YEAR_VALUES, YearValues, type ReadonlyYearValues } from './year-values.js';

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
  /**
   * Comparable levels by year, base included, estimated ones marked. Ascending. Read them with
   * `levelsOf`: they are collected on first use, as judging most indicators needs only the base
   * and the latest level.
   */
  levels?: LevelPoint[];
  ind: Indicator;
  baseYear: number;
  /** The base-year level: the plan's, or a value reported for the base year when the plan has none. */
  base?: LevelPoint;
  latest?: LevelPoint;
  /** Observed levels set aside because their scope differs from the base's. */
  incomparable: readonly Observation[];
  /** Yearly growth rates (%), by year. */
  growth: ReadonlyYearValues;
  /** Yearly changes (unit or points), by year. */
  change: ReadonlyYearValues;
  /** Realised average annual growth (%) over base → `growthUntil`, and how it was obtained. */
  avgGrowth?: { ratePct: number; until: number; method: 'reported' | 'geomean' | 'levelCagr'; years: number };
  notes: readonly string[];
  used: Observation[];
}

/** Average yearly change over base → `until`. */
export interface AvgChange {
  amount: number;
  until: number;
  method: 'reported' | 'levels';
}

/** Sum of yearly values over base+1 → `until`, and how many years it holds. */
export interface Cumulative {
  sum: number;
  until: number;
  yearCount: number;
  method: 'reported' | 'summed';
}

/** The last value of a kind the evaluation used (the later report wins). */
function lastOf(s: SeriesView, kind: Observation['kind']): Observation | undefined {
  for (let i = s.used.length - 1; i >= 0; i--) if (s.used[i]!.kind === kind) return s.used[i];
  return undefined;
}

/**
 * Realised average yearly change over base → the latest level: reported, else from the two levels.
 * Worked out on request, as `cumulativeOf`: few targets ask, and the series stays small for the rest.
 */
export function avgChangeOf(s: SeriesView): AvgChange | undefined {
  const reported = lastOf(s, 'avg_change');
  if (reported) return { amount: reported.value, until: reported.year, method: 'reported' };
  const { base, latest } = s;
  if (!base || !latest || latest.year <= s.baseYear) return undefined;
  return { amount: (latest.value - base.value) / (latest.year - s.baseYear), until: latest.year, method: 'levels' };
}

/** Cumulative sum of yearly values over base+1 → year: reported, else summed. */
export function cumulativeOf(s: SeriesView): Cumulative | undefined {
  const reported = lastOf(s, 'cumulative');
  if (reported) return { sum: reported.value, until: reported.year, yearCount: 0, method: 'reported' };
  let sum = 0;
  let yearCount = 0;
  let until = 0;
  for (const o of s.used) {
    if (o.kind !== 'level' || o.year <= s.baseYear || !scopeComparable(s.ind.baseScope, o.scope)) continue;
    sum += o.value;
    yearCount++;
    until = o.year;
  }
  return yearCount > 0 ? { sum, until, yearCount, method: 'summed' } : undefined;
}

/** Comparable unless both sides state a scope and they differ, or only the value states one. */
export function scopeComparable(baseScope: string | undefined, scope: string | undefined): boolean {
  if (!scope) return true;
  return scope === (baseScope ?? '');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

const NO_VALUES: readonly Observation[] = Object.freeze([]);
const NO_NOTES: readonly string[] = Object.freeze([]);

/** The observations of `ind` up to `upTo`, ascending by year. */
function ownInOrder(ind: Indicator, observations: Observation[], upTo: number): Observation[] {
  return observations.filter((o) => o.indicatorId === ind.id && o.year <= upTo).sort((a, b) => a.year - b.year);
}

/** A view with every field in place, filled by `seriesOf`: one hidden class for new and refilled views. */
function emptyView(): SeriesView {
  const none = undefined as never;
  return {
    levels: none,
    ind: none,
    baseYear: none,
    base: none,
    latest: none,
    incomparable: none,
    growth: none,
    change: none,
    avgGrowth: none,
    notes: none,
    used: none,
  };
}

/** Puts a level in its year's place (levels stay ascending, one per year). */
function setLevel(levels: LevelPoint[], p: LevelPoint): void {
  let i = levels.length;
  while (i > 0 && levels[i - 1]!.year > p.year) i--;
  if (i > 0 && levels[i - 1]!.year === p.year) levels[i - 1] = p;
  else levels.splice(i, 0, p);
}

/** The series' levels, collected on first use. */
export function levelsOf(s: SeriesView): LevelPoint[] {
  return (s.levels ??= comparableLevels(s.ind, s.used, s.baseYear));
}

/** The base and the observed levels that can be compared with it, one per year (the later report wins). */
function comparableLevels(ind: Indicator, obs: readonly Observation[], baseYear: number): LevelPoint[] {
  const levels: LevelPoint[] = [];
  const hasBase = ind.base !== null;
  const base = basePointOf(ind, baseYear);
  if (base) levels.push(base);
  for (const o of obs) {
    if (o.kind !== 'level' || o.year < baseYear || (o.year === baseYear && hasBase) || !scopeComparable(ind.baseScope, o.scope)) continue;
    const p = observedPoint(o);
    if (levels.length > 0 && levels[levels.length - 1]!.year === o.year) levels[levels.length - 1] = p;
    else levels.push(p);
  }
  return levels;
}

/** The plan's base-year level. Callers that evaluate a plan often make it once and share it: it is never changed. */
export function basePointOf(ind: Indicator, baseYear: number): LevelPoint | undefined {
  return ind.base === null ? undefined : { year: baseYear, value: ind.base, method: 'base', scope: ind.baseScope };
}

function observedPoint(o: Observation): LevelPoint {
  return { year: o.year, value: o.value, method: 'observed', bound: o.bound, scope: o.scope };
}

/**
 * `own`: every observation is known to be this indicator's (grouped by the caller), so ids are not
 * compared again. `basePoint`: `ind`'s base in `baseYear` as a level point, made once per plan by the caller.
 */
export function buildSeries(
  ind: Indicator,
  observations: Observation[],
  baseYear: number,
  upTo: number,
  own = false,
  basePoint?: LevelPoint,
  /** A view to fill again rather than a new one: for a caller that is done with it (evaluatePlan). */
  into?: SeriesView,
): SeriesView {
  return (
    seriesOf(ind, observations, baseYear, upTo, own, basePoint, into) ??
    seriesOf(ind, ownInOrder(ind, observations, upTo), baseYear, upTo, true, basePoint, into)!
  );
}

/**
 * One pass over the values: evaluation runs this for every indicator of every plan. Values that
 * are not this indicator's, after `upTo` or out of year order give up (undefined), to be sorted first.
 */
function seriesOf(
  ind: Indicator,
  obs: Observation[],
  baseYear: number,
  upTo: number,
  own: boolean,
  planBase: LevelPoint | undefined,
  into: SeriesView | undefined,
): SeriesView | undefined {
  let notes: string[] | undefined;
  let incomparable: Observation[] | undefined;
  let growth: YearValues | undefined;
  let change: YearValues | undefined;
  // Comparable observed levels from the base year on, one per year (the later report wins): the
  // first and the last are kept, the rest are found again only when every level is asked for.
  let firstObserved: Observation | undefined;
  let lastObserved: Observation | undefined;
  const rate = isRateUnit(ind.unit);
  const hasBase = ind.base !== null;
  let skipped = false;

  let reportedAvgGrowth: SeriesView['avgGrowth'];
  let reportedAvgChange: AvgChange | undefined;

  let lastYear = -Infinity;
  for (const o of obs) {
    if (o.year < lastYear || o.year > upTo || (!own && o.indicatorId !== ind.id)) return undefined;
    lastYear = o.year;
    switch (o.kind) {
      case 'level':
        if (!scopeComparable(ind.baseScope, o.scope)) {
          (incomparable ??= []).push(o);
          (notes ??= []).push(
            `${o.year}年数值${fmt(o.value)}${ind.unit}为「${o.scope}」口径，与${baseYear}年基期${ind.base ?? ''}${ind.base === null ? '' : ind.unit}${ind.baseScope ? `（${ind.baseScope}）` : ''}口径不同，不直接比较`,
          );
          break;
        }
        // A reported base-year value is the base itself, never the latest progress.
        if (o.year === baseYear && hasBase) break;
        if (o.year >= baseYear) {
          if (!firstObserved || firstObserved.year === o.year) firstObserved = o;
          lastObserved = o;
        } else skipped = true;
        break;
      case 'growth_pct':
        (growth ??= new YearValues()).put(o.year, o.value);
        break;
      case 'change':
        (change ??= new YearValues()).put(o.year, o.value);
        break;
      case 'avg_growth_pct':
        reportedAvgGrowth = { ratePct: o.value, until: o.year, method: 'reported', years: o.year - baseYear };
        break;
      case 'avg_change':
        reportedAvgChange = { amount: o.value, until: o.year, method: 'reported' };
        break;
    }
  }
  // Only levels before the base year are left out of what the evaluation used.
  const used = skipped ? obs.filter((o) => !(o.kind === 'level' && o.year < baseYear && scopeComparable(ind.baseScope, o.scope))) : obs;

  const basePoint: LevelPoint | undefined =
    ind.base !== null
      ? (planBase ?? basePointOf(ind, baseYear))
      : firstObserved?.year === baseYear
        ? observedPoint(firstObserved)
        : undefined;
  let latestPoint =
    lastObserved === undefined ? undefined : lastObserved.year === baseYear && !hasBase ? basePoint : observedPoint(lastObserved);
  let levels: LevelPoint[] | undefined;

  // Chain yearly growth (or change) forward from the last comparable level, one year at a time:
  // only an unbroken run of rates may be chained, and the result is labelled as an estimate.
  const from = latestPoint ?? basePoint;
  if (from && (growth || change)) {
    let cur = from;
    const steps: string[] = [];
    for (let y = from.year + 1; y <= upTo; y++) {
      const g = growth?.get(y);
      const c = change?.get(y);
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
      cur = {
        year: y,
        value: next,
        method: 'chained',
        explanation: `由${from.year}年${fmt(from.value)}${ind.unit}按${steps.join('、')}推算`,
      };
      (levels ??= comparableLevels(ind, obs, baseYear)).push(cur);
    }
    if (cur.method === 'chained') {
      latestPoint = cur;
      let text = `${cur.year}年水平为推算值${fmt(Number(cur.value.toFixed(2)))}${ind.unit}：${cur.explanation}`;
      if (ind.realGrowth) text += '（增速为可比价，推算值不含价格因素，仅作进度参考）';
      (notes ??= []).push(text);
    }
  }

  // A period average growth or change reported without the final level (table 1-1's growth-only rows).
  if (ind.base !== null && (reportedAvgGrowth || reportedAvgChange)) {
    const all = (levels ??= comparableLevels(ind, obs, baseYear));
    const gap = (year: number): boolean => !all.some((l) => l.year === year);
    if (reportedAvgGrowth && !rate && gap(reportedAvgGrowth.until)) {
      const n = reportedAvgGrowth.until - baseYear;
      const v = ind.base * Math.pow(1 + reportedAvgGrowth.ratePct / 100, n);
      setLevel(all, {
        year: reportedAvgGrowth.until,
        value: v,
        method: 'fromAverage',
        explanation: `由${baseYear}年${fmt(ind.base)}${ind.unit}按年均增长${fmt(reportedAvgGrowth.ratePct)}%推算`,
      });
      (notes ??= []).push(
        `${reportedAvgGrowth.until}年水平未公布，由${baseYear}年${fmt(ind.base)}${ind.unit}按年均增长${fmt(reportedAvgGrowth.ratePct)}%推算为${fmt(Number(v.toFixed(2)))}${ind.unit}${ind.realGrowth ? '（可比价增速，不含价格因素）' : ''}`,
      );
    }
    if (reportedAvgChange && gap(reportedAvgChange.until)) {
      const n = reportedAvgChange.until - baseYear;
      const v = ind.base + reportedAvgChange.amount * n;
      const u = rate ? '个百分点' : ind.unit;
      setLevel(all, {
        year: reportedAvgChange.until,
        value: v,
        method: 'fromAverage',
        explanation: `由${baseYear}年${fmt(ind.base)}按年均提高${fmt(reportedAvgChange.amount)}${u}推算`,
      });
      (notes ??= []).push(
        `${reportedAvgChange.until}年水平未公布，由${baseYear}年${fmt(ind.base)}${ind.unit}按年均提高${fmt(reportedAvgChange.amount)}${u}推算为${fmt(Number(v.toFixed(4)))}${ind.unit}`,
      );
    }
    const last = all[all.length - 1];
    latestPoint = last && last.method !== 'base' ? last : undefined;
  }

  const base = basePoint;

  // Realised average growth: reported average first, then the geometric mean of yearly rates
  // (real, comparable prices), and only then the CAGR of levels, which is nominal for money series.
  let avgGrowth = reportedAvgGrowth;
  if (!avgGrowth && growth) {
    // Yearly rates after the base year must run without a gap from base + 1.
    let prod = 1;
    let count = 0;
    let until = 0;
    let contiguous = true;
    for (let i = 0; i < growth.size; i++) {
      const y = growth.yearAt(i);
      const r = growth.valueAt(i);
      if (y <= baseYear) continue;
      if (y !== baseYear + 1 + count) contiguous = false;
      prod *= 1 + r / 100;
      count++;
      until = y;
    }
    if (count > 0) {
      if (contiguous) avgGrowth = { ratePct: compoundRate(prod, count) * 100, until, method: 'geomean', years: count };
      else (notes ??= []).push('各年增速不连续，未计算年均增速');
    }
  }
  if (!avgGrowth && base && latestPoint && latestPoint.method === 'observed' && base.value > 0 && latestPoint.value > 0) {
    const n = latestPoint.year - baseYear;
    if (n > 0)
      avgGrowth = {
        ratePct: compoundRate(latestPoint.value / base.value, n) * 100,
        until: latestPoint.year,
        method: 'levelCagr',
        years: n,
      };
  }

  const view = into ?? emptyView();
  view.levels = levels;
  view.ind = ind;
  view.baseYear = baseYear;
  view.base = base;
  view.latest = latestPoint;
  view.incomparable = incomparable ?? NO_VALUES;
  // Most indicators have no growth or change rows: they share one empty set.
  view.growth = growth ?? NO_YEAR_VALUES;
  view.change = change ?? NO_YEAR_VALUES;
  view.avgGrowth = avgGrowth;
  view.notes = notes ?? NO_NOTES;
  view.used = used;
  return view;
}
