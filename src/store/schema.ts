/**
 * Table types of the store. Both dialects keep the same shapes: text ids, ISO-8601 text times,
 * integer booleans and JSON as text, so a row reads the same from SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface PlanTable {
  id: string;
  title: string;
  /** The validated plan data (model.ts PlanData) as JSON; plans are reference data, never edited in place. */
  data: string;
  is_default: number;
  created_at: string;
}

export interface UnitTable {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  description: string | null;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_id: string | null;
  active: number;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a leaked table does not give working cookies. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  key: string;
  window_start: string;
  failures: number;
}

export interface ValueTable {
  id: string;
  plan_id: string;
  indicator_id: string;
  year: number;
  kind: string;
  value: number;
  bound: string | null;
  written: string | null;
  unit: string | null;
  scope: string | null;
  source_title: string | null;
  source_url: string | null;
  quote: string | null;
  note: string | null;
  /** draft → submitted → approved, or returned; approved values are locked. */
  status: string;
  locked: number;
  /** Published figures shipped with the plan, imports, or entries through the workflow. */
  origin: string;
  reporter_unit_id: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  return_reason: string | null;
  /** Why a flagged value (outlier) is right, given by the reporter. */
  explanation: string | null;
  flags: string | null;
  /** Statistical revisions (口径调整) applied to this value. */
  revision: number;
  demo: number;
  /** The org unit the value is for: a town's own figure, or '' for the plan's whole area (the district). */
  for_unit_id: string;
  /** 'reprint' (转载) or 'thirdParty' (第三方整理) when the source cited is not the original; null for an original source. */
  source_secondary: string | null;
  /** The original a reprint or compilation is of, named. */
  source_original: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditTable {
  seq: Generated<number>;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string;
  plan_id: string | null;
  indicator_id: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface AssignmentTable {
  plan_id: string;
  /** 'indicator' or 'task' */
  target_type: string;
  target_id: string;
  unit_id: string;
  /** lead, cooperate or town */
  role: string;
}

export interface CalendarTable {
  id: string;
  plan_id: string;
  year: number;
  title: string;
  due_date: string;
  note: string | null;
}

export interface AnnualTargetTable {
  plan_id: string;
  indicator_id: string;
  year: number;
  target: string;
  source_title: string | null;
  source_url: string | null;
  quote: string | null;
  set_by: string | null;
  set_at: string;
}

export interface OfficialVerdictTable {
  plan_id: string;
  indicator_id: string;
  verdict: string;
  reason: string | null;
  source: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface JobTable {
  id: string;
  kind: string;
  user_id: string | null;
  status: string;
  phase: string | null;
  done: number;
  total: number | null;
  result: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectTable {
  id: string;
  plan_id: string;
  name: string;
  category: string;
  stage: string;
  responsible_unit_id: string | null;
  town_id: string | null;
  /** The project's static facts (core/projects.ts Project) as JSON. */
  data: string;
  origin: string;
  created_at: string;
  updated_at: string;
}

export interface ProjectReportTable {
  id: string;
  project_id: string;
  /** YYYY-MM */
  period: string;
  /** Investment completed in the month, 亿元. */
  investment: number;
  stage: string | null;
  milestones_done: string | null;
  note: string | null;
  status: string;
  submitted_by: string | null;
  reviewed_by: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectIssueTable {
  id: string;
  project_id: string;
  title: string;
  owner_unit: string | null;
  status: string;
  opened_in: string;
  resolved_in: string | null;
  created_at: string;
}

export interface PlanDraftTable {
  id: string;
  plan_id: string;
  file_name: string;
  format: string;
  sha256: string;
  /** The uploaded document, base64. */
  document: string;
  /** The draft (importers/plan-document PlanDraft) with its review state, as JSON. */
  draft: string;
  /** 'open' | 'published' | 'discarded' */
  status: string;
  version: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlanLinkTable {
  plan_id: string;
  relation: string;
  other_plan_id: string;
  set_by: string | null;
  set_at: string;
}

export interface IndicatorLinkTable {
  plan_id: string;
  indicator_id: string;
  relation: string;
  other_plan_id: string;
  other_indicator_id: string;
  same_scope: number;
  note: string | null;
  set_by: string | null;
  set_at: string;
}

export interface AssignedTargetTable {
  plan_id: string;
  indicator_id: string;
  year: number;
  target: string;
  base: number | null;
  from_plan_id: string | null;
  source_title: string;
  source_url: string | null;
  quote: string | null;
  set_by: string | null;
  set_at: string;
}

export interface Database {
  meta: MetaTable;
  plans: PlanTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  plan_values: ValueTable;
  audit_log: AuditTable;
  assignments: AssignmentTable;
  calendar: CalendarTable;
  annual_targets: AnnualTargetTable;
  official_verdicts: OfficialVerdictTable;
  jobs: JobTable;
  projects: ProjectTable;
  project_reports: ProjectReportTable;
  project_issues: ProjectIssueTable;
  supervision_orders: SupervisionOrderTable;
  supervision_replies: SupervisionReplyTable;
  notifications: NotificationTable;
  notification_contacts: NotificationContactTable;
  supervision_attachments: SupervisionAttachmentTable;
  plan_drafts: PlanDraftTable;
  plan_links: PlanLinkTable;
  indicator_links: IndicatorLinkTable;
  assigned_targets: AssignedTargetTable;
  oidc_requests: OidcRequestTable;
  identity_links: IdentityLinkTable;
  identity_rules: IdentityRuleTable;
}

export type * from './schema-supervision.js';
import type {
  SupervisionOrderTable,
  SupervisionReplyTable,
  NotificationTable,
  NotificationContactTable,
  SupervisionAttachmentTable,
} from './schema-supervision.js';

export type { OidcRequestTable, IdentityLinkTable, IdentityRuleTable } from './schema-identity.js';
import type { OidcRequestTable, IdentityLinkTable, IdentityRuleTable } from './schema-identity.js';
