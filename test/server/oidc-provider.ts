/**
 * A real OpenID Connect provider for the tests (oidc-provider), standing in for the unified identity
 * platform (浙政钉): on a loopback port, one client (Planwatch, code flow with PKCE and a secret),
 * test people with their own passwords, and its own sign-in page (a minimal interaction: no
 * consent screen, as a platform's first-party client has none). `signIn` walks the provider's pages
 * over HTTP as a browser would, for tests without one.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContext } from 'oidc-provider';
import type { OidcSettings } from '../../src/server/oidc.js';

export interface Person {
  password: string;
  claims: Record<string, unknown>;
}

export const PEOPLE: Record<string, Person> = {
  zhangsan: {
    password: 'zzd-pass-zhang',
    claims: { name: '张三', preferred_username: 'zhangsan', dept: '嘉兴市生态环境局秀洲分局', groups: ['秀洲区', '环境'] },
  },
  lisi: { password: 'zzd-pass-li', claims: { name: '李四', preferred_username: 'lisi', dept: '某未登记单位' } },
};

export const CLIENT = { id: 'planwatch', secret: 'planwatch-test-secret-0123456789' };

export interface TestProvider {
  issuer: string;
  /** Starts answering, with Planwatch's callback registered (known only once Planwatch listens). */
  register(redirectUri: string): void;
  /** Planwatch's settings against this provider. */
  settings(over?: Partial<OidcSettings>): OidcSettings;
  close(): Promise<void>;
}

const page = (
  uid: string,
  error?: string,
): string => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>浙政钉（测试）登录</title></head>
<body><h1>浙政钉（测试）</h1>${error ? `<p id="error">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>账号 <input id="zzd-login" name="login" autocomplete="username"></label>
<label>密码 <input id="zzd-password" name="password" type="password" autocomplete="current-password"></label>
<button id="zzd-submit" type="submit">登录</button></form></body></html>`;

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startProvider(): Promise<TestProvider> {
  let provider: Provider | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (!provider) {
        res.writeHead(503).end();
        return;
      }
      const m = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? '');
      if (!m) return provider.callback()(req, res);
      const details = await provider.interactionDetails(req, res);
      if (!m[2]) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(details.uid));
        return;
      }
      const form = await formBody(req);
      const login = form.get('login') ?? '';
      if (PEOPLE[login]?.password !== form.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(details.uid, '账号或密码错误'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    })().catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    register(redirectUri) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT.id,
            client_secret: CLIENT.secret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        async findAccount(_ctx: unknown, id: string) {
          const p = PEOPLE[id];
          return p ? { accountId: id, claims: () => ({ sub: id, ...p.claims }) } : undefined;
        },
        claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'dept', 'groups'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
        // Planwatch is the platform's own client: the grant is given without a consent screen.
        async loadExistingGrant(ctx: KoaContext) {
          const id = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
          if (id) return ctx.oidc.provider.Grant.find(id);
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
          grant.addOIDCScope('openid profile');
          await grant.save();
          return grant;
        },
        cookies: { keys: ['planwatch-test-cookie-key'] },
      });
    },
    settings: (over = {}) => ({
      issuer,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      name: '浙政钉',
      claim: 'sub',
      scopes: 'openid profile',
      allowHttp: true,
      ...over,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Follows the provider's pages from the authorization URL as a browser would (its cookies kept,
 * the sign-in form posted) until it sends the browser back to `redirectUri`: that URL, with the
 * code and state.
 */
export async function signIn(authUrl: string, redirectUri: string, login: string, password: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authUrl);
  let form: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: form.toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    form = undefined;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.href.startsWith(redirectUri)) return url;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200 || !html.includes('zzd-login'))
      throw new Error(`provider answered ${res.status} at ${url.href}: ${html.slice(0, 300)}`);
    if (html.includes('id="error"')) throw new Error(`provider refused the sign-in of ${login}`);
    url = new URL(`${url.pathname}/login`, url);
    form = new URLSearchParams({ login, password });
  }
  throw new Error('the provider never sent the browser back');
}
