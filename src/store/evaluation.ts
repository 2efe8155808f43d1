/**
 * Evaluation from the store: the plan, its approved values, the yearly plan, official verdicts and
 * the targets the higher level assigned, put through the core engine. Results are cached per
 * process under the store's data version, which every change bumps, so several processes on one
 * database never serve a stale evaluation. Several plans (a parent's children) load in one query
 * per table.
 */
import { withAssignedTargets, type AssignedTarget } from '../core/assigned.js';
import { evaluatePlan, type PlanEvaluation } from '../core/evaluate.js';
import { evaluateTaskTargets } from '../core/targets.js';
import type { AnnualTarget, Observation, OfficialVerdict, Plan } from '../core/model.js';
import { listAssignedTargets } from './assigned.js';
import { getPlans } from './plans.js';
import { annualTargetsOf, officialVerdictsOf } from './planning.js';
import { dataVersion, toObservation, type Db } from './util.js';

export interface StoredEvaluation {
  plan: Plan;
  evaluation: PlanEvaluation;
  /** The plan's task targets, judged the same way; counted apart from the main indicators. */
  taskEvaluation: PlanEvaluation;
  observations: Observation[];
  /** The higher level's assignments the 「完成上级下达目标」 rows were judged on. */
  assigned: AssignedTarget[];
  dataVersion: number;
  latestYear: number;
}

export interface EvaluateStoredOptions {
  year?: number;
  final?: boolean;
}

const cache = new Map<string, StoredEvaluation>();
const CACHE_LIMIT = 400;

export function latestYearWithData(plan: Plan, observations: Observation[]): number {
  const years = observations.filter((o) => o.year > plan.meta.baseYear && o.year <= plan.meta.targetYear).map((o) => o.year);
  return years.length ? Math.max(...years) : plan.meta.baseYear + 1;
}

interface Inputs {
  observations: Observation[];
  annualTargets: AnnualTarget[];
  officialVerdicts: Record<string, OfficialVerdict>;
  assigned: AssignedTarget[];
}

async function loadInputs(db: Db, planIds: string[]): Promise<Map<string, Inputs>> {
  const [rows, annual, verdicts, assigned] = await Promise.all([
    db.selectFrom('plan_values').selectAll().where('plan_id', 'in', planIds).where('status', '=', 'approved').execute(),
    annualTargetsOf(db, planIds),
    officialVerdictsOf(db, planIds),
    listAssignedTargets(db, planIds),
  ]);
  const out = new Map<string, Inputs>();
  for (const id of planIds)
    out.set(id, { observations: [], annualTargets: annual.get(id) ?? [], officialVerdicts: verdicts.get(id) ?? {}, assigned: [] });
  for (const r of rows) out.get(r.plan_id)!.observations.push(toObservation(r));
  for (const a of assigned) out.get(a.planId)!.assigned.push(a);
  return out;
}

function evaluateInputs(plan: Plan, inputs: Inputs, opts: EvaluateStoredOptions, version: number): StoredEvaluation {
  const { observations } = inputs;
  const latestYear = latestYearWithData(plan, observations);
  const year = opts.year ?? (opts.final ? plan.meta.targetYear : latestYear);
  const judged = withAssignedTargets(plan, inputs.assigned, inputs.annualTargets);
  const options = { year, final: opts.final, annualTargets: judged.annualTargets, officialVerdicts: inputs.officialVerdicts };
  const evaluation = evaluatePlan(judged.plan, observations, options);
  const taskEvaluation = evaluateTaskTargets(plan, observations, options);
  return { plan, evaluation, taskEvaluation, observations, assigned: inputs.assigned, dataVersion: version, latestYear };
}

const keyOf = (planId: string, opts: EvaluateStoredOptions): string => `${planId}|${opts.year ?? ''}|${opts.final ? 1 : 0}`;

/** Several plans' evaluations under one data version; plans not in the store are left out. */
export async function evaluateStoredMany(
  db: Db,
  planIds: string[],
  opts: EvaluateStoredOptions = {},
): Promise<Map<string, StoredEvaluation>> {
  const version = await dataVersion(db);
  const out = new Map<string, StoredEvaluation>();
  const todo: string[] = [];
  for (const id of planIds) {
    const hit = cache.get(keyOf(id, opts));
    if (hit && hit.dataVersion === version) out.set(id, hit);
    else todo.push(id);
  }
  if (!todo.length) return out;
  const [plans, inputs] = await Promise.all([getPlans(db, todo), loadInputs(db, todo)]);
  for (const id of todo) {
    const plan = plans.get(id);
    if (!plan) continue;
    const result = evaluateInputs(plan, inputs.get(id)!, opts, version);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(keyOf(id, opts), result);
    out.set(id, result);
  }
  return out;
}

export async function evaluateStored(db: Db, planId: string, opts: EvaluateStoredOptions = {}): Promise<StoredEvaluation | undefined> {
  return (await evaluateStoredMany(db, [planId], opts)).get(planId);
}
