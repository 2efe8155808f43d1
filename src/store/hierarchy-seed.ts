/**
 * The links a plan's own files state (parent, predecessor, plans served, indicator counterparts and
 * predecessors), copied into the link tables when the plan is added. Apart from hierarchy.ts so that
 * adding a plan does not depend on reading relations.
 */
import type { IndicatorLink, Plan } from '../core/model.js';
import { now, type Actor, type Db } from './util.js';

export type PlanRelation = 'parent' | 'predecessor' | 'serves';
export type IndicatorRelation = 'counterpart' | 'predecessor';

/** Copies the links a plan's own files state; called when the plan is added. */
export async function seedLinks(db: Db, plan: Plan, actor: Actor): Promise<void> {
  const m = plan.meta;
  const t = now();
  const planLinks: [PlanRelation, string][] = [
    ...(m.parent ? [['parent', m.parent] as [PlanRelation, string]] : []),
    ...(m.predecessor ? [['predecessor', m.predecessor] as [PlanRelation, string]] : []),
    ...m.serves.map((s) => ['serves', s] as [PlanRelation, string]),
  ];
  for (const [relation, other] of planLinks)
    await db
      .insertInto('plan_links')
      .values({ plan_id: m.id, relation, other_plan_id: other, set_by: actor.username, set_at: t })
      .onConflict((oc) => oc.doNothing())
      .execute();
  for (const ind of plan.indicators) {
    for (const relation of ['counterpart', 'predecessor'] as const) {
      const link = ind[relation];
      if (!link) continue;
      const other = link.plan ?? (relation === 'counterpart' ? m.parent : m.predecessor)!;
      await db
        .insertInto('indicator_links')
        .values(linkRow(m.id, ind.id, relation, { ...link, plan: other }, actor, t))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}

export function linkRow(planId: string, indicatorId: string, relation: IndicatorRelation, link: IndicatorLink, actor: Actor, t: string) {
  return {
    plan_id: planId,
    indicator_id: indicatorId,
    relation,
    other_plan_id: link.plan!,
    other_indicator_id: link.indicator,
    same_scope: link.sameScope === false ? 0 : 1,
    note: link.note ?? null,
    set_by: actor.username,
    set_at: t,
  };
}
