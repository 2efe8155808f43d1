/**
 * 0004_figures: a value says which org unit it is for (a town's own figure, or '' for the plan's
 * whole area), so a town never overwrites the district's figure; and a source says when it is a
 * reprint (转载) or a third party's compilation (第三方整理), naming the original.
 *
 * The key of a value gains the unit. PostgreSQL drops and re-creates the constraint; SQLite cannot
 * drop a constraint, so the table is rebuilt from its own definition with the key widened.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export function figures(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const s = db.schema;
      await s
        .alterTable('plan_values')
        .addColumn('for_unit_id', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await s.alterTable('plan_values').addColumn('source_secondary', 'text').execute();
      await s.alterTable('plan_values').addColumn('source_original', 'text').execute();
      const key = ['plan_id', 'indicator_id', 'year', 'kind', 'for_unit_id'];
      if (dialect === 'postgres') {
        await sql`alter table plan_values drop constraint plan_values_key`.execute(db);
        await s.alterTable('plan_values').addUniqueConstraint('plan_values_key', key).execute();
        return;
      }
      const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'plan_values'`.execute(db);
      const ddl = rows[0]!.sql;
      const widened = ddl
        .replace(/create table\s+"?plan_values"?/i, 'create table "plan_values_v4"')
        .replace(
          /(constraint\s+"?plan_values_key"?\s+unique\s*\()([^)]*)\)/i,
          (_m, head: string) => `${head}${key.map((k) => `"${k}"`).join(', ')})`,
        );
      if (widened === ddl || !widened.includes('for_unit_id')) throw new Error('0004_figures: unexpected plan_values definition');
      await sql.raw(widened).execute(db);
      await sql`insert into plan_values_v4 select * from plan_values`.execute(db);
      await sql`drop table plan_values`.execute(db);
      await sql`alter table plan_values_v4 rename to plan_values`.execute(db);
      await s.createIndex('plan_values_status').on('plan_values').columns(['plan_id', 'status']).execute();
    },
  };
}
