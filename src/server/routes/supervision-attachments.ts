/**
 * Files of supervision orders: the reviewer attaches files to the order (purpose=order), the
 * responsible unit uploads the files of its reply (purpose=reply), then names them in the reply.
 * Multipart, field `file`, one file per request, at most 20 MB, of an allowed type by its bytes.
 * Who may see an order may download its files; the public never.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SupervisionError } from '../../core/supervision.js';
import { ALLOWED_EXTENSIONS, ATTACHMENT_MAX_BYTES, AttachmentError, checkAttachment } from '../../importers/attachment-file.js';
import { readAttachment, saveAttachment } from '../../store/attachments.js';
import type { Store } from '../../store/index.js';
import { actorOf, authorize } from '../auth.js';
import { HttpError, notFound } from '../errors.js';
import { errors, PlanParams } from '../schemas.js';
import { attachment } from './exports.js';
import { attachmentUrl, readableOrder } from './supervision.js';
import { AttachmentOut } from './supervision-schemas.js';

const OrderParams = PlanParams.extend({ id: z.string().max(64) });
const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

const STATUS: Record<AttachmentError['code'], number> = { attachmentTooLarge: 413, attachmentType: 415, attachmentEmpty: 400 };

/** The uploaded file's bytes; a file over the limit is refused with its name and the limit. */
async function upload(req: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  const tooLarge = (name: string): HttpError =>
    new HttpError(413, 'attachmentTooLarge', `「${name}」超过每个附件 ${MAX_MB} MB 的上限，未保存`);
  const file = await req.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } });
  if (!file) throw new HttpError(400, 'noFile', '请选择要上传的附件（multipart 字段 file）');
  let data: Buffer;
  try {
    data = await file.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(file.filename);
    throw e;
  }
  if (file.file.truncated) throw tooLarge(file.filename);
  return { name: file.filename, data };
}

export async function supervisionAttachmentRoutes(app: FastifyInstance, store: Store): Promise<void> {
  await app.register(async (scope) => {
    if (!scope.hasPlugin('@fastify/multipart')) await scope.register(multipart, { limits: { files: 1, fields: 5 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/plans/:plan/supervision-orders/:id/attachments',
      {
        schema: {
          tags: ['supervision'],
          summary: '上传督办单或反馈的附件 / upload a file to an order or for a reply',
          description: `multipart 字段 file，每个附件不超过 ${MAX_MB} MB；允许 ${ALLOWED_EXTENSIONS.map((e) => `.${e}`).join('、')}，按文件内容判断类型，扩展名须与内容相符。purpose=reply：责任单位为反馈上传，随后在反馈的 attachmentIds 中给出；purpose=order：管理员为督办单本身附上文件。`,
          params: OrderParams,
          querystring: z.object({ purpose: z.enum(['order', 'reply']).default('reply') }),
          consumes: ['multipart/form-data'],
          response: { 201: AttachmentOut, ...errors, 413: errors[400], 415: errors[400] },
        },
      },
      async (req, reply) => {
        const order = await readableOrder(store, req, req.params.plan, req.params.id);
        const purpose = req.query.purpose;
        if (purpose === 'reply') authorize(req, 'supervision.reply', [order.unitId]);
        else authorize(req, 'supervision.issue');
        if (order.state === 'closed') throw new SupervisionError('invalidTransition', '已销号的督办单不能再上传附件');
        const { name, data } = await upload(req);
        let checked;
        try {
          checked = checkAttachment(data, name);
        } catch (e) {
          if (e instanceof AttachmentError) throw new HttpError(STATUS[e.code], e.code, e.message);
          throw e;
        }
        const meta = await saveAttachment(store.db, actorOf(req), order, purpose, { ...checked, data });
        return reply.status(201).send({ ...meta, url: attachmentUrl(order.planId, order.id, meta.id) });
      },
    );

    r.get(
      '/api/v1/plans/:plan/supervision-orders/:id/attachments/:file',
      {
        schema: {
          tags: ['supervision'],
          summary: '下载附件 / download a file of an order',
          params: OrderParams.extend({ file: z.string().max(64) }),
        },
      },
      async (req, reply) => {
        const order = await readableOrder(store, req, req.params.plan, req.params.id);
        const a = await readAttachment(store.db, req.params.file);
        // A reply's file not yet sent with its reply is its uploader's alone.
        const unsent = a?.purpose === 'reply' && a.replyId === null && a.uploadedBy !== actorOf(req).username;
        if (!a || a.orderId !== order.id || unsent) throw notFound('该附件');
        const ascii = `attachment-${a.id.slice(0, 8)}.${a.fileName.split('.').pop()}`;
        return reply
          .header('content-type', a.mime)
          .header('content-length', a.size)
          .header('content-disposition', attachment(a.fileName, ascii))
          .header('cache-control', 'private, no-store')
          .send(a.data);
      },
    );
  });
}
