/**
 * Evaluation from the store: the plan, its approved values, the yearly plan and official verdicts,
 * put through the core engine. Results are cached per process under the store's data version, which
 * every change bumps, so several processes on one database never serve a stale evaluation.
 */
import { evaluatePlan, type PlanEvaluation } from '../core/evaluate.js';
import { evaluateTaskTargets } from '../core/targets.js';
import type { Observation, Plan } from '../core/model.js';
import { getPlan } from './plans.js';
import { listAnnualTargets, listOfficialVerdicts } from './planning.js';
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

const cache = new Map<string, StoredEvaluation>();
const CACHE_LIMIT = 200;

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
  const plan = await getPlan(db, planId);
  if (!plan) return undefined;
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
  const evaluation = evaluatePlan(plan, observations, options);
  const taskEvaluation = evaluateTaskTargets(plan, observations, options);
  const result = { plan, evaluation, taskEvaluation, observations, dataVersion: version, latestYear };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}
