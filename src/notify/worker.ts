/**
 * The notification worker: any `serve` process may run it. Each round it returns stale claims,
 * makes the daily digests once the hour has come, claims due messages in the database and sends
 * them; a failure is recorded on the message and retried with backoff, and never reaches the
 * workflow that wrote the message.
 */
import { randomUUID } from 'node:crypto';
import { chinaDate } from '../core/deadlines.js';
import type { Store } from '../store/index.js';
import { claimDue, markFailed, markSent, releaseStale, type Notification } from '../store/notifications.js';
import type { Sender } from './email.js';
import { queueDigests } from './digest.js';

export interface WorkerOptions {
  channels: { email?: Sender; dingtalk?: Sender };
  intervalMs?: number;
  batch?: number;
  retry?: { maxAttempts: number; baseMs: number };
  /** Hour of the day (China Standard Time) from which the daily digest is made; null: never. */
  digestHour?: number | null;
  clock?: () => Date;
  log?: { warn(o: object, msg: string): void; info(o: object, msg: string): void };
}

export interface Worker {
  id: string;
  /** One round; resolves to the number of messages sent. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

const SEND_TIMEOUT_MS = 30_000;
const STALE_MS = 10 * 60_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`发送超时（${ms / 1000} 秒）`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function startNotificationWorker(store: Store, opts: WorkerOptions, autostart = true): Worker {
  const id = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const clock = opts.clock ?? (() => new Date());
  const retry = opts.retry ?? { maxAttempts: 6, baseMs: 60_000 };
  let digestDone = '';
  let running: Promise<number> | null = null;
  let stopped = false;

  async function send(n: Notification): Promise<boolean> {
    const sender = n.channel === 'email' ? opts.channels.email : n.channel === 'dingtalk' ? opts.channels.dingtalk : undefined;
    try {
      if (!sender) throw new Error(n.channel === 'email' ? '未配置邮件服务器（PLANWATCH_SMTP_URL）' : `没有「${n.channel}」通道`);
      await withTimeout(sender(n), SEND_TIMEOUT_MS);
      await markSent(store.db, n.id, id);
      return true;
    } catch (e) {
      const state = await markFailed(store.db, n, id, (e as Error).message ?? String(e), retry, clock().getTime());
      opts.log?.warn(
        { notification: n.id, channel: n.channel, attempts: n.attempts, state, err: (e as Error).message },
        'notification not sent',
      );
      return false;
    }
  }

  async function round(): Promise<number> {
    const at = clock();
    await releaseStale(store.db, STALE_MS, at.getTime());
    const today = chinaDate(at);
    const hour = (at.getUTCHours() + 8) % 24;
    if (opts.digestHour !== null && opts.digestHour !== undefined && digestDone !== today && hour >= opts.digestHour) {
      await queueDigests(store.db, today);
      digestDone = today;
    }
    let sent = 0;
    for (;;) {
      const batch = await claimDue(store.db, store.dialect, id, opts.batch ?? 20, at.toISOString());
      if (!batch.length) break;
      for (const n of batch) if (await send(n)) sent++;
      if (stopped) break;
    }
    return sent;
  }

  const runOnce = (): Promise<number> => {
    // One round at a time in a process: a slow channel does not pile rounds up.
    running ??= round().finally(() => (running = null));
    return running;
  };

  const timer = autostart
    ? setInterval(
        () => void runOnce().catch((e: Error) => opts.log?.warn({ err: e.message }, 'notification round failed')),
        opts.intervalMs ?? 10_000,
      )
    : null;
  timer?.unref();

  return {
    id,
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
