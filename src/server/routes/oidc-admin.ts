/**
 * The administrator's side of sign-in through the identity platform: the identities linked to
 * accounts (link one to an existing account, or undo a link) and the rules that give a new
 * identity its unit and role. Registered only when OIDC sign-in is configured.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addRule, deleteRule, linkIdentity, listLinks, listRules, unlinkIdentity, updateRule } from '../../store/identities.js';
import type { Store } from '../../store/index.js';
import { actorOf, authorize } from '../auth.js';
import type { OidcSettings } from '../oidc.js';
import { errors } from '../schemas.js';

const RuleRole = z.enum(['admin', 'reporter', 'leader']);
export const IdentityRuleOut = z.object({
  id: z.string(),
  position: z.number(),
  claim: z.string(),
  value: z.string(),
  role: RuleRole,
  unitId: z.string().nullable(),
});
const RuleBody = z.object({
  claim: z.string().min(1).max(64),
  value: z.string().min(1).max(200),
  role: RuleRole,
  unitId: z.string().max(64).nullable().optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
});
export const IdentityLinkOut = z.object({
  id: z.string(),
  issuer: z.string(),
  subject: z.string(),
  userId: z.string(),
  username: z.string(),
  claims: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
const IdParams = z.object({ id: z.string().max(64) });
const BASE = '/api/v1/auth/oidc';

export function oidcAdminRoutes(app: FastifyInstance, store: Store, settings: OidcSettings): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    `${BASE}/rules`,
    {
      schema: {
        tags,
        summary: '身份映射规则 / rules giving identities their unit and role',
        response: { 200: z.array(IdentityRuleOut), ...errors },
      },
    },
    async (req) => {
      authorize(req, 'identity.manage');
      return listRules(store.db);
    },
  );

  r.post(
    `${BASE}/rules`,
    { schema: { tags, summary: '新增映射规则 / add a rule', body: RuleBody, response: { 200: IdentityRuleOut, ...errors } } },
    async (req) => {
      authorize(req, 'identity.manage');
      return addRule(store.db, actorOf(req), req.body);
    },
  );

  r.put(
    `${BASE}/rules/:id`,
    {
      schema: {
        tags,
        summary: '修改映射规则 / change a rule',
        params: IdParams,
        body: RuleBody,
        response: { 200: IdentityRuleOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'identity.manage');
      return updateRule(store.db, actorOf(req), req.params.id, req.body);
    },
  );

  r.delete(
    `${BASE}/rules/:id`,
    { schema: { tags, summary: '删除映射规则 / delete a rule', params: IdParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      authorize(req, 'identity.manage');
      await deleteRule(store.db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    `${BASE}/links`,
    { schema: { tags, summary: '已关联的身份 / identities linked to accounts', response: { 200: z.array(IdentityLinkOut), ...errors } } },
    async (req) => {
      authorize(req, 'identity.manage');
      return listLinks(store.db);
    },
  );

  r.post(
    `${BASE}/links`,
    {
      schema: {
        tags,
        summary: '把身份关联到已有账号 / link an identity to an existing account',
        body: z.object({ subject: z.string().min(1).max(200), userId: z.string().max(64) }),
        response: { 200: IdentityLinkOut, ...errors },
      },
    },
    async (req) => {
      authorize(req, 'identity.manage');
      return linkIdentity(store.db, actorOf(req), { issuer: settings.issuer, ...req.body });
    },
  );

  r.delete(
    `${BASE}/links/:id`,
    { schema: { tags, summary: '解除身份关联 / undo a link', params: IdParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      authorize(req, 'identity.manage');
      await unlinkIdentity(store.db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
