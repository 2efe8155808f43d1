/**
 * Supervision (督办): orders and the units' replies, the notification outbox and where each unit
 * is reached (e-mail addresses, DingTalk robots). The order's history is the audit log.
 */
import type { Kysely, Migration } from 'kysely';

export const supervision: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s
      .createTable('supervision_orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text')
      .addColumn('subject_name', 'text', (c) => c.notNull())
      .addColumn('warning_key', 'text')
      .addColumn('warning_colour', 'text')
      .addColumn('warning_message', 'text')
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('co_units', 'text', (c) => c.notNull())
      .addColumn('requirement', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('original_deadline', 'text', (c) => c.notNull())
      .addColumn('extension_reason', 'text')
      .addColumn('returns', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('return_reason', 'text')
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('closed_by', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('supervision_orders_plan').on('supervision_orders').columns(['plan_id', 'state']).execute();
    await s.createIndex('supervision_orders_unit').on('supervision_orders').columns(['unit_id', 'state']).execute();
    await s
      .createTable('supervision_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull().references('supervision_orders.id'))
      .addColumn('measures', 'text', (c) => c.notNull())
      .addColumn('progress', 'text', (c) => c.notNull())
      .addColumn('expected_completion', 'text')
      .addColumn('attachments', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text')
      .addColumn('replied_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('supervision_replies_order').on('supervision_replies').column('order_id').execute();
    await s
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      /** The unit for the inbox, an e-mail address, or a DingTalk contact's id. */
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text')
      .addColumn('order_id', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_at', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('read_at', 'text')
      /** Set for messages made at most once (the daily digest of a unit for a day and recipient). */
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('notifications_pending').on('notifications').columns(['state', 'next_attempt_at']).execute();
    await s.createIndex('notifications_unit').on('notifications').columns(['unit_id', 'channel']).execute();
    await s
      .createTable('notification_contacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('secret', 'text')
      .addColumn('label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
