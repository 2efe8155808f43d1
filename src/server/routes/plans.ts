/** The plan as data: plans, their text and 专栏, indicators, task targets and org units. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChapterSchema,
  ColumnSchema,
  IndicatorSchema,
  OrgUnitSchema,
  SettingsSchema,
  TaskTargetSchema,
  VisionTargetSchema,
} from '../../core/model.js';
import { readTargets } from '../../core/evaluate.js';
import { DIRECTION } from '../../core/labels.js';
import { taskTargetIndicator } from '../../core/targets.js';
import type { Store } from '../../store/index.js';
import { listPlans } from '../../store/plans.js';
import { authorize } from '../auth.js';
import { planOr404 } from '../plan-access.js';
import { errors, PlanParams } from '../schemas.js';

export const PlanSummaryOut = z.object({
  id: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  region: z.string(),
  baseYear: z.number(),
  targetYear: z.number(),
  isDefault: z.boolean(),
});

export const IndicatorOut = z.object({
  ...IndicatorSchema.shape,
  direction: z.string(),
  directionLabel: z.string(),
  targetKind: z.string(),
});

/** A task target as written, with the kind of its target (`cumulative` for 「[1847]」 over the period, `level`, …). */
export const TaskTargetOut = TaskTargetSchema.extend({ targetKind: z.string() });

export function planRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/plans',
    { schema: { tags: ['plans'], summary: '规划列表 / plans', response: { 200: z.array(PlanSummaryOut) } } },
    async (req) => {
      authorize(req, 'plan.read');
      const out = [];
      for (const p of await listPlans(store.db)) {
        const plan = await planOr404(store, p.id);
        out.push({
          id: p.id,
          title: plan.meta.title,
          shortTitle: plan.meta.shortTitle,
          region: plan.meta.region,
          baseYear: plan.meta.baseYear,
          targetYear: plan.meta.targetYear,
          isDefault: p.isDefault,
        });
      }
      return out;
    },
  );

  r.get(
    '/api/v1/plans/:plan',
    {
      schema: {
        tags: ['plans'],
        summary: '规划概况 / plan overview',
        params: PlanParams,
        response: {
          200: PlanSummaryOut.omit({ isDefault: true }).extend({
            visionYear: z.number().nullable(),
            published: z.string().nullable(),
            categories: z.array(z.string()),
            settings: SettingsSchema,
            counts: z.object({
              chapters: z.number(),
              sections: z.number(),
              columns: z.number(),
              indicators: z.number(),
              rows: z.number(),
              taskTargets: z.number(),
              orgUnits: z.number(),
            }),
            visionTargets: z.array(VisionTargetSchema),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      const p = await planOr404(store, req.params.plan);
      return {
        id: p.meta.id,
        title: p.meta.title,
        shortTitle: p.meta.shortTitle,
        region: p.meta.region,
        baseYear: p.meta.baseYear,
        targetYear: p.meta.targetYear,
        visionYear: p.meta.visionYear ?? null,
        published: p.meta.published ?? null,
        categories: p.meta.categories,
        settings: p.settings,
        counts: {
          chapters: p.chapters.length,
          sections: p.chapters.reduce((n, c) => n + c.sections.length, 0),
          columns: p.columns.length,
          indicators: p.indicators.length,
          rows: new Set(p.indicators.map((i) => i.no)).size,
          taskTargets: p.taskTargets.length,
          orgUnits: p.orgUnits.length,
        },
        visionTargets: p.visionTargets,
      };
    },
  );

  r.get(
    '/api/v1/plans/:plan/text',
    {
      schema: {
        tags: ['plans'],
        summary: '规划文本与专栏 / plan text and columns',
        params: PlanParams,
        response: { 200: z.object({ chapters: z.array(ChapterSchema), columns: z.array(ColumnSchema) }), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      const p = await planOr404(store, req.params.plan);
      return { chapters: p.chapters, columns: p.columns };
    },
  );

  r.get(
    '/api/v1/plans/:plan/indicators',
    {
      schema: {
        tags: ['plans'],
        summary: '主要指标 / indicators',
        params: PlanParams,
        response: { 200: z.array(IndicatorOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      const p = await planOr404(store, req.params.plan);
      return p.indicators.map((i) => {
        const t = readTargets(i);
        return {
          ...i,
          direction: t.direction,
          directionLabel: DIRECTION[t.direction].zh,
          targetKind: (t.target ?? t.growthTarget)?.kind ?? 'none',
        };
      });
    },
  );

  r.get(
    '/api/v1/plans/:plan/task-targets',
    {
      schema: {
        tags: ['plans'],
        summary: '任务目标 / task targets',
        params: PlanParams,
        response: { 200: z.array(TaskTargetOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      return (await planOr404(store, req.params.plan)).taskTargets.map((t, i) => ({
        ...t,
        targetKind: readTargets(taskTargetIndicator(t, i)).target?.kind ?? 'none',
      }));
    },
  );

  r.get(
    '/api/v1/plans/:plan/org-units',
    {
      schema: {
        tags: ['plans'],
        summary: '空间布局与单位 / zones, towns and departments',
        params: PlanParams,
        response: { 200: z.array(OrgUnitSchema), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'plan.read');
      return (await planOr404(store, req.params.plan)).orgUnits;
    },
  );
}
