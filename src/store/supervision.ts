/**
 * Supervision orders (督办单) and the units' replies. Every step — issue, reply, accept (销号),
 * return, extend — is one transaction that changes the order, writes the audit log (which is the
 * order's history) and puts the messages for the units in the outbox.
 */
import {
  nextOrderState,
  isDate,
  ORDER_LEVEL,
  SupervisionError,
  type OrderAction,
  type OrderLevel,
  type OrderState,
  type SubjectType,
} from '../core/supervision.js';
import { bindReplyAttachments, listAttachments, type AttachmentMeta } from './attachments.js';
import { listAudit, recordAudit, type AuditRecord } from './audit.js';
import { notifyUnits } from './notifications.js';
import type { SupervisionOrderTable, SupervisionReplyTable } from './schema.js';
import { inTransaction, newId, now, type Actor, type Db } from './util.js';

export interface OrderReply {
  id: string;
  measures: string;
  progress: string;
  expectedCompletion: string | null;
  /** Uploaded files (store/attachments.ts), bytes not included. */
  attachments: AttachmentMeta[];
  unitId: string | null;
  repliedBy: string;
  createdAt: string;
}

export interface Order {
  id: string;
  planId: string;
  subjectType: SubjectType;
  subjectId: string | null;
  subjectName: string;
  warningKey: string | null;
  warningColour: string | null;
  warningMessage: string | null;
  unitId: string;
  coUnits: string[];
  requirement: string;
  level: OrderLevel;
  state: OrderState;
  deadline: string;
  originalDeadline: string;
  extended: boolean;
  extensionReason: string | null;
  returns: number;
  returnReason: string | null;
  issuedBy: string;
  closedBy: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrderInput {
  subjectType: SubjectType;
  subjectId?: string | null;
  subjectName: string;
  warning?: { key: string; colour: string; message: string } | null;
  unitId: string;
  coUnits?: string[];
  requirement: string;
  deadline: string;
  level: OrderLevel;
}

const ENTITY = 'supervisionOrder';

function toOrder(r: SupervisionOrderTable): Order {
  return {
    id: r.id,
    planId: r.plan_id,
    subjectType: r.subject_type as SubjectType,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    warningKey: r.warning_key,
    warningColour: r.warning_colour,
    warningMessage: r.warning_message,
    unitId: r.unit_id,
    coUnits: JSON.parse(r.co_units) as string[],
    requirement: r.requirement,
    level: r.level as OrderLevel,
    state: r.state as OrderState,
    deadline: r.deadline,
    originalDeadline: r.original_deadline,
    extended: r.deadline !== r.original_deadline,
    extensionReason: r.extension_reason,
    returns: r.returns,
    returnReason: r.return_reason,
    issuedBy: r.issued_by,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const toReply = (r: SupervisionReplyTable, attachments: AttachmentMeta[]): OrderReply => ({
  id: r.id,
  measures: r.measures,
  progress: r.progress,
  expectedCompletion: r.expected_completion,
  attachments: attachments.filter((a) => a.replyId === r.id),
  unitId: r.unit_id,
  repliedBy: r.replied_by,
  createdAt: r.created_at,
});

async function checkUnits(db: Db, ids: string[]): Promise<void> {
  const known = new Set((await db.selectFrom('units').select('id').execute()).map((u) => u.id));
  for (const id of ids) if (!known.has(id)) throw new SupervisionError('invalid', `没有单位「${id}」`);
}

const label = (o: Pick<Order, 'level' | 'subjectName'>): string => `【${ORDER_LEVEL[o.level].zh}】${o.subjectName}`;

export async function issueOrder(db: Db, actor: Actor, planId: string, input: OrderInput): Promise<Order> {
  if (!isDate(input.deadline)) throw new SupervisionError('invalid', `办理期限「${input.deadline}」应为 YYYY-MM-DD`);
  if (!input.requirement.trim()) throw new SupervisionError('invalid', '请填写督办要求');
  const coUnits = [...new Set(input.coUnits ?? [])].filter((u) => u !== input.unitId);
  await checkUnits(db, [input.unitId, ...coUnits]);
  const t = now();
  const row: SupervisionOrderTable = {
    id: newId(),
    plan_id: planId,
    subject_type: input.subjectType,
    subject_id: input.subjectId ?? null,
    subject_name: input.subjectName,
    warning_key: input.warning?.key ?? null,
    warning_colour: input.warning?.colour ?? null,
    warning_message: input.warning?.message ?? null,
    unit_id: input.unitId,
    co_units: JSON.stringify(coUnits),
    requirement: input.requirement.trim(),
    level: input.level,
    state: 'issued',
    deadline: input.deadline,
    original_deadline: input.deadline,
    extension_reason: null,
    returns: 0,
    return_reason: null,
    issued_by: actor.username,
    closed_by: null,
    closed_at: null,
    created_at: t,
    updated_at: t,
  };
  const order = toOrder(row);
  return inTransaction(db, async (trx) => {
    await trx.insertInto('supervision_orders').values(row).execute();
    await recordAudit(trx, actor, { action: 'supervision.issue', entity: ENTITY, entityId: row.id, planId, after: order });
    await notifyUnits(trx, [order.unitId, ...coUnits], {
      orderId: order.id,
      subject: `${label(order)}：请于${order.deadline}前反馈`,
      body: [
        `事项：${order.subjectName}`,
        ...(order.warningMessage ? [`预警：${order.warningMessage}`] : []),
        `督办要求：${order.requirement}`,
        `办理期限：${order.deadline}`,
        `责任单位：${order.unitId}${coUnits.length ? `；协办单位：${coUnits.join('、')}` : ''}`,
        '请登录规划实施监测评估平台「督办」页面反馈整改措施和进展。',
      ].join('\n'),
    });
    return order;
  });
}

export interface OrderQuery {
  state?: OrderState | 'open';
  /** The responsible unit or a co-unit. */
  unitId?: string;
  level?: OrderLevel;
  subjectType?: SubjectType;
}

export async function listOrders(db: Db, planId: string, q: OrderQuery = {}): Promise<Order[]> {
  let query = db.selectFrom('supervision_orders').selectAll().where('plan_id', '=', planId);
  if (q.state === 'open') query = query.where('state', '!=', 'closed');
  else if (q.state) query = query.where('state', '=', q.state);
  if (q.level) query = query.where('level', '=', q.level);
  if (q.subjectType) query = query.where('subject_type', '=', q.subjectType);
  const rows = await query.orderBy('deadline').orderBy('created_at').execute();
  const orders = rows.map(toOrder);
  return q.unitId ? orders.filter((o) => o.unitId === q.unitId || o.coUnits.includes(q.unitId!)) : orders;
}

export async function getOrder(db: Db, id: string): Promise<Order> {
  const r = await db.selectFrom('supervision_orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new SupervisionError('notFound', `没有找到督办单「${id}」`);
  return toOrder(r);
}

export async function listReplies(db: Db, orderIds: readonly string[]): Promise<Map<string, OrderReply[]>> {
  const out = new Map<string, OrderReply[]>();
  if (!orderIds.length) return out;
  const rows = await db
    .selectFrom('supervision_replies')
    .selectAll()
    .where('order_id', 'in', [...orderIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const files = await listAttachments(db, orderIds);
  for (const r of rows) out.set(r.order_id, [...(out.get(r.order_id) ?? []), toReply(r, files)]);
  return out;
}

/** The order's history: every step in the audit log, oldest first. */
export async function orderHistory(db: Db, id: string): Promise<AuditRecord[]> {
  return (await listAudit(db, { entity: ENTITY, entityId: id, limit: 1000 })).reverse();
}

/**
 * Locks the order for the rest of the transaction and reads it: a no-op update takes PostgreSQL's
 * row lock and SQLite's write lock, so two reviewers of one order act one after the other.
 */
async function lockOrder(trx: Db, id: string): Promise<Order> {
  await trx
    .updateTable('supervision_orders')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .execute();
  return getOrder(trx, id);
}

export interface ReplyInput {
  measures: string;
  progress: string;
  expectedCompletion?: string | null;
  /** Files the author uploaded for this reply (store/attachments.ts saveAttachment, purpose reply). */
  attachmentIds?: string[];
}

async function step(
  db: Db,
  actor: Actor,
  id: string,
  action: OrderAction,
  change: (o: Order, trx: Db) => Promise<Partial<SupervisionOrderTable>>,
  input: { reason?: string | null; deadline?: string } = {},
  message?: (o: Order) => { subject: string; body: string },
): Promise<Order> {
  return inTransaction(db, async (trx) => {
    const before = await lockOrder(trx, id);
    const state = nextOrderState(before, action, input);
    const set = { ...(await change(before, trx)), state, updated_at: now() };
    await trx.updateTable('supervision_orders').set(set).where('id', '=', id).execute();
    const after = await getOrder(trx, id);
    await recordAudit(trx, actor, {
      action: `supervision.${action}`,
      entity: ENTITY,
      entityId: id,
      planId: after.planId,
      before,
      after,
      reason: input.reason ?? null,
    });
    if (message) await notifyUnits(trx, [after.unitId], { orderId: id, ...message(after) });
    return after;
  });
}

export async function replyToOrder(db: Db, actor: Actor, id: string, r: ReplyInput): Promise<Order> {
  if (!r.measures.trim() || !r.progress.trim()) throw new SupervisionError('invalid', '请填写整改措施和进展情况');
  if (r.expectedCompletion && !isDate(r.expectedCompletion))
    throw new SupervisionError('invalid', `预计完成时间「${r.expectedCompletion}」应为 YYYY-MM-DD`);
  return step(db, actor, id, 'reply', async (o, trx) => {
    const replyId = newId();
    await trx
      .insertInto('supervision_replies')
      .values({
        id: replyId,
        order_id: o.id,
        measures: r.measures.trim(),
        progress: r.progress.trim(),
        expected_completion: r.expectedCompletion ?? null,
        // Files are rows of supervision_attachments now; the column stays for replies written before 0009.
        attachments: '[]',
        unit_id: actor.unitId,
        replied_by: actor.username,
        created_at: now(),
      })
      .execute();
    await bindReplyAttachments(trx, actor, o.id, replyId, r.attachmentIds ?? []);
    return {};
  });
}

export async function acceptOrder(db: Db, actor: Actor, id: string, note?: string | null): Promise<Order> {
  return step(
    db,
    actor,
    id,
    'accept',
    async () => ({ closed_by: actor.username, closed_at: now() }),
    { reason: note ?? null },
    (o) => ({ subject: `${label(o)}：已销号`, body: `事项「${o.subjectName}」的督办单已审核通过并销号。${note ? `\n意见：${note}` : ''}` }),
  );
}

export async function returnOrder(db: Db, actor: Actor, id: string, reason: string): Promise<Order> {
  return step(
    db,
    actor,
    id,
    'return',
    async (o) => ({ returns: o.returns + 1, return_reason: reason.trim() }),
    { reason },
    (o) => ({
      subject: `${label(o)}：反馈被退回，请于${o.deadline}前重新反馈`,
      body: `退回原因：${reason.trim()}\n办理期限：${o.deadline}`,
    }),
  );
}

export async function extendOrder(db: Db, actor: Actor, id: string, deadline: string, reason: string): Promise<Order> {
  return step(
    db,
    actor,
    id,
    'extend',
    async () => ({ deadline, extension_reason: reason.trim() }),
    { reason, deadline },
    (o) => ({ subject: `${label(o)}：办理期限延至${o.deadline}`, body: `延期原因：${reason.trim()}` }),
  );
}
