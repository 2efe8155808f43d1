/**
 * The roll-up of a parent plan from the store: its child plans (linked by `parent`), each child
 * indicator linked to a parent indicator as its counterpart, the children's evaluations (under the
 * store's data version, so one approved value shows on the next request) and, for readers who may
 * see them, every value's approval state. Also the higher level's return of a child's value.
 */
import { rollUp, type Rollup, type RollupChild, type RollupValue } from '../core/rollup.js';
import { evaluateStoredMany } from './evaluation.js';
import { childPlanIds, HierarchyError, indicatorLinks } from './hierarchy.js';
import { getPlan } from './plans.js';
import type { Actor, Db } from './util.js';
import { getValue, transition, type ValueRecord } from './values.js';

export interface RollupOptions {
  year?: number;
  final?: boolean;
  /** Include every value's approval state (drafts, submitted, returned): for admins and leaders. */
  withPending?: boolean;
}

export async function storedRollup(db: Db, parentId: string, opts: RollupOptions = {}): Promise<Rollup | undefined> {
  const parent = await getPlan(db, parentId);
  if (!parent) return undefined;
  const ids = await childPlanIds(db, parentId);
  const [links, pending, latest] = await Promise.all([
    indicatorLinks(db, ids, { relation: 'counterpart' }),
    opts.withPending && ids.length
      ? db
          .selectFrom('plan_values')
          .select(['id', 'plan_id', 'indicator_id', 'year', 'kind', 'value', 'scope', 'status', 'return_reason'])
          .where('plan_id', 'in', ids)
          .where('for_unit_id', '=', '')
          .execute()
      : Promise.resolve([]),
    // One year for every child, so that their cells compare: the latest year any child has approved data for.
    opts.year || !ids.length
      ? Promise.resolve(undefined)
      : db
          .selectFrom('plan_values')
          .select((eb) => eb.fn.max('year').as('y'))
          .where('plan_id', 'in', ids)
          .where('status', '=', 'approved')
          .where('year', '<=', parent.meta.targetYear)
          .executeTakeFirst(),
  ]);
  const year = opts.year ?? (opts.final ? parent.meta.targetYear : Number(latest?.y ?? parent.meta.baseYear + 1));
  const evaluations = await evaluateStoredMany(db, ids, { year, final: opts.final });
  const valuesOf = new Map<string, RollupValue[]>(ids.map((id) => [id, []]));
  for (const v of pending)
    valuesOf.get(v.plan_id)?.push({
      id: v.id,
      indicatorId: v.indicator_id,
      year: v.year,
      kind: v.kind,
      value: v.value,
      scope: v.scope,
      source: null,
      status: v.status,
      returnReason: v.return_reason,
    });
  const children: RollupChild[] = [];
  for (const id of ids) {
    const e = evaluations.get(id);
    if (!e) continue;
    const own = new Map<string, { indicatorId: string; sameScope: boolean }>();
    for (const l of links)
      if (l.planId === id && l.otherPlanId === parentId)
        own.set(l.otherIndicatorId, { indicatorId: l.indicatorId, sameScope: l.sameScope });
    children.push({ plan: e.plan, results: e.evaluation.results, observations: e.observations, values: valuesOf.get(id)!, links: own });
  }
  return rollUp(parent, children, year);
}

/**
 * The higher level returns a child's value (submitted or approved) with its reason: the value
 * unlocks and goes back to its reporter, audited. Only values of the parent's own children.
 */
export async function returnFromAbove(db: Db, actor: Actor, parentId: string, valueId: string, reason: string): Promise<ValueRecord> {
  const v = await getValue(db, valueId);
  const children = await childPlanIds(db, parentId);
  if (!children.includes(v.planId)) throw new HierarchyError('invalid', `该数值不属于「${parentId}」的下级规划，不能由其退回`);
  return transition(db, actor, valueId, 'returnFromAbove', reason);
}
