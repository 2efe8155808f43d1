/**
 * The project registry and its monthly progress: reports pass the same workflow as indicator
 * values (save / submit / approve / return), approval applies the reported stage and milestones
 * to the project, and every change is audited. Whatever writes a project's months first locks the
 * project, so that two writers of the same month run one after the other.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import {
  checkReportedStage,
  ProjectSchema,
  projectProblems,
  type CoordinationIssue,
  type MonthlyReport,
  type Milestone,
  type Project,
  type ProjectInput,
  type Stage,
  type StagedMonth,
} from '../core/projects.js';
import { nextStatus, type ValueStatus } from '../core/workflow.js';
import { recordAudit } from './audit.js';
import { refuseDemoValues } from './demo-guard.js';
import type { Database, ProjectIssueTable, ProjectReportTable } from './schema.js';
import { bumpDataVersion, newId, now, type Actor, type Db } from './util.js';

export class ProjectError extends Error {
  constructor(
    readonly code: 'notFound' | 'invalid' | 'exists' | 'stageOrder' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export interface ProjectRecord extends Project {
  planId: string;
  origin: string;
  updatedAt: string;
}

export interface ProjectReport {
  id: string;
  projectId: string;
  period: string;
  investment: number;
  stage: Stage | null;
  milestonesDone: string[];
  note: string | null;
  status: ValueStatus;
  submittedBy: string | null;
  reviewedBy: string | null;
  returnReason: string | null;
  updatedAt: string;
}

function toReport(r: ProjectReportTable): ProjectReport {
  return {
    id: r.id,
    projectId: r.project_id,
    period: r.period,
    investment: r.investment,
    stage: (r.stage as Stage | null) ?? null,
    milestonesDone: r.milestones_done ? (JSON.parse(r.milestones_done) as string[]) : [],
    note: r.note,
    status: r.status as ValueStatus,
    submittedBy: r.submitted_by,
    reviewedBy: r.reviewed_by,
    returnReason: r.return_reason,
    updatedAt: r.updated_at,
  };
}

function toIssue(r: ProjectIssueTable): CoordinationIssue {
  return {
    id: r.id,
    title: r.title,
    ownerUnit: r.owner_unit,
    status: r.status as 'open' | 'resolved',
    openedIn: r.opened_in,
    resolvedIn: r.resolved_in,
  };
}

export const toMonthly = (r: ProjectReport): MonthlyReport => ({
  period: r.period,
  investment: r.investment,
  stage: r.stage,
  milestonesDone: r.milestonesDone,
});

function tx<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return 'isTransaction' in db && db.isTransaction ? fn(db) : (db as Kysely<Database>).transaction().execute(fn);
}

/**
 * Holds these projects until the transaction ends. Without it two writers of the same month (two
 * ledger imports, a report saved twice at once) both read "no report yet" and the second insert
 * fails on the unique key. A no-op update works on both dialects: PostgreSQL locks the rows,
 * SQLite takes its write lock at once (which, done first, also spares a later upgrade that another
 * process's commit could refuse).
 */
export async function lockProjects(trx: Db, ids: readonly string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  for (let i = 0; i < sorted.length; i += 500)
    await trx
      .updateTable('projects')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', 'in', sorted.slice(i, i + 500))
      .execute();
}

/** The approved months of a project that state a stage. */
export async function approvedStages(db: Db, projectId: string): Promise<StagedMonth[]> {
  const rows = await db
    .selectFrom('project_reports')
    .select(['period', 'stage'])
    .where('project_id', '=', projectId)
    .where('status', '=', 'approved')
    .where('stage', 'is not', null)
    .orderBy('period')
    .execute();
  return rows.map((r) => ({ period: r.period, stage: r.stage as Stage }));
}

function row(planId: string, p: Project, origin: string, t: string) {
  return {
    id: p.id,
    plan_id: planId,
    name: p.name,
    category: p.category,
    stage: p.stage,
    responsible_unit_id: p.responsibleUnitId,
    town_id: p.townId,
    data: JSON.stringify(p),
    origin,
    created_at: t,
    updated_at: t,
  };
}

