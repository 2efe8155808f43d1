import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingtalkSender, dingtalkSign } from '../../src/notify/dingtalk.js';
import { emailSender } from '../../src/notify/email.js';
import { startNotificationWorker, type Worker } from '../../src/notify/worker.js';
import { openStore } from '../../src/store/index.js';
import { addContact, contactForSending, listNotifications, notifyUnits } from '../../src/store/notifications.js';
import { issueOrder, replyToOrder } from '../../src/store/supervision.js';
import { SYSTEM, type Actor } from '../../src/store/util.js';
import { DIALECTS, makeStore, type TestStore } from '../store/harness.js';
import { startDingTalk, startSmtp, type DingTalkReceiver, type SmtpReceiver } from './receivers.js';

const admin: Actor = { id: null, username: 'admin', role: 'admin', unitId: null };
const env: Actor = { id: null, username: 'env', role: 'reporter', unitId: 'sthj' };

it('signs DingTalk webhooks as DingTalk documents (HMAC-SHA256 of timestamp + "\\n" + secret, base64, url-encoded)', () => {
  // Computed by hand: printf '1577836800000\nSEC-test' | openssl dgst -sha256 -hmac SEC-test -binary | base64
  expect(decodeURIComponent(dingtalkSign('SEC-test', 1577836800000))).toBe('CIBt7Fta9o7YWjo0ogkiYDUlsdm6+8LNsR2EoPk3KTU=');
  expect(dingtalkSign('SEC-test', 1577836800000)).toBe('CIBt7Fta9o7YWjo0ogkiYDUlsdm6%2B8LNsR2EoPk3KTU%3D');
});

