/**
 * The notification outbox. A step of the workflow writes its messages in the same transaction as
 * the step (so none is lost and none is sent for a step that failed); a worker sends them later,
 * so a channel that is down never holds the workflow up. Messages are claimed in the database —
 * one UPDATE … RETURNING over rows still pending (SKIP LOCKED on PostgreSQL) — so several
 * processes running the worker never send the same message twice. In-app messages (the inbox) are
 * delivered by being written.
 */
import { sql } from 'kysely';
import type { DialectName } from './migrations.js';
import type { NotificationContactTable, NotificationTable } from './schema.js';
import { recordAudit } from './audit.js';
import { newId, now, type Actor, type Db } from './util.js';

export type NotificationChannel = 'inbox' | 'email' | 'dingtalk';
export type NotificationState = 'pending' | 'sending' | 'sent' | 'failed';

export interface Notification {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  unitId: string | null;
  orderId: string | null;
  subject: string;
  body: string;
  state: NotificationState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  sentAt: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface Contact {
  id: string;
  unitId: string;
  channel: 'email' | 'dingtalk';
  address: string;
  /** Whether a signing secret is kept (the secret itself is never read back out). */
  signed: boolean;
  /** Enough of the secret to tell which one is kept (「SEC…9f3a」), never more. */
  secretHint: string | null;
  label: string | null;
}

export function toNotification(r: NotificationTable): Notification {
  return {
    id: r.id,
    channel: r.channel as NotificationChannel,
    recipient: r.recipient,
    unitId: r.unit_id,
    orderId: r.order_id,
    subject: r.subject,
    body: r.body,
    state: r.state as NotificationState,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    sentAt: r.sent_at,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}

const toContact = (r: NotificationContactTable): Contact => ({
  id: r.id,
  unitId: r.unit_id,
  channel: r.channel as Contact['channel'],
  // The robot's access_token is a credential too: it is shown like the secret, never in full.
  address: r.channel === 'dingtalk' ? maskWebhook(r.address) : r.address,
  signed: Boolean(r.secret),
  secretHint: secretHint(r.secret),
  label: r.label,
});

/** The webhook with its access_token shortened to a hint. */
export function maskWebhook(url: string): string {
  return url.replace(/([?&]access_token=)([^&#]+)/, (_, k: string, v: string) => `${k}${secretHint(v)}`);
}

/** The first three and last four characters of a long secret; a short one shows nothing of itself. */
export function secretHint(secret: string | null): string | null {
  if (!secret) return null;
  return secret.length >= 16 ? `${secret.slice(0, 3)}…${secret.slice(-4)}` : '…';
}

export async function listContacts(db: Db, unitIds?: readonly string[]): Promise<Contact[]> {
  let q = db.selectFrom('notification_contacts').selectAll();
  if (unitIds) {
    if (!unitIds.length) return [];
    q = q.where('unit_id', 'in', [...unitIds]);
  }
  return (await q.orderBy('unit_id').orderBy('created_at').execute()).map(toContact);
}

/** The contact a DingTalk message goes to, with its secret, for the channel only. */
export async function contactForSending(db: Db, id: string): Promise<{ address: string; secret: string | null } | undefined> {
  return db.selectFrom('notification_contacts').select(['address', 'secret']).where('id', '=', id).executeTakeFirst();
}

export async function addContact(
  db: Db,
  actor: Actor,
  c: { unitId: string; channel: Contact['channel']; address: string; secret?: string | null; label?: string | null },
): Promise<Contact> {
  const row = {
    id: newId(),
    unit_id: c.unitId,
    channel: c.channel,
    address: c.address,
    secret: c.secret ?? null,
    label: c.label ?? null,
    created_at: now(),
  };
  await db.insertInto('notification_contacts').values(row).execute();
  const contact = toContact(row);
  await recordAudit(db, actor, { action: 'contact.add', entity: 'notificationContact', entityId: row.id, after: contact });
  return contact;
}

export async function removeContact(db: Db, actor: Actor, id: string): Promise<boolean> {
  const before = (await db.selectFrom('notification_contacts').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  if (!before) return false;
  await db.deleteFrom('notification_contacts').where('id', '=', id).execute();
  await recordAudit(db, actor, { action: 'contact.remove', entity: 'notificationContact', entityId: id, before: toContact(before) });
  return true;
}

export interface Message {
  subject: string;
  body: string;
  orderId?: string | null;
  /** Makes the message at most once per key (the daily digest). */
  dedupeKey?: string;
}

/**
 * Writes a message for units: to each unit's inbox, and one outbox row per e-mail address and
 * DingTalk robot the unit is reached at. Call it inside the transaction of the step it reports.
 */
export async function notifyUnits(
  db: Db,
  unitIds: readonly string[],
  m: Message,
  channels?: readonly NotificationChannel[],
): Promise<number> {
  const t = now();
  const want = (c: NotificationChannel): boolean => !channels || channels.includes(c);
  const rows: NotificationTable[] = [];
  const base = (unitId: string, channel: NotificationChannel, recipient: string, key?: string): NotificationTable => ({
    id: newId(),
    channel,
    recipient,
    unit_id: unitId,
    order_id: m.orderId ?? null,
    subject: m.subject,
    body: m.body,
    state: channel === 'inbox' ? 'sent' : 'pending',
    attempts: 0,
    last_error: null,
    next_attempt_at: t,
    claimed_by: null,
    claimed_at: null,
    sent_at: channel === 'inbox' ? t : null,
    read_at: null,
    dedupe_key: key ? `${key}:${channel}:${recipient}` : null,
    created_at: t,
  });
  for (const unitId of new Set(unitIds)) if (want('inbox')) rows.push(base(unitId, 'inbox', unitId, m.dedupeKey));
  for (const c of await listContacts(db, [...new Set(unitIds)]))
    if (want(c.channel)) rows.push(base(c.unitId, c.channel, c.channel === 'email' ? c.address : c.id, m.dedupeKey));
  if (!rows.length) return 0;
  const r = await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? rows.length);
}

/**
 * Claims up to `limit` messages due for sending for `worker`: pending ones whose next attempt is
 * due. One statement, so no two workers (processes) ever claim the same message; on PostgreSQL
 * SKIP LOCKED lets them claim different rows at once instead of waiting on each other.
 */
export async function claimDue(db: Db, dialect: DialectName, worker: string, limit: number, at = now()): Promise<Notification[]> {
  const set = sql`state = 'sending', claimed_by = ${worker}, claimed_at = ${at}, attempts = attempts + 1`;
  const due = sql`state = 'pending' and next_attempt_at <= ${at}`;
  // PostgreSQL: the rows are picked once, in a materialised CTE. Written as `id in (select … limit
  // n for update skip locked)` the planner may run the subquery again for every row it updates
  // (a semi-join), and one worker would take every pending message, whatever the limit.
  const rows =
    dialect === 'postgres'
      ? await sql<NotificationTable>`
          with picked as materialized (
            select id from notifications where ${due}
            order by next_attempt_at, created_at limit ${limit} for update skip locked
          )
          update notifications set ${set} from picked where notifications.id = picked.id
          returning notifications.*`.execute(db)
      : // SQLite runs one writer at a time: the statement as a whole is the claim.
        await sql<NotificationTable>`
          update notifications set ${set}
          where id in (select id from notifications where ${due} order by next_attempt_at, created_at limit ${limit})
          returning *`.execute(db);
  return rows.rows.map(toNotification);
}

export async function markSent(db: Db, id: string, worker: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ state: 'sent', sent_at: now(), last_error: null })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .where('state', '=', 'sending')
    .execute();
}

/** Retries after a failure with exponential backoff (base × 2^(attempt−1), at most an hour); failed after the last attempt. */
export async function markFailed(
  db: Db,
  n: { id: string; attempts: number },
  worker: string,
  error: string,
  retry: { maxAttempts: number; baseMs: number },
  at = Date.now(),
): Promise<NotificationState> {
  const last = n.attempts >= retry.maxAttempts;
  const delay = Math.min(3_600_000, retry.baseMs * 2 ** (n.attempts - 1));
  const state: NotificationState = last ? 'failed' : 'pending';
  await db
    .updateTable('notifications')
    .set({ state, last_error: error.slice(0, 2000), next_attempt_at: new Date(at + delay).toISOString(), claimed_by: null })
    .where('id', '=', n.id)
    .where('claimed_by', '=', worker)
    .where('state', '=', 'sending')
    .execute();
  return state;
}

/**
 * Messages left 'sending' by a process that died mid-send go back to pending after `staleMs`.
 * A process that merely took longer than that could then send a message twice: the limit is far
 * above any channel's timeout (the worker gives each send 30 s).
 */
export async function releaseStale(db: Db, staleMs: number, at = Date.now()): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ state: 'pending', claimed_by: null })
    .where('state', '=', 'sending')
    .where('claimed_at', '<', new Date(at - staleMs).toISOString())
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface OutboxQuery {
  channel?: NotificationChannel;
  state?: NotificationState;
  unitId?: string;
  orderId?: string;
  /** In-app messages not yet read. */
  unread?: boolean;
  limit?: number;
}

export async function listNotifications(db: Db, q: OutboxQuery = {}): Promise<Notification[]> {
  let query = db.selectFrom('notifications').selectAll();
  if (q.channel) query = query.where('channel', '=', q.channel);
  if (q.state) query = query.where('state', '=', q.state);
  if (q.unitId) query = query.where('unit_id', '=', q.unitId);
  if (q.orderId) query = query.where('order_id', '=', q.orderId);
  if (q.unread) query = query.where('read_at', 'is', null);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(Math.min(q.limit ?? 200, 1000))
    .execute();
  return rows.map(toNotification);
}

export async function markRead(db: Db, id: string, unitId: string): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: now() })
    .where('id', '=', id)
    .where('channel', '=', 'inbox')
    .where('unit_id', '=', unitId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Marks every unread in-app message of the unit read; the number marked. */
export async function markAllRead(db: Db, unitId: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: now() })
    .where('channel', '=', 'inbox')
    .where('unit_id', '=', unitId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
