/**
 * Plans in their hierarchy and over time: each plan's parent, predecessor and the plans a special
 * plan serves are rows of `plan_links`; each indicator's counterpart in the parent (★ ▲) and its
 * predecessor in the previous period are rows of `indicator_links`. The inverse relations
 * (children, successor, special plans) are read off the same rows, so they cannot disagree.
 */
import type { Plan, PlanLevel } from '../core/model.js';
import { recordAudit } from './audit.js';
import { getPlan } from './plans.js';
import { linkRow } from './hierarchy-seed.js';
import type { IndicatorLinkTable } from './schema.js';
import { bumpDataVersion, now, type Actor, type Db } from './util.js';

import type { IndicatorRelation, PlanRelation } from './hierarchy-seed.js';

export type { IndicatorRelation, PlanRelation };

export class HierarchyError extends Error {
  constructor(
    readonly code: 'invalid' | 'notFound',
    message: string,
  ) {
    super(message);
    this.name = 'HierarchyError';
  }
}

export interface PlanRef {
  id: string;
  title: string;
  level: PlanLevel;
  baseYear: number;
  targetYear: number;
  demo: boolean;
}

export interface PlanRelations {
  planId: string;
  parent: PlanRef | null;
  children: PlanRef[];
  predecessor: PlanRef | null;
  successor: PlanRef | null;
  /** Special, regional and spatial plans that serve this plan. */
  specialPlans: PlanRef[];
  /** For a special plan: the plans it serves. */
  serves: PlanRef[];
  /** Linked ids whose plan is not in this store (e.g. a city plan not yet loaded). */
  missing: string[];
}

export interface StoredIndicatorLink {
  planId: string;
  indicatorId: string;
  relation: IndicatorRelation;
  otherPlanId: string;
  otherIndicatorId: string;
  sameScope: boolean;
  note: string | null;
  setBy: string | null;
  setAt: string;
}

const LEVEL_RANK: Record<PlanLevel, number> = { national: 0, province: 1, city: 2, county: 3 };

function refOf(p: Plan): PlanRef {
  const m = p.meta;
  return { id: m.id, title: m.title, level: m.level, baseYear: m.baseYear, targetYear: m.targetYear, demo: m.demo === true };
}

export async function planRelations(db: Db, planId: string): Promise<PlanRelations> {
  const [own, inverse] = await Promise.all([
    db.selectFrom('plan_links').selectAll().where('plan_id', '=', planId).execute(),
    db.selectFrom('plan_links').selectAll().where('other_plan_id', '=', planId).execute(),
  ]);
  const missing: string[] = [];
  const ref = async (id: string): Promise<PlanRef | null> => {
    const p = await getPlan(db, id);
    if (!p) missing.push(id);
    return p ? refOf(p) : null;
  };
  const refs = async (ids: string[]): Promise<PlanRef[]> => (await Promise.all(ids.map(ref))).filter((r): r is PlanRef => r !== null);
  const ownOf = (rel: PlanRelation) => own.filter((l) => l.relation === rel).map((l) => l.other_plan_id);
  const inverseOf = (rel: PlanRelation) => inverse.filter((l) => l.relation === rel).map((l) => l.plan_id);
  const parentId = ownOf('parent')[0];
  const predecessorId = ownOf('predecessor')[0];
  const successorId = inverseOf('predecessor')[0];
  return {
    planId,
    parent: parentId ? await ref(parentId) : null,
    children: await refs(inverseOf('parent').sort()),
    predecessor: predecessorId ? await ref(predecessorId) : null,
    successor: successorId ? await ref(successorId) : null,
    specialPlans: await refs(inverseOf('serves').sort()),
    serves: await refs(ownOf('serves')),
    missing,
  };
}

/** Ids of the plans whose parent is this plan. */
export async function childPlanIds(db: Db, planId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('plan_links')
    .select('plan_id')
    .where('other_plan_id', '=', planId)
    .where('relation', '=', 'parent')
    .orderBy('plan_id')
    .execute();
  return rows.map((r) => r.plan_id);
}

/**
 * Sets (or, with `otherId` null, removes) a plan's parent or predecessor, or adds/removes a plan a
 * special plan serves. The parent must be of a higher level; a predecessor must end before the plan
 * begins; no plan links to itself.
 */
