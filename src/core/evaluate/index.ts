/**
 * The evaluation engine of domain.md §3–4: pure functions from a plan, its observations and a
 * year to a status (during the period) or a verdict (at its end) per indicator. Every result
 * carries the figures and the rule that produced it, so a reader can check the arithmetic.
 *
 * Laid out by kind of target (level, cumulative, growth, relational, assigned), with the
 * thresholds, the figure shapes and the words each in a file of their own; this index is the
 * engine's public face, and `../evaluate.ts` re-exports it for the imports made before.
 */
export type { Rule, Figures, AnnualResult, IndicatorResult, IndicatorResultData, EvaluateOptions, PlanEvaluation } from './types.js';
export { timeShare, scheduleStatus, levelMet } from './thresholds.js';
export { withUnit } from './words.js';
export { judgeAnnual } from './annual.js';
export { withWords, isWarning, readTargets, evaluateIndicator } from './indicator.js';
export { evaluatePlan, evaluatePlanSteps, STEP_INDICATORS, warningsFirst } from './plan.js';
export { STATUS, VERDICT, SDG_BAND, UNSD_BAND } from '../labels.js';
export { runSteps } from '../steps.js';
