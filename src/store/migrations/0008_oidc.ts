/**
 * OpenID Connect sign-in (统一身份认证): sign-ins in progress, identities linked to accounts, and the
 * administrator's rules that give an identity its unit and role. The same in both dialects (text ids
 * and times, integer positions).
 */
import type { Kysely, Migration } from 'kysely';

export const oidc: Migration = {
  async up(db: Kysely<unknown>) {
    // A sign-in between the redirect to the provider and its return: in the store, not in a
    // process, so the callback may reach any process. Keyed by sha256 of the state; used once.
    await db.schema
      .createTable('oidc_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code_verifier', 'text', (c) => c.notNull())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('return_to', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('identity_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('claims', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_login_at', 'text')
      .addUniqueConstraint('identity_links_identity', ['issuer', 'subject'])
      .execute();
    await db.schema.createIndex('identity_links_user').on('identity_links').column('user_id').execute();
    await db.schema
      .createTable('identity_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('claim', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.references('units.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
