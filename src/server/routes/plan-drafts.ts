/**
 * Plan intake over the API (administrators): upload a plan document (.docx, .pdf, web page, text)
 * → a draft read from it, every item beside the paragraph or cell it came from and the reader's
 * flags; review it step by step (edit, accept, reject, add what was missed — `version` guards
 * against saving over another administrator); publish it as a plan once no flag is open, or
 * discard it. The document is kept and served as the plan's source.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCUMENT_LIMITS, assertPlanFound, readPlanDocument } from '../../importers/plan-document/read.js';
import { ReviewActionSchema, ReviewError } from '../../importers/plan-document/review.js';
import { DocumentError } from '../../importers/plan-document/source.js';
import type { Store } from '../../store/index.js';
import {
  createDraft,
  discardDraft,
  draftDocument,
  DraftError,
  getDraft,
  listDrafts,
  publishDraft,
  reviewDraft,
  type StoredDraft,
} from '../../store/plan-drafts.js';
import { actorOf, authorize } from '../auth.js';
import { HttpError, notFound } from '../errors.js';
import { errors } from '../schemas.js';

const DraftSummaryOut = z.object({
  id: z.string(),
  planId: z.string(),
  fileName: z.string(),
  format: z.string(),
  sha256: z.string(),
  status: z.enum(['open', 'published', 'discarded']),
  version: z.number(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const FlagOut = z.object({ part: z.string(), id: z.string(), reason: z.string(), where: z.string() });
/** The draft itself is the reader's PlanDraft (src/importers/plan-document/draft.ts). */
export const DraftOut = DraftSummaryOut.extend({ draft: z.record(z.string(), z.unknown()), openFlags: z.array(FlagOut) });
const IdParams = z.object({ id: z.uuid() });
const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

const STATUS: Record<DraftError['code'], number> = {
  notFound: 404,
  conflict: 409,
  openFlags: 409,
  invalidPlan: 422,
  exists: 409,
  closed: 409,
};

/** Domain refusals as HTTP errors, in the API's one error shape. */
async function mapped<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof DraftError) throw new HttpError(STATUS[e.code], e.code, e.message, e.details);
    if (e instanceof ReviewError) throw new HttpError(e.code === 'notFound' ? 404 : 400, e.code, e.message);
    if (e instanceof DocumentError) throw new HttpError(422, 'documentRefused', `文档被拒绝，未写入任何数据：${e.message}`);
    throw e;
  }
}

const out = (d: StoredDraft): z.infer<typeof DraftOut> => ({ ...d, draft: d.draft as unknown as Record<string, unknown> });