export async function setPlanLink(
  db: Db,
  actor: Actor,
  planId: string,
  relation: PlanRelation,
  otherId: string | null,
  remove = false,
): Promise<PlanRelations> {
  const plan = await getPlan(db, planId);
  if (!plan) throw new HierarchyError('notFound', `没有规划「${planId}」`);
  const before = await db.selectFrom('plan_links').selectAll().where('plan_id', '=', planId).where('relation', '=', relation).execute();
  if (otherId !== null && !remove) {
    if (otherId === planId) throw new HierarchyError('invalid', '规划不能与自身关联');
    const other = await getPlan(db, otherId);
    if (!other) throw new HierarchyError('notFound', `没有规划「${otherId}」`);
    if (relation === 'parent' && LEVEL_RANK[other.meta.level] >= LEVEL_RANK[plan.meta.level])
      throw new HierarchyError('invalid', `上级规划应为更高层级：「${other.meta.shortTitle}」与「${plan.meta.shortTitle}」层级不符`);
    if (relation === 'predecessor' && other.meta.targetYear > plan.meta.baseYear)
      throw new HierarchyError('invalid', `上一期规划应在本规划基期（${plan.meta.baseYear}年）或之前结束`);
    if (relation === 'serves' && plan.meta.kind === 'development')
      throw new HierarchyError('invalid', '只有专项规划、区域规划或国土空间规划才服务于其他规划');
  }
  if (relation !== 'serves' || remove) {
    let q = db.deleteFrom('plan_links').where('plan_id', '=', planId).where('relation', '=', relation);
    if (relation === 'serves' && otherId) q = q.where('other_plan_id', '=', otherId);
    await q.execute();
  }
  if (otherId !== null && !remove)
    await db
      .insertInto('plan_links')
      .values({ plan_id: planId, relation, other_plan_id: otherId, set_by: actor.username, set_at: now() })
      .onConflict((oc) => oc.doNothing())
      .execute();
  await recordAudit(db, actor, {
    action: 'planLink.set',
    entity: 'plan',
    entityId: planId,
    planId,
    before: before.map((b) => ({ relation, plan: b.other_plan_id })),
    after: remove || otherId === null ? null : { relation, plan: otherId },
  });
  await bumpDataVersion(db);
  return planRelations(db, planId);
}

function toLink(r: IndicatorLinkTable): StoredIndicatorLink {
  return {
    planId: r.plan_id,
    indicatorId: r.indicator_id,
    relation: r.relation as IndicatorRelation,
    otherPlanId: r.other_plan_id,
    otherIndicatorId: r.other_indicator_id,
    sameScope: r.same_scope === 1,
    note: r.note,
    setBy: r.set_by,
    setAt: r.set_at,
  };
}

/** The links of a plan's indicators (its own), or those pointing at a plan's indicators (`inverse`). */
export async function indicatorLinks(
  db: Db,
  planIds: string | string[],
  opts: { relation?: IndicatorRelation; inverse?: boolean } = {},
): Promise<StoredIndicatorLink[]> {
  const ids = Array.isArray(planIds) ? planIds : [planIds];
  if (!ids.length) return [];
  let q = db
    .selectFrom('indicator_links')
    .selectAll()
    .where(opts.inverse ? 'other_plan_id' : 'plan_id', 'in', ids);
  if (opts.relation) q = q.where('relation', '=', opts.relation);
  const rows = await q.orderBy('plan_id').orderBy('indicator_id').execute();
  return rows.map(toLink);
}

/**
 * Links one indicator to its counterpart in the parent plan or its predecessor in the previous
 * plan (`link` null removes it). The other plan defaults to the plan's parent / predecessor and
 * must hold the other indicator.
 */
export async function setIndicatorLink(
  db: Db,
  actor: Actor,
  planId: string,
  indicatorId: string,
  relation: IndicatorRelation,
  link: { plan?: string; indicator: string; sameScope?: boolean; note?: string } | null,
): Promise<StoredIndicatorLink | null> {
  const plan = await getPlan(db, planId);
  if (!plan) throw new HierarchyError('notFound', `没有规划「${planId}」`);
  if (!plan.indicators.some((i) => i.id === indicatorId)) throw new HierarchyError('notFound', `规划中没有指标「${indicatorId}」`);
  const before = (await indicatorLinks(db, planId, { relation })).find((l) => l.indicatorId === indicatorId) ?? null;
  await db
    .deleteFrom('indicator_links')
    .where('plan_id', '=', planId)
    .where('indicator_id', '=', indicatorId)
    .where('relation', '=', relation)
    .execute();
  let after: StoredIndicatorLink | null = null;
  if (link) {
    const rels = await planRelations(db, planId);
    const otherId = link.plan ?? (relation === 'counterpart' ? rels.parent?.id : rels.predecessor?.id);
    if (!otherId)
      throw new HierarchyError(
        'invalid',
        relation === 'counterpart' ? '本规划尚未关联上级规划，请指定对应规划' : '本规划尚未关联上一期规划，请指定对应规划',
      );
    const other = await getPlan(db, otherId);
    if (!other) throw new HierarchyError('notFound', `没有规划「${otherId}」`);
    if (!other.indicators.some((i) => i.id === link.indicator))
      throw new HierarchyError('notFound', `规划「${other.meta.shortTitle}」中没有指标「${link.indicator}」`);
    const row = linkRow(
      planId,
      indicatorId,
      relation,
      { plan: otherId, indicator: link.indicator, sameScope: link.sameScope ?? true, note: link.note },
      actor,
      now(),
    );
    await db.insertInto('indicator_links').values(row).execute();
    after = toLink(row);
  }
  await recordAudit(db, actor, {
    action: 'indicatorLink.set',
    entity: 'indicator',
    entityId: indicatorId,
    planId,
    indicatorId,
    before,
    after,
  });
  await bumpDataVersion(db);
  return after;
}
