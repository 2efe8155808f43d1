/** E-mail over SMTP (nodemailer); the server, its credentials and the sender come from the environment. */
import nodemailer from 'nodemailer';
import type { Notification } from '../store/notifications.js';

export interface EmailSettings {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer's connection URL; options as query). */
  url: string;
  from: string;
}

export type Sender = (n: Notification) => Promise<void>;

export function emailSender(s: EmailSettings): Sender & { close(): void } {
  const transport = nodemailer.createTransport(s.url);
  const send = async (n: Notification): Promise<void> => {
    await transport.sendMail({
      from: s.from,
      to: n.recipient,
      subject: n.subject,
      text: `${n.body}\n\n——规划实施监测评估平台（Planwatch）`,
      headers: { 'X-Planwatch-Notification': n.id },
    });
  };
  return Object.assign(send, { close: () => transport.close() });
}
