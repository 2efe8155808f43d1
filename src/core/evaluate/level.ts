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
import { FINAL_LEVEL_RULES, FINAL_LEVEL_WORDS, FIXED_RULES, LEVEL_RULES, LEVEL_WORDS, MISSING_WORDS } from './words.js';

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
  if (base !== null) {
    fig.scheduleValue = base + tau * (t.value - base);
    if (Math.abs(t.value - base) > EPS) fig.completion = (latest.value - base) / (t.value - base);
  }
  levelOutlook(c, latest, t.value, fig);
  if (c.final) return finalLevel(c, t, met, fig);

  if (met) {
    if (c.direction === 'keep') return { status: 'onTrack', rule: LEVEL_RULES.keepFloor, explain: LEVEL_WORDS.keepFloor, figures: fig };
    return { status: 'achieved', rule: LEVEL_RULES.achieved, explain: LEVEL_WORDS.achieved, figures: fig };
  }
  if (c.direction === 'keep') {
    return { status: 'seriouslyLagging', rule: LEVEL_RULES.keepBroken, explain: LEVEL_WORDS.keepBroken, figures: fig };
  }
  if (fig.completion === undefined) {
    return { status: 'notEvaluable', rule: LEVEL_RULES.noBase, explain: LEVEL_WORDS.noBase, figures: fig };
  }
  const { status, rule } = scheduleStatus(fig.completion, tau, c.s.scheduleDelta);
  return { status, rule, explain: LEVEL_WORDS.schedule, figures: fig };
}

function finalLevel(c: Ctx, t: LevelTarget, met: boolean, fig: Figures): Judgement {
  // The words close over their own values, never over `c`: it is refilled for the next indicator.
  const unit = c.ind.unit;
  const also = (): string => (g.text ? `；${g.text()}` : '');
  const latest = fig.latest!;
  const atEnd = latest.year >= c.T;
  const g = growthOf(c, c.growthTarget);
  if (g.actual !== undefined) fig.realisedGrowthPct = g.actual;
  if (!atEnd) {
    const fc = fig.forecast;
    if (fc && levelMet(fc.value, t, c.direction, c.s)) {
      return {
        verdict: 'expectedCompleted',
        rule: FINAL_LEVEL_RULES.expected(),
        explain: FINAL_LEVEL_WORDS.expected(unit, latest, c.T, fc, t.written),
        figures: fig,
      };
    }
  }
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
