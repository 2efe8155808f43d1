/**
 * Word reports for download: the annual monitoring report, the mid-term and end-of-period
 * evaluation. A report takes a second or two; a client that passes its own `job` id can poll
 * GET /api/v1/jobs/:id for the section being written, from any process.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildReport, reportTitle, type ReportKind } from '../../reports/word/index.js';
import { evaluateStored } from '../../store/evaluation.js';
import type { Store } from '../../store/index.js';
import { withJob, type ReportProgress } from '../../store/jobs.js';
import { planLedger, ledgerSummary, unitNames } from '../../store/supervision-ledger.js';
import { authorize, subjectOf } from '../auth.js';
import { can, scopedToUnit } from '../permissions.js';
import { notFound } from '../errors.js';
import { errors, PlanParams, YearQuery } from '../schemas.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function reportRoutes(app: FastifyInstance, store: Store, info: { demo: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/plans/:plan/reports/:kind',
    {
      schema: {
        tags: ['reports'],
        summary: '生成报告（Word）/ annual monitoring, mid-term or end-of-period evaluation report as .docx',
        description:
          'kind：annual（年度监测）、midterm（中期评估）、final（期末评估）。仅使用已审核数据。传入自选的 job（UUID）可通过 /api/v1/jobs/:id 查看进度。',
        params: PlanParams.extend({ kind: z.enum(['annual.docx', 'midterm.docx', 'final.docx']) }),
        querystring: z.object({ year: YearQuery.optional(), job: z.uuid().optional() }),
        produces: [DOCX],
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'export.read');
      const kind = req.params.kind.replace('.docx', '') as ReportKind;
      const stored = await evaluateStored(store.db, req.params.plan, { year: req.query.year, final: kind === 'final' });
      if (!stored) throw notFound(`规划「${req.params.plan}」`);
      // The 督办 part only for those who read the whole ledger (admins, leaders), not the public.
      const subject = subjectOf(req);
      const supervision =
        kind === 'annual' && can(subject, 'supervision.read') && !scopedToUnit(subject, 'supervision.read')
          ? ledgerSummary((await planLedger(store.db, stored.plan.meta.id))!, await unitNames(store.db))
          : undefined;
      const build = (progress: ReportProgress): Promise<Buffer> =>
        buildReport({
          plan: stored.plan,
          evaluation: stored.evaluation,
          taskEvaluation: stored.taskEvaluation,
          observations: stored.observations,
          assigned: stored.assigned,
          kind,
          demo: info.demo,
          onProgress: progress,
          supervision,
        });
      // Progress is kept for signed-in users only (only they may read jobs): the public leaves no job rows.
      const buf = req.user
        ? (
            await withJob(store.db, { kind: `report.${kind}`, userId: req.user.id, id: req.query.job, everyMs: 100 }, build, (b) => ({
              bytes: b.length,
            }))
          ).value
        : await build(() => undefined);
      const name = `${reportTitle(stored.plan, kind)}（${kind === 'final' ? stored.plan.meta.targetYear : stored.evaluation.year}年）.docx`;
      const ascii = `${stored.plan.meta.id}-${kind}-${stored.evaluation.year}.docx`;
      void reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reply.type(DOCX).send(buf);
    },
  );
}
