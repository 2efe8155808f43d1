/**
 * Sign-in through the identity platform against a real OpenID Connect provider (oidc-provider) on a
 * loopback port, on both stores: the state bound to the browser and used once, a new identity
 * pending until an administrator's rule or link gives it rights, the mapping applied, the session
 * the same as a password sign-in's, local passwords still working, the provider down giving a
 * reason and not a 500, and no OIDC routes at all when it is not configured.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { oidcFromEnv } from '../../src/server/oidc.js';
import { addUser } from '../../src/store/accounts.js';
import { openStore } from '../../src/store/index.js';
import { SYSTEM } from '../../src/store/util.js';
import { DIALECTS, makeStore, type TestStore } from '../store/harness.js';
import { PEOPLE, signIn, startProvider, type TestProvider } from './oidc-provider.js';

const REDIRECT = 'http://planwatch.test/api/v1/auth/oidc/callback';
const PASSWORD = 'local-password-1';
const cookieOf = (res: LightMyRequestResponse, name: string): string | undefined =>
  res.cookies.find((c) => c.name === name && c.value)?.value;

describe.each(DIALECTS)('OIDC sign-in (%s)', (dialect) => {
  let idp: TestProvider;
  let t: TestStore;
  let app: FastifyInstance;
  let admin: { cookie: string; csrf: string };

  const asAdmin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, ...(payload ? { payload } : {}) });

  /** The whole round: Planwatch → provider (signed in as `who`) → Planwatch's callback. */
  async function oidcSignIn(who: string, next?: string): Promise<LightMyRequestResponse> {
    const start = await app.inject({ method: 'GET', url: `/api/v1/auth/oidc/login${next ? `?next=${encodeURIComponent(next)}` : ''}` });
    expect(start.statusCode).toBe(302);
    const state = cookieOf(start, 'pw_oidc')!;
    expect(state).toBeTruthy();
    const back = await signIn(start.headers.location as string, REDIRECT, who, PEOPLE[who]!.password);
    return app.inject({ method: 'GET', url: back.pathname + back.search, headers: { cookie: `pw_oidc=${state}` } });
  }

  beforeAll(async () => {
    idp = await startProvider();
    idp.register(REDIRECT);
    t = await makeStore(dialect);
    await addUser(t.store.db, SYSTEM, { username: 'admin', password: PASSWORD, role: 'admin' });
    await addUser(t.store.db, SYSTEM, { username: 'chief', password: PASSWORD, role: 'leader', displayName: '区领导' });
    app = await buildApp({ store: t.store, oidc: idp.settings({ redirectUri: REDIRECT }) });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
    admin = { cookie: `pw_session=${cookieOf(res, 'pw_session')!}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    await idp?.close();
  });

  it('the session tells the login page the button; the start sends the browser to the provider with PKCE, state and nonce', async () => {
    const s = (await app.inject({ method: 'GET', url: '/api/v1/auth/session' })).json() as { oidc: unknown };
    expect(s.oidc).toEqual({ name: '浙政钉', loginUrl: '/api/v1/auth/oidc/login' });
    const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
    const to = new URL(start.headers.location as string);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('state')).toBe(cookieOf(start, 'pw_oidc'));
    expect(to.searchParams.get('nonce')).toBeTruthy();
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/oidc/login', '/api/v1/auth/oidc/callback', '/api/v1/auth/oidc/rules']),
    );
    const cookie = start.cookies.find((c) => c.name === 'pw_oidc')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc' });
  });

  it('an identity no rule maps is created without rights, pending an administrator: no session', async () => {
    const res = await oidcSignIn('lisi');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?oidc=pending');
    expect(cookieOf(res, 'pw_session')).toBeUndefined();
    const links = (await asAdmin('GET', '/api/v1/auth/oidc/links')).json() as {
      subject: string;
      username: string;
      claims: { dept: string };
    }[];
    expect(links).toEqual([
      expect.objectContaining({
        subject: 'lisi',
        username: 'lisi',
        claims: expect.objectContaining({ dept: '某未登记单位', name: '李四' }),
      }),
    ]);
    const users = (await asAdmin('GET', '/api/v1/users')).json() as {
      username: string;
      role: string;
      unitId: string | null;
      displayName: string;
    }[];
    expect(users.find((u) => u.username === 'lisi')).toMatchObject({ role: 'public', unitId: null, displayName: '李四' });
    // The account made for the identity has no password: it cannot sign in locally.
    const local = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lisi', password: '!oidc' } });
    expect(local.statusCode).toBe(401);
  });

  it('a rule on a claim gives a new identity its unit and role; the session is a password sign-in’s, with abilities', async () => {
    const rule = await asAdmin('POST', '/api/v1/auth/oidc/rules', {
      claim: 'dept',
      value: '嘉兴市生态环境局秀洲分局',
      role: 'reporter',
      unitId: 'sthj',
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const res = await oidcSignIn('zhangsan', '/plans/xiuzhou-14th/inbox');
    expect(res.headers.location).toBe(`/login?oidc=ok&next=${encodeURIComponent('/plans/xiuzhou-14th/inbox')}`);
    const token = cookieOf(res, 'pw_session')!;
    const s = (await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `pw_session=${token}` } })).json() as {
      user: { username: string; displayName: string; role: string; unitId: string };
      csrfToken: string;
      abilities: Record<string, boolean>;
    };
    expect(s.user).toMatchObject({ username: 'zhangsan', displayName: '张三', role: 'reporter', unitId: 'sthj' });
    expect(s.abilities).toMatchObject({ 'value.submit': true, 'value.review': false, 'identity.manage': false });
    // The CSRF rule holds for this session as for any.
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/oidc/rules',
      headers: { cookie: `pw_session=${token}` },
      payload: {},
    });
    expect(write.statusCode).toBe(403);
    const reader = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/rules', headers: { cookie: `pw_session=${token}` } });
    expect(reader.statusCode).toBe(403);
  });

  it('a pending account gets a rule added later at its next sign-in; an account with a role keeps it', async () => {
    const rule = (await asAdmin('POST', '/api/v1/auth/oidc/rules', { claim: 'dept', value: '某未登记单位', role: 'leader' })).json() as {
      id: string;
    };
    const res = await oidcSignIn('lisi');
    expect(res.headers.location).toBe('/login?oidc=ok');
    const s = (
      await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `pw_session=${cookieOf(res, 'pw_session')!}` } })
    ).json() as {
      user: { role: string };
    };
    expect(s.user.role).toBe('leader');
    // The administrator changes the rule; the account that has its role is the administrator's to change, not the rule's.
    const put = await asAdmin('PUT', `/api/v1/auth/oidc/rules/${rule.id}`, {
      claim: 'dept',
      value: '某未登记单位',
      role: 'reporter',
      unitId: 'tjj',
    });
    expect(put.statusCode, put.body).toBe(200);
    const again = await oidcSignIn('lisi');
    const s2 = (
      await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `pw_session=${cookieOf(again, 'pw_session')!}` } })
    ).json() as {
      user: { role: string; unitId: string | null };
    };
    expect(s2.user).toMatchObject({ role: 'leader', unitId: null });
    expect((await asAdmin('DELETE', `/api/v1/auth/oidc/rules/${rule.id}`)).statusCode).toBe(204);
    expect((await asAdmin('GET', '/api/v1/auth/oidc/rules')).json()).toHaveLength(1);
  });

  it('an identity linked by an administrator to an existing account signs in to that account', async () => {
    await t.store.db.deleteFrom('identity_links').where('subject', '=', 'zhangsan').execute();
    const chief = ((await asAdmin('GET', '/api/v1/users')).json() as { id: string; username: string }[]).find(
      (u) => u.username === 'chief',
    )!;
    const link = await asAdmin('POST', '/api/v1/auth/oidc/links', { subject: 'zhangsan', userId: chief.id });
    expect(link.statusCode, link.body).toBe(200);
    const dup = await asAdmin('POST', '/api/v1/auth/oidc/links', { subject: 'zhangsan', userId: chief.id });
    expect(dup.statusCode).toBe(409);
    const res = await oidcSignIn('zhangsan');
    const s = (
      await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `pw_session=${cookieOf(res, 'pw_session')!}` } })
    ).json() as {
      user: { username: string; role: string };
    };
    expect(s.user).toMatchObject({ username: 'chief', role: 'leader' });
  });

  it('the callback may reach another process: nothing of the sign-in is kept in the process that started it', async () => {
    const other = await openStore(t.options);
    const app2 = await buildApp({ store: other, oidc: idp.settings({ redirectUri: REDIRECT }) });
    try {
      const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
      const back = await signIn(start.headers.location as string, REDIRECT, 'zhangsan', PEOPLE.zhangsan!.password);
      const res = await app2.inject({
        method: 'GET',
        url: back.pathname + back.search,
        headers: { cookie: `pw_oidc=${cookieOf(start, 'pw_oidc')!}` },
      });
      expect(res.headers.location).toBe('/login?oidc=ok');
      const s = (
        await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `pw_session=${cookieOf(res, 'pw_session')!}` } })
      ).json() as {
        user: { username: string } | null;
      };
      expect(s.user?.username).toBe('chief');
    } finally {
      await app2.close();
      await other.close();
    }
  });

  it('refuses a callback whose state is not this browser’s, is unknown, or was used already', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
    const state = cookieOf(start, 'pw_oidc')!;
    const back = await signIn(start.headers.location as string, REDIRECT, 'zhangsan', PEOPLE.zhangsan!.password);
    const path = back.pathname + back.search;
    // Another browser (no cookie, or its own sign-in's cookie) cannot finish this sign-in.
    for (const cookie of ['', 'pw_oidc=someone-elses-state']) {
      const res = await app.inject({ method: 'GET', url: path, headers: cookie ? { cookie } : {} });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/login?oidc_error=state');
      expect(cookieOf(res, 'pw_session')).toBeUndefined();
    }
    const ok = await app.inject({ method: 'GET', url: path, headers: { cookie: `pw_oidc=${state}` } });
    expect(cookieOf(ok, 'pw_session')).toBeTruthy();
    const replay = await app.inject({ method: 'GET', url: path, headers: { cookie: `pw_oidc=${state}` } });
    expect(replay.headers.location).toBe('/login?oidc_error=state');
    expect(cookieOf(replay, 'pw_session')).toBeUndefined();
    // A state the provider never issued, with a made-up code: refused before any token request.
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/oidc/callback?code=x&state=forged',
      headers: { cookie: 'pw_oidc=forged' },
    });
    expect(forged.headers.location).toBe('/login?oidc_error=state');
  });

  it('a tampered code, a refusal at the provider and an unreachable provider give a reason on the login page, never a 500', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
    const state = cookieOf(start, 'pw_oidc')!;
    const bad = await app.inject({
      method: 'GET',
      url: `/api/v1/auth/oidc/callback?code=tampered&state=${state}`,
      headers: { cookie: `pw_oidc=${state}` },
    });
    expect(bad.headers.location).toBe('/login?oidc_error=verify');
    const s2 = cookieOf(await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' }), 'pw_oidc')!;
    const denied = await app.inject({
      method: 'GET',
      url: `/api/v1/auth/oidc/callback?error=access_denied&state=${s2}&iss=${encodeURIComponent(idp.issuer)}`,
      headers: { cookie: `pw_oidc=${s2}` },
    });
    expect(denied.headers.location).toBe('/login?oidc_error=denied');

    const down = await buildApp({ store: t.store, oidc: idp.settings({ issuer: 'http://127.0.0.1:9', redirectUri: REDIRECT }) });
    try {
      const res = await down.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/login?oidc_error=provider');
    } finally {
      await down.close();
    }
  });

  it('local passwords still sign in, with abilities', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'chief', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { abilities: Record<string, boolean> }).abilities['audit.read']).toBe(true);
  });

  it('rules are checked: a reporter needs a unit, the unit must exist', async () => {
    for (const body of [
      { claim: 'dept', value: 'x', role: 'reporter' },
      { claim: 'dept', value: 'x', role: 'reporter', unitId: 'no-such-unit' },
      { claim: 'bad claim', value: 'x', role: 'leader' },
    ]) {
      const res = await asAdmin('POST', '/api/v1/auth/oidc/rules', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect((res.json() as { error: { message: string } }).error.message).toMatch(/单位|声明名/);
    }
  });
});

describe('OIDC not configured', () => {
  it('no button, and every OIDC address is a 404', async () => {
    const t = await makeStore('sqlite');
    const app = await buildApp({ store: t.store });
    try {
      expect(((await app.inject({ method: 'GET', url: '/api/v1/auth/session' })).json() as { oidc: unknown }).oidc).toBeNull();
      for (const url of [
        '/api/v1/auth/oidc/login',
        '/api/v1/auth/oidc/callback?code=x&state=y',
        '/api/v1/auth/oidc/rules',
        '/api/v1/auth/oidc/links',
      ])
        expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    } finally {
      await app.close();
      await t.cleanup();
    }
  });
});

describe('OIDC settings from the environment', () => {
  it('off without issuer and client id, both needed, defaults for the rest', () => {
    expect(oidcFromEnv({})).toBeNull();
    expect(() => oidcFromEnv({ PLANWATCH_OIDC_ISSUER: 'https://zzd.example' })).toThrow('PLANWATCH_OIDC_CLIENT_ID');
    expect(oidcFromEnv({ PLANWATCH_OIDC_ISSUER: 'https://zzd.example', PLANWATCH_OIDC_CLIENT_ID: 'pw' })).toEqual({
      issuer: 'https://zzd.example',
      clientId: 'pw',
      clientSecret: undefined,
      redirectUri: undefined,
      name: '统一身份认证',
      claim: 'sub',
      scopes: 'openid profile',
      allowHttp: false,
    });
    expect(
      oidcFromEnv({
        PLANWATCH_OIDC_ISSUER: 'http://i',
        PLANWATCH_OIDC_CLIENT_ID: 'pw',
        PLANWATCH_OIDC_NAME: '浙政钉',
        PLANWATCH_OIDC_CLAIM: 'email',
        PLANWATCH_OIDC_ALLOW_HTTP: 'true',
      }),
    ).toMatchObject({ name: '浙政钉', claim: 'email', allowHttp: true });
  });
});
