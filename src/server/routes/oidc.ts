/**
 * Sign-in through the unified identity platform (OpenID Connect), registered only when it is
 * configured (otherwise these addresses are 404s). The browser goes to `…/oidc/login`, is sent to
 * the provider, and comes back to `…/oidc/callback`, which checks the answer, finds or creates the
 * account and starts the same session a password sign-in does. Whatever goes wrong, the browser
 * lands on the login page with a reason it can word (`?oidc_error=<code>`), never on an error stack.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { claimValues } from '../../core/identity.js';
import { createSession } from '../../store/accounts.js';
import { isPending, saveOidcRequest, signInByIdentity, takeOidcRequest, OIDC_REQUEST_MINUTES } from '../../store/identities.js';
import type { Store } from '../../store/index.js';
import { setSessionCookie } from '../auth.js';
import { CALLBACK_PATH, OidcFailed, type OidcClient, type OidcFailure } from '../oidc.js';

/** The state of a sign-in in progress, bound to the browser that started it. */
const STATE_COOKIE = 'pw_oidc';
const COOKIE_PATH = '/api/v1/auth/oidc';

/** A path of the web app to return to; anything else (another site, `//host`) is dropped. */
const localPath = (p: string | undefined): string | null => (p && /^\/(?![/\\])/.test(p) && p.length <= 500 ? p : null);

function loginPage(reply: FastifyReply, query: Record<string, string>): FastifyReply {
  return reply.redirect(`/login?${new URLSearchParams(query).toString()}`, 302);
}

function redirectUri(req: FastifyRequest, oidc: OidcClient): string {
  return oidc.settings.redirectUri ?? `${req.protocol}://${req.host}${CALLBACK_PATH}`;
}

export function oidcRoutes(app: FastifyInstance, store: Store, oidc: OidcClient): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const fail = (req: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply => {
    const code: OidcFailure = e instanceof OidcFailed ? e.code : 'provider';
    req.log.warn({ err: e, code }, 'OIDC sign-in did not finish');
    return loginPage(reply, { oidc_error: code });
  };

  r.get(
    '/api/v1/auth/oidc/login',
    {
      schema: {
        tags: ['auth'],
        summary: `使用${oidc.settings.name}登录（跳转到统一身份认证）/ sign in through the identity platform`,
        querystring: z.object({ next: z.string().max(500).optional() }),
      },
    },
    async (req, reply) => {
      try {
        const s = await oidc.start(redirectUri(req, oidc));
        await saveOidcRequest(store.db, s.state, { codeVerifier: s.codeVerifier, nonce: s.nonce, returnTo: localPath(req.query.next) });
        void reply.setCookie(STATE_COOKIE, s.state, {
          path: COOKIE_PATH,
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level navigation from another site.
          sameSite: 'lax',
          secure: req.protocol === 'https',
          maxAge: OIDC_REQUEST_MINUTES * 60,
        });
        return reply.redirect(s.url.href, 302);
      } catch (e) {
        return fail(req, reply, e);
      }
    },
  );

  r.get(
    CALLBACK_PATH,
    { schema: { tags: ['auth'], summary: '统一身份认证回调 / the identity platform returns here' } },
    async (req, reply) => {
      try {
        const query = new URLSearchParams(req.query as Record<string, string>);
        const state = query.get('state');
        const cookie = req.cookies[STATE_COOKIE];
        void reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
        // The state must be the one this browser was sent off with, and still waiting (used once).
        if (!state || !cookie || state !== cookie) throw new OidcFailed('state', '登录请求与本浏览器不符');
        const pending = await takeOidcRequest(store.db, state);
        if (!pending) throw new OidcFailed('state', '登录请求已过期或已使用');
        const url = new URL(redirectUri(req, oidc));
        url.search = query.toString();
        const claims = await oidc.finish(url, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
        const [subject] = claimValues(claims, oidc.settings.claim);
        if (!subject) throw new OidcFailed('claim', `身份信息中没有用于匹配账号的声明「${oidc.settings.claim}」`);
        const { user } = await signInByIdentity(store.db, { issuer: oidc.settings.issuer, subject, claims });
        if (!user.active) throw new OidcFailed('inactive', `账号 ${user.username} 已停用`);
        if (isPending(user)) return loginPage(reply, { oidc: 'pending' });
        const s = await createSession(store.db, user.id);
        setSessionCookie(req, reply, s.token);
        return loginPage(reply, { oidc: 'ok', ...(pending.returnTo ? { next: pending.returnTo } : {}) });
      } catch (e) {
        return fail(req, reply, e);
      }
    },
  );
}
