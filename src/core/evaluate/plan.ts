/** A whole plan evaluated: values placed by indicator once, every indicator judged, statuses counted. */
import type { Observation, Plan } from '../model.js';
import { buildSeries } from '../series.js';
import { runSteps } from '../steps.js';
import type { EvaluateOptions, IndicatorResult, PlanEvaluation } from './types.js';
import { judgeIndicator, planCtx, prepare, type Prepared } from './indicator.js';

interface PreparedPlan {
  /** By the plan's indicator order. */
  indicators: Prepared[];
  /** Where an indicator id's values go: the position of the first indicator with that id. */
  slotOf: Map<string, number>;
  /** Each indicator's slot: its own position, unless an earlier indicator has the same id. */
  slotAt: Int32Array;
}

// Plans are immutable once loaded: a plan's indicators are prepared once, and looked up once per evaluation.
const preparedOfPlan = new WeakMap<Plan, PreparedPlan>();

function preparedPlan(plan: Plan): PreparedPlan {
  let r = preparedOfPlan.get(plan);
  if (!r) {
    const slotOf = new Map<string, number>();
    plan.indicators.forEach((ind, i) => {
      if (!slotOf.has(ind.id)) slotOf.set(ind.id, i);
    });
    const slotAt = Int32Array.from(plan.indicators, (ind) => slotOf.get(ind.id)!);
    preparedOfPlan.set(plan, (r = { indicators: plan.indicators.map((ind) => prepare(plan, ind)), slotOf, slotAt }));
  }
  return r;
}

/**
 * Every indicator reads only its own values, so a plan costs O(values), not O(indicators × values):
 * each indicator's values by its slot in the plan, values of ids the plan does not have left out.
 * Values usually come from the store ordered by indicator: each run is then one slice, placed by
 * one look-up.
 */
function valuesBySlot(p: PreparedPlan, observations: Observation[]): (Observation[] | undefined)[] {
  const slots = new Array<Observation[] | undefined>(p.indicators.length);
  let start = 0;
  for (let i = 1; i <= observations.length; i++) {
    const id = observations[start]?.indicatorId;
    if (i < observations.length && observations[i]!.indicatorId === id) continue;
    if (id === undefined) break;
    const k = p.slotOf.get(id);
    if (k !== undefined) {
      const seen = slots[k];
      if (seen) seen.push(...observations.slice(start, i));
      else slots[k] = observations.slice(start, i);
    }
    start = i;
  }
  return slots;
}

/** Evaluates every indicator of a plan; relational targets read their reference's realised growth. */
export function evaluatePlan(plan: Plan, observations: Observation[], opts: EvaluateOptions): PlanEvaluation {
  return runSteps(evaluatePlanSteps(plan, observations, opts));
}

/** Indicators judged between two pauses of {@link evaluatePlanSteps}. */
export const STEP_INDICATORS = 50;

/**
 * The same evaluation as {@link evaluatePlan}, pausing (`yield`) after every few indicators so that
 * a caller serving other requests can let them run between the parts of a large plan.
 */
export function* evaluatePlanSteps(plan: Plan, observations: Observation[], opts: EvaluateOptions): Generator<void, PlanEvaluation> {
  const year = opts.final ? Math.max(opts.year, plan.meta.targetYear) : opts.year;
  const growthCache = new Map<string, { ratePct?: number; name?: string }>();
  const refGrowth = (name: string): { ratePct?: number; name?: string } => {
    const hit = growthCache.get(name);
    if (hit) return hit;
    const ref = plan.indicators.find((i) => i.name === name) ?? plan.indicators.find((i) => i.name.includes(name) || name.includes(i.name));
    const out = ref
      ? {
          ratePct: buildSeries(ref, slots[p.slotOf.get(ref.id)!] ?? none, plan.meta.baseYear, year, true).avgGrowth?.ratePct,
          name: ref.name,
        }
      : {};
    growthCache.set(name, out);
    return out;
  };
  const p = preparedPlan(plan);
  const slots = valuesBySlot(p, observations);
  const none: Observation[] = [];
  const c = planCtx(plan, opts, refGrowth);
  const results: IndicatorResult[] = new Array(plan.indicators.length);
  for (let i = 0; i < plan.indicators.length; i++) {
    if (i && i % STEP_INDICATORS === 0) yield;
    results[i] = judgeIndicator(c, plan.indicators[i]!, p.indicators[i]!, slots[p.slotAt[i]!] ?? none, true, opts);
  }
  // Tallied over the few codes seen, in the order first seen, and written out once: counting into an
  // object whose keys differ from plan to plan is a slow, generic look-up for every result.
  const seen: string[] = [];
  const tally: number[] = [];
  let warnings = 0;
  for (const r of results) {
    const k = (opts.final ? r.verdict : r.status) ?? 'dataMissing';
    const i = seen.indexOf(k);
    if (i < 0) {
      seen.push(k);
      tally.push(1);
    } else tally[i]!++;
    if (r.warning) warnings++;
  }
  const counts: Record<string, number> = {};
  seen.forEach((k, i) => (counts[k] = tally[i]!));
  return {
    planId: plan.meta.id,
    year,
    mode: opts.final ? 'final' : 'progress',
    results,
    counts,
    warnings,
  };
}

/** Display order: warnings (binding and lagging) first, then the plan's own order. */
export function warningsFirst(results: IndicatorResult[]): IndicatorResult[] {
  return [...results].sort((a, b) => Number(b.warning) - Number(a.warning));
}
