/**
 * Level targets (「700」「93以上」「27以下」「75左右」「700，力争800」): the latest level against the
 * target, its completion against the time share, the growth still needed and a forecast; at the
 * end of the period, a verdict (with the paired growth target for 总量完成).
 */
import { isRateUnit, type Target } from '../notation.js';
import { levelsOf, type LevelPoint } from '../series.js';
import { forecastLevel } from '../forecast.js';
import { compoundRate } from '../rates.js';
import type { Ctx, Figures, Judgement } from './types.js';
import { EPS, levelMet, scheduleStatus, sdg, timeShare, unsd, withinBasic } from './thresholds.js';
import { figuresFor, missing } from './figures.js';
import { growthOf } from './growth.js';
import {
  FINAL_LEVEL_RULES,
  FINAL_LEVEL_WORDS,
  FIXED_RULES,
  HOLD_RULES,
  HOLD_WORDS,
  LEVEL_RULES,
  LEVEL_WORDS,
  MISSING_WORDS,
} from './words.js';

type LevelTarget = Extract<Target, { kind: 'level' }>;

/** Adds to `f` the forecast, required growth and the two international second opinions. */
function levelOutlook(c: Ctx, latest: LevelPoint, targetValue: number, f: Figures): void {
  const remaining = c.T - latest.year;
  if (remaining > 0) {
    if (latest.value > 0 && targetValue > 0) f.requiredGrowthPct = compoundRate(targetValue / latest.value, remaining) * 100;
    f.requiredChange = (targetValue - latest.value) / remaining;
    const fc = forecastLevel(levelsOf(c.series), c.T, isRateUnit(c.ind.unit));
    if (fc) {
      f.forecast = fc;
      if (c.ind.base !== null && Math.abs(targetValue - c.ind.base) > EPS) {
        f.anticipatedCompletion = (fc.value - c.ind.base) / (targetValue - c.ind.base);
        f.unsdBand = unsd(f.anticipatedCompletion, c.s);
      }
    }
  }
  const base = c.ind.base;
  if (base !== null && base > 0 && latest.value > 0 && targetValue > 0 && latest.year > c.b) {
    // The realised CAGR of levels is already in the series when it runs from the base to this point.
    const g = c.series.avgGrowth;
    const cagrObs =
      g?.method === 'levelCagr' && g.until === latest.year ? g.ratePct / 100 : compoundRate(latest.value / base, latest.year - c.b);
    const cagrReq = c.requiredCagr ?? compoundRate(targetValue / base, c.T - c.b);
    sdg(cagrObs, cagrReq, c.direction, c.s, f);
  }
}

/**
 * A floor, ceiling or band the base already meets is a line to hold (domain.md §2), as is a floor
 * the plan marks `keep`: there is no distance to cover, so no completion, and breaking it is graded
 * by how far, in the plan's band tolerance of the line.
 */
function isHold(c: Ctx, t: LevelTarget): boolean {
  if (c.direction === 'keep') return true;
  if (t.comparator === 'reach' || c.ind.base === null) return false;
  return levelMet(c.ind.base, t, c.direction, c.s);
}

/** How far a value is past the line it should hold, in units of the band tolerance (0 when held). */
function breach(value: number, t: LevelTarget, c: Ctx): number {
  const tol = (Math.abs(t.value) * c.s.bandTolerancePct) / 100;
  let gap: number;
  if (t.comparator === 'between') gap = value < t.value ? t.value - value : value - (t.high ?? t.value);
  else if (t.comparator === 'about') gap = Math.abs(value - t.value) - tol;
  else if (t.comparator === 'atMost' || (t.comparator === 'reach' && c.direction === 'down')) gap = value - t.value;
  else gap = t.value - value;
  if (gap <= EPS) return 0;
  return tol > 0 ? gap / tol : Infinity;
}

export function judgeLevel(c: Ctx, t: LevelTarget): Judgement {
  const latest = c.series.latest;
  const base = c.ind.base;
  if (!latest) {
    const why = c.series.incomparable.length > 0 ? MISSING_WORDS.notComparable : MISSING_WORDS.none(c.year);
    const j = missing(c, why);
    if (c.series.incomparable.length > 0) {
      j.status = 'notEvaluable';
      j.verdict = 'notEvaluable';
      j.rule = FIXED_RULES.notComparable;
      j.comparable = false;
    }
    return j;
  }
  const met = levelMet(latest.value, t, c.direction, c.s, latest.bound);
  const tau = timeShare(latest.year, c.b, c.T);
  const fig = figuresFor(c, 'level');
  fig.latest = latest;
  fig.dataYear = latest.year;
  fig.timeShare = tau;
  fig.target = t.value;
  fig.stretch = t.stretch;
  if (isHold(c, t)) return holdLine(c, t, met, fig);
  if (base !== null) {
    fig.scheduleValue = base + tau * (t.value - base);
    if (Math.abs(t.value - base) > EPS) fig.completion = (latest.value - base) / (t.value - base);
  }
  levelOutlook(c, latest, t.value, fig);
  if (c.final) return finalLevel(c, t, met, fig);

  if (met) {
    // Reached in the target year itself is on schedule, not ahead of it (提前实现).
    if (latest.year >= c.T) return { status: 'onTrack', rule: LEVEL_RULES.metInTargetYear, explain: LEVEL_WORDS.achieved, figures: fig };
    return { status: 'achieved', rule: LEVEL_RULES.achieved, explain: LEVEL_WORDS.achieved, figures: fig };
  }
  if (fig.completion === undefined) {
    return { status: 'notEvaluable', rule: LEVEL_RULES.noBase, explain: LEVEL_WORDS.noBase, figures: fig };
  }
  const { status, rule } = scheduleStatus(fig.completion, tau, c.s.scheduleDelta);
  return { status, rule, explain: LEVEL_WORDS.schedule, figures: fig };
}

