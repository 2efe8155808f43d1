/**
 * Files of supervision orders, bytes in the database (migration 0009_attachments). A reviewer
 * attaches files to the order itself; a unit uploads files for its reply, which the reply then
 * takes (until it does, the file is the uploader's alone and listed nowhere). Each upload is
 * audited on the order, so it is part of the order's history.
 */
import { createHash } from 'node:crypto';
import { SupervisionError } from '../core/supervision.js';
import type { CheckedAttachment } from '../importers/attachment-file.js';
import { recordAudit } from './audit.js';
import type { SupervisionAttachmentTable } from './schema.js';
import { inTransaction, newId, now, type Actor, type Db } from './util.js';

export type AttachmentPurpose = 'order' | 'reply';

export interface AttachmentMeta {
  id: string;
  orderId: string;
  replyId: string | null;
  purpose: AttachmentPurpose;
  fileName: string;
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  unitId: string | null;
  uploadedBy: string;
  createdAt: string;
}

const META = [
  'id',
  'order_id',
  'reply_id',
  'purpose',
  'file_name',
  'kind',
  'mime',
  'size',
  'sha256',
  'unit_id',
  'uploaded_by',
  'created_at',
] as const;

const toMeta = (r: Pick<SupervisionAttachmentTable, (typeof META)[number]>): AttachmentMeta => ({
  id: r.id,
  orderId: r.order_id,
  replyId: r.reply_id,
  purpose: r.purpose as AttachmentPurpose,
  fileName: r.file_name,
  kind: r.kind,
  mime: r.mime,
  size: Number(r.size),
  sha256: r.sha256,
  unitId: r.unit_id,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
});

export async function saveAttachment(
  db: Db,
  actor: Actor,
  order: { id: string; planId: string },
  purpose: AttachmentPurpose,
  file: CheckedAttachment & { data: Buffer },
): Promise<AttachmentMeta> {
  const row: SupervisionAttachmentTable = {
    id: newId(),
    plan_id: order.planId,
    order_id: order.id,
    reply_id: null,
    purpose,
    file_name: file.fileName,
    kind: file.kind,
    mime: file.mime,
    size: file.size,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    data: file.data,
    unit_id: actor.unitId,
    uploaded_by: actor.username,
    created_at: now(),
  };
  const meta = toMeta(row);
  return inTransaction(db, async (trx) => {
    await trx.insertInto('supervision_attachments').values(row).execute();
    await recordAudit(trx, actor, {
      action: 'supervision.attach',
      entity: 'supervisionOrder',
      entityId: order.id,
      planId: order.planId,
      after: meta,
    });
    return meta;
  });
}

/**
 * The files shown with orders: the orders' own and those their replies took. A reply's file not yet
 * sent with a reply is listed only for its uploader (`uploader`), so the reply dialog can show it.
 */
export async function listAttachments(db: Db, orderIds: readonly string[], uploader?: string): Promise<AttachmentMeta[]> {
  if (!orderIds.length) return [];
  const rows = await db
    .selectFrom('supervision_attachments')
    .select(META)
    .where('order_id', 'in', [...orderIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toMeta).filter((a) => a.purpose === 'order' || a.replyId !== null || a.uploadedBy === uploader);
}

export async function readAttachment(db: Db, id: string): Promise<(AttachmentMeta & { data: Buffer }) | undefined> {
  const r = await db.selectFrom('supervision_attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { ...toMeta(r), data: Buffer.from(r.data) };
}

/** Gives the reply the files its author uploaded for it; inside the reply's transaction. */
export async function bindReplyAttachments(trx: Db, actor: Actor, orderId: string, replyId: string, ids: readonly string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return;
  const r = await trx
    .updateTable('supervision_attachments')
    .set({ reply_id: replyId })
    .where('id', 'in', wanted)
    .where('order_id', '=', orderId)
    .where('purpose', '=', 'reply')
    .where('reply_id', 'is', null)
    .where('uploaded_by', '=', actor.username)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== wanted.length)
    throw new SupervisionError('invalid', '有附件不属于本督办单、不是您上传的或已随其他反馈提交，请重新上传');
}
