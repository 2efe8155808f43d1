/**
 * Evaluation from the store: the plan, its approved values, the yearly plan, official verdicts and
 * the targets the higher level assigned (下达值), put through the core engine. Results are cached
 * per process under the store's data version, which every change bumps, so several processes on
 * one database never serve a stale evaluation. Several plans (a parent's children) load in one
 * query per table.
 *
 * The cache is bounded by an estimate of the memory its entries hold (not their count: one entry of
 * a 5,000-indicator plan weighs as much as hundreds of a small one), only the plan's own years are
 * evaluated, and the engine runs in steps that give other requests their turn (a worker thread
 * would have to copy the plan and values over and back, and results carry their explanation as a
 * function, which does not cross threads).
 */
import { LRUCache } from 'lru-cache';
import { withAssignedTargets, type AssignedTarget } from '../core/assigned.js';
import { evaluatePlanSteps, type PlanEvaluation } from '../core/evaluate.js';
import { evaluateTaskTargetsSteps } from '../core/targets.js';
import type { AnnualTarget, Observation, OfficialVerdict, Plan } from '../core/model.js';
import { listAssignedTargets } from './assigned.js';
import { townsOf, townSums } from './towns.js';
import { getPlans } from './plans.js';
import { annualTargetsOf, officialVerdictsOf, PlanningError } from './planning.js';
import { dataVersion, OBSERVATION_COLUMNS, toObservation, type Db } from './util.js';
import { runYielding } from '../core/steps.js';

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

/** Bytes an evaluation holds per result and per value, measured on the synthetic 5,000-indicator plan. */
const BYTES_PER_RESULT = 4_000;
const BYTES_PER_OBSERVATION = 400;

export function evaluationSize(e: StoredEvaluation): number {
  const results = e.evaluation.results.length + e.taskEvaluation.results.length;
  return 10_000 + results * BYTES_PER_RESULT + e.observations.length * BYTES_PER_OBSERVATION;
}

/** Memory the cache may hold: PLANWATCH_EVAL_CACHE_MB, 256 MB by default. */
export const EVALUATION_CACHE_BYTES = Number(process.env.PLANWATCH_EVAL_CACHE_MB ?? 256) * 1024 * 1024;

const cache = new LRUCache<string, StoredEvaluation>({ maxSize: EVALUATION_CACHE_BYTES, sizeCalculation: evaluationSize });
/** Evaluations being computed: identical requests meanwhile wait for the same one. */
const pending = new Map<string, Promise<StoredEvaluation | undefined>>();

/** What the cache holds now, for tests and the operator. */
export function evaluationCacheUse(): { entries: number; bytes: number; maxBytes: number } {
  return { entries: cache.size, bytes: cache.calculatedSize, maxBytes: EVALUATION_CACHE_BYTES };
}

/** The years a plan can be evaluated for: its base year to its target year. */
export function checkPlanYear(plan: Plan, year: number | undefined): void {
  const { baseYear, targetYear } = plan.meta;
  if (year !== undefined && (year < baseYear || year > targetYear))
    throw new PlanningError('invalid', `年份${year}不在规划期内：「${plan.meta.title}」只能按${baseYear}—${targetYear}年评估`);
}

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
    db
      .selectFrom('plan_values')
      .select(['plan_id', ...OBSERVATION_COLUMNS])
      .where('plan_id', 'in', planIds)
      .where('status', '=', 'approved')
      // The plan area's own figures; towns' figures are summed into it below where they add up.
      .where('for_unit_id', '=', '')
      .execute(),
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

async function evaluateInputs(plan: Plan, inputs: Inputs, opts: EvaluateStoredOptions, version: number): Promise<StoredEvaluation> {
  const { observations } = inputs;
  const latestYear = latestYearWithData(plan, observations);
  const year = opts.year ?? (opts.final ? plan.meta.targetYear : latestYear);
  const judged = withAssignedTargets(plan, inputs.assigned, inputs.annualTargets);
  const options = { year, final: opts.final, annualTargets: judged.annualTargets, officialVerdicts: inputs.officialVerdicts };
  const evaluation = await runYielding(evaluatePlanSteps(judged.plan, observations, options));
  const taskEvaluation = await runYielding(evaluateTaskTargetsSteps(plan, observations, options));
  return { plan, evaluation, taskEvaluation, observations, assigned: inputs.assigned, dataVersion: version, latestYear };
}

const keyOf = (planId: string, opts: EvaluateStoredOptions): string => `${planId}|${opts.year ?? ''}|${opts.final ? 1 : 0}`;

async function computeMany(
  db: Db,
  planIds: string[],
  opts: EvaluateStoredOptions,
  version: number,
  strictYear: boolean,
): Promise<Map<string, StoredEvaluation>> {
  const [plans, inputs] = await Promise.all([getPlans(db, planIds), loadInputs(db, planIds)]);
  const out = new Map<string, StoredEvaluation>();
  for (const id of planIds) {
    const plan = plans.get(id);
    if (!plan) continue;
    if (strictYear) checkPlanYear(plan, opts.year);
    const own = inputs.get(id)!;
    // The district's own figures, and where it has none and the indicator adds up, the towns' sum.
    if (townsOf(plan).length) own.observations = [...own.observations, ...(await townSums(db, plan, own.observations))];
    out.set(id, await evaluateInputs(plan, own, opts, version));
  }
  return out;
}

function remember(key: string, result: StoredEvaluation, version: number): void {
  if ((cache.get(key)?.dataVersion ?? -1) <= version) cache.set(key, result);
}

export async function evaluateStored(db: Db, planId: string, opts: EvaluateStoredOptions = {}): Promise<StoredEvaluation | undefined> {
  const version = await dataVersion(db);
  const key = keyOf(planId, opts);
  const hit = cache.get(key);
  if (hit && hit.dataVersion === version) return hit;
  const job = `${key}|${version}`;
  let p = pending.get(job);
  if (!p) {
    p = computeMany(db, [planId], opts, version, true)
      .then((m) => m.get(planId))
      .finally(() => pending.delete(job));
    pending.set(job, p);
  }
  const result = await p;
  if (result) remember(key, result, version);
  return result;
}

/**
 * Several plans' evaluations under one data version (a parent's children, in one query per table);
 * plans not in the store are left out. A year outside a child's own period is its business, not
 * an error of the roll-up: the child is evaluated for the year anyway and its cells say so.
 */
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
  for (const [id, result] of await computeMany(db, todo, opts, version, false)) {
    remember(keyOf(id, opts), result, version);
    out.set(id, result);
  }
  return out;
}
