/**
 * Task targets in the reports and the spreadsheet. Callers with a store pass the task evaluation
 * the store made beside the indicators' (same year, mode, yearly plan); a report built from a plan
 * and its values alone judges the task targets here, the one place that reads those options back
 * from the indicators' evaluation.
 */
import type { IndicatorResult, PlanEvaluation } from '../core/evaluate.js';
import type { Observation, Plan } from '../core/model.js';
import { evaluateTaskTargets } from '../core/targets.js';

/**
 * The task targets judged as the indicators were: an evaluation carries its year and mode; the
 * yearly plan it was judged against is not recorded in it, so the plan's own yearly plan is used.
 */
function taskEvaluationFor(plan: Plan, evaluation: PlanEvaluation, observations: Observation[]): PlanEvaluation {
  return evaluateTaskTargets(plan, observations, {
    year: evaluation.year,
    final: evaluation.mode === 'final',
    annualTargets: plan.annualTargets,
  });
}

/** The given task evaluation, checked against the indicators' one, or one judged like it. */
export function resolveTaskEvaluation(
  plan: Plan,
  evaluation: PlanEvaluation,
  observations: Observation[],
  given?: PlanEvaluation,
): PlanEvaluation {
  if (!given) return taskEvaluationFor(plan, evaluation, observations);
  // A report states both sets of counts as of one date: a task evaluation of another year or mode would contradict it.
  if (given.year !== evaluation.year || given.mode !== evaluation.mode)
    throw new Error(
      `任务目标评价（${given.year}年，${given.mode}）与主要指标评价（${evaluation.year}年，${evaluation.mode}）的年份或方式不一致`,
    );
  return given;
}

export interface LatestProgress {
  year: number;
  value: number;
  /** The amount over the period so far (a target written 「[1847]」), not a level. */
  cumulative: boolean;
  bound?: 'atLeast' | 'atMost';
  /** The level was estimated from growth rates, not reported. */
  estimated: boolean;
}

/** What a task target has reached, from the engine's figures: the amount so far for a target over the period, else the latest level. */
export function latestProgress(r: IndicatorResult): LatestProgress | undefined {
  const f = r.figures;
  if (r.targetKind === 'cumulative' && f.cumulativeSum !== undefined && f.dataYear !== undefined)
    return { year: f.dataYear, value: f.cumulativeSum, cumulative: true, estimated: false };
  const l = f.latest;
  if (!l) return undefined;
  const estimated = l.method === 'chained' || l.method === 'fromAverage';
  return { year: l.year, value: l.value, cumulative: false, bound: l.bound, estimated };
}

/** 「7.4 增强现代化基础设施功能保障」 by section id: where the plan text states each task target. */
export function sectionTitles(plan: Plan): Map<string, string> {
  const m = new Map<string, string>();
  for (const ch of plan.chapters) for (const s of ch.sections) m.set(s.id, `${s.id} ${s.title}`);
  return m;
}
