/** Major projects (重大项目全流程监测): registry, monthly progress, monitoring and warnings. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fiveDimensions,
  investmentProgress,
  PROJECT_CATEGORY,
  ProjectCategorySchema,
  ProjectPatchSchema,
  ProjectSchema,
  projectWarnings,
  rollup,
  STAGE,
  StageSchema,
} from '../../core/projects.js';
import type { Store } from '../../store/index.js';
import {
  addProject,
  getProject,
  listIssues,
  listProjects,
  listReports,
  monitoringInput,
  resolveIssue,
  saveReport,
  transitionReport,
  updateProject,
} from '../../store/projects.js';
import { actorOf, authorize, subjectOf } from '../auth.js';
import { HttpError } from '../errors.js';
import { abilities, can } from '../permissions.js';
import { planOr404 } from '../plan-access.js';
import { AbilitiesOut, errors, PlanParams } from '../schemas.js';

export const ProjectOut = ProjectSchema.extend({ planId: z.string(), origin: z.string(), updatedAt: z.string() });
export const ReportOut = z.object({
  id: z.string(),
  projectId: z.string(),
  period: z.string(),
  investment: z.number(),
  stage: StageSchema.nullable(),
  milestonesDone: z.array(z.string()),
  note: z.string().nullable(),
  status: z.enum(['draft', 'submitted', 'returned', 'approved']),
  submittedBy: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  updatedAt: z.string(),
});
export const IssueOut = z.object({
  id: z.string(),
  title: z.string(),
  ownerUnit: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  openedIn: z.string(),
  resolvedIn: z.string().nullable(),
});
export const InvestmentOut = z.object({
  year: z.number(),
  asOf: z.string(),
  planned: z.number().nullable(),
  completed: z.number(),
  rate: z.number().nullable(),
  timeShare: z.number(),
  gapPoints: z.number().nullable(),
  text: z.string(),
});
export const WarningOut = z.object({ projectId: z.string(), projectName: z.string(), kind: z.string(), message: z.string() });
/** A page of projects, each with its investment progress, and the category and stage labels. */
export const ProjectListOut = z.object({
  total: z.number(),
  items: z.array(ProjectOut.extend({ investment: InvestmentOut })),
  labels: z.unknown(),
});
/** One project with its reports, coordination issues, investment progress and warnings. */
export const ProjectDetailOut = z.object({
  project: ProjectOut,
  reports: z.array(ReportOut),
  issues: z.array(IssueOut),
  investment: InvestmentOut,
  warnings: z.array(WarningOut),
  /** What the user may do on this project (its responsible unit decides the 'ownUnit' rules). */
  abilities: AbilitiesOut,
});
/** Project monitoring: warnings, roll-ups by category, town, unit and stage, and the five dimensions. */
export const ProjectMonitoringOut = z.object({
  asOf: z.string(),
  projects: z.number(),
  investment: InvestmentOut.omit({ text: true }),
  warnings: z.array(WarningOut),
  byCategory: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      projects: z.number(),
      planned: z.number(),
      completed: z.number(),
      rate: z.number().nullable(),
    }),
  ),
  byTown: z.array(
    z.object({ key: z.string(), projects: z.number(), planned: z.number(), completed: z.number(), rate: z.number().nullable() }),
  ),
  byUnit: z.array(
    z.object({ key: z.string(), projects: z.number(), planned: z.number(), completed: z.number(), rate: z.number().nullable() }),
  ),
  byStage: z.record(z.string(), z.number()),
  dimensions: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      score: z.number().nullable(),
      formula: z.string(),
      inputs: z.record(z.string(), z.number()),
    }),
  ),
});
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** The month to judge against: the caller's, else the current one. */
const currentMonth = (): string => new Date().toISOString().slice(0, 7);

