/** Plans in the store: seeded from the shipped plan folders on first start, read as validated data. */
import { PlanSchema, withSettings, type Plan } from '../core/model.js';
import { listShippedPlans, loadPlan } from '../plans/load.js';
import { recordAudit } from './audit.js';
import { refuseDemoValues } from './demo-guard.js';
import { seedLinks } from './hierarchy-seed.js';
import { annualTargetRow } from './planning.js';
import { addProject } from './projects.js';
import { bumpDataVersion, now, SYSTEM, type Actor, type Db } from './util.js';
import { approvedRow } from './values.js';

export const DEFAULT_PLAN = 'xiuzhou-14th';

/** Parsed plans by id and creation time: plans never change in place, so the pair identifies a version. */
const parsed = new Map<string, { createdAt: string; plan: Plan }>();

export interface PlanSummary {
  id: string;
  title: string;
  isDefault: boolean;
  createdAt: string;
}

export async function listPlans(db: Db): Promise<PlanSummary[]> {
  const rows = await db
    .selectFrom('plans')
    .select(['id', 'title', 'is_default', 'created_at'])
    .orderBy('is_default', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, isDefault: r.is_default === 1, createdAt: r.created_at }));
}

export async function getPlan(db: Db, id: string): Promise<Plan | undefined> {
  const head = await db.selectFrom('plans').select(['created_at']).where('id', '=', id).executeTakeFirst();
  if (!head) return undefined;
  const hit = parsed.get(id);
  if (hit && hit.createdAt === head.created_at) return hit.plan;
  const row = await db.selectFrom('plans').select(['data', 'created_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const plan = withSettings(PlanSchema.parse(JSON.parse(row.data)));
  parsed.set(id, { createdAt: row.created_at, plan });
  return plan;
}

/** Several plans at once (a parent's children): two queries, parsed plans reused as getPlan does. */
export async function getPlans(db: Db, ids: string[]): Promise<Map<string, Plan>> {
  const out = new Map<string, Plan>();
  if (!ids.length) return out;
  const heads = await db.selectFrom('plans').select(['id', 'created_at']).where('id', 'in', ids).execute();
  const stale: string[] = [];
  for (const h of heads) {
    const hit = parsed.get(h.id);
    if (hit && hit.createdAt === h.created_at) out.set(h.id, hit.plan);
    else stale.push(h.id);
  }
  if (stale.length) {
    const rows = await db.selectFrom('plans').select(['id', 'data', 'created_at']).where('id', 'in', stale).execute();
    for (const row of rows) {
      const plan = withSettings(PlanSchema.parse(JSON.parse(row.data)));
      parsed.set(row.id, { createdAt: row.created_at, plan });
      out.set(row.id, plan);
    }
  }
  return out;
}

/**
 * Adds a plan with its org units, published values (as approved) and yearly-plan targets. The
 * plan's own published figures are the only values that enter without the workflow.
 */
export async function addPlan(db: Db, plan: Plan, actor: Actor = SYSTEM, isDefault = false): Promise<void> {
  await refuseDemoValues(db, `规划「${plan.meta.id}」的公布数据`, plan.observations);
  // A synthetic plan (meta.demo) is demonstration data as a whole, figures or not.
  if (plan.meta.demo) await refuseDemoValues(db, `规划「${plan.meta.id}」`, [{ demo: true }]);
  const t = now();
  const { settings: _settings, ...data } = plan;
  await db
    .insertInto('plans')
    .values({ id: plan.meta.id, title: plan.meta.title, data: JSON.stringify(data), is_default: isDefault ? 1 : 0, created_at: t })
    .execute();
  for (const u of plan.orgUnits) {
    await db
      .insertInto('units')
      .values({ id: u.id, name: u.name, kind: u.kind, parent_id: u.parentId ?? null, description: u.description ?? null })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  for (const o of plan.observations)
    await db
      .insertInto('plan_values')
      .values(approvedRow(plan.meta.id, o, 'published', t))
      .execute();
  for (const a of plan.annualTargets)
    await db
      .insertInto('annual_targets')
      .values(annualTargetRow(plan.meta.id, a, null, t))
      .execute();
  for (const p of plan.projects) await addProject(db, actor, plan.meta.id, p, 'plan');
  await seedLinks(db, plan, actor);
  // A new plan changes what derived responses list (the cockpit's plan switcher, a parent's roll-up).
  await bumpDataVersion(db);
  await recordAudit(db, actor, {
    action: 'plan.add',
    entity: 'plan',
    entityId: plan.meta.id,
    planId: plan.meta.id,
    after: { title: plan.meta.title, indicators: plan.indicators.length, values: plan.observations.length },
  });
}

/** Seeds the shipped plans once per store; safe when several processes start together. */
export async function seedShippedPlans(db: Db): Promise<boolean> {
  const claimed = await db
    .insertInto('meta')
    .values({ key: 'seeded', value: now() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  for (const id of listShippedPlans()) await addPlan(db, loadPlan(id), SYSTEM, id === DEFAULT_PLAN);
  return true;
}

export async function defaultPlanId(db: Db): Promise<string | undefined> {
  const r = await db.selectFrom('plans').select('id').orderBy('is_default', 'desc').orderBy('id').executeTakeFirst();
  return r?.id;
}
