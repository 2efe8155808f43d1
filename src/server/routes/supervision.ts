/**
 * Warnings (预警) and supervision orders (督办单): the API a government OA system can use to create
 * and read orders, and that the 督办 pages use. Every step is audited and reaches the units through
 * the notification outbox.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaDate, DEADLINE_COLOUR } from '../../core/deadlines.js';
import { countByUnit } from '../../core/ledger.js';
import { SupervisionError, type SubjectType } from '../../core/supervision.js';
import { supervisionSettings } from '../../core/supervision-settings.js';
import { countWarnings, filterWarnings } from '../../core/warnings.js';
import type { Store } from '../../store/index.js';
import { planLedger, unitNames, type LedgerRow } from '../../store/supervision-ledger.js';
import {
  acceptOrder,
  extendOrder,
  getOrder,
  issueOrder,
  orderHistory,
  replyToOrder,
  returnOrder,
  type Order,
} from '../../store/supervision.js';
import { planWarnings } from '../../store/warnings.js';
import type { AttachmentMeta } from '../../store/attachments.js';
import { actorOf, authorize, subjectOf } from '../auth.js';
import { notFound } from '../errors.js';
import { can, scopedToUnit } from '../permissions.js';
import { planOr404 } from '../plan-access.js';
import { errors, PlanParams } from '../schemas.js';
import {
  Colour,
  DateStr,
  Kind,
  LevelEnum,
  OrderDetailOut,
  OrderListOut,
  OrderQuerySchema,
  SubjectEnum,
  UnitCountsOut,
  WarningsOut,
  type OrderQueryInput,
} from './supervision-schemas.js';

const OrderParams = PlanParams.extend({ id: z.string().max(64) });

export const attachmentUrl = (planId: string, orderId: string, fileId: string): string =>
  `/api/v1/plans/${encodeURIComponent(planId)}/supervision-orders/${encodeURIComponent(orderId)}/attachments/${encodeURIComponent(fileId)}`;

const fileOut = (planId: string) => (a: AttachmentMeta) => ({
  id: a.id,
  fileName: a.fileName,
  kind: a.kind,
  mime: a.mime,
  size: a.size,
  sha256: a.sha256,
  purpose: a.purpose,
  uploadedBy: a.uploadedBy,
  createdAt: a.createdAt,
  url: attachmentUrl(planId, a.orderId, a.id),
});

export function orderOut(row: LedgerRow, names: Map<string, string>) {
  const { order, status } = row;
  return {
    ...order,
    unitName: names.get(order.unitId) ?? order.unitId,
    colour: status.judgement.colour,
    colourLabel: DEADLINE_COLOUR[status.judgement.colour].zh,
    daysLeft: status.judgement.daysLeft,
    colourRule: status.judgement.rule,
    warningCleared: status.warningCleared,
    closedOnTime: status.closedOnTime,
    replies: row.replies.map((r) => ({ ...r, attachments: r.attachments.map(fileOut(order.planId)) })),
    files: row.files.map(fileOut(order.planId)),
  };
}

/** The ledger a request may see: a reporter's is the orders to their unit. */
export async function ledgerFor(store: Store, req: FastifyRequest, planId: string, q: OrderQueryInput) {
  const subject = subjectOf(req);
  const unitId = scopedToUnit(subject, 'supervision.read') ? subject.unitId! : q.unit;
  const ledger = (await planLedger(store.db, planId, {
    state: q.state,
    unitId,
    level: q.level,
    subjectType: q.subjectType,
  }))!;
  return { ...ledger, rows: q.colour ? ledger.rows.filter((r) => r.status.judgement.colour === q.colour) : ledger.rows };
}

/** The order, if the request may see it: who may see an order may also download its files. */
export async function readableOrder(store: Store, req: FastifyRequest, planId: string, id: string): Promise<Order> {
  const order = await getOrder(store.db, id);
  if (order.planId !== planId) throw notFound(`督办单「${id}」`);
  authorize(req, 'supervision.read', [order.unitId, ...order.coUnits]);
  return order;
}

