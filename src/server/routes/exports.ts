/** Downloads of the indicator table (table 2-1 layout with values and statuses) as .xlsx and .csv. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { indicatorCsv, indicatorWorkbook } from '../../reports/indicator-table.js';
import { evaluateStored } from '../../store/evaluation.js';
import type { Store } from '../../store/index.js';
import { authorize } from '../auth.js';
import { notFound } from '../errors.js';
import { errors, PlanParams, YearQuery } from '../schemas.js';

const ExportQuery = z.object({
  year: YearQuery.optional(),
  final: z.enum(['true', 'false']).optional(),
  bySheet: z.enum(['none', 'category']).default('none'),
});

/** RFC 5987: browsers keep the Chinese file name, old clients get the ASCII one. */
export function attachment(name: string, ascii: string): string {
  // encodeURIComponent leaves ' ( ) * as they are, which RFC 5987 does not allow in the value.
  const value = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${value}`;
}

export function exportRoutes(app: FastifyInstance, store: Store, info: { demo: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const format of ['xlsx', 'csv'] as const) {
    r.get(
      `/api/v1/plans/:plan/export.${format}`,
      {
        schema: {
          tags: ['export'],
          summary: `导出主要指标表（${format}）/ export the indicator table with values and statuses`,
          description: '仅含已审核数据；示例数据工作区的导出带「示例数据，非真实统计」标记。',
          params: PlanParams,
          querystring: ExportQuery,
          produces: [format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv'],
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        authorize(req, 'export.read');
        const stored = await evaluateStored(store.db, req.params.plan, { year: req.query.year, final: req.query.final === 'true' });
        if (!stored) throw notFound(`规划「${req.params.plan}」`);
        const { plan, evaluation, taskEvaluation, observations } = stored;
        const base = `${plan.meta.shortTitle}主要指标${evaluation.mode === 'final' ? '期末评估' : `${evaluation.year}年监测`}`;
        const ascii = `${plan.meta.id}-indicators-${evaluation.mode === 'final' ? 'final' : evaluation.year}.${format}`;
        void reply.header('content-disposition', attachment(`${base}.${format}`, ascii));
        if (format === 'xlsx') {
          const buf = await indicatorWorkbook(plan, evaluation, observations, {
            demo: info.demo,
            bySheet: req.query.bySheet,
            taskEvaluation,
          });
          return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(buf);
        }
        return reply.type('text/csv; charset=utf-8').send(indicatorCsv(plan, evaluation, observations, { demo: info.demo }));
      },
    );
  }
}
