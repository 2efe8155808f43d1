import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, listNotifications, notifyUnits } from '../../src/store/notifications.js';
import { SYSTEM } from '../../src/store/util.js';
import { makeStore, TEST_PG_URL, type TestStore } from '../store/harness.js';
import { spawnServe } from './serve-process.js';
import { startDingTalk, startSmtp, until, type DingTalkReceiver, type SmtpReceiver } from '../notify/receivers.js';

/** Two `planwatch serve` processes on one PostgreSQL, both running the notification worker. */
describe('notifications with several planwatch serve processes on one PostgreSQL', () => {
  let t: TestStore;
  let smtp: SmtpReceiver;
  let robot: DingTalkReceiver;
  const procs: ChildProcess[] = [];

  const serve = (): Promise<string> =>
    spawnServe(
      {
        DATABASE_URL: TEST_PG_URL,
        PLANWATCH_PG_SCHEMA: t.options.pgSchema!,
        PLANWATCH_SMTP_URL: smtp.url,
        PLANWATCH_MAIL_FROM: 'Planwatch <planwatch@fgj.example.gov.cn>',
        PLANWATCH_NOTIFY_INTERVAL_MS: '100',
        PLANWATCH_DIGEST_HOUR: 'off',
      },
      procs,
    );

  beforeAll(async () => {
    t = await makeStore('postgres');
    smtp = await startSmtp(5);
    robot = await startDingTalk({ unit: 'SEC-unit-robot' });
    await addContact(t.store.db, SYSTEM, { unitId: 'sthj', channel: 'email', address: 'sthj@example.gov.cn' });
    await addContact(t.store.db, SYSTEM, { unitId: 'sthj', channel: 'dingtalk', address: robot.webhook('unit'), secret: 'SEC-unit-robot' });
    await Promise.all([serve(), serve()]);
  }, 60_000);

  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await smtp.close();
    await robot.close();
    await t.cleanup();
  });

  it('each message is sent exactly once', async () => {
    const N = 40;
    for (let i = 0; i < N; i++)
      await notifyUnits(t.store.db, ['sthj'], { subject: `督办提醒 ${i}`, body: `第${i}条` }, ['email', 'dingtalk']);
    // Once every message is marked sent, no process can claim any again: then count what arrived.
    await until(
      async () =>
        (await listNotifications(t.store.db, { state: 'sent', limit: 1000 })).filter((n) => n.channel !== 'inbox').length === 2 * N,
      60_000,
      'all sent',
    );
    const ids = smtp.mails.map((m) => m.headers['x-planwatch-notification']);
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    const subjects = robot.messages.map((m) => m.body.markdown!.title);
    expect(subjects).toHaveLength(N);
    expect(new Set(subjects).size).toBe(N);
    expect(robot.messages.every((m) => m.signatureValid)).toBe(true);
    // Both processes took part (the claim records which worker sent each message).
    const workers = await t.store.db
      .selectFrom('notifications')
      .select('claimed_by')
      .distinct()
      .where('state', '=', 'sent')
      .where('channel', '!=', 'inbox')
      .execute();
    expect(new Set(workers.map((w) => w.claimed_by!.split('-')[0])).size).toBe(2);
  }, 90_000);
});
