/**
 * Relational targets (「高于地区生产总值年均增长」「与…基本同步」): this indicator's realised growth
 * against another indicator's, within the plan's sync tolerance.
 */
import type { Target } from '../notation.js';
import type { StatusCode } from '../labels.js';
import type { Ctx, Judgement } from './types.js';
import { EPS, timeShare } from './thresholds.js';
import { figuresFor, missing } from './figures.js';
import { MISSING_WORDS, RELATIONAL_RULES, RELATIONAL_WORDS } from './words.js';

export function judgeRelational(c: Ctx, t: Extract<Target, { kind: 'relational' }>): Judgement {
  const own = c.series.avgGrowth;
  const ref = c.refGrowth?.(t.ref);
  if (!own) return missing(c, MISSING_WORDS.noGrowth(c.year));
  if (!ref || ref.ratePct === undefined) {
    const fig = figuresFor(c, 'relational');
    fig.realisedGrowthPct = own.ratePct;
    return {
      status: 'notEvaluable',
      verdict: 'notEvaluable',
      rule: RELATIONAL_RULES.noReference(),
      explain: RELATIONAL_WORDS.noReference(own.ratePct, t.ref),
      figures: fig,
    };
  }
  const refRate = ref.ratePct;
  const diff = own.ratePct - refRate;
  const tol = c.s.syncTolerancePoints;
  const fig = figuresFor(c, 'relational');
  fig.realisedGrowthPct = own.ratePct;
  fig.referenceGrowthPct = refRate;
  fig.dataYear = own.until;
  fig.timeShare = timeShare(own.until, c.b, c.T);
  const text = RELATIONAL_WORDS.compared(own.ratePct, ref.name ?? t.ref, refRate, diff);
  let ok: boolean;
  let close: boolean;
  if (t.relation === 'sync') {
    ok = diff >= -tol - EPS;
    close = diff >= -2 * tol - EPS;
  } else if (t.relation === 'above') {
    ok = diff > EPS;
    close = diff >= -tol - EPS;
  } else {
    ok = diff < -EPS;
    close = diff <= tol + EPS;
  }
  const ruleText = RELATIONAL_RULES.text(t.relation, tol);
  if (c.final && own.until < c.T) {
    return {
      verdict: ok ? 'expectedCompleted' : 'expectedNotCompleted',
      rule: RELATIONAL_RULES.expected(own.until, ok),
      explain: text,
      figures: fig,
    };
  }
  if (c.final) {
    if (ok) return { verdict: 'completed', rule: RELATIONAL_RULES.verdict(ruleText), explain: text, figures: fig };
    if (close) return { verdict: 'basicallyCompleted', rule: RELATIONAL_RULES.basic(ruleText, tol), explain: text, figures: fig };
    return { verdict: 'notCompleted', rule: RELATIONAL_RULES.verdict(ruleText), explain: text, figures: fig };
  }
  let status: StatusCode;
  if (ok) status = t.relation === 'sync' && diff > tol ? 'ahead' : 'onTrack';
  else if (close) status = 'slightlyBehind';
  else status = own.ratePct > 0 ? 'lagging' : 'seriouslyLagging';
  return { status, rule: RELATIONAL_RULES.status(ruleText), explain: text, figures: fig };
}
