/**
 * Files attached to supervision orders and their replies. The bytes are kept in the database, not
 * on a disk: several stateless `serve` processes share one store, and a file one of them received
 * must download from any other. bytea on PostgreSQL, blob on SQLite; both read back as a Buffer.
 */
import type { Kysely, Migration } from 'kysely';

export function attachments(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('supervision_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text', (c) => c.notNull().references('supervision_orders.id'))
        // null until the reply it was uploaded for is sent; always null for the order's own files.
        .addColumn('reply_id', 'text', (c) => c.references('supervision_replies.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('unit_id', 'text')
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supervision_attachments_order')
        .on('supervision_attachments')
        .columns(['order_id', 'created_at'])
        .execute();
    },
  };
}
