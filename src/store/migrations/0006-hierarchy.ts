/**
 * Plans in their hierarchy and over time: links between plans (parent, predecessor, the plans a
 * special plan serves), links between indicators (counterpart in the parent, predecessor in the
 * previous period) and the targets a higher level assigns (下达值). Links are rows rather than part
 * of a plan's stored JSON because admins set them after the plans are in; the plan files' own
 * links are copied in when a plan is added.
 */
import type { Kysely, Migration } from 'kysely';

export const hierarchy: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s
      .createTable('plan_links')
      .addColumn('plan_id', 'text', (c) => c.notNull())
      /** parent | predecessor | serves */
      .addColumn('relation', 'text', (c) => c.notNull())
      .addColumn('other_plan_id', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text')
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('plan_links_pk', ['plan_id', 'relation', 'other_plan_id'])
      .execute();
    await s.createIndex('plan_links_other').on('plan_links').columns(['other_plan_id', 'relation']).execute();
    await s
      .createTable('indicator_links')
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('indicator_id', 'text', (c) => c.notNull())
      /** counterpart | predecessor */
      .addColumn('relation', 'text', (c) => c.notNull())
      .addColumn('other_plan_id', 'text', (c) => c.notNull())
      .addColumn('other_indicator_id', 'text', (c) => c.notNull())
      .addColumn('same_scope', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('note', 'text')
      .addColumn('set_by', 'text')
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('indicator_links_pk', ['plan_id', 'indicator_id', 'relation'])
      .execute();
    await s.createIndex('indicator_links_other').on('indicator_links').columns(['other_plan_id', 'relation']).execute();
    await s
      .createTable('assigned_targets')
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('indicator_id', 'text', (c) => c.notNull())
      /** 0 for the whole period, else the year the assignment is for. */
      .addColumn('year', 'integer', (c) => c.notNull())
      /** In the plan notation: 「[14.5]」「下降3%左右」「27以下」. */
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('base', 'double precision')
      .addColumn('from_plan_id', 'text')
      .addColumn('source_title', 'text', (c) => c.notNull())
      .addColumn('source_url', 'text')
      .addColumn('quote', 'text')
      .addColumn('set_by', 'text')
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assigned_targets_pk', ['plan_id', 'indicator_id', 'year'])
      .execute();
  },
};
