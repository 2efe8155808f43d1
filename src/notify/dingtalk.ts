/**
 * DingTalk (钉钉 / 浙政钉) custom-robot webhooks with the 加签 security setting: the request carries
 * the time in milliseconds and sign = urlEncode(base64(HMAC-SHA256(key = secret,
 * message = timestamp + "\n" + secret))), as DingTalk documents; DingTalk refuses a signature more
 * than an hour old. DingTalk answers HTTP 200 also when it refuses a message: errcode says.
 */
import { createHmac } from 'node:crypto';
import type { Notification } from '../store/notifications.js';
import type { Sender } from './email.js';

export function dingtalkSign(secret: string, timestamp: number): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64'));
}

export function signedUrl(webhook: string, secret: string | null, timestamp: number): string {
  if (!secret) return webhook;
  return `${webhook}${webhook.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${dingtalkSign(secret, timestamp)}`;
}

export function dingtalkSender(
  contact: (id: string) => Promise<{ address: string; secret: string | null } | undefined>,
  clock: () => Date = () => new Date(),
): Sender {
  return async (n: Notification) => {
    const c = await contact(n.recipient);
    if (!c) throw new Error('该钉钉机器人已被删除');
    const res = await fetch(signedUrl(c.address, c.secret, clock().getTime()), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        msgtype: 'markdown',
        markdown: { title: n.subject, text: `#### ${n.subject}\n\n${n.body.split('\n').join('\n\n')}` },
      }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`钉钉返回 HTTP ${res.status}：${text.slice(0, 200)}`);
    let body: { errcode?: number; errmsg?: string };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`钉钉返回的不是 JSON：${text.slice(0, 200)}`);
    }
    if (body.errcode !== 0) throw new Error(`钉钉拒收（errcode ${body.errcode}）：${body.errmsg ?? ''}`);
  };
}
