/** The notification worker of a `serve` process, configured by environment variables (README: 通知设置). */
import type { Store } from '../store/index.js';
import { contactForSending } from '../store/notifications.js';
import { dingtalkSender } from './dingtalk.js';
import { emailSender } from './email.js';
import { startNotificationWorker, type Worker, type WorkerOptions } from './worker.js';

const int = (v: string | undefined, d: number): number => (v && /^\d+$/.test(v) ? Number(v) : d);

export function workerFromEnv(store: Store, log: WorkerOptions['log'], env: NodeJS.ProcessEnv = process.env): Worker | null {
  if (env.PLANWATCH_NOTIFY === 'off') return null;
  const email = env.PLANWATCH_SMTP_URL
    ? emailSender({ url: env.PLANWATCH_SMTP_URL, from: env.PLANWATCH_MAIL_FROM ?? 'Planwatch <planwatch@localhost>' })
    : undefined;
  const digest = env.PLANWATCH_DIGEST_HOUR;
  const worker = startNotificationWorker(store, {
    channels: { email, dingtalk: dingtalkSender((id) => contactForSending(store.db, id)) },
    intervalMs: int(env.PLANWATCH_NOTIFY_INTERVAL_MS, 10_000),
    retry: { maxAttempts: int(env.PLANWATCH_NOTIFY_MAX_ATTEMPTS, 6), baseMs: int(env.PLANWATCH_NOTIFY_RETRY_MS, 60_000) },
    digestHour: digest === 'off' ? null : int(digest, 8),
    log,
  });
  return {
    ...worker,
    async stop() {
      await worker.stop();
      email?.close();
    },
  };
}
