/**
 * Evaluation from the store: the plan, its approved values, the yearly plan and official verdicts,
 * put through the core engine. Results are cached per process under the store's data version, which
 * every change bumps, so several processes on one database never serve a stale evaluation.
 *
 * The cache is bounded by an estimate of the memory its entries hold (not their count: one entry of
 * a 5,000-indicator plan weighs as much as hundreds of a small one), only the plan's own years are
 * evaluated, and the engine runs in steps that give other requests their turn (a worker thread
 * would have to copy the plan and values over and back, and results carry their explanation as a
 * function, which does not cross threads).
 */
import { LRUCache } from 'lru-cache';
import { evaluatePlanSteps, type PlanEvaluation } from '../core/evaluate.js';
import { evaluateTaskTargetsSteps } from '../core/targets.js';
import type { Observation, Plan } from '../core/model.js';
import { getPlan } from './plans.js';
import { listAnnualTargets, listOfficialVerdicts, PlanningError } from './planning.js';
import { runYielding } from '../core/steps.js';
import { dataVersion, type Db } from './util.js';
import { townSums } from './towns.js';
import { approvedObservations } from './values.js';

export interface StoredEvaluation {
  plan: Plan;
  evaluation: PlanEvaluation;
  /** The plan's task targets, judged the same way; counted apart from the main indicators. */
  taskEvaluation: PlanEvaluation;
  observations: Observation[];
  dataVersion: number;
  latestYear: number;
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

export async function evaluateStored(
  db: Db,
  planId: string,
  opts: { year?: number; final?: boolean } = {},
): Promise<StoredEvaluation | undefined> {
  const version = await dataVersion(db);
  const key = `${planId}|${opts.year ?? ''}|${opts.final ? 1 : 0}`;
  const hit = cache.get(key);
  if (hit && hit.dataVersion === version) return hit;
  const job = `${key}|${version}`;
  let p = pending.get(job);
  if (!p) {
    p = compute(db, planId, opts, version).finally(() => pending.delete(job));
    pending.set(job, p);
  }
  const result = await p;
  if (result && (cache.get(key)?.dataVersion ?? -1) <= version) cache.set(key, result);
  return result;
}

async function compute(
  db: Db,
  planId: string,
  opts: { year?: number; final?: boolean },
  version: number,
): Promise<StoredEvaluation | undefined> {
  const plan = await getPlan(db, planId);
  if (!plan) return undefined;
  checkPlanYear(plan, opts.year);
  const [district, annualTargets, officialVerdicts] = await Promise.all([
    approvedObservations(db, planId),
    listAnnualTargets(db, planId),
    listOfficialVerdicts(db, planId),
  ]);
  // The district's own figures, and where it has none and the indicator adds up, the towns' sum.
  const observations = [...district, ...(await townSums(db, plan, district))];
  const latestYear = latestYearWithData(plan, observations);
  const year = opts.year ?? (opts.final ? plan.meta.targetYear : latestYear);
  const options = { year, final: opts.final, annualTargets, officialVerdicts };
  const evaluation = await runYielding(evaluatePlanSteps(plan, observations, options));
  const taskEvaluation = await runYielding(evaluateTaskTargetsSteps(plan, observations, options));
  return { plan, evaluation, taskEvaluation, observations, dataVersion: version, latestYear };
}
