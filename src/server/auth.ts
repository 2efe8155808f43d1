/**
 * Sessions and CSRF: an HttpOnly, SameSite=Lax cookie names a session kept in the store (Secure
 * when the request came over TLS, directly or through the proxy); state-changing requests of a
 * signed-in user must echo the session's CSRF token in the X-CSRF-Token header.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { sessionUser, SESSION_HOURS, type User } from '../store/accounts.js';
import type { Store } from '../store/index.js';
import type { Actor } from '../store/util.js';
import { ANONYMOUS, can, type Action, type Subject } from './permissions.js';
import { forbidden, HttpError, unauthorized } from './errors.js';

export const SESSION_COOKIE = 'pw_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    csrfToken: string | null;
    sessionToken: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuth(app: FastifyInstance, store: Store): void {
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const s = await sessionUser(store.db, token);
    if (!s) return;
    req.user = s.user;
    req.csrfToken = s.csrfToken;
    req.sessionToken = token;
    const exempt = req.url.startsWith('/api/v1/auth/login');
    if (UNSAFE.has(req.method) && !exempt && req.headers[CSRF_HEADER] !== s.csrfToken) {
      throw new HttpError(403, 'csrf', '请求缺少有效的 CSRF 令牌（X-CSRF-Token），请刷新页面后重试');
    }
  });
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function subjectOf(req: FastifyRequest): Subject {
  return req.user ? { role: req.user.role, unitId: req.user.unitId } : ANONYMOUS;
}

export function actorOf(req: FastifyRequest): Actor {
  const u = req.user;
  if (!u) throw unauthorized();
  return { id: u.id, username: u.username, role: u.role, unitId: u.unitId };
}

/** Throws 401 for an anonymous visitor and 403 for a signed-in user lacking the permission. */
export function authorize(req: FastifyRequest, action: Action, assignedUnits?: readonly string[]): void {
  if (can(subjectOf(req), action, assignedUnits)) return;
  if (!req.user) throw unauthorized();
  throw forbidden();
}
