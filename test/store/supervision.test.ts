import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttachment } from '../../src/importers/attachment-file.js';
import { saveAttachment } from '../../src/store/attachments.js';
import { listAudit } from '../../src/store/audit.js';
import { addContact, claimDue, listNotifications, markFailed, markSent, notifyUnits, releaseStale } from '../../src/store/notifications.js';
import { getPlan } from '../../src/store/plans.js';
import { setAssignments } from '../../src/store/planning.js';
import {
  acceptOrder,
  extendOrder,
  issueOrder,
  listOrders,
  listReplies,
  orderHistory,
  replyToOrder,
  returnOrder,
} from '../../src/store/supervision.js';
import { SYSTEM, type Actor } from '../../src/store/util.js';
import { saveValue, transition } from '../../src/store/values.js';
import { planWarnings } from '../../src/store/warnings.js';
import { DIALECTS, makeStore, type TestStore } from './harness.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'attachments');
const admin: Actor = { id: null, username: 'fgj-admin', role: 'admin', unitId: null };
const env: Actor = { id: null, username: 'env', role: 'reporter', unitId: 'sthj' };

describe.each(DIALECTS)('supervision store on %s', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeStore(dialect);
  });
  afterAll(async () => t.cleanup());

  it('issues, replies, returns, extends once and closes an order, every step audited and notified', async () => {
    const db = t.store.db;
    await addContact(db, SYSTEM, { unitId: 'sthj', channel: 'email', address: 'sthj@example.gov.cn' });
    await addContact(db, SYSTEM, {
      unitId: 'sthj',
      channel: 'dingtalk',
      address: 'http://127.0.0.1:1/robot/send?access_token=x',
      secret: 'SECx',
    });
    const order = await issueOrder(db, admin, 'xiuzhou-14th', {
      subjectType: 'indicator',
      subjectId: '17',
      subjectName: '空气质量优良天数比率',
      warning: { key: 'indicator:17', colour: 'red', message: '约束性指标严重滞后' },
      unitId: 'sthj',
      coUnits: ['jsj', 'sthj'],
      requirement: '制定整改方案，按月报送进展',
      deadline: '2026-03-20',
      level: 'order',
    });
    expect(order).toMatchObject({ state: 'issued', coUnits: ['jsj'], extended: false, returns: 0 });
    // Inbox for both units at once; e-mail and DingTalk for the unit with contacts, pending.
    const msgs = await listNotifications(db, { orderId: order.id });
    expect(msgs.map((m) => `${m.channel}:${m.unitId}:${m.state}`).sort()).toEqual([
      'dingtalk:sthj:pending',
      'email:sthj:pending',
      'inbox:jsj:sent',
      'inbox:sthj:sent',
    ]);
    expect(msgs[0]!.subject).toBe('【督办单】空气质量优良天数比率：请于2026-03-20前反馈');

    await expect(acceptOrder(db, admin, order.id)).rejects.toThrow('「待反馈」的督办单不能销号');
    await replyToOrder(db, env, order.id, { measures: '加强扬尘管控', progress: '已完成排查', expectedCompletion: '2026-06-30' });
    await expect(returnOrder(db, admin, order.id, ' ')).rejects.toThrow('退回必须填写原因');
    const returned = await returnOrder(db, admin, order.id, '措施不具体');
    expect(returned).toMatchObject({ state: 'returned', returns: 1, returnReason: '措施不具体' });
    const extended = await extendOrder(db, admin, order.id, '2026-04-20', '涉及多部门协调');
    expect(extended).toMatchObject({ deadline: '2026-04-20', originalDeadline: '2026-03-20', extended: true, state: 'returned' });
    await expect(extendOrder(db, admin, order.id, '2026-05-20', '再延')).rejects.toThrow('只能延期一次');
    const pdf = readFileSync(join(FIXTURES, '整改方案.pdf'));
    const file = await saveAttachment(db, env, order, 'reply', { ...checkAttachment(pdf, '整改方案.pdf'), data: pdf });
    await replyToOrder(db, env, order.id, {
      measures: '加强扬尘管控，关停两家企业',
      progress: '优良天数比率回升',
      attachmentIds: [file.id],
    });
    const closed = await acceptOrder(db, admin, order.id, '整改到位');
    expect(closed).toMatchObject({ state: 'closed', closedBy: 'fgj-admin' });
    expect(closed.closedAt).toBeTruthy();

    const replies = (await listReplies(db, [order.id])).get(order.id)!;
    expect(replies.map((r) => r.measures)).toEqual(['加强扬尘管控', '加强扬尘管控，关停两家企业']);
    expect(replies[0]!.attachments).toEqual([]);
    expect(replies[1]!.attachments).toMatchObject([{ id: file.id, fileName: '整改方案.pdf', kind: 'pdf', size: pdf.length }]);
    const history = await orderHistory(db, order.id);
    expect(history.map((h) => h.action)).toEqual([
      'supervision.issue',
      'supervision.reply',
      'supervision.return',
      'supervision.extend',
      'supervision.attach',
      'supervision.reply',
      'supervision.accept',
    ]);
    expect(history[2]).toMatchObject({ username: 'fgj-admin', reason: '措施不具体' });
    expect((await listAudit(db, { planId: 'xiuzhou-14th', entity: 'supervisionOrder' })).length).toBe(7);
    // The unit heard of the return, the extension and the closing.
    const inbox = await listNotifications(db, { channel: 'inbox', unitId: 'sthj' });
    expect(inbox.map((m) => m.subject.replace(/^.*?：/, ''))).toEqual(
      expect.arrayContaining(['已销号', '办理期限延至2026-04-20', '反馈被退回，请于2026-03-20前重新反馈']),
    );
    expect(await listOrders(db, 'xiuzhou-14th', { unitId: 'jsj' })).toHaveLength(1);
    expect(await listOrders(db, 'xiuzhou-14th', { state: 'open' })).toHaveLength(0);
  });

  it('refuses unknown units and bad deadlines, and writes nothing then', async () => {
    const db = t.store.db;
    const base = { subjectType: 'other' as const, subjectName: '手工事项', requirement: '按期完成', level: 'notice' as const };
    await expect(issueOrder(db, admin, 'xiuzhou-14th', { ...base, unitId: 'nobody', deadline: '2026-03-20' })).rejects.toThrow(
      '没有单位「nobody」',
    );
    await expect(issueOrder(db, admin, 'xiuzhou-14th', { ...base, unitId: 'sthj', deadline: '2026-02-30' })).rejects.toThrow(
      '应为 YYYY-MM-DD',
    );
    expect(await listOrders(db, 'xiuzhou-14th', { level: 'notice' })).toHaveLength(0);
  });

  it('claims each pending message once, retries with backoff, releases stale claims', async () => {
    const db = t.store.db;
    await notifyUnits(db, ['sthj'], { subject: 's', body: 'b' }, ['email']);
    const pending = (await listNotifications(db, { state: 'pending' })).length;
    expect(pending).toBeGreaterThan(0);
    const a = await claimDue(db, t.store.dialect, 'w1', 100);
    const b = await claimDue(db, t.store.dialect, 'w2', 100);
    expect(a).toHaveLength(pending);
    expect(b).toHaveLength(0);
    expect(a.every((m) => m.attempts === 1 && m.state === 'sending')).toBe(true);
    const [first, second, ...rest] = a;
    await markSent(db, first!.id, 'w1');
    // Another worker cannot settle what it did not claim.
    await markSent(db, second!.id, 'w2');
    const at = Date.now();
    expect(await markFailed(db, second!, 'w1', 'SMTP 连接失败', { maxAttempts: 2, baseMs: 60_000 }, at)).toBe('pending');
    const retried = (await listNotifications(db, {})).find((m) => m.id === second!.id)!;
    expect(retried).toMatchObject({ state: 'pending', lastError: 'SMTP 连接失败', nextAttemptAt: new Date(at + 60_000).toISOString() });
    expect(await claimDue(db, t.store.dialect, 'w1', 100)).toHaveLength(0);
    const again = await claimDue(db, t.store.dialect, 'w1', 100, new Date(at + 61_000).toISOString());
    expect(again.map((m) => m.id)).toEqual([second!.id]);
    expect(await markFailed(db, again[0]!, 'w1', '仍然失败', { maxAttempts: 2, baseMs: 60_000 })).toBe('failed');
    for (const m of rest) await markSent(db, m.id, 'w1');
    expect((await listNotifications(db, {})).find((m) => m.id === first!.id)!.state).toBe('sent');
    // A claim left by a process that died goes back to pending.
    await notifyUnits(db, ['sthj'], { subject: 'stale', body: 'b' }, ['email']);
    const stale = await claimDue(db, t.store.dialect, 'dead', 10);
    expect(await releaseStale(db, 60_000, Date.now() + 120_000)).toBe(stale.length);
    expect((await claimDue(db, t.store.dialect, 'w3', 10)).map((m) => m.id).sort()).toEqual(stale.map((m) => m.id).sort());
  });

  it('claims no more than the limit, also when several claim at once', async () => {
    const db = t.store.db;
    for (let i = 0; i < 6; i++) await notifyUnits(db, ['sthj'], { subject: `limit ${i}`, body: 'b' }, ['email']);
    const claims = await Promise.all([1, 2, 3].map((k) => claimDue(db, t.store.dialect, `l${k}`, 2)));
    expect(claims.map((c) => c.length)).toEqual([2, 2, 2]);
    expect(new Set(claims.flat().map((m) => m.id)).size).toBe(6);
  });

  it('makes a digest at most once per key', async () => {
    const db = t.store.db;
    const m = { subject: '每日督办提醒', body: 'x', dedupeKey: 'digest:sthj:2026-03-10' };
    const first = await notifyUnits(db, ['sthj'], m);
    await notifyUnits(db, ['sthj'], m);
    expect((await listNotifications(db, { limit: 1000 })).filter((n) => n.subject === '每日督办提醒')).toHaveLength(first);
  });

  it('lists a lagging binding indicator as a red warning of its unit', async () => {
    const db = t.store.db;
    const plan = (await getPlan(db, 'xiuzhou-14th'))!;
    await setAssignments(db, SYSTEM, plan, 'indicator', '17', [
      { unitId: 'sthj', role: 'lead' },
      { unitId: 'wangdian', role: 'town' },
    ]);
    const v = await saveValue(db, SYSTEM, plan, { indicatorId: '17', year: 2023, kind: 'level', value: 86.5 }, 'submit');
    await transition(db, SYSTEM, v.id, 'approve');
    const ws = (await planWarnings(db, 'xiuzhou-14th', '2024-03-15'))!;
    const w = ws.find((x) => x.key === 'indicator:17')!;
    expect(w).toMatchObject({ colour: 'red', unitIds: ['sthj', 'wangdian'], townIds: ['wangdian'] });
    expect(w.message).toMatch(/^约束性指标严重滞后/);
  });
});
