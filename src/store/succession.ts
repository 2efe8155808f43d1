/**
 * Plans over time from the store: the bases a successor plan is proposed from its predecessor's
 * final year, and one indicator's series across the periods its predecessor links join.
 */
import { crossPeriodSeries, proposeBases, type BaseProposal, type CrossPeriodSeries, type PeriodInput } from '../core/succession.js';
import { HierarchyError, indicatorLinks, planRelations } from './hierarchy.js';
import { getPlan } from './plans.js';
import type { Db } from './util.js';
import { approvedObservations } from './values.js';

export async function successionBases(db: Db, planId: string): Promise<{ predecessorId: string | null; bases: BaseProposal[] }> {
  const plan = await getPlan(db, planId);
  if (!plan) throw new HierarchyError('notFound', `没有规划「${planId}」`);
  const rel = await planRelations(db, planId);
  if (!rel.predecessor) return { predecessorId: null, bases: [] };
  const prev = (await getPlan(db, rel.predecessor.id))!;
  const links = (await indicatorLinks(db, planId, { relation: 'predecessor' })).filter((l) => l.otherPlanId === prev.meta.id);
  return { predecessorId: prev.meta.id, bases: proposeBases(plan, prev, await approvedObservations(db, prev.meta.id), links) };
}

/** Walks predecessor links back and successor links forward from one indicator (at most ten periods). */
export async function seriesAcrossPeriods(db: Db, planId: string, indicatorId: string): Promise<CrossPeriodSeries> {
  const plan = await getPlan(db, planId);
  const ind = plan?.indicators.find((i) => i.id === indicatorId);
  if (!plan || !ind) throw new HierarchyError('notFound', `没有规划「${planId}」的指标「${indicatorId}」`);
  const periods: PeriodInput[] = [{ plan, indicator: ind, observations: await approvedObservations(db, planId), sameScopeAsNext: null }];
  // Back: this indicator's predecessor link, in the predecessor plan.
  for (let i = 0; i < 10; i++) {
    const head = periods[0]!;
    const link = (await indicatorLinks(db, head.plan.meta.id, { relation: 'predecessor' })).find(
      (l) => l.indicatorId === head.indicator.id,
    );
    const prev = link && (await getPlan(db, link.otherPlanId));
    const prevInd = prev && prev.indicators.find((x) => x.id === link.otherIndicatorId);
    if (!prev || !prevInd) break;
    periods.unshift({
      plan: prev,
      indicator: prevInd,
      observations: await approvedObservations(db, prev.meta.id),
      sameScopeAsNext: link.sameScope,
    });
  }
  // Forward: a successor plan's indicator whose predecessor is this one.
  for (let i = 0; i < 10; i++) {
    const tail = periods[periods.length - 1]!;
    const link = (await indicatorLinks(db, tail.plan.meta.id, { relation: 'predecessor', inverse: true })).find(
      (l) => l.otherIndicatorId === tail.indicator.id,
    );
    const next = link && (await getPlan(db, link.planId));
    const nextInd = next && next.indicators.find((x) => x.id === link.indicatorId);
    if (!next || !nextInd) break;
    tail.sameScopeAsNext = link.sameScope;
    periods.push({ plan: next, indicator: nextInd, observations: await approvedObservations(db, next.meta.id), sameScopeAsNext: null });
  }
  return crossPeriodSeries(periods);
}