export async function addProject(db: Db, actor: Actor, planId: string, input: ProjectInput, origin = 'registry'): Promise<ProjectRecord> {
  const parsed = ProjectSchema.safeParse(input);
  if (!parsed.success) throw new ProjectError('invalid', projectProblems(parsed.error.issues));
  const p = parsed.data;
  if (await db.selectFrom('projects').select('id').where('id', '=', p.id).executeTakeFirst())
    throw new ProjectError('exists', `项目编号「${p.id}」已存在`);
  const t = now();
  await db
    .insertInto('projects')
    .values(row(planId, p, origin, t))
    .execute();
  await recordAudit(db, actor, {
    action: 'project.add',
    entity: 'project',
    entityId: p.id,
    planId,
    after: { name: p.name, category: p.category, stage: p.stage },
  });
  return { ...p, planId, origin, updatedAt: t };
}

export async function getProject(db: Db, id: string): Promise<ProjectRecord> {
  const r = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new ProjectError('notFound', `没有项目「${id}」`);
  return { ...(JSON.parse(r.data) as Project), planId: r.plan_id, origin: r.origin, updatedAt: r.updated_at };
}

export interface ProjectFilter {
  category?: string;
  townId?: string;
  unitId?: string;
  stage?: string;
  q?: string;
  offset?: number;
  limit?: number;
}

export async function listProjects(db: Db, planId: string, f: ProjectFilter = {}): Promise<{ total: number; items: ProjectRecord[] }> {
  let q = db.selectFrom('projects').where('plan_id', '=', planId);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.townId) q = q.where('town_id', '=', f.townId);
  if (f.unitId) q = q.where('responsible_unit_id', '=', f.unitId);
  if (f.stage) q = q.where('stage', '=', f.stage);
  if (f.q) q = q.where('name', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .selectAll()
    .orderBy('category')
    .orderBy('id')
    .offset(f.offset ?? 0)
    .limit(Math.min(f.limit ?? 50, 500))
    .execute();
  return {
    total,
    items: rows.map((r) => ({ ...(JSON.parse(r.data) as Project), planId: r.plan_id, origin: r.origin, updatedAt: r.updated_at })),
  };
}

/** Every project of a plan, page by page. */
export async function allProjects(db: Db, planId: string): Promise<ProjectRecord[]> {
  const out: ProjectRecord[] = [];
  for (;;) {
    const page = await listProjects(db, planId, { offset: out.length, limit: 500 });
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total) return out;
  }
}

export async function updateProject(db: Db, actor: Actor, id: string, patch: Partial<ProjectInput>): Promise<ProjectRecord> {
  return tx(db, async (trx) => {
    // Two edits at once (or an edit and an approval) would each write the whole project as read.
    await lockProjects(trx, [id]);
    const before = await getProject(trx, id);
    const { planId, origin, updatedAt: _u, ...current } = before;
    const parsed = ProjectSchema.safeParse({ ...current, ...patch, id });
    if (!parsed.success) throw new ProjectError('invalid', projectProblems(parsed.error.issues));
    const p = parsed.data;
    const t = now();
    const { created_at: _c, ...set } = row(planId, p, origin, t);
    await trx.updateTable('projects').set(set).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'project.update', entity: 'project', entityId: id, planId, before: current, after: p });
    await bumpDataVersion(trx);
    return { ...p, planId, origin, updatedAt: t };
  });
}

export async function listReports(db: Db, projectId: string, statuses?: ValueStatus[]): Promise<ProjectReport[]> {
  let q = db.selectFrom('project_reports').selectAll().where('project_id', '=', projectId);
  if (statuses) q = q.where('status', 'in', statuses);
  return (await q.orderBy('period').execute()).map(toReport);
}

export interface ReportInput {
  period: string;
  investment: number;
  stage?: Stage | null;
  milestonesDone?: string[];
  note?: string | null;
  /** New coordination issues raised with this report. */
  issues?: { title: string; ownerUnit?: string | null }[];
}