export async function planDraftRoutes(app: FastifyInstance, store: Store): Promise<void> {
  await app.register(async (scope) => {
    if (!scope.hasPlugin('@fastify/multipart')) await scope.register(multipart, { limits: { files: 1, fields: 5 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/plan-drafts',
      {
        schema: {
          tags: ['plan intake'],
          summary: '上传规划文档，读出待审核的规划草稿 / upload a plan document, read into a draft',
          description:
            '.docx、.pdf（须有文字层）、网页（.html）或文本；multipart 字段 file，查询参数 planId 为发布后的规划编号。超过 100 MB、ZIP 炸弹、扫描件等被拒绝（422），不写入任何数据。',
          querystring: z.object({
            planId: z
              .string()
              .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, '规划编号只能用字母、数字、「.」「_」「-」')
              .max(100),
          }),
          consumes: ['multipart/form-data'],
          response: { 201: DraftOut, ...errors, 413: errors[400] },
        },
      },
      async (req, reply) => {
        authorize(req, 'planDraft.manage');
        // Its own size limit: plan documents are larger than spreadsheets.
        const file = await req.file({ limits: { fileSize: DOCUMENT_LIMITS.maxBytes, files: 1 } });
        if (!file) throw new HttpError(400, 'noFile', '请上传规划文档（multipart 字段 file）');
        const data = await file.toBuffer();
        if (file.file.truncated)
          throw new HttpError(413, 'tooLarge', `${file.filename}: 文件超过 ${DOCUMENT_LIMITS.maxBytes / 1024 / 1024} MB，未读取`);
        const stored = await mapped(async () => {
          const { format, draft } = await readPlanDocument(data, { id: req.query.planId, file: file.filename });
          assertPlanFound(draft, file.filename);
          return createDraft(store.db, actorOf(req), { fileName: file.filename, format, document: data, draft });
        });
        return reply.status(201).send(out(stored));
      },
    );

    r.get(
      '/api/v1/plan-drafts',
      { schema: { tags: ['plan intake'], summary: '规划草稿列表 / plan drafts', response: { 200: z.array(DraftSummaryOut), ...errors } } },
      async (req) => {
        authorize(req, 'planDraft.manage');
        return listDrafts(store.db);
      },
    );

    r.get(
      '/api/v1/plan-drafts/:id',
      {
        schema: {
          tags: ['plan intake'],
          summary: '规划草稿及待核标记 / a draft with its open flags',
          params: IdParams,
          response: { 200: DraftOut, ...errors },
        },
      },
      async (req) => {
        authorize(req, 'planDraft.manage');
        const d = await getDraft(store.db, req.params.id);
        if (!d) throw notFound('该草稿');
        return out(d);
      },
    );

    r.get(
      '/api/v1/plan-drafts/:id/document',
      {
        schema: {
          tags: ['plan intake'],
          summary: '草稿（及由其发布的规划）的原始文档 / the document a draft was read from',
          params: IdParams,
        },
      },
      async (req, reply) => {
        authorize(req, 'plan.read');
        const doc = await draftDocument(store.db, req.params.id);
        if (!doc) throw notFound('该文档');
        return reply
          .header('content-type', MIME[doc.format] ?? 'application/octet-stream')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
          .send(doc.data);
      },
    );

    r.post(
      '/api/v1/plan-drafts/:id/review',
      {
        schema: {
          tags: ['plan intake'],
          summary: '审核一步：修改、确认、删除、补充条目 / one review step',
          description: 'op 为 edit（fields）、accept、reject、reopen 或 add（item）；version 为所见草稿的版本，已被他人修改则 409。',
          params: IdParams,
          body: z.object({ version: z.number().int().positive(), action: ReviewActionSchema }),
          response: { 200: DraftOut, ...errors },
        },
      },
      async (req) => {
        authorize(req, 'planDraft.manage');
        return out(await mapped(() => reviewDraft(store.db, actorOf(req), req.params.id, req.body.version, req.body.action)));
      },
    );

    r.post(
      '/api/v1/plan-drafts/:id/discard',
      {
        schema: {
          tags: ['plan intake'],
          summary: '放弃草稿（留档，不再审核或发布）/ discard a draft',
          params: IdParams,
          body: z.object({ version: z.number().int().positive(), reason: z.string().max(500).optional() }),
          response: { 200: DraftOut, ...errors },
        },
      },
      async (req) => {
        authorize(req, 'planDraft.manage');
        return out(await mapped(() => discardDraft(store.db, actorOf(req), req.params.id, req.body.version, req.body.reason)));
      },
    );

    r.post(
      '/api/v1/plan-drafts/:id/publish',
      {
        schema: {
          tags: ['plan intake'],
          summary: '发布为规划（无待核标记时）/ publish the draft as a plan',
          params: IdParams,
          body: z.object({ version: z.number().int().positive() }),
          response: { 201: z.object({ planId: z.string() }), ...errors },
        },
      },
      async (req, reply) => {
        authorize(req, 'planDraft.manage');
        const actor = actorOf(req);
        const r2 = await mapped(() => store.db.transaction().execute((trx) => publishDraft(trx, actor, req.params.id, req.body.version)));
        return reply.status(201).send(r2);
      },
    );
  });
}
