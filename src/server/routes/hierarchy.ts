/**
 * Plans in their hierarchy and over time: relations (read by all, linked by admins), assigned
 * targets (下达值), the roll-up of a parent's children with its Excel export, the higher level's
 * return of a child's value, the bases a successor is proposed, and an indicator's series across
 * periods.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rollupWorkbook } from '../../reports/rollup-sheet.js';
import { listAssignedTargets, setAssignedTarget, withdrawAssignedTarget } from '../../store/assigned.js';
import { HierarchyError, indicatorLinks, planRelations, setIndicatorLink, setPlanLink } from '../../store/hierarchy.js';
import type { Store } from '../../store/index.js';
import { returnFromAbove, storedRollup } from '../../store/rollup.js';
import { seriesAcrossPeriods, successionBases } from '../../store/succession.js';
import { actorOf, authorize, subjectOf } from '../auth.js';
import { HttpError, notFound } from '../errors.js';
import { can } from '../permissions.js';
import { planOr404 } from '../plan-access.js';
import { attachment } from './exports.js';
import { errors, PlanParams, SourceBody, ValueOut } from '../schemas.js';
import { LinkOut, RelationsOut, AssignedOut, RollupOut, SeriesOut, BasesOut, RollupQuery, IndicatorParams } from './hierarchy-schemas.js';

/** Hierarchy errors in the API's one error shape. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof HierarchyError) throw new HttpError(e.code === 'notFound' ? 404 : 400, e.code, e.message);
    throw e;
  }
}

export function hierarchyRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = store.db;

  const relations = async (planId: string) => {
    const [rel, links, linkedFrom] = await Promise.all([
      planRelations(db, planId),
      indicatorLinks(db, planId),
      indicatorLinks(db, planId, { inverse: true }),
    ]);
    return { ...rel, links, linkedFrom };
  };

  r.get(
    '/api/v1/plans/:plan/relations',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '规划关系 / parent, children, predecessor, successor, special plans and indicator links',
        params: PlanParams,
        response: { 200: RelationsOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      await planOr404(store, req.params.plan);
      return relations(req.params.plan);
    },
  );

  r.put(
    '/api/v1/plans/:plan/relations/:relation',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '关联规划 / set the parent or predecessor, or add / remove a plan a special plan serves',
        description: 'plan 为 null 时解除上级或上一期关联；remove=true 时解除专项规划服务的某一规划。',
        params: PlanParams.extend({ relation: z.enum(['parent', 'predecessor', 'serves']) }),
        body: z.object({ plan: z.string().max(100).nullable(), remove: z.boolean().optional() }),
        response: { 200: RelationsOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'planLink.manage');
      await guarded(() => setPlanLink(db, actorOf(req), req.params.plan, req.params.relation, req.body.plan, req.body.remove));
      return relations(req.params.plan);
    },
  );

  r.put(
    '/api/v1/plans/:plan/indicators/:indicator/links/:relation',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '关联指标 / link an indicator to its counterpart in the parent (★ ▲) or its predecessor',
        description:
          '对应规划缺省为本规划的上级（counterpart）或上一期（predecessor）规划；sameScope=false 表示口径不同，数值不沿用、不加总。',
        params: IndicatorParams.extend({ relation: z.enum(['counterpart', 'predecessor']) }),
        body: z.object({
          plan: z.string().max(100).optional(),
          indicator: z.string().max(50),
          sameScope: z.boolean().optional(),
          note: z.string().max(500).optional(),
        }),
        response: { 200: LinkOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'planLink.manage');
      const { plan, indicator, relation } = req.params;
      return (await guarded(() => setIndicatorLink(db, actorOf(req), plan, indicator, relation, req.body)))!;
    },
  );

  r.delete(
    '/api/v1/plans/:plan/indicators/:indicator/links/:relation',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '解除指标关联 / remove an indicator link',
        params: IndicatorParams.extend({ relation: z.enum(['counterpart', 'predecessor']) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'planLink.manage');
      const { plan, indicator, relation } = req.params;
      await guarded(() => setIndicatorLink(db, actorOf(req), plan, indicator, relation, null));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/plans/:plan/assigned-targets',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '上级下达值 / targets assigned by the higher level, with their sources',
        params: PlanParams,
        response: { 200: z.array(AssignedOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      await planOr404(store, req.params.plan);
      return listAssignedTargets(db, req.params.plan);
    },
  );

  r.put(
    '/api/v1/plans/:plan/assigned-targets/:indicator',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '录入上级下达值 / record the target a higher level assigned to a 「完成上级下达目标」 row',
        description:
          '以规划目标写法录入（如「[14.5]」表示规划期累计降低14.5%，year 为某一年度时如「3以上」）；必须注明下达文件。此后该行按下达值评估。',
        params: IndicatorParams,
        body: z.object({
          year: z.number().int().nullable().optional(),
          target: z.string().min(1).max(100),
          base: z.number().nullable().optional(),
          fromPlanId: z.string().max(100).nullable().optional(),
          source: SourceBody,
        }),
        response: { 200: AssignedOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'assignedTarget.set');
      const plan = await planOr404(store, req.params.plan);
      return guarded(() => setAssignedTarget(db, actorOf(req), plan, { ...req.body, indicatorId: req.params.indicator }));
    },
  );

  r.delete(
    '/api/v1/plans/:plan/assigned-targets/:indicator',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '撤销上级下达值 / withdraw an assigned target, with a reason',
        params: IndicatorParams,
        body: z.object({ year: z.number().int().nullable().optional(), reason: z.string().min(1).max(1000) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'assignedTarget.set');
      const plan = await planOr404(store, req.params.plan);
      await guarded(() => withdrawAssignedTarget(db, actorOf(req), plan, req.params.indicator, req.body.year ?? null, req.body.reason));
      return reply.status(204).send(null);
    },
  );

  const rollupOf = async (planId: string, query: { year?: number; final?: string }, withPending: boolean) => {
    const m = await storedRollup(db, planId, { year: query.year, final: query.final === 'true', withPending });
    if (!m) throw notFound(`规划「${planId}」`);
    return m;
  };

  r.get(
    '/api/v1/plans/:plan/children/evaluation',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '下级规划汇总 / roll-up: child plans × indicators with status, value and source',
        description:
          '行为下级规划，列为本规划指标（按对应指标关联）；约束性滞后的在前。合计仅在指标可加总且各下级口径与上级一致时给出，标注为「各下级合计」，不是上级官方数据。衔接：下级目标弱于上级时注明。管理员和领导可见各数值的审核状态。',
        params: PlanParams,
        querystring: RollupQuery,
        response: { 200: RollupOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'evaluation.read');
      const withPending = can(subjectOf(req), 'rollup.readPending');
      return { ...(await rollupOf(req.params.plan, req.query, withPending)), withPending };
    },
  );

  r.get(
    '/api/v1/plans/:plan/children/evaluation.xlsx',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '导出下级规划汇总（xlsx）/ the roll-up matrix as a workbook',
        params: PlanParams,
        querystring: RollupQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'export.read');
      const m = await rollupOf(req.params.plan, req.query, false);
      void reply.header('content-disposition', attachment(`下级规划汇总${m.year}.xlsx`, `${m.parentId}-children-${m.year}.xlsx`));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await rollupWorkbook(m));
    },
  );

  r.post(
    '/api/v1/plans/:plan/children/values/:id/return',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '上级退回 / the higher level returns a child plan’s value with a reason',
        params: PlanParams.extend({ id: z.string().max(100) }),
        body: z.object({ reason: z.string().min(1).max(1000) }),
        response: { 200: ValueOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'value.returnFromAbove');
      return guarded(() => returnFromAbove(db, actorOf(req), req.params.plan, req.params.id, req.body.reason));
    },
  );

  r.get(
    '/api/v1/plans/:plan/succession/bases',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '承接上一期 / bases proposed from the predecessor plan’s final-year approved values',
        params: PlanParams,
        response: { 200: BasesOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      return guarded(() => successionBases(db, req.params.plan));
    },
  );

  r.get(
    '/api/v1/plans/:plan/indicators/:indicator/periods',
    {
      schema: {
        tags: ['hierarchy'],
        summary: '跨期序列 / one indicator across the 13th, 14th, 15th … periods, with 口径 breaks marked',
        params: IndicatorParams,
        response: { 200: SeriesOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      return guarded(() => seriesAcrossPeriods(db, req.params.plan, req.params.indicator));
    },
  );
}