export function projectRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const labels = { categories: PROJECT_CATEGORY, stages: STAGE };

  r.get(
    '/api/v1/plans/:plan/projects',
    {
      schema: {
        tags: ['projects'],
        summary: '重大项目列表（筛选、分页）/ projects with filters and paging',
        params: PlanParams,
        querystring: z.object({
          category: ProjectCategorySchema.optional(),
          town: z.string().optional(),
          unit: z.string().optional(),
          stage: StageSchema.optional(),
          q: z.string().max(100).optional(),
          offset: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          asOf: Month.optional(),
        }),
        response: { 200: ProjectListOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'project.read');
      const plan = await planOr404(store, req.params.plan);
      const q = req.query;
      const asOf = q.asOf ?? currentMonth();
      const { total, items } = await listProjects(store.db, plan.meta.id, {
        category: q.category,
        townId: q.town,
        unitId: q.unit,
        stage: q.stage,
        q: q.q,
        offset: q.offset,
        limit: q.limit,
      });
      const out = [];
      for (const p of items)
        out.push({
          ...p,
          investment: investmentProgress(
            p,
            (await listReports(store.db, p.id, ['approved'])).map((x) => ({ period: x.period, investment: x.investment })),
            Number(asOf.slice(0, 4)),
            asOf,
          ),
        });
      return { total, items: out, labels };
    },
  );

  r.post(
    '/api/v1/plans/:plan/projects',
    {
      schema: {
        tags: ['projects'],
        summary: '登记项目 / register a project',
        params: PlanParams,
        body: ProjectSchema,
        response: { 200: ProjectOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'project.manage');
      const plan = await planOr404(store, req.params.plan);
      return addProject(store.db, actorOf(req), plan.meta.id, req.body);
    },
  );

  r.get(
    '/api/v1/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: '项目详情：阶段、节点、投资计划与完成、协调问题、预警 / one project',
        params: z.object({ id: z.string().max(100) }),
        querystring: z.object({ asOf: Month.optional() }),
        response: { 200: ProjectDetailOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'project.read');
      const project = await getProject(store.db, req.params.id);
      const own = project.responsibleUnitId ? [project.responsibleUnitId] : [];
      const mayReport = can(subjectOf(req), 'project.report', own);
      const seesDrafts = mayReport || can(subjectOf(req), 'project.review');
      const reports = await listReports(store.db, project.id, seesDrafts ? undefined : ['approved']);
      const approved = reports.filter((x) => x.status === 'approved');
      const issues = await listIssues(store.db, project.id, { approvedOnly: !seesDrafts });
      const asOf = req.query.asOf ?? currentMonth();
      return {
        project,
        reports,
        issues,
        investment: investmentProgress(project, approved, Number(asOf.slice(0, 4)), asOf),
        warnings: projectWarnings(project, approved, issues, asOf),
        abilities: abilities(subjectOf(req), own),
      };
    },
  );

  r.patch(
    '/api/v1/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: '修改项目 / update a project',
        params: z.object({ id: z.string().max(100) }),
        body: ProjectPatchSchema,
        response: { 200: ProjectOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'project.manage');
      return updateProject(store.db, actorOf(req), req.params.id, req.body);
    },
  );

  r.post(
    '/api/v1/projects/:id/reports',
    {
      schema: {
        tags: ['projects'],
        summary: '月度进度填报 / monthly progress report',
        params: z.object({ id: z.string().max(100) }),
        body: z.object({
          period: Month,
          investment: z.number().nonnegative(),
          stage: StageSchema.nullable().optional(),
          milestonesDone: z.array(z.string()).max(100).optional(),
          note: z.string().max(2000).nullable().optional(),
          issues: z
            .array(z.object({ title: z.string().min(1).max(500), ownerUnit: z.string().max(200).nullable().optional() }))
            .max(50)
            .optional(),
          submit: z.boolean().default(false),
        }),
        response: { 200: ReportOut, ...errors },
      },
    },
    async (req) => {
      const project = await getProject(store.db, req.params.id);
      authorize(req, 'project.report', project.responsibleUnitId ? [project.responsibleUnitId] : []);
      const { submit, ...input } = req.body;
      return saveReport(store.db, actorOf(req), project.id, input, submit ? 'submit' : 'save');
    },
  );

  r.post(
    '/api/v1/project-reports/:id/:action',
    {
      schema: {
        tags: ['projects'],
        summary: '进度报告审核 / approve or return a progress report',
        params: z.object({ id: z.string().max(64), action: z.enum(['approve', 'return']) }),
        body: z.object({ reason: z.string().max(2000).optional() }).default({}),
        response: { 200: ReportOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'project.review');
      return transitionReport(store.db, actorOf(req), req.params.id, req.params.action, req.body.reason);
    },
  );

  r.post(
    '/api/v1/project-issues/:id/resolve',
    {
      schema: {
        tags: ['projects'],
        summary: '协调问题已解决 / mark a coordination issue resolved',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({ period: Month }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'project.review');
      await resolveIssue(store.db, actorOf(req), req.params.id, req.body.period);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/plans/:plan/projects/monitoring',
    {
      schema: {
        tags: ['projects'],
        summary: '项目监测：预警清单、分类/镇街/部门汇总、五维评估 / warnings, roll-ups and the five-dimension assessment',
        params: PlanParams,
        querystring: z.object({ asOf: Month.optional() }),
        response: { 200: ProjectMonitoringOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'project.read');
      const plan = await planOr404(store, req.params.plan);
      const asOf = req.query.asOf ?? currentMonth();
      if (asOf.slice(0, 4) < String(plan.meta.baseYear))
        throw new HttpError(400, 'invalid', `月份应在规划期内（${plan.meta.baseYear + 1}年起）`);
      const year = Number(asOf.slice(0, 4));
      const items = await monitoringInput(store.db, plan.meta.id);
      const planned = items.reduce((s, i) => s + (i.project.annualPlan[String(year)] ?? 0), 0);
      const completed = items.reduce((s, i) => s + investmentProgress(i.project, i.reports, year, asOf).completed, 0);
      const timeShare = Math.min(12, Math.max(0, Number(asOf.slice(5, 7)))) / 12;
      const byStage: Record<string, number> = {};
      for (const i of items) byStage[i.project.stage] = (byStage[i.project.stage] ?? 0) + 1;
      return {
        asOf,
        projects: items.length,
        investment: {
          year,
          asOf,
          planned,
          completed,
          rate: planned ? completed / planned : null,
          timeShare,
          gapPoints: planned ? (completed / planned - timeShare) * 100 : null,
        },
        warnings: items.flatMap((i) => projectWarnings(i.project, i.reports, i.issues, asOf)),
        byCategory: rollup(items, (p) => p.category, year, asOf).map((x) => ({
          ...x,
          label: PROJECT_CATEGORY[x.key as keyof typeof PROJECT_CATEGORY]?.zh ?? x.key,
        })),
        byTown: rollup(items, (p) => p.townId, year, asOf),
        byUnit: rollup(items, (p) => p.responsibleUnitId, year, asOf),
        byStage,
        dimensions: fiveDimensions(items, year, asOf),
      };
    },
  );
}
