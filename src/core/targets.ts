/**
 * What is monitored: the main indicators of the plan's table and the quantitative task targets of
 * its prose (1847 charging piles, 50 digital agriculture bases, …). Task targets are reported,
 * reviewed and judged exactly like indicators, so each one is read as an indicator of the
 * category 「任务目标」 with no base: one key space for values, one engine for judging.
 */
import { evaluatePlan, evaluatePlanSteps, type EvaluateOptions, type PlanEvaluation } from './evaluate.js';
import type { Indicator, Observation, Plan, TaskTarget } from './model.js';

export const TASK_CATEGORY = '任务目标';

export function taskTargetIndicator(t: TaskTarget, index: number): Indicator {
  return {
    id: t.id,
    no: index + 1,
    category: TASK_CATEGORY,
    name: t.name,
    unit: t.unit,
    unitFilled: false,
    // The plan states no base for its prose targets; a value reported for the base year fills it.
    base: null,
    target: t.target,
    direction: t.direction,
    periodTotal: t.periodTotal,
    marks: [],
    sectionIds: [t.sectionId],
  };
}

// Plans are immutable once loaded: their task targets are read as indicators once.
const taskPlans = new WeakMap<Plan, Plan>();

/** The plan with its task targets in place of its indicators, for the engine to judge. */
export function taskTargetPlan(plan: Plan): Plan {
  let p = taskPlans.get(plan);
  if (!p) {
    p = { ...plan, indicators: plan.taskTargets.map(taskTargetIndicator) };
    taskPlans.set(plan, p);
  }
  return p;
}

/** Every target values can be reported for: indicators first, then task targets. */
export function monitoredTargets(plan: Plan): Indicator[] {
  return [...plan.indicators, ...taskTargetPlan(plan).indicators];
}

export function findTarget(plan: Plan, id: string): Indicator | undefined {
  return plan.indicators.find((i) => i.id === id) ?? taskTargetPlan(plan).indicators.find((i) => i.id === id);
}

export function isTaskTarget(plan: Plan, id: string): boolean {
  return plan.taskTargets.some((t) => t.id === id);
}

/** Task targets judged like indicators; their counts are kept apart from the main indicators'. */
export function evaluateTaskTargets(plan: Plan, observations: Observation[], opts: EvaluateOptions): PlanEvaluation {
  return evaluatePlan(taskTargetPlan(plan), observations, opts);
}

/** {@link evaluateTaskTargets} in steps (see evaluatePlanSteps). */
export function evaluateTaskTargetsSteps(plan: Plan, observations: Observation[], opts: EvaluateOptions): Generator<void, PlanEvaluation> {
  return evaluatePlanSteps(taskTargetPlan(plan), observations, opts);
}
