/**
 * Import of the monthly project ledger (重大项目月度台账): upload an xlsx or csv, read every row
 * against the plan's projects, then write all or nothing. An administrator's ledger (the
 * statistics bureau or DRC office keeping it for every project) lands approved; a reporter may
 * import only the projects their unit is responsible for, and their reports await review. Like the
 * values import, its progress (checking the file, reading rows, writing them) is kept in the store
 * under a job id the client may choose, to be polled at GET /api/v1/jobs/:id from any process.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asLedgerProject, readProjectLedger } from '../../importers/project-ledger.js';
import { DEFAULT_LIMITS } from '../../importers/sheet/index.js';
import type { Store } from '../../store/index.js';
import { withJob } from '../../store/jobs.js';
import { applyProjectLedger } from '../../store/project-ledger.js';
import { allProjects } from '../../store/projects.js';
import { actorOf, authorize, subjectOf } from '../auth.js';
import { can } from '../permissions.js';
import { planOr404, uploadedFile } from '../plan-access.js';
import { errors, PlanParams } from '../schemas.js';

/** What a project ledger import wrote, or would write on a dry run. */
export const LedgerSummaryOut = z.object({
  dryRun: z.boolean(),
  status: z.enum(['draft', 'submitted', 'returned', 'approved']),
  rows: z.number(),
  projects: z.number(),
  months: z.array(z.string()),
  added: z.number(),
  changed: z.number(),
  issues: z.number(),
  investment: z.number(),
  preview: z.array(
    z.object({
      projectId: z.string(),
      projectName: z.string(),
      period: z.string(),
      investment: z.number(),
      action: z.enum(['add', 'change']),
      before: z.number().nullable(),
      cell: z.string(),
    }),
  ),
});

/**
 * POST /api/v1/plans/:plan/projects/ledger?dryRun=true|false (multipart field `file`). Registered in
 * its own encapsulated context, so it works whether or not the values import registered
 * @fastify/multipart on the app before it.
 */
export async function projectLedgerRoutes(app: FastifyInstance, store: Store): Promise<void> {
  await app.register(async (scope) => {
    if (!scope.hasPlugin('@fastify/multipart'))
      await scope.register(multipart, { limits: { fileSize: DEFAULT_LIMITS.maxBytes, files: 1, fields: 10 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/plans/:plan/projects/ledger',
      {
        schema: {
          tags: ['projects'],
          summary: '导入重大项目月度台账（xlsx / csv，multipart 字段 file）/ import the monthly project ledger',
          description:
            '表头含 项目编号或项目名称、月份、本月完成投资（亿元；表头含「万元」则按万元换算），可选 项目阶段、完成节点、存在问题、问题责任单位、备注。' +
            '全部成功才写入；任何一行有误则整份拒绝（422），错误列出文件、工作表、行、列。管理员导入即审核通过；填报人员只能导入本单位负责的项目，导入后待审核。dryRun=true 仅预览。' +
            '同一项目同一月份的两份台账同时导入时依次处理，后到的一份按已锁定的月份整份拒绝。传入自选的 job（UUID）可通过 /api/v1/jobs/:id 查看进度。',
          params: PlanParams,
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false'), job: z.uuid().optional() }),
          consumes: ['multipart/form-data'],
          response: { 200: z.object({ job: z.string(), file: z.string(), summary: LedgerSummaryOut }), ...errors },
        },
      },
      async (req) => {
        // Whether the role may report on some project at all; each row's project is checked below.
        authorize(req, 'project.report');
        const plan = await planOr404(store, req.params.plan);
        const subject = subjectOf(req);
        const actor = actorOf(req);
        const { job, value } = await withJob(
          store.db,
          { kind: 'projectLedger', userId: actor.id, id: req.query.job },
          async (progress) => {
            const file = await uploadedFile(req);
            const projects = await allProjects(store.db, plan.meta.id);
            const manager = can(subject, 'project.manage');
            const allowedProjects = manager
              ? undefined
              : new Set(
                  projects.filter((p) => can(subject, 'project.report', p.responsibleUnitId ? [p.responsibleUnitId] : [])).map((p) => p.id),
                );
            const rows = await readProjectLedger(file, projects.map(asLedgerProject), {
              onProgress: (p) => progress(p.phase, p.done, p.total),
            });
            const summary = await applyProjectLedger(store.db, actor, plan.meta.id, rows, {
              dryRun: req.query.dryRun === 'true',
              submit: true,
              approve: can(subject, 'project.review'),
              allowedProjects,
              file: file.name,
              onProgress: (done, total) => progress('write', done, total),
            });
            return { file: file.name, summary };
          },
          (v) => v.summary,
        );
        return { job, ...value };
      },
    );
  });
}
