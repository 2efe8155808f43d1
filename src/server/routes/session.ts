/** Health and sign-in: the routes every visitor may call. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate, clearLoginFailures, createSession, deleteSession, reserveLoginAttempt, LOGIN_LIMIT } from '../../store/accounts.js';
import { storeHealthy, type Store } from '../../store/index.js';
import { clearSessionCookie, setSessionCookie, subjectOf } from '../auth.js';
import { HttpError } from '../errors.js';
import { abilities } from '../permissions.js';
import { AbilitiesOut, errors, UserOut } from '../schemas.js';

/**
 * The current session: the signed-in user (null for the public), the CSRF token, whether this is a
 * demo workspace, and what the user may do (the browser shows its pages and buttons by these).
 */
export const SessionOut = z.object({
  user: UserOut.nullable(),
  csrfToken: z.string().nullable(),
  demo: z.boolean(),
  abilities: AbilitiesOut,
  /** Sign-in through the identity platform, when configured: the login page's button 「使用{name}登录」. */
  oidc: z.object({ name: z.string(), loginUrl: z.string() }).nullable(),
});
export const LoginOut = z.object({ user: UserOut, csrfToken: z.string(), abilities: AbilitiesOut });

export function sessionRoutes(app: FastifyInstance, store: Store, info: { demo: boolean; version: string; oidcName: string | null }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查 / health',
        response: {
          200: z.object({ status: z.literal('ok'), store: z.string(), version: z.string(), demo: z.boolean() }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_req, reply) => {
      if (!(await storeHealthy(store))) return reply.status(503).send({ status: 'unavailable' as const });
      return { status: 'ok' as const, store: store.dialect, version: info.version, demo: info.demo };
    },
  );

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录 / sign in',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: LoginOut, 429: errors[400], ...errors },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const key = `${username}|${req.ip}`;
      // The attempt is counted before the password is checked: parallel guesses cannot outrun the limit.
      if (!(await reserveLoginAttempt(store.db, key))) {
        void reply.header('retry-after', String(LOGIN_LIMIT.windowMinutes * 60));
        throw new HttpError(429, 'rateLimited', `登录失败次数过多，请${LOGIN_LIMIT.windowMinutes}分钟后再试`);
      }
      const user = await authenticate(store.db, username, password);
      if (!user) {
        throw new HttpError(401, 'badCredentials', '用户名或密码不正确');
      }
      await clearLoginFailures(store.db, key);
      const s = await createSession(store.db, user.id);
      setSessionCookie(req, reply, s.token);
      return { user, csrfToken: s.csrfToken, abilities: abilities({ role: user.role, unitId: user.unitId }) };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: '退出 / sign out', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.sessionToken) await deleteSession(store.db, req.sessionToken);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: '当前会话 / current session',
        response: { 200: SessionOut },
      },
    },
    async (req) => ({
      user: req.user,
      csrfToken: req.csrfToken,
      demo: info.demo,
      abilities: abilities(subjectOf(req)),
      oidc: info.oidcName ? { name: info.oidcName, loginUrl: '/api/v1/auth/oidc/login' } : null,
    }),
  );
}
