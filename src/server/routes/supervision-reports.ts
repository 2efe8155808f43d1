/** The supervision ledger as .xlsx, and the unit assessment (考核) as JSON and .xlsx. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SupervisionSettingsSchema } from '../../core/supervision-settings.js';
import { assessmentWorkbook, ledgerWorkbook } from '../../reports/supervision-ledger.js';
import { planAssessment } from '../../store/assessment.js';
import type { Store } from '../../store/index.js';
import { unitNames } from '../../store/supervision-ledger.js';
import { authorize, subjectOf } from '../auth.js';
import { scopedToUnit } from '../permissions.js';
import { planOr404 } from '../plan-access.js';
import { errors, PlanParams } from '../schemas.js';
import { attachment } from './exports.js';
import { OrderQuerySchema } from './supervision-schemas.js';
import { ledgerFor, orderOut } from './supervision.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MeasureOut = z.object({
  key: z.enum(['targetsOnTrack', 'ordersOnTime', 'reportsOnTime']),
  name: z.string(),
  score: z.number().nullable(),
  weight: z.number(),
  formula: z.string(),
  inputs: z.record(z.string(), z.number()),
});

export const AssessmentOut = z.object({
  today: z.string(),
  settings: SupervisionSettingsSchema,
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      score: z.number().nullable(),
      formula: z.string(),
      measures: z.array(MeasureOut),
    }),
  ),
});

export function supervisionReportRoutes(app: FastifyInstance, store: Store, info: { demo: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/plans/:plan/supervision-orders.xlsx',
    {
      schema: {
        tags: ['supervision'],
        summary: '导出督办台账（xlsx）/ the supervision ledger as a workbook',
        params: PlanParams,
        querystring: OrderQuerySchema,
        produces: [XLSX],
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'supervision.read');
      const plan = await planOr404(store, req.params.plan);
      const ledger = await ledgerFor(store, req, plan.meta.id, req.query);
      const names = await unitNames(store.db);
      const rows = ledger.rows.map((x) => ({ ...orderOut(x, names), coUnits: x.order.coUnits.map((u) => names.get(u) ?? u) }));
      const buf = await ledgerWorkbook(plan.meta.title, ledger.today, rows, ledger.settings, { demo: info.demo });
      void reply.header(
        'content-disposition',
        attachment(`${plan.meta.shortTitle}督办台账（${ledger.today}）.xlsx`, `${plan.meta.id}-supervision-${ledger.today}.xlsx`),
      );
      return reply.type(XLSX).send(buf);
    },
  );

  async function assessment(req: Parameters<typeof authorize>[0], planId: string) {
    const a = (await planAssessment(store.db, planId))!;
    const names = await unitNames(store.db);
    const subject = subjectOf(req);
    const units = a.units
      .filter((u) => !scopedToUnit(subject, 'assessment.read') || u.unitId === subject.unitId)
      .map(({ outcomes: _o, ...u }) => ({ ...u, unitName: names.get(u.unitId) ?? u.unitId }));
    return { today: a.today, settings: a.settings, units };
  }

  r.get(
    '/api/v1/plans/:plan/assessment',
    {
      schema: {
        tags: ['supervision'],
        summary: '考核：各单位的结果指标得分（算式与输入）/ unit assessment by outcomes, with formulas and inputs',
        description:
          '只计牵头指标与任务目标按进度推进、督办单按期销号、数据按期报送；不统计登录、点击等活动，不对个人排名。权重为规划设置。',
        params: PlanParams,
        response: { 200: AssessmentOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'assessment.read');
      const plan = await planOr404(store, req.params.plan);
      return assessment(req, plan.meta.id);
    },
  );

  r.get(
    '/api/v1/plans/:plan/assessment.xlsx',
    {
      schema: {
        tags: ['supervision'],
        summary: '导出考核（xlsx）/ the unit assessment as a workbook',
        params: PlanParams,
        produces: [XLSX],
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'assessment.read');
      const plan = await planOr404(store, req.params.plan);
      const a = await assessment(req, plan.meta.id);
      const buf = await assessmentWorkbook(plan.meta.title, a.today, a.units, a.settings, { demo: info.demo });
      void reply.header(
        'content-disposition',
        attachment(`${plan.meta.shortTitle}考核（${a.today}）.xlsx`, `${plan.meta.id}-assessment-${a.today}.xlsx`),
      );
      return reply.type(XLSX).send(buf);
    },
  );
}
