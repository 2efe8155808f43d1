/**
 * Spreadsheet import: upload, read (xlsx or csv, wide or long layout), check every row, then write
 * all or nothing. `dryRun=true` previews; progress is kept in the store under a job id the client
 * may choose, so it can poll GET /api/v1/jobs/:id from any process while the upload runs.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_LIMITS, readValuesFile } from '../../importers/spreadsheet.js';
import { applyImport } from '../../store/imports.js';
import type { Store } from '../../store/index.js';
import { getJob, withJob } from '../../store/jobs.js';
import { indicatorsOfUnit } from '../../store/planning.js';
import { actorOf, authorize, subjectOf } from '../auth.js';
import { notFound } from '../errors.js';
import { scopedToUnit } from '../permissions.js';
import { planOr404, reportingUnitFor, uploadedFile } from '../plan-access.js';
import { errors, PlanParams } from '../schemas.js';

const SummaryOut = z.object({
  file: z.string(),
  dryRun: z.boolean(),
  total: z.number(),
  added: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  revised: z.number(),
  flagged: z.number(),
  indicators: z.number(),
  years: z.array(z.number()),
  preview: z.array(
    z.object({
      indicatorId: z.string(),
      year: z.number(),
      kind: z.string(),
      value: z.number(),
      before: z.number().nullable(),
      action: z.string(),
      flag: z.string().optional(),
      cell: z.string(),
    }),
  ),
});

/** Progress of an import or report job. */
export const JobOut = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  phase: z.string().nullable(),
  done: z.number(),
  total: z.number().nullable(),
  result: z.unknown(),
  error: z.unknown(),
});

export async function importRoutes(app: FastifyInstance, store: Store): Promise<void> {
  await app.register(multipart, { limits: { fileSize: DEFAULT_LIMITS.maxBytes, files: 1, fields: 10 } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/plans/:plan/imports',
    {
      schema: {
        tags: ['import'],
        summary: '导入数值表（xlsx / csv，multipart 字段 file）/ import a spreadsheet of values',
        description: '全部成功才写入；任何一行有误则整份拒绝，错误列出文件、工作表、行、列。dryRun=true 仅预览。',
        params: PlanParams,
        querystring: z.object({
          dryRun: z.enum(['true', 'false']).default('false'),
          job: z.uuid().optional(),
          revisionReason: z.string().max(500).optional(),
        }),
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            job: z.string(),
            layout: z.string(),
            sheets: z.array(z.string()),
            skippedSheets: z.array(z.string()),
            summary: SummaryOut,
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      authorize(req, 'value.import');
      const plan = await planOr404(store, req.params.plan);
      const subject = subjectOf(req);
      const actor = actorOf(req);
      // The job starts before the upload is read, so that a client polling it finds it at once.
      const { job, value } = await withJob(
        store.db,
        { kind: 'import', userId: actor.id, id: req.query.job },
        async (progress) => {
          const file = await uploadedFile(req);
          const read = await readValuesFile(file, plan, { onProgress: (p) => progress(p.phase, p.done, p.total) });
          const summary = await applyImport(store.db, actor, plan, read.values, {
            file: file.name,
            mode: subject.role === 'admin' ? 'approve' : 'submit',
            allowedIndicators: scopedToUnit(subject, 'value.import')
              ? new Set(await indicatorsOfUnit(store.db, plan.meta.id, subject.unitId!))
              : undefined,
            revisionReason: req.query.revisionReason,
            dryRun: req.query.dryRun === 'true',
            bulkWriter: store.bulkWriter,
            // A town's file holds its own figures, never the district's.
            forUnitId: await reportingUnitFor(store, plan.meta.id, subject, '', undefined),
          });
          return { read, summary };
        },
        (v) => v.summary,
      );
      const { read, summary } = value;
      return { job, layout: read.layout, sheets: read.sheets, skippedSheets: read.skippedSheets, summary };
    },
  );

  r.get(
    '/api/v1/jobs/:id',
    {
      schema: {
        tags: ['import'],
        summary: '任务进度 / progress of an import or report',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: JobOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'job.read');
      const job = await getJob(store.db, req.params.id);
      if (!job || (job.userId !== req.user?.id && req.user?.role !== 'admin')) throw notFound(`任务 ${req.params.id}`);
      return job;
    },
  );
}
