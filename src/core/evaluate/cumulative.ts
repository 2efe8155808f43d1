/**
 * Cumulative targets: a sum of yearly values over the period (「[2.7]」) judged by what has been
 * done against the time share, and a total change of the level (「5(累计)」) from the base.
 */
import { cumulativeOf, scopeComparable, type Cumulative, type SeriesView } from '../series.js';
import type { Forecast } from '../forecast.js';
import type { Target } from '../notation.js';
import type { Ctx, Judgement } from './types.js';
import { EPS, levelMet, scheduleStatus, timeShare, unsd, withinBasic } from './thresholds.js';
import { figuresFor, missing } from './figures.js';
import { CUMULATIVE_RULES, CUMULATIVE_WORDS, FIXED_RULES, LEVEL_RULES, MISSING_WORDS, SUM_WORDS } from './words.js';

/**
 * A five-year total of an intensity's reduction (单位GDP能耗降低 [13.5]) compounds the yearly
 * reductions: 1 − Π(1 − r_y); a reported cumulative figure is taken as it is.
 */
function compoundedOf(s: SeriesView): Cumulative | undefined {
  const plain = cumulativeOf(s);
  if (!plain || plain.method === 'reported') return plain;
  let kept = 1;
  for (const o of s.used) {
    if (o.kind !== 'level' || o.year <= s.baseYear || !scopeComparable(s.ind.baseScope, o.scope)) continue;
    kept *= 1 - o.value / 100;
  }
  return { ...plain, sum: (1 - kept) * 100 };
}

export function judgeCumulative(c: Ctx, t: Extract<Target, { kind: 'cumulative' }>): Judgement {
  const cum = t.compound ? compoundedOf(c.series) : cumulativeOf(c.series);
  if (!cum) return missing(c, MISSING_WORDS.noYearly(c.year));
  const tau = timeShare(cum.until, c.b, c.T);
  const p = cum.sum / t.total;
  const expectedYears = cum.until - c.b;
  const fig = figuresFor(c, 'sum');
  fig.cumulativeSum = cum.sum;
  fig.completion = p;
  fig.timeShare = tau;
  fig.target = t.total;
  fig.dataYear = cum.until;
  const notes =
    cum.method === 'summed' && cum.yearCount < expectedYears ? [CUMULATIVE_WORDS.fewYears(c.b + 1, cum.until, cum.yearCount)] : undefined;
  const remaining = c.T - cum.until;
  if (remaining > 0) {
    fig.requiredChange = (t.total - cum.sum) / remaining;
    const perYear = cum.sum / Math.max(1, expectedYears);
    fig.forecast = t.compound
      ? compoundForecast(cum.sum, expectedYears, c.T - c.b)
      : { value: cum.sum + perYear * remaining, method: 'linear', basis: CUMULATIVE_WORDS.perYearBasis(perYear, c.ind.unit) };
    fig.anticipatedCompletion = fig.forecast.value / t.total;
    fig.unsdBand = unsd(fig.anticipatedCompletion, c.s);
  }
  const met = levelMet(cum.sum, { value: t.total, comparator: t.comparator }, 'up', c.s);
  // A total needs every year of the period: a missing year makes the sum a partial one.
  const whole = cum.until >= c.T && (cum.method === 'reported' || cum.yearCount >= c.T - c.b);
  if (c.final && !whole) {
    const fc = fig.forecast;
    if (!fc) return { verdict: 'dataMissing', rule: CUMULATIVE_RULES.partial(c.T), explain: SUM_WORDS.sum, figures: fig, notes };
    const ok = fc.value >= t.total - EPS;
    return {
      verdict: ok ? 'expectedCompleted' : 'expectedNotCompleted',
      rule: ok ? CUMULATIVE_RULES.expected(cum.until) : CUMULATIVE_RULES.expectedNot(cum.until),
      explain: SUM_WORDS.sum,
      figures: fig,
      notes,
    };
  }
  if (c.final) {
    if (met) {
      const exceeded = p >= 1 + c.s.exceedPct / 100 - EPS;
      return { verdict: 'completed', exceeded, rule: CUMULATIVE_RULES.completed(exceeded), explain: SUM_WORDS.sum, figures: fig, notes };
    }
    if (withinBasic(cum.sum, t.total, c.s))
      return { verdict: 'basicallyCompleted', rule: CUMULATIVE_RULES.basic(c.s), explain: SUM_WORDS.sum, figures: fig, notes };
    return { verdict: 'notCompleted', rule: CUMULATIVE_RULES.notCompleted(), explain: SUM_WORDS.sum, figures: fig, notes };
  }
  if (met && cum.until >= c.T) return { status: 'onTrack', rule: LEVEL_RULES.metInTargetYear, explain: SUM_WORDS.sum, figures: fig, notes };
  if (met) return { status: 'achieved', rule: FIXED_RULES.sumAchieved, explain: SUM_WORDS.sum, figures: fig, notes };
  const { status, rule } = scheduleStatus(p, tau, c.s.scheduleDelta);
  return { status, rule, explain: SUM_WORDS.sumOnSchedule, figures: fig, notes };
}

