/**
 * Xiuzhou's 14th plan now names the national 14th plan as its parent and links its rows to the
 * national rows (src/plans/xiuzhou-14th/counterparts.yaml). A store seeded before that holds both
 * plans without the links: they are copied in here, as the plan files state them. A parent an admin
 * has already set, and any counterpart an admin has linked, are kept; a fresh store (plans not yet
 * seeded) gets the links when the plans are added.
 */
import type { Kysely, Migration } from 'kysely';
import { loadPlan } from '../../plans/load.js';
import { linkRow } from '../hierarchy-seed.js';
import type { Database } from '../schema.js';
import { now, SYSTEM } from '../util.js';

const CHILD = 'xiuzhou-14th';

export const hierarchyLinks: Migration = {
  async up(raw: Kysely<unknown>) {
    const db = raw as unknown as Kysely<Database>;
    const plan = loadPlan(CHILD);
    const parent = plan.meta.parent;
    if (!parent) return;
    const present = await db.selectFrom('plans').select('id').where('id', 'in', [CHILD, parent]).execute();
    if (present.length < 2) return;
    const t = now();
    const linked = await db
      .selectFrom('plan_links')
      .select('other_plan_id')
      .where('plan_id', '=', CHILD)
      .where('relation', '=', 'parent')
      .executeTakeFirst();
    if (!linked)
      await db
        .insertInto('plan_links')
        .values({ plan_id: CHILD, relation: 'parent', other_plan_id: parent, set_by: SYSTEM.username, set_at: t })
        .execute();
    for (const ind of plan.indicators) {
      if (!ind.counterpart) continue;
      await db
        .insertInto('indicator_links')
        .values(linkRow(CHILD, ind.id, 'counterpart', { ...ind.counterpart, plan: ind.counterpart.plan ?? parent }, SYSTEM, t))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  },
};
