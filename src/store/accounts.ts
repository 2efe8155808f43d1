/**
 * Local accounts, sessions and the login rate limit. Passwords are scrypt hashes (node:crypto);
 * sessions and failed-login counters live in the store, so any process can serve any request.
 */
import { ROLE_NEEDS_UNIT, ROLES, type Role } from '../core/roles.js';
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { recordAudit } from './audit.js';
import { newId, now, type Actor, type Db } from './util.js';

const scryptAsync = promisify(scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;
/**
 * OWASP's current advice for scrypt (N=2^17, r=8, p=1). The hash string carries its own
 * parameters, so hashes made with the former cost (N=2^14) still verify and are upgraded on the
 * next successful sign-in.
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 };
/** scrypt needs 128·N·r bytes; node's default ceiling (32 MiB) is below that for N=2^17. */
const maxmem = (N: number, r: number): number => 128 * N * r * 2;
const MAX_N = 2 ** 20;

export { ROLES, type Role };

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  active: boolean;
  createdAt: string;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, { ...SCRYPT, maxmem: maxmem(SCRYPT.N, SCRYPT.r) });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  // A stored hash never makes the server spend more than a bounded amount of memory.
  if (scheme !== 'scrypt' || !salt || !key || !(N <= MAX_N && R <= 16 && P <= 4)) return false;
  const expected = Buffer.from(key, 'base64');
  const got = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return timingSafeEqual(got, expected);
}

/** True when a hash was made with weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  const [, n, r, p] = stored.split('$');
  return Number(n) < SCRYPT.N || Number(r) < SCRYPT.r || Number(p) < SCRYPT.p;
}

/** A hash to compare against when the user does not exist, so both answers take the same time. */
let dummyHash: Promise<string> | undefined;

function toUser(r: {
  id: string;
  username: string;
  display_name: string;
  role: string;
  unit_id: string | null;
  active: number;
  created_at: string;
}): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    unitId: r.unit_id,
    active: r.active === 1,
    createdAt: r.created_at,
  };
}

export class AccountError extends Error {
  constructor(
    readonly code: 'exists' | 'invalid' | 'notFound',
    message: string,
  ) {
    super(message);
  }
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function addUser(
  db: Db,
  actor: Actor,
  u: { username: string; password: string; role: Role; unitId?: string | null; displayName?: string },
): Promise<User> {
  if (!/^[A-Za-z0-9_.@-]{2,64}$/.test(u.username))
    throw new AccountError('invalid', `用户名「${u.username}」只能包含字母、数字和 _ . @ -（2—64位）`);
  if (u.password.length < 8) throw new AccountError('invalid', '密码至少8位');
  if (!ROLES.includes(u.role)) throw new AccountError('invalid', `角色应为 ${ROLES.join(' / ')}`);
  if (ROLE_NEEDS_UNIT[u.role] && !u.unitId) throw new AccountError('invalid', '填报员必须指定所属单位（--unit）');
  if (u.unitId) {
    const unit = await db.selectFrom('units').select('id').where('id', '=', u.unitId).executeTakeFirst();
    if (!unit) throw new AccountError('invalid', `没有单位「${u.unitId}」`);
  }
  const exists = await db.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
  if (exists) throw new AccountError('exists', `用户「${u.username}」已存在`);
  const row = {
    id: newId(),
    username: u.username,
    display_name: u.displayName ?? u.username,
    password_hash: await hashPassword(u.password),
    role: u.role,
    unit_id: u.unitId ?? null,
    active: 1,
    created_at: now(),
  };
  await db.insertInto('users').values(row).execute();
  await recordAudit(db, actor, {
    action: 'user.add',
    entity: 'user',
    entityId: row.id,
    after: { username: row.username, role: row.role, unitId: row.unit_id },
  });
  return toUser(row);
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  patch: { role?: Role; unitId?: string | null; active?: boolean; password?: string; displayName?: string },
): Promise<User> {
  const before = await getUser(db, id);
  if (!before) throw new AccountError('notFound', `没有用户 ${id}`);
  const set: Record<string, unknown> = {};
  if (patch.role) set.role = patch.role;
  if (patch.unitId !== undefined) set.unit_id = patch.unitId;
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (patch.displayName) set.display_name = patch.displayName;
  if (patch.password) {
    if (patch.password.length < 8) throw new AccountError('invalid', '密码至少8位');
    set.password_hash = await hashPassword(patch.password);
  }
  if (Object.keys(set).length) await db.updateTable('users').set(set).where('id', '=', id).execute();
  if (patch.active === false || patch.password) await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  const after = (await getUser(db, id))!;
  await recordAudit(db, actor, {
    action: 'user.update',
    entity: 'user',
    entityId: id,
    before: { role: before.role, unitId: before.unitId, active: before.active },
    after: { role: after.role, unitId: after.unitId, active: after.active, passwordChanged: Boolean(patch.password) },
  });
  return after;
}

/** Checks a password; the same time and the same answer for an unknown user and a wrong password. */
export async function authenticate(db: Db, username: string, password: string): Promise<User | undefined> {
  const r = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  // An account made by a sign-in through the identity platform has no password (no scrypt hash):
  // it answers as an unknown user does, in the same time.
  if (!r || r.active !== 1 || !r.password_hash.startsWith('scrypt$')) {
    dummyHash ??= hashPassword('planwatch-dummy-password');
    await verifyPassword(password, await dummyHash);
    return undefined;
  }
  if (!(await verifyPassword(password, r.password_hash))) return undefined;
  if (needsRehash(r.password_hash))
    await db
      .updateTable('users')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', r.id)
      .execute();
  return toUser(r);
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export const SESSION_HOURS = 12;

export async function createSession(db: Db, userId: string): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({ id: sha256(token), user_id: userId, csrf_token: csrfToken, created_at: now(), expires_at: expiresAt })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function sessionUser(db: Db, token: string): Promise<{ user: User; csrfToken: string } | undefined> {
  const r = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.unit_id',
      'users.active',
      'users.created_at',
      'sessions.csrf_token',
      'sessions.expires_at',
    ])
    .where('sessions.id', '=', sha256(token))
    .executeTakeFirst();
  if (!r || r.active !== 1 || r.expires_at < now()) return undefined;
  return { user: toUser(r), csrfToken: r.csrf_token };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now()).execute();
}

export const LOGIN_LIMIT = { failures: 5, windowMinutes: 15 };

/**
 * Counts a sign-in attempt for the key (username and client address) BEFORE its password is
 * checked, in one atomic statement (an upsert that returns the new count), and says whether the
 * attempt may go on. Parallel guesses each take a slot, in any number of processes on one store,
 * so no more than the limit are ever checked per window; a successful sign-in clears the count.
 */
export async function reserveLoginAttempt(db: Db, key: string): Promise<boolean> {
  const at = now();
  const windowStart = new Date(Date.now() - LOGIN_LIMIT.windowMinutes * 60_000).toISOString();
  const open = sql<boolean>`login_attempts.window_start > ${windowStart}`;
  const r = await db
    .insertInto('login_attempts')
    .values({ key, window_start: at, failures: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${open} then login_attempts.failures + 1 else 1 end`,
        window_start: sql<string>`case when ${open} then login_attempts.window_start else ${at} end`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(r.failures) <= LOGIN_LIMIT.failures;
}

export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}