export function judgeCumulativeChange(c: Ctx, t: Extract<Target, { kind: 'cumulativeChange' }>): Judgement {
  const sign = c.direction === 'down' ? -1 : 1;
  let achieved: number | undefined;
  let until: number | undefined;
  let how = '';
  const base = c.series.base;
  const latest = c.series.latest;
  if (base && latest) {
    achieved = sign * (latest.value - base.value);
    until = latest.year;
    how = CUMULATIVE_WORDS.fromLevels(c.b, base.value, latest.year, latest.value);
  } else if (c.series.change.size > 0) {
    const entries = [...c.series.change.entries()].filter(([y]) => y > c.b);
    achieved = sign * entries.reduce((s, [, v]) => s + v, 0);
    until = Math.max(...entries.map(([y]) => y));
    how = CUMULATIVE_WORDS.fromChanges(entries.length);
  }
  if (achieved === undefined || until === undefined) return missing(c, MISSING_WORDS.noChange(c.year));
  const tau = timeShare(until, c.b, c.T);
  const p = achieved / t.total;
  const fig = figuresFor(c, 'change');
  fig.achievedChange = achieved;
  fig.completion = p;
  fig.timeShare = tau;
  fig.target = t.total;
  fig.dataYear = until;
  const text = CUMULATIVE_WORDS.change(how, c.direction === 'down', achieved, c.ind.unit, t.written, p);
  if (c.final && until < c.T) {
    // Before the target year's value, the pace so far carried to the end is a forecast, said so.
    const ok = until > c.b && (achieved / (until - c.b)) * (c.T - c.b) >= t.total - EPS;
    return {
      verdict: ok ? 'expectedCompleted' : 'expectedNotCompleted',
      rule: ok ? CUMULATIVE_RULES.expected(until) : CUMULATIVE_RULES.expectedNot(until),
      explain: text,
      figures: fig,
    };
  }
  if (c.final) {
    if (p >= 1 - EPS)
      return {
        verdict: 'completed',
        exceeded: p >= 1 + c.s.exceedPct / 100,
        rule: CUMULATIVE_RULES.changeCompleted(),
        explain: text,
        figures: fig,
      };
    if (p >= 1 - c.s.basicCompletionPct / 100)
      return { verdict: 'basicallyCompleted', rule: CUMULATIVE_RULES.changeBasic(c.s), explain: text, figures: fig };
    return { verdict: 'notCompleted', rule: CUMULATIVE_RULES.changeNotCompleted(), explain: text, figures: fig };
  }
  if (p >= 1 - EPS && until >= c.T) return { status: 'onTrack', rule: LEVEL_RULES.metInTargetYear, explain: text, figures: fig };
  if (p >= 1 - EPS) return { status: 'achieved', rule: CUMULATIVE_RULES.changeAchieved(), explain: text, figures: fig };
  const { status, rule } = scheduleStatus(p, tau, c.s.scheduleDelta);
  return { status, rule, explain: CUMULATIVE_WORDS.onSchedule(text, tau), figures: fig };
}

/** The compounded reduction so far carried at its average yearly rate to the end of the period. */
function compoundForecast(sofar: number, years: number, all: number): Forecast {
  const yearly = 1 - Math.pow(1 - sofar / 100, 1 / Math.max(1, years));
  return { value: (1 - Math.pow(1 - yearly, all)) * 100, method: 'linear', basis: CUMULATIVE_WORDS.compoundBasis(yearly * 100) };
}