export function supervisionRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const readable = (req: FastifyRequest, planId: string, id: string): Promise<Order> => readableOrder(store, req, planId, id);

  /** The parts of an order a history step names (the audit log keeps the whole order). */
  function stepOf(o: unknown): { subjectName: string; unitId: string; state: string; deadline: string } | null {
    if (!o || typeof o !== 'object') return null;
    const x = o as Record<string, unknown>;
    return {
      subjectName: String(x.subjectName ?? ''),
      unitId: String(x.unitId ?? ''),
      state: String(x.state ?? ''),
      deadline: String(x.deadline ?? ''),
    };
  }

  async function one(req: FastifyRequest, planId: string, id: string) {
    await readable(req, planId, id);
    const ledger = (await planLedger(store.db, planId))!;
    const row = ledger.rows.find((x) => x.order.id === id)!;
    const history = (await orderHistory(store.db, id)).map((h) => ({
      seq: h.seq,
      at: h.at,
      username: h.username,
      action: h.action,
      entityId: h.entityId,
      before: stepOf(h.before),
      after: stepOf(h.after),
      reason: h.reason ?? null,
      attachment: attached(planId, h.after),
    }));
    return { ...orderOut(row, await unitNames(store.db)), history };
  }

  /** The file an upload step recorded, for the history's download link. */
  function attached(planId: string, after: unknown): { id: string; fileName: string; url: string } | null {
    const a = after as Partial<AttachmentMeta> | null | undefined;
    return a?.id && a.fileName && a.orderId && a.purpose
      ? { id: a.id, fileName: a.fileName, url: attachmentUrl(planId, a.orderId, a.id) }
      : null;
  }

  r.get(
    '/api/v1/plans/:plan/warnings',
    {
      schema: {
        tags: ['supervision'],
        summary: '预警清单 / warnings of indicators, task targets, projects and reporting',
        description:
          '由已审核数据的评估、项目监测和报送日历实时计算，不可手工录入。约束性且滞后为红色，滞后或未达年度计划为黄色，其余为正常；规则阈值为规划设置（settings.supervision）。',
        params: PlanParams,
        querystring: z.object({
          colour: Colour.optional(),
          kind: Kind.optional(),
          unit: z.string().max(100).optional(),
          town: z.string().max(100).optional(),
        }),
        response: { 200: WarningsOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'warning.read');
      const plan = await planOr404(store, req.params.plan);
      const today = chinaDate(new Date());
      const subject = subjectOf(req);
      let all = (await planWarnings(store.db, plan.meta.id, today))!;
      if (scopedToUnit(subject, 'warning.read')) all = all.filter((w) => w.unitIds.includes(subject.unitId!));
      const items = filterWarnings(all, req.query);
      return { today, counts: countWarnings(items), settings: supervisionSettings(plan), items };
    },
  );

  r.get(
    '/api/v1/plans/:plan/supervision-orders',
    {
      schema: {
        tags: ['supervision'],
        summary: '督办台账 / supervision orders with deadline colours',
        params: PlanParams,
        querystring: OrderQuerySchema,
        response: { 200: OrderListOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'supervision.read');
      const plan = await planOr404(store, req.params.plan);
      const ledger = await ledgerFor(store, req, plan.meta.id, req.query);
      const names = await unitNames(store.db);
      return { today: ledger.today, items: ledger.rows.map((x) => orderOut(x, names)) };
    },
  );

  r.post(
    '/api/v1/plans/:plan/supervision-orders',
    {
      schema: {
        tags: ['supervision'],
        summary: '下发督办单 / issue an order, from a warning or by hand',
        description:
          '给出 warningKey 时，事项、预警内容和责任单位（牵头单位）取自该预警，可另行指定；手工下发须给出 subjectType、subjectName 和 unitId。',
        params: PlanParams,
        body: z.object({
          warningKey: z.string().max(300).optional(),
          subjectType: SubjectEnum.optional(),
          subjectId: z.string().max(100).nullable().optional(),
          subjectName: z.string().min(1).max(300).optional(),
          unitId: z.string().max(100).optional(),
          coUnits: z.array(z.string().max(100)).max(30).default([]),
          requirement: z.string().min(1).max(4000),
          deadline: DateStr,
          level: LevelEnum.default('order'),
        }),
        response: { 200: OrderDetailOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'supervision.issue');
      const plan = await planOr404(store, req.params.plan);
      const b = req.body;
      let from:
        | {
            subjectType: SubjectType;
            subjectId: string;
            subjectName: string;
            unitId?: string;
            warning: { key: string; colour: string; message: string };
          }
        | undefined;
      if (b.warningKey) {
        const w = (await planWarnings(store.db, plan.meta.id, chinaDate(new Date())))!.find((x) => x.key === b.warningKey);
        if (!w) throw new SupervisionError('notFound', `没有预警「${b.warningKey}」（预警已解除或不存在）`);
        from = {
          subjectType: w.kind,
          subjectId: w.subjectId,
          subjectName: w.subjectName,
          unitId: w.unitIds[0],
          warning: { key: w.key, colour: w.colour, message: w.message },
        };
      }
      const subjectType = b.subjectType ?? from?.subjectType;
      const subjectName = b.subjectName ?? from?.subjectName;
      const unitId = b.unitId ?? from?.unitId;
      if (!subjectType || !subjectName)
        throw new SupervisionError('invalid', '请给出督办事项（subjectType 和 subjectName），或从预警下发（warningKey）');
      if (!unitId) throw new SupervisionError('invalid', '请指定责任单位（unitId）：该预警的事项尚未分配牵头单位');
      const order = await issueOrder(store.db, actorOf(req), plan.meta.id, {
        subjectType,
        subjectId: b.subjectId ?? from?.subjectId ?? null,
        subjectName,
        warning: from?.warning ?? null,
        unitId,
        coUnits: b.coUnits,
        requirement: b.requirement,
        deadline: b.deadline,
        level: b.level,
      });
      return one(req, plan.meta.id, order.id);
    },
  );

  r.get(
    '/api/v1/plans/:plan/supervision-orders/:id',
    {
      schema: {
        tags: ['supervision'],
        summary: '督办单详情：反馈与全部办理记录 / one order with its replies and history',
        params: OrderParams,
        response: { 200: OrderDetailOut, ...errors },
      },
    },
    async (req) => one(req, req.params.plan, req.params.id),
  );

  r.post(
    '/api/v1/plans/:plan/supervision-orders/:id/replies',
    {
      schema: {
        tags: ['supervision'],
        summary: '责任单位反馈：整改措施、进展、预计完成时间、附件 / the unit replies',
        params: OrderParams,
        body: z.object({
          measures: z.string().min(1).max(8000),
          progress: z.string().min(1).max(8000),
          expectedCompletion: DateStr.nullable().optional(),
          /** Files uploaded for this reply first (POST …/attachments?purpose=reply). */
          attachmentIds: z.array(z.string().max(64)).max(20).default([]),
        }),
        response: { 200: OrderDetailOut, ...errors },
      },
    },
    async (req) => {
      const order = await readable(req, req.params.plan, req.params.id);
      authorize(req, 'supervision.reply', [order.unitId]);
      await replyToOrder(store.db, actorOf(req), order.id, req.body);
      return one(req, req.params.plan, order.id);
    },
  );

  for (const action of ['accept', 'return', 'extend'] as const)
    r.post(
      `/api/v1/plans/:plan/supervision-orders/:id/${action}`,
      {
        schema: {
          tags: ['supervision'],
          summary: {
            accept: '审核通过并销号 / accept and close',
            return: '退回（须填写原因）/ return with a reason',
            extend: '延期一次（须填写原因和新期限）/ extend the deadline once',
          }[action],
          params: OrderParams,
          body: z.object({ reason: z.string().max(4000).optional(), deadline: DateStr.optional() }).default({}),
          response: { 200: OrderDetailOut, ...errors },
        },
      },
      async (req) => {
        authorize(req, 'supervision.review');
        const order = await readable(req, req.params.plan, req.params.id);
        const actor = actorOf(req);
        const { reason, deadline } = req.body;
        if (action === 'accept') await acceptOrder(store.db, actor, order.id, reason);
        else if (action === 'return') await returnOrder(store.db, actor, order.id, reason ?? '');
        else await extendOrder(store.db, actor, order.id, deadline ?? '', reason ?? '');
        return one(req, req.params.plan, order.id);
      },
    );

  r.get(
    '/api/v1/plans/:plan/supervision/units',
    {
      schema: {
        tags: ['supervision'],
        summary: '各单位督办数与逾期数（驾驶舱）/ orders and overdue orders per unit',
        description: '只统计督办单的办理结果，不统计登录、点击等活动。',
        params: PlanParams,
        response: { 200: UnitCountsOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'supervision.read');
      const plan = await planOr404(store, req.params.plan);
      const ledger = await ledgerFor(store, req, plan.meta.id, {});
      const names = await unitNames(store.db);
      const subject = subjectOf(req);
      const warnings =
        can(subject, 'warning.read') && !scopedToUnit(subject, 'warning.read')
          ? ledger.warnings
          : ledger.warnings.filter((w) => w.unitIds.includes(subject.unitId ?? ''));
      return {
        today: ledger.today,
        warnings: countWarnings(warnings),
        units: countByUnit(ledger.rows).map((c) => ({ ...c, unitName: names.get(c.unitId) ?? c.unitId })),
      };
    },
  );
}
