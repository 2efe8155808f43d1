/**
 * Schema migrations, in code so that they ship inside the package. Each is written once for both
 * dialects; the only difference is how the audit log's sequence is generated.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { figures } from './migrations/0004-figures.js';
import { supervision } from './migrations/0005-supervision.js';
import { planDrafts } from './migrations/0007_plan_drafts.js';
import { hierarchy } from './migrations/0006-hierarchy.js';
import { oidc } from './migrations/0008_oidc.js';
import { attachments } from './migrations/0009_attachments.js';
import { hierarchyLinks } from './migrations/0012_hierarchy_links.js';

export type DialectName = 'sqlite' | 'postgres';

function initial(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const s = db.schema;
      await s
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('units')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('description', 'text')
        .execute();
      await s
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.references('units.id'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('login_attempts')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .execute();
      await s
        .createTable('plan_values')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('indicator_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('bound', 'text')
        .addColumn('written', 'text')
        .addColumn('unit', 'text')
        .addColumn('scope', 'text')
        .addColumn('source_title', 'text')
        .addColumn('source_url', 'text')
        .addColumn('quote', 'text')
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('reporter_unit_id', 'text')
        .addColumn('submitted_by', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('return_reason', 'text')
        .addColumn('explanation', 'text')
        .addColumn('flags', 'text')
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('plan_values_key', ['plan_id', 'indicator_id', 'year', 'kind'])
        .execute();
      await s.createIndex('plan_values_status').on('plan_values').columns(['plan_id', 'status']).execute();
      await s
        .createTable('audit_log')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('username', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text')
        .addColumn('indicator_id', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('reason', 'text')
        .execute();
      await s.createIndex('audit_indicator').on('audit_log').columns(['plan_id', 'indicator_id']).execute();
      await s.createIndex('audit_user').on('audit_log').column('user_id').execute();
      await s
        .createTable('assignments')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assignments_pk', ['plan_id', 'target_type', 'target_id', 'unit_id'])
        .execute();
      await s
        .createTable('calendar')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await s
        .createTable('annual_targets')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('indicator_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('source_title', 'text')
        .addColumn('source_url', 'text')
        .addColumn('quote', 'text')
        .addColumn('set_by', 'text')
        .addColumn('set_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('annual_targets_pk', ['plan_id', 'indicator_id', 'year'])
        .execute();
      await s
        .createTable('official_verdicts')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('indicator_id', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('source', 'text')
        .addColumn('recorded_by', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('official_verdicts_pk', ['plan_id', 'indicator_id'])
        .execute();
      await s
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('phase', 'text')
        .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('total', 'integer')
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Bumped on every change to values, targets or verdicts: caches of derived results key on it.
      await sql`insert into meta (key, value) values ('data_version', '0')`.execute(db);
    },
  };
}

/** Major projects: the registry, monthly progress reports (through the same workflow) and issues. */
const projects: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('responsible_unit_id', 'text')
      .addColumn('town_id', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('projects_plan').on('projects').columns(['plan_id', 'category']).execute();
    await s
      .createTable('project_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('investment', 'double precision', (c) => c.notNull())
      .addColumn('stage', 'text')
      .addColumn('milestones_done', 'text')
      .addColumn('note', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('return_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('project_reports_period', ['project_id', 'period'])
      .execute();
    await s
      .createTable('project_issues')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('owner_unit', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opened_in', 'text', (c) => c.notNull())
      .addColumn('resolved_in', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001_initial': initial(dialect),
        '0002_projects': projects,
        '0004_figures': figures(dialect),
        '0005_supervision': supervision,
        '0006_hierarchy': hierarchy,
        '0007_plan_drafts': planDrafts,
        '0008_oidc': oidc,
        '0009_attachments': attachments(dialect),
        '0012_hierarchy_links': hierarchyLinks,
      };
    },
  };
}
