/**
 * Assigned targets (下达值) in the store: recorded once, with the document that assigns them, by the
 * higher level's admin or by the lower plan's admin quoting that document. Every change is audited
 * and makes cached evaluations stale.
 */
import { isAssignedRow, readAssignment, type AssignedTarget } from '../core/assigned.js';
import type { Plan, Source } from '../core/model.js';
import { NotationError } from '../core/notation.js';
import { recordAudit } from './audit.js';
import { HierarchyError } from './hierarchy.js';
import { getPlan } from './plans.js';
import type { AssignedTargetTable } from './schema.js';
import { bumpDataVersion, now, type Actor, type Db } from './util.js';

function toAssigned(r: AssignedTargetTable): AssignedTarget {
  return {
    planId: r.plan_id,
    indicatorId: r.indicator_id,
    year: r.year === 0 ? null : r.year,
    target: r.target,
    base: r.base,
    fromPlanId: r.from_plan_id,
    source: { title: r.source_title, ...(r.source_url ? { url: r.source_url } : {}), ...(r.quote ? { quote: r.quote } : {}) },
    setBy: r.set_by,
    setAt: r.set_at,
  };
}

export async function listAssignedTargets(db: Db, planIds: string | string[]): Promise<AssignedTarget[]> {
  const ids = Array.isArray(planIds) ? planIds : [planIds];
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('assigned_targets')
    .selectAll()
    .where('plan_id', 'in', ids)
    .orderBy('plan_id')
    .orderBy('indicator_id')
    .orderBy('year')
    .execute();
  return rows.map(toAssigned);
}

export interface AssignedTargetInput {
  indicatorId: string;
  year?: number | null;
  target: string;
  base?: number | null;
  fromPlanId?: string | null;
  source: Source;
}

/** Records (or replaces) the assignment of one row for the period or a year. */
export async function setAssignedTarget(db: Db, actor: Actor, plan: Plan, input: AssignedTargetInput): Promise<AssignedTarget> {
  const ind = plan.indicators.find((i) => i.id === input.indicatorId);
  if (!ind) throw new HierarchyError('notFound', `规划中没有指标「${input.indicatorId}」`);
  if (!isAssignedRow(ind))
    throw new HierarchyError(
      'invalid',
      `指标「${ind.name}」的目标为「${ind.target ?? ind.growthTarget}」，不是「完成上级下达目标」，不能录入下达值`,
    );
  if (!input.source.title.trim()) throw new HierarchyError('invalid', '下达值必须注明来源文件');
  const year = input.year ?? null;
  if (year !== null && (year <= plan.meta.baseYear || year > plan.meta.targetYear))
    throw new HierarchyError('invalid', `下达年度应在${plan.meta.baseYear + 1}—${plan.meta.targetYear}之间`);
  if (input.base !== undefined && input.base !== null && !Number.isFinite(input.base))
    throw new HierarchyError('invalid', '基期值必须是数字');
  try {
    readAssignment(ind, input.target, year);
  } catch (e) {
    throw new HierarchyError('invalid', e instanceof NotationError ? e.message : (e as Error).message);
  }
  if (input.fromPlanId && !(await getPlan(db, input.fromPlanId))) throw new HierarchyError('notFound', `没有规划「${input.fromPlanId}」`);
  const row: AssignedTargetTable = {
    plan_id: plan.meta.id,
    indicator_id: ind.id,
    year: year ?? 0,
    target: input.target.trim(),
    base: input.base ?? null,
    from_plan_id: input.fromPlanId ?? null,
    source_title: input.source.title.trim(),
    source_url: input.source.url ?? null,
    quote: input.source.quote ?? null,
    set_by: actor.username,
    set_at: now(),
  };
  const before = (await listAssignedTargets(db, plan.meta.id)).find((a) => a.indicatorId === ind.id && a.year === year);
  await db
    .deleteFrom('assigned_targets')
    .where('plan_id', '=', row.plan_id)
    .where('indicator_id', '=', row.indicator_id)
    .where('year', '=', row.year)
    .execute();
  await db.insertInto('assigned_targets').values(row).execute();
  const after = toAssigned(row);
  await recordAudit(db, actor, {
    action: 'assignedTarget.set',
    entity: 'indicator',
    entityId: ind.id,
    planId: plan.meta.id,
    indicatorId: ind.id,
    before: before ?? null,
    after,
  });
  await bumpDataVersion(db);
  return after;
}

export async function withdrawAssignedTarget(
  db: Db,
  actor: Actor,
  plan: Plan,
  indicatorId: string,
  year: number | null,
  reason: string,
): Promise<void> {
  if (!reason.trim()) throw new HierarchyError('invalid', '撤销下达值必须填写原因');
  const before = (await listAssignedTargets(db, plan.meta.id)).find((a) => a.indicatorId === indicatorId && a.year === year);
  if (!before) throw new HierarchyError('notFound', `指标「${indicatorId}」没有${year === null ? '规划期' : `${year}年`}的下达值`);
  await db
    .deleteFrom('assigned_targets')
    .where('plan_id', '=', plan.meta.id)
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year ?? 0)
    .execute();
  await recordAudit(db, actor, {
    action: 'assignedTarget.withdraw',
    entity: 'indicator',
    entityId: indicatorId,
    planId: plan.meta.id,
    indicatorId,
    before,
    reason,
  });
  await bumpDataVersion(db);
}
