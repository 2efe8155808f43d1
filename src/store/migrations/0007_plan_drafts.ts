/**
 * Plan drafts (plan intake): a plan document read into a draft that administrators review
 * before it is published as a plan. The document itself is kept (base64 text, as JSON and times
 * are text in both dialects) as the published plan's source; `version` guards against two
 * administrators saving over each other.
 */
import type { Kysely, Migration } from 'kysely';

export const planDrafts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('plan_drafts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('draft', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('updated_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_drafts_plan').on('plan_drafts').columns(['plan_id', 'status']).execute();
  },
};
