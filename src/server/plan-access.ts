/** Loading a plan for a request, and the units an indicator is assigned to (for 'ownUnit' rules). */
import type { Plan } from '../core/model.js';
import type { Store } from '../store/index.js';
import { listAssignments } from '../store/planning.js';
import { getPlan } from '../store/plans.js';
import { notFound } from './errors.js';

export async function planOr404(store: Store, id: string): Promise<Plan> {
  const plan = await getPlan(store.db, id);
  if (!plan) throw notFound(`规划「${id}」`);
  return plan;
}

export async function unitsOfIndicator(store: Store, planId: string, indicatorId: string): Promise<string[]> {
  return (await listAssignments(store.db, planId))
    .filter((a) => a.targetType === 'indicator' && a.targetId === indicatorId)
    .map((a) => a.unitId);
}
