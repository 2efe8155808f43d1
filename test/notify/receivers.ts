/**
 * Real receivers for notification tests: an SMTP server (the smtp-server package) keeping every
 * message it accepts, and a DingTalk-like robot endpoint that checks the 加签 signature itself,
 * computed here independently of the code under test, and answers as DingTalk does.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / ?Q?), as nodemailer writes non-ASCII headers. */
function decodeWords(s: string): string {
  return s.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

export function parseMail(raw: string, to: string[]): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return {
    to,
    headers,
    subject: decodeWords(headers.subject ?? ''),
    text: decodeBody(rest.join('\n\n'), headers['content-transfer-encoding']?.toLowerCase()),
  };
}

export interface SmtpReceiver {
  url: string;
  mails: Mail[];
  close(): Promise<void>;
}

/** `delayMs`: how long the server takes to accept each message, like a real, busy mail server. */
export async function startSmtp(delayMs = 0): Promise<SmtpReceiver> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        setTimeout(() => callback(), delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface RobotMessage {
  token: string;
  timestamp: number;
  signatureValid: boolean;
  body: { msgtype: string; markdown?: { title: string; text: string } };
}

export interface DingTalkReceiver {
  /** The webhook URL of a robot with this access token. */
  webhook(token: string): string;
  messages: RobotMessage[];
  close(): Promise<void>;
}

/** Robots by access token → their secret; a request with a wrong or missing signature is refused (errcode 310000). */
export async function startDingTalk(secrets: Record<string, string>): Promise<DingTalkReceiver> {
  const messages: RobotMessage[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const token = url.searchParams.get('access_token') ?? '';
      const timestamp = Number(url.searchParams.get('timestamp'));
      // URLSearchParams decodes the url-encoded signature back to base64.
      const sign = url.searchParams.get('sign') ?? '';
      const secret = secrets[token];
      const expected = secret ? createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64') : null;
      const fresh = Math.abs(Date.now() - timestamp) < 3_600_000;
      const signatureValid = expected !== null && sign === expected && fresh;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RobotMessage['body'];
      messages.push({ token, timestamp, signatureValid, body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(signatureValid ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    webhook: (token) => `http://127.0.0.1:${port}/robot/send?access_token=${token}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Waits for a condition, checking every 50 ms, up to `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
