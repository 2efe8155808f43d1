/**
 * Notifications: admins read the whole outbox (state, attempts, last error of every message);
 * a reporter reads the unit's inbox. Admins say where each unit is reached (e-mail addresses,
 * DingTalk custom robots with their signing secret, which is never read back out).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/index.js';
import { addContact, listContacts, listNotifications, markAllRead, markRead, removeContact } from '../../store/notifications.js';
import { actorOf, authorize, subjectOf } from '../auth.js';
import { HttpError, notFound } from '../errors.js';
import { scopedToUnit } from '../permissions.js';
import { errors } from '../schemas.js';

const Channel = z.enum(['inbox', 'email', 'dingtalk']);
const State = z.enum(['pending', 'sending', 'sent', 'failed']);

export const NotificationOut = z.object({
  id: z.string(),
  channel: Channel,
  recipient: z.string(),
  unitId: z.string().nullable(),
  orderId: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  state: State,
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  sentAt: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const ContactOut = z.object({
  id: z.string(),
  unitId: z.string(),
  channel: z.enum(['email', 'dingtalk']),
  address: z.string(),
  signed: z.boolean(),
  secretHint: z.string().nullable(),
  label: z.string().nullable(),
});

export function notificationRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '通知：管理员查看发件箱，填报单位查看本单位站内消息 / the outbox (admins) or the unit’s inbox',
        querystring: z.object({
          channel: Channel.optional(),
          state: State.optional(),
          unit: z.string().max(100).optional(),
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.array(NotificationOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'notification.read');
      const subject = subjectOf(req);
      const q = req.query;
      const unread = q.unread === 'true';
      if (scopedToUnit(subject, 'notification.read'))
        return listNotifications(store.db, { channel: 'inbox', unitId: subject.unitId!, unread, limit: q.limit });
      return listNotifications(store.db, { channel: q.channel, state: q.state, unitId: q.unit, unread, limit: q.limit });
    },
  );

  r.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: '站内消息标为已读 / mark an inbox message read',
        params: z.object({ id: z.string().max(64) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'notification.read');
      const unitId = subjectOf(req).unitId;
      if (!unitId) throw new HttpError(400, 'invalid', '只有单位用户有站内消息');
      if (!(await markRead(store.db, req.params.id, unitId))) throw notFound('未读的站内消息');
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: '本单位站内消息全部标为已读 / mark all of the unit’s inbox messages read',
        response: { 200: z.object({ marked: z.number() }), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'notification.read');
      const unitId = subjectOf(req).unitId;
      if (!unitId) throw new HttpError(400, 'invalid', '只有单位用户有站内消息');
      return { marked: await markAllRead(store.db, unitId) };
    },
  );

  r.get(
    '/api/v1/notification-contacts',
    {
      schema: {
        tags: ['notifications'],
        summary: '各单位的通知方式（邮箱、钉钉机器人）/ where each unit is reached',
        querystring: z.object({ unit: z.string().max(100).optional() }),
        response: { 200: z.array(ContactOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'notification.manage');
      return listContacts(store.db, req.query.unit ? [req.query.unit] : undefined);
    },
  );

  r.post(
    '/api/v1/notification-contacts',
    {
      schema: {
        tags: ['notifications'],
        summary: '添加单位的通知方式 / add an e-mail address or a DingTalk robot for a unit',
        description:
          '钉钉自定义机器人：address 为 Webhook 地址（https://oapi.dingtalk.com/robot/send?access_token=…），secret 为「加签」密钥（SEC 开头）。',
        body: z.discriminatedUnion('channel', [
          z.object({
            channel: z.literal('email'),
            unitId: z.string().max(100),
            address: z.string().trim().max(300).pipe(z.email('邮箱地址格式不正确，应如 name@example.gov.cn')),
            label: z.string().trim().max(100).optional(),
          }),
          z.object({
            channel: z.literal('dingtalk'),
            unitId: z.string().max(100),
            address: z
              .string()
              .trim()
              .max(2000)
              .pipe(z.url({ protocol: /^https$/, error: '钉钉机器人 Webhook 地址应为 https:// 开头的网址' })),
            secret: z
              .string()
              .trim()
              .regex(/^SEC[A-Za-z0-9]{16,200}$/, '加签密钥应为机器人「安全设置 → 加签」中以 SEC 开头的字符串'),
            label: z.string().trim().max(100).optional(),
          }),
        ]),
        response: { 200: ContactOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'notification.manage');
      const b = req.body;
      const unit = await store.db.selectFrom('units').select('id').where('id', '=', b.unitId).executeTakeFirst();
      if (!unit) throw new HttpError(400, 'invalid', `没有单位「${b.unitId}」`);
      return addContact(store.db, actorOf(req), { ...b, secret: b.channel === 'dingtalk' ? b.secret : null });
    },
  );

  r.delete(
    '/api/v1/notification-contacts/:id',
    {
      schema: {
        tags: ['notifications'],
        summary: '删除通知方式 / remove a contact',
        params: z.object({ id: z.string().max(64) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      authorize(req, 'notification.manage');
      if (!(await removeContact(store.db, actorOf(req), req.params.id))) throw notFound('通知方式');
      return reply.status(204).send(null);
    },
  );
}
