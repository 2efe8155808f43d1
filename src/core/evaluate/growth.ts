/**
 * Growth targets (「7以上」 on a 年均增长 row, 「增长6.5%左右」) and yearly changes (「0.54个百分点」):
 * the realised average rate against the target rate, q = r / g, with the plan's δ.
 */
import { avgChangeOf } from '../series.js';
import type { Target } from '../notation.js';
import { compoundRate } from '../rates.js';
import type { Ctx, Judgement } from './types.js';
import { growthStatus, rateMet, timeShare, withinBasic } from './thresholds.js';
import { figuresFor, missing } from './figures.js';
import { GROWTH_RULES, GROWTH_WORDS, MISSING_WORDS, SUM_WORDS } from './words.js';

/** A rate target (growth % or yearly change) met or not, with its words; {} when there is no rate to judge. */
export function growthOf(c: Ctx, t: Target | undefined): { met?: boolean; actual?: number; until?: number; text?: () => string } {
  if (!t) return {};
  if (t.kind === 'growth') {
    const g = c.series.avgGrowth;
    if (!g) return {};
    if (g.method === 'levelCagr' && c.ind.realGrowth) return {};
    return {
      met: rateMet(g.ratePct, t.ratePct, t.comparator, c.direction, c.s, t.high),
      actual: g.ratePct,
      until: g.until,
      text: GROWTH_WORDS.rate(g.ratePct, t.written),
    };
  }
  if (t.kind === 'yearlyChange') {
    const a = avgChangeOf(c.series);
    if (!a) return {};
    return {
      met: rateMet(a.amount, t.amount, t.comparator, c.direction, c.s),
      actual: a.amount,
      until: a.until,
      text: GROWTH_WORDS.change(a.amount, c.ind.unit, t.written),
    };
  }
  return {};
}

export function judgeYearlyChange(c: Ctx, t: Extract<Target, { kind: 'yearlyChange' }>): Judgement {
  const g = growthOf(c, t);
  if (g.met === undefined) return missing(c, MISSING_WORDS.none(c.year));
  if (c.final && g.until! < c.T)
    return {
      verdict: g.met ? 'expectedCompleted' : 'expectedNotCompleted',
      rule: GROWTH_RULES.expected(g.until!, g.met),
      explain: g.text ?? (() => ''),
      figures: figuresFor(c, 'plain'),
    };
  return {
    verdict: g.met ? 'completed' : 'notCompleted',
    status: g.met ? 'onTrack' : 'lagging',
    rule: GROWTH_RULES.yearlyChange(),
    explain: g.text ?? (() => ''),
    figures: figuresFor(c, 'plain'),
  };
}

export function judgeGrowth(c: Ctx, t: Extract<Target, { kind: 'growth' }>): Judgement {
  const g = c.series.avgGrowth;
  if (!g) return missing(c, MISSING_WORDS.noGrowth(c.year));
  const notes = g.method === 'levelCagr' ? [c.ind.realGrowth ? GROWTH_WORDS.nominal : GROWTH_WORDS.fromLevels] : undefined;
  const fig = figuresFor(c, 'growth');
  fig.realisedGrowthPct = g.ratePct;
  fig.realisedGrowthMethod = g.method;
  fig.targetGrowthPct = t.ratePct;
  fig.dataYear = g.until;
  fig.timeShare = timeShare(g.until, c.b, c.T);
  const N = c.T - c.b;
  const n = g.until - c.b;
  if (n < N && n > 0)
    fig.requiredGrowthPct = compoundRate(Math.pow(1 + t.ratePct / 100, N) / Math.pow(1 + g.ratePct / 100, n), N - n) * 100;
  const met = rateMet(g.ratePct, t.ratePct, t.comparator, c.direction, c.s, t.high);
  if (c.final && g.until < c.T) {
    // The average so far, carried to the end, is a forecast resting on its last year: said so.
    return {
      verdict: met ? 'expectedCompleted' : 'expectedNotCompleted',
      rule: GROWTH_RULES.expected(g.until, met),
      explain: SUM_WORDS.growth,
      figures: fig,
      notes,
    };
  }
  if (c.final) {
    if (met) return { verdict: 'completed', rule: GROWTH_RULES.completed(), explain: SUM_WORDS.growth, figures: fig, notes };
    if (withinBasic(g.ratePct, t.ratePct, c.s))
      return { verdict: 'basicallyCompleted', rule: GROWTH_RULES.basic(c.s), explain: SUM_WORDS.growth, figures: fig, notes };
    return { verdict: 'notCompleted', rule: GROWTH_RULES.notCompleted(), explain: SUM_WORDS.growth, figures: fig, notes };
  }
  if (t.comparator === 'about') {
    return {
      status: met ? 'onTrack' : g.ratePct > t.ratePct ? 'ahead' : 'lagging',
      rule: GROWTH_RULES.band(c.s),
      explain: SUM_WORDS.growth,
      figures: fig,
      notes,
    };
  }
  const q = t.ratePct === 0 ? (g.ratePct >= 0 ? 1 : -1) : g.ratePct / t.ratePct;
  fig.growthRatio = q;
  const { status, rule } = growthStatus(q, c.s.scheduleDelta);
  return { status, rule, explain: SUM_WORDS.growthStillNeeded, figures: fig, notes };
}