/** A line held (or broken) during the period and at its end; never a completion. */
function holdLine(c: Ctx, t: LevelTarget, met: boolean, fig: Figures): Judgement {
  const latest = fig.latest!;
  let far = met ? 0 : breach(latest.value, t, c);
  if (latest.year < c.T) {
    const fc = forecastLevel(levelsOf(c.series), c.T, isRateUnit(c.ind.unit));
    if (fc) fig.forecast = fc;
  }
  if (c.final) {
    if (latest.year < c.T) return expectedOrMissing(c, t, fig);
    if (far === 0) return { verdict: 'completed', rule: HOLD_RULES.completed(), explain: HOLD_WORDS.held, figures: fig };
    if (far <= 1 && c.direction !== 'keep')
      return { verdict: 'basicallyCompleted', rule: HOLD_RULES.basic(c.s), explain: HOLD_WORDS.broken, figures: fig };
    return { verdict: 'notCompleted', rule: HOLD_RULES.notCompleted(), explain: HOLD_WORDS.broken, figures: fig };
  }
  if (far === 0 && c.direction === 'keep')
    return { status: 'onTrack', rule: LEVEL_RULES.keepFloor, explain: LEVEL_WORDS.keepFloor, figures: fig };
  if (far === 0) return { status: 'onTrack', rule: HOLD_RULES.held(), explain: HOLD_WORDS.held, figures: fig };
  // A red line the plan marks `keep` (耕地保有量) allows no band: broken is broken.
  if (c.direction === 'keep') far = Infinity;
  if (far <= 1) return { status: 'slightlyBehind', rule: HOLD_RULES.withinBand(c.s), explain: HOLD_WORDS.broken, figures: fig };
  if (far <= 2) return { status: 'lagging', rule: HOLD_RULES.broken(c.s), explain: HOLD_WORDS.broken, figures: fig };
  return { status: 'seriouslyLagging', rule: LEVEL_RULES.keepBroken, explain: LEVEL_WORDS.keepBroken, figures: fig };
}

/**
 * Before the target year's value is in, an end-of-period verdict is a forecast (预计完成 /
 * 预计未完成, resting on the latest year's value and saying so), or 数据缺失 with the latest
 * progress shown as progress; never 完成 / 未完成 (domain.md §4).
 */
function expectedOrMissing(c: Ctx, t: LevelTarget, fig: Figures): Judgement {
  const latest = fig.latest!;
  const fc = fig.forecast;
  const unit = c.ind.unit;
  if (!fc)
    return {
      verdict: 'dataMissing',
      rule: FINAL_LEVEL_RULES.noFinal(c.T),
      explain: FINAL_LEVEL_WORDS.noFinal(unit, latest, c.T, t.written),
      figures: fig,
    };
  const ok = levelMet(fc.value, t, c.direction, c.s);
  return {
    verdict: ok ? 'expectedCompleted' : 'expectedNotCompleted',
    rule: ok ? FINAL_LEVEL_RULES.expected() : FINAL_LEVEL_RULES.expectedNot(),
    explain: FINAL_LEVEL_WORDS.expected(unit, latest, c.T, fc, t.written, ok),
    figures: fig,
  };
}

function finalLevel(c: Ctx, t: LevelTarget, met: boolean, fig: Figures): Judgement {
  // The words close over their own values, never over `c`: it is refilled for the next indicator.
  const unit = c.ind.unit;
  const also = (): string => (g.text ? `；${g.text()}` : '');
  const latest = fig.latest!;
  const g = growthOf(c, c.growthTarget);
  if (g.actual !== undefined) fig.realisedGrowthPct = g.actual;
  if (latest.year < c.T) return expectedOrMissing(c, t, fig);
  if (met) {
    const exceeded =
      c.direction !== 'keep' && c.direction !== 'band' && fig.completion !== undefined && fig.completion >= 1 + c.s.exceedPct / 100 - EPS;
    if (g.met === false) {
      return {
        verdict: 'totalCompleted',
        exceeded,
        rule: FINAL_LEVEL_RULES.totalCompleted(),
        explain: FINAL_LEVEL_WORDS.totalCompleted(unit, latest, t.written, g.text),
        figures: fig,
      };
    }
    return {
      verdict: 'completed',
      exceeded,
      rule: FINAL_LEVEL_RULES.completed(exceeded, c.s),
      explain: FINAL_LEVEL_WORDS.completed(unit, latest, t.written, also),
      figures: fig,
    };
  }
  if (withinBasic(latest.value, t.value, c.s)) {
    return {
      verdict: 'basicallyCompleted',
      rule: FINAL_LEVEL_RULES.basic(c.s),
      explain: FINAL_LEVEL_WORDS.basic(unit, latest, t.value, t.written, also),
      figures: fig,
    };
  }
  return {
    verdict: 'notCompleted',
    rule: FINAL_LEVEL_RULES.notCompleted(),
    explain: FINAL_LEVEL_WORDS.notCompleted(unit, latest, t.written, fig.completion, also),
    figures: fig,
  };
}