export async function saveReport(
  db: Db,
  actor: Actor,
  projectId: string,
  input: ReportInput,
  action: 'save' | 'submit',
): Promise<ProjectReport> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.period)) throw new ProjectError('invalid', `月份「${input.period}」应为 YYYY-MM`);
  if (!Number.isFinite(input.investment) || input.investment < 0) throw new ProjectError('invalid', '本月完成投资应为非负数（亿元）');
  await refuseDemoValues(db, `项目${input.period}的月度报告`, [input, ...(input.issues ?? []).map((i) => ({ note: i.title }))]);
  return tx(db, async (trx) => {
    await lockProjects(trx, [projectId]);
    const project = await getProject(trx, projectId);
    const unknown = (input.milestonesDone ?? []).filter((m) => !project.milestones.some((x) => x.id === m));
    if (unknown.length) throw new ProjectError('invalid', `项目没有节点：${unknown.join('、')}`);
    // Told at submission rather than only at approval; a draft may still be worked on.
    if (action === 'submit' && input.stage) {
      const { refused } = checkReportedStage(project.stage, await approvedStages(trx, projectId), input.period, input.stage);
      if (refused) throw new ProjectError('stageOrder', refused);
    }
    const existing = await trx
      .selectFrom('project_reports')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('period', '=', input.period)
      .executeTakeFirst();
    const status = nextStatus(existing ? (existing.status as ValueStatus) : 'new', action, existing?.status === 'approved');
    const t = now();
    const fields = {
      investment: input.investment,
      stage: input.stage ?? null,
      milestones_done: input.milestonesDone?.length ? JSON.stringify(input.milestonesDone) : null,
      note: input.note ?? null,
      status,
      submitted_by: actor.username,
      return_reason: null,
      updated_at: t,
    };
    const id = existing?.id ?? newId();
    if (existing) await trx.updateTable('project_reports').set(fields).where('id', '=', id).execute();
    else
      await trx
        .insertInto('project_reports')
        .values({ id, project_id: projectId, period: input.period, reviewed_by: null, created_at: t, ...fields })
        .execute();
    for (const i of input.issues ?? []) {
      await trx
        .insertInto('project_issues')
        .values({
          id: newId(),
          project_id: projectId,
          title: i.title,
          owner_unit: i.ownerUnit ?? null,
          status: 'open',
          opened_in: input.period,
          resolved_in: null,
          created_at: t,
        })
        .execute();
    }
    const after = toReport(
      (await trx.selectFrom('project_reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as ProjectReportTable,
    );
    await recordAudit(trx, actor, {
      action: `projectReport.${action}`,
      entity: 'projectReport',
      entityId: id,
      planId: project.planId,
      before: existing ? toReport(existing) : undefined,
      after,
    });
    return after;
  });
}

/**
 * Approving a report applies it to the project: its stage when it is the latest month stating
 * one (approvals may come out of order), its milestones as done in its month unless an earlier
 * month already did them.
 */
export async function transitionReport(
  db: Db,
  actor: Actor,
  reportId: string,
  action: 'submit' | 'approve' | 'return',
  reason?: string,
): Promise<ProjectReport> {
  return tx(db, async (trx) => {
    const of = await trx.selectFrom('project_reports').select('project_id').where('id', '=', reportId).executeTakeFirst();
    if (!of) throw new ProjectError('notFound', `没有进度报告 ${reportId}`);
    await lockProjects(trx, [of.project_id]);
    // Read again under the lock: another reviewer may have acted meanwhile.
    const before = toReport(await trx.selectFrom('project_reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow());
    const status = nextStatus(before.status, action, before.status === 'approved', reason);
    const project = await getProject(trx, before.projectId);
    const patch: Partial<Project> = {};
    if (action === 'approve') {
      if (before.stage) {
        const check = checkReportedStage(project.stage, await approvedStages(trx, project.id), before.period, before.stage);
        if (check.refused) throw new ProjectError('stageOrder', check.refused);
        if (check.latest && before.stage !== project.stage) patch.stage = before.stage;
      }
      if (before.milestonesDone.length) {
        // A milestone reported done in a month is taken as done on that month's last day.
        const [y, m] = before.period.split('-').map(Number) as [number, number];
        const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
        const done = (x: Milestone): boolean => before.milestonesDone.includes(x.id) && (!x.doneOn || last < x.doneOn);
        if (project.milestones.some(done)) patch.milestones = project.milestones.map((x) => (done(x) ? { ...x, doneOn: last } : x));
      }
    }
    await trx
      .updateTable('project_reports')
      .set({
        status,
        updated_at: now(),
        ...(action === 'approve' ? { reviewed_by: actor.username } : {}),
        ...(action === 'return' ? { reviewed_by: actor.username, return_reason: reason ?? null } : {}),
      })
      .where('id', '=', reportId)
      .execute();
    if (Object.keys(patch).length) await updateProject(trx, actor, project.id, patch);
    const after = toReport(
      (await trx.selectFrom('project_reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow()) as ProjectReportTable,
    );
    await recordAudit(trx, actor, {
      action: `projectReport.${action}`,
      entity: 'projectReport',
      entityId: reportId,
      planId: project.planId,
      before,
      after,
      reason: reason ?? null,
    });
    await bumpDataVersion(trx);
    return after;
  });
}

/**
 * A coordination issue is raised with a month's report and is that report's content: it is shown
 * beyond the report's own people only once that report is approved (a draft's issue never is).
 */
const raisedInApprovedReport = ({ exists, selectFrom }: ExpressionBuilder<Database, 'project_issues'>) =>
  exists(
    selectFrom('project_reports')
      .select('project_reports.id')
      .whereRef('project_reports.project_id', '=', 'project_issues.project_id')
      .whereRef('project_reports.period', '=', 'project_issues.opened_in')
      .where('project_reports.status', '=', 'approved'),
  );

export async function listIssues(db: Db, projectId: string, opts: { approvedOnly: boolean }): Promise<CoordinationIssue[]> {
  let q = db.selectFrom('project_issues').selectAll().where('project_id', '=', projectId);
  if (opts.approvedOnly) q = q.where(raisedInApprovedReport);
  return (await q.orderBy('opened_in').execute()).map(toIssue);
}

export async function resolveIssue(db: Db, actor: Actor, issueId: string, period: string): Promise<void> {
  const r = await db.selectFrom('project_issues').selectAll().where('id', '=', issueId).executeTakeFirst();
  if (!r) throw new ProjectError('notFound', `没有协调问题 ${issueId}`);
  await db.updateTable('project_issues').set({ status: 'resolved', resolved_in: period }).where('id', '=', issueId).execute();
  await recordAudit(db, actor, {
    action: 'projectIssue.resolve',
    entity: 'projectIssue',
    entityId: issueId,
    before: { status: r.status },
    after: { status: 'resolved', resolvedIn: period },
  });
}

/** Everything monitoring needs for a plan's projects: the facts, approved months and their issues. */
export async function monitoringInput(
  db: Db,
  planId: string,
): Promise<{ project: ProjectRecord; reports: MonthlyReport[]; issues: CoordinationIssue[] }[]> {
  const projects = (await listProjects(db, planId, { limit: 500 })).items;
  const reports = await db
    .selectFrom('project_reports')
    .innerJoin('projects', 'projects.id', 'project_reports.project_id')
    .selectAll('project_reports')
    .where('projects.plan_id', '=', planId)
    .where('project_reports.status', '=', 'approved')
    .execute();
  const issues = await db
    .selectFrom('project_issues')
    .innerJoin('projects', 'projects.id', 'project_issues.project_id')
    .selectAll('project_issues')
    .where('projects.plan_id', '=', planId)
    .where(raisedInApprovedReport)
    .execute();
  return projects.map((project) => ({
    project,
    reports: reports.filter((r) => r.project_id === project.id).map((r) => toMonthly(toReport(r))),
    issues: issues.filter((i) => i.project_id === project.id).map(toIssue),
  }));
}
