/**
 * Identities from the unified identity platform (统一身份认证, OpenID Connect) and the accounts they
 * sign in to: links (issuer + claim value → account), the administrator's rules that give a new
 * identity its unit and role, and the sign-ins in progress (state, nonce and PKCE verifier kept in
 * the store, so the provider's callback may reach any process).
 */
import { createHash } from 'node:crypto';
import { freeUsername, matchRule, usernameBase, type Claims, type IdentityRule } from '../core/identity.js';
import { getUser, type User } from './accounts.js';
import { recordAudit } from './audit.js';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { newId, now, SYSTEM, type Actor, type Db } from './util.js';

export type { IdentityRule } from '../core/identity.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** An account made at first sign-in has no password: this is no scrypt hash, so no password verifies. */
export const NO_PASSWORD = '!oidc';

/** Minutes a sign-in may take at the provider. */
export const OIDC_REQUEST_MINUTES = 10;

export class IdentityError extends Error {
  constructor(
    readonly code: 'invalid' | 'notFound' | 'exists',
    message: string,
  ) {
    super(message);
  }
}

// ---- sign-ins in progress ----

export async function saveOidcRequest(
  db: Db,
  state: string,
  r: { codeVerifier: string; nonce: string; returnTo: string | null },
): Promise<void> {
  const at = now();
  await db.deleteFrom('oidc_requests').where('expires_at', '<', at).execute();
  await db
    .insertInto('oidc_requests')
    .values({
      id: sha256(state),
      code_verifier: r.codeVerifier,
      nonce: r.nonce,
      return_to: r.returnTo,
      created_at: at,
      expires_at: new Date(Date.now() + OIDC_REQUEST_MINUTES * 60_000).toISOString(),
    })
    .execute();
}

/** Takes the sign-in of this state out of the store (once: a replayed callback finds nothing); undefined when unknown or expired. */
export async function takeOidcRequest(
  db: Db,
  state: string,
): Promise<{ codeVerifier: string; nonce: string; returnTo: string | null } | undefined> {
  const r = await db.deleteFrom('oidc_requests').where('id', '=', sha256(state)).returningAll().executeTakeFirst();
  if (!r || r.expires_at < now()) return undefined;
  return { codeVerifier: r.code_verifier, nonce: r.nonce, returnTo: r.return_to };
}

// ---- rules ----

type RuleRow = Database['identity_rules'];
const toRule = (r: RuleRow): IdentityRule => ({
  id: r.id,
  position: r.position,
  claim: r.claim,
  value: r.value,
  role: r.role as IdentityRule['role'],
  unitId: r.unit_id,
});

export async function listRules(db: Db): Promise<IdentityRule[]> {
  return (await db.selectFrom('identity_rules').selectAll().orderBy('position').orderBy('created_at').execute()).map(toRule);
}

export type RuleInput = Pick<IdentityRule, 'claim' | 'value' | 'role'> & { unitId?: string | null; position?: number };

async function checkRule(db: Db, r: RuleInput): Promise<void> {
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(r.claim)) throw new IdentityError('invalid', `声明名「${r.claim}」只能包含字母、数字和 _ . : -`);
  if (!r.value.trim()) throw new IdentityError('invalid', '声明值不能为空');
  if (r.role === 'reporter' && !r.unitId) throw new IdentityError('invalid', '填报员必须指定所属单位');
  if (r.unitId && !(await db.selectFrom('units').select('id').where('id', '=', r.unitId).executeTakeFirst()))
    throw new IdentityError('invalid', `没有单位「${r.unitId}」`);
}

export async function addRule(db: Db, actor: Actor, r: RuleInput): Promise<IdentityRule> {
  await checkRule(db, r);
  const last = await db
    .selectFrom('identity_rules')
    .select((eb) => eb.fn.max('position').as('p'))
    .executeTakeFirst();
  const row: RuleRow = {
    id: newId(),
    position: r.position ?? Number(last?.p ?? 0) + 1,
    claim: r.claim,
    value: r.value.trim(),
    role: r.role,
    unit_id: r.unitId ?? null,
    created_at: now(),
  };
  await db.insertInto('identity_rules').values(row).execute();
  await recordAudit(db, actor, { action: 'identityRule.add', entity: 'identityRule', entityId: row.id, after: toRule(row) });
  return toRule(row);
}

export async function updateRule(db: Db, actor: Actor, id: string, r: RuleInput): Promise<IdentityRule> {
  const before = await db.selectFrom('identity_rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new IdentityError('notFound', `没有规则 ${id}`);
  await checkRule(db, r);
  const set = { claim: r.claim, value: r.value.trim(), role: r.role, unit_id: r.unitId ?? null, position: r.position ?? before.position };
  await db.updateTable('identity_rules').set(set).where('id', '=', id).execute();
  const after = toRule({ ...before, ...set });
  await recordAudit(db, actor, { action: 'identityRule.update', entity: 'identityRule', entityId: id, before: toRule(before), after });
  return after;
}

export async function deleteRule(db: Db, actor: Actor, id: string): Promise<void> {
  const before = await db.selectFrom('identity_rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new IdentityError('notFound', `没有规则 ${id}`);
  await db.deleteFrom('identity_rules').where('id', '=', id).execute();
  await recordAudit(db, actor, { action: 'identityRule.delete', entity: 'identityRule', entityId: id, before: toRule(before) });
}

// ---- links ----

export interface IdentityLink {
  id: string;
  issuer: string;
  subject: string;
  userId: string;
  username: string;
  claims: Claims;
  createdAt: string;
  lastLoginAt: string | null;
}

export async function listLinks(db: Db): Promise<IdentityLink[]> {
  const rows = await db
    .selectFrom('identity_links')
    .innerJoin('users', 'users.id', 'identity_links.user_id')
    .selectAll('identity_links')
    .select('users.username')
    .orderBy('identity_links.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    issuer: r.issuer,
    subject: r.subject,
    userId: r.user_id,
    username: r.username,
    claims: r.claims ? (JSON.parse(r.claims) as Claims) : {},
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
  }));
}