describe.each(DIALECTS)('notification worker on %s', (dialect) => {
  let t: TestStore;
  let smtp: SmtpReceiver;
  let robot: DingTalkReceiver;
  const workers: Worker[] = [];
  const make = (store = t.store, clock?: () => Date, digestHour: number | null = null, batch = 20) => {
    const w = startNotificationWorker(
      store,
      {
        channels: {
          email: emailSender({ url: smtp.url, from: 'Planwatch <planwatch@fgj.example.gov.cn>' }),
          dingtalk: dingtalkSender((id) => contactForSending(store.db, id)),
        },
        retry: { maxAttempts: 3, baseMs: 60_000 },
        batch,
        digestHour,
        clock,
      },
      false,
    );
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    t = await makeStore(dialect);
    smtp = await startSmtp(15);
    robot = await startDingTalk({ good: 'SEC-good-secret' });
    await addContact(t.store.db, SYSTEM, { unitId: 'sthj', channel: 'email', address: 'sthj@example.gov.cn' });
    await addContact(t.store.db, SYSTEM, {
      unitId: 'sthj',
      channel: 'dingtalk',
      address: robot.webhook('good'),
      secret: 'SEC-good-secret',
    });
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await smtp.close();
    await robot.close();
    await t.cleanup();
  });

  it('sends an issued order by e-mail and DingTalk; what arrived is read back', async () => {
    const order = await issueOrder(t.store.db, admin, 'xiuzhou-14th', {
      subjectType: 'indicator',
      subjectId: '17',
      subjectName: '空气质量优良天数比率',
      unitId: 'sthj',
      requirement: '制定整改方案',
      deadline: '2099-03-20',
      level: 'order',
    });
    expect(await make().runOnce()).toBe(2);
    const mail = smtp.mails.find((m) => m.headers['x-planwatch-notification'] && m.subject.includes('空气质量'))!;
    expect(mail.to).toEqual(['sthj@example.gov.cn']);
    expect(mail.subject).toBe('【督办单】空气质量优良天数比率：请于2099-03-20前反馈');
    expect(mail.text).toContain('督办要求：制定整改方案');
    const msg = robot.messages.at(-1)!;
    expect(msg.signatureValid).toBe(true);
    expect(msg.body.markdown!.title).toBe('【督办单】空气质量优良天数比率：请于2099-03-20前反馈');
    const sent = await listNotifications(t.store.db, { orderId: order.id });
    expect(sent.filter((n) => n.channel !== 'inbox').every((n) => n.state === 'sent' && n.attempts === 1)).toBe(true);
  });

  it('a failing channel is retried with backoff and never blocks the workflow', async () => {
    await addContact(t.store.db, SYSTEM, { unitId: 'jsj', channel: 'dingtalk', address: robot.webhook('good'), secret: 'SEC-wrong' });
    await addContact(t.store.db, SYSTEM, { unitId: 'jsj', channel: 'email', address: 'jsj@example.gov.cn' });
    const order = await issueOrder(t.store.db, admin, 'xiuzhou-14th', {
      subjectType: 'other',
      subjectName: '建筑工地扬尘',
      unitId: 'jsj',
      requirement: '整改',
      deadline: '2099-03-20',
      level: 'notice',
    });
    const now = Date.now();
    const w = make(t.store, () => new Date(now));
    expect(await w.runOnce()).toBe(1); // the e-mail
    const ding = (await listNotifications(t.store.db, { orderId: order.id, channel: 'dingtalk' }))[0]!;
    expect(ding).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(now + 60_000).toISOString() });
    expect(ding.lastError).toContain('errcode 310000');
    expect(robot.messages.at(-1)!.signatureValid).toBe(false);
    // The workflow goes on meanwhile.
    await replyToOrder(t.store.db, { ...env, unitId: 'jsj' }, order.id, { measures: '洒水降尘', progress: '已完成' });
    // Not yet due again; then twice more (1 min, 2 min later) and it is given up, with the reason kept.
    expect(await w.runOnce()).toBe(0);
    for (const later of [61_000, 185_000]) await make(t.store, () => new Date(now + later)).runOnce();
    const failed = (await listNotifications(t.store.db, { orderId: order.id, channel: 'dingtalk' }))[0]!;
    expect(failed).toMatchObject({ state: 'failed', attempts: 3 });
  });

  it('makes each unit’s daily digest once, from the digest hour, in however many processes', async () => {
    const other = await openStore(t.options);
    try {
      // 2099-03-19 00:30 UTC is 08:30 in Beijing: past the 8 o'clock digest hour.
      const at = () => new Date('2099-03-19T00:30:00Z');
      const before = smtp.mails.length;
      await Promise.all([make(t.store, at, 8).runOnce(), make(other, at, 8).runOnce()]);
      const digests = smtp.mails.slice(before).filter((m) => m.subject.startsWith('每日督办提醒'));
      expect(digests.map((m) => m.to[0]).sort()).toEqual(['jsj@example.gov.cn', 'sthj@example.gov.cn']);
      const sthj = digests.find((m) => m.to[0] === 'sthj@example.gov.cn')!;
      expect(sthj.subject).toBe('每日督办提醒（2099-03-19）：1项待办');
      expect(sthj.text).toContain('督办单「空气质量优良天数比率」期限2099-03-20（1天后到期，临期）');
      // jsj has an open order too; its digest went to its inbox as well as its e-mail.
      const inbox = await listNotifications(t.store.db, { channel: 'inbox', unitId: 'jsj' });
      expect(inbox.filter((n) => n.subject.startsWith('每日督办提醒'))).toHaveLength(1);
      // Before the hour, nothing.
      const early = await make(t.store, () => new Date('2099-03-19T23:00:00Z'), 8).runOnce(); // 07:00 on the 20th
      expect(early).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('several workers claiming at once send each message exactly once', async () => {
    const other = await openStore(t.options);
    try {
      const before = smtp.mails.length;
      for (let i = 0; i < 30; i++) await notifyUnits(t.store.db, ['sthj'], { subject: `批量消息${i}`, body: 'x' }, ['email']);
      // Small batches, so that the workers' claims interleave.
      const ws = [
        make(t.store, undefined, null, 2),
        make(t.store, undefined, null, 2),
        make(other, undefined, null, 2),
        make(other, undefined, null, 2),
      ];
      const sent = await Promise.all(ws.map((w) => w.runOnce()));
      expect(sent.reduce((a, b) => a + b, 0)).toBe(30);
      const ids = smtp.mails.slice(before).map((m) => m.headers['x-planwatch-notification']);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      if (dialect === 'postgres') expect(sent.filter((n) => n > 0).length).toBeGreaterThan(1);
    } finally {
      await other.close();
    }
  });
});
