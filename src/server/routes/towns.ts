/** Town figures: each town's own values by indicator (towns × indicators), and their workflow state. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/index.js';
import { townMatrix } from '../../store/towns.js';
import { authorize, subjectOf } from '../auth.js';
import { can } from '../permissions.js';
import { planOr404 } from '../plan-access.js';
import { errors, PlanParams, YearQuery } from '../schemas.js';

export const TownMatrixOut = z.object({
  year: z.number(),
  towns: z.array(z.object({ id: z.string(), name: z.string() })),
  indicators: z.array(
    z.object({
      indicatorId: z.string(),
      name: z.string(),
      unit: z.string(),
      /** Whether the towns' figures add up to the district's (an amount or a count, not a rate or a per-head figure). */
      addsUp: z.boolean(),
      assignedTowns: z.array(z.string()),
    }),
  ),
  cells: z.array(
    z.object({
      indicatorId: z.string(),
      unitId: z.string(),
      year: z.number(),
      kind: z.string(),
      value: z.number(),
      status: z.string(),
    }),
  ),
});

export function townRoutes(app: FastifyInstance, store: Store): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/plans/:plan/towns',
    {
      schema: {
        tags: ['values'],
        summary: '镇街指标数值（镇街 × 指标）/ each town’s own figures by indicator',
        description: '各镇（街道）报送的本单位数值（截至所选年份的最新一年）及审核状态；公众只看到已审核数值。',
        params: PlanParams,
        querystring: z.object({ year: YearQuery.optional() }),
        response: { 200: TownMatrixOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'value.readApproved');
      const plan = await planOr404(store, req.params.plan);
      const m = await townMatrix(store.db, plan, req.query.year ?? plan.meta.targetYear);
      return can(subjectOf(req), 'value.readAll') ? m : { ...m, cells: m.cells.filter((c) => c.status === 'approved') };
    },
  );
}