/** Links an identity to an existing account (an administrator's own local account, say): its next sign-in goes there. */
export async function linkIdentity(db: Db, actor: Actor, l: { issuer: string; subject: string; userId: string }): Promise<IdentityLink> {
  if (!l.subject.trim()) throw new IdentityError('invalid', '身份标识不能为空');
  if (!(await getUser(db, l.userId))) throw new IdentityError('notFound', `没有用户 ${l.userId}`);
  const exists = await db
    .selectFrom('identity_links')
    .select('id')
    .where('issuer', '=', l.issuer)
    .where('subject', '=', l.subject)
    .executeTakeFirst();
  if (exists) throw new IdentityError('exists', `身份「${l.subject}」已关联账号`);
  const id = newId();
  await db
    .insertInto('identity_links')
    .values({ id, issuer: l.issuer, subject: l.subject, user_id: l.userId, claims: null, created_at: now(), last_login_at: null })
    .execute();
  await recordAudit(db, actor, {
    action: 'identity.link',
    entity: 'user',
    entityId: l.userId,
    after: { issuer: l.issuer, subject: l.subject },
  });
  return (await listLinks(db)).find((x) => x.id === id)!;
}

export async function unlinkIdentity(db: Db, actor: Actor, id: string): Promise<void> {
  const r = await db.selectFrom('identity_links').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new IdentityError('notFound', `没有身份关联 ${id}`);
  await db.deleteFrom('identity_links').where('id', '=', id).execute();
  await recordAudit(db, actor, {
    action: 'identity.unlink',
    entity: 'user',
    entityId: r.user_id,
    before: { issuer: r.issuer, subject: r.subject },
  });
}

// ---- signing in ----

/** An account no rule has given rights to yet: the role of the public, no unit. */
export const isPending = (u: Pick<User, 'role'>): boolean => u.role === 'public';

/**
 * The account an identity signs in to. A linked identity signs in to its account; while that
 * account is still pending, the rules are tried again (an administrator may have added one since).
 * A new identity gets an account: the unit and role of the first matching rule, or none (pending,
 * the role of the public) until an administrator gives them. An account that has its role keeps
 * it: from then on it is the administrator's to change on the users page, as with local accounts.
 */
export async function signInByIdentity(
  db: Kysely<Database>,
  id: { issuer: string; subject: string; claims: Claims },
): Promise<{ user: User; created: boolean }> {
  const at = now();
  const claimsJson = JSON.stringify(id.claims);
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('identity_links')
      .select(['id', 'user_id'])
      .where('issuer', '=', id.issuer)
      .where('subject', '=', id.subject)
      .executeTakeFirst();
    const rule = matchRule(await listRules(trx), id.claims);
    const actor = { ...SYSTEM, username: `oidc:${id.subject}` };
    if (link) {
      await trx.updateTable('identity_links').set({ claims: claimsJson, last_login_at: at }).where('id', '=', link.id).execute();
      const user = (await getUser(trx, link.user_id))!;
      if (!isPending(user) || !rule) return { user, created: false };
      await trx.updateTable('users').set({ role: rule.role, unit_id: rule.unitId }).where('id', '=', user.id).execute();
      await recordAudit(trx, actor, {
        action: 'user.update',
        entity: 'user',
        entityId: user.id,
        before: { role: user.role, unitId: user.unitId },
        after: { role: rule.role, unitId: rule.unitId, rule: rule.id },
      });
      return { user: (await getUser(trx, user.id))!, created: false };
    }
    const c = id.claims;
    const base = usernameBase([c.preferred_username, c.email], `oidc-${sha256(`${id.issuer}|${id.subject}`).slice(0, 12)}`);
    // A superset of the names that could clash (LIKE's _ matches any character).
    const near = await trx
      .selectFrom('users')
      .select('username')
      .where('username', 'like', `${base.slice(0, 60)}%`)
      .execute();
    const username = freeUsername(base, new Set(near.map((u) => u.username)));
    const displayName =
      [c.name, c.nickname, c.preferred_username].find((x): x is string => typeof x === 'string' && x.trim() !== '') ?? username;
    const userId = newId();
    const user = {
      id: userId,
      username,
      display_name: displayName.trim().slice(0, 100),
      password_hash: NO_PASSWORD,
      role: rule?.role ?? 'public',
      unit_id: rule?.unitId ?? null,
      active: 1,
      created_at: at,
    };
    await trx.insertInto('users').values(user).execute();
    await trx
      .insertInto('identity_links')
      .values({
        id: newId(),
        issuer: id.issuer,
        subject: id.subject,
        user_id: userId,
        claims: claimsJson,
        created_at: at,
        last_login_at: at,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'user.add',
      entity: 'user',
      entityId: userId,
      after: { username, role: user.role, unitId: user.unit_id, issuer: id.issuer, rule: rule?.id ?? null },
    });
    return { user: (await getUser(trx, userId))!, created: true };
  });
}
