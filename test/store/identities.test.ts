/**
 * Identities of the unified identity platform in the store, on SQLite and PostgreSQL: sign-ins in
 * progress taken once and expiring, rules in order, new identities created pending or mapped,
 * links kept, usernames that clash numbered, and accounts without a password never signing in locally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authenticate } from '../../src/store/accounts.js';
import {
  addRule,
  deleteRule,
  IdentityError,
  linkIdentity,
  listLinks,
  listRules,
  saveOidcRequest,
  signInByIdentity,
  takeOidcRequest,
  updateRule,
} from '../../src/store/identities.js';
import { SYSTEM } from '../../src/store/util.js';
import { DIALECTS, makeStore, type TestStore } from './harness.js';

const ISSUER = 'https://zzd.example.gov.cn';

describe.each(DIALECTS)('identities (%s)', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeStore(dialect);
  });
  afterAll(async () => t.cleanup());

  it('a sign-in in progress is taken once; an expired one is gone', async () => {
    const db = t.store.db;
    await saveOidcRequest(db, 'state-1', { codeVerifier: 'v1', nonce: 'n1', returnTo: '/plans/x' });
    expect(await takeOidcRequest(db, 'state-1')).toEqual({ codeVerifier: 'v1', nonce: 'n1', returnTo: '/plans/x' });
    expect(await takeOidcRequest(db, 'state-1')).toBeUndefined();
    expect(await takeOidcRequest(db, 'never-saved')).toBeUndefined();
    await saveOidcRequest(db, 'state-2', { codeVerifier: 'v2', nonce: 'n2', returnTo: null });
    // Kept by a hash of the state, not the state itself.
    expect((await db.selectFrom('oidc_requests').select('id').execute()).map((r) => r.id)).not.toContain('state-2');
    await db.updateTable('oidc_requests').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    expect(await takeOidcRequest(db, 'state-2')).toBeUndefined();
  });

  it('rules are kept in order, checked, changed and deleted', async () => {
    const db = t.store.db;
    const a = await addRule(db, SYSTEM, { claim: 'dept', value: '秀洲区统计局', role: 'reporter', unitId: 'tjj' });
    const b = await addRule(db, SYSTEM, { claim: 'groups', value: '区领导', role: 'leader' });
    expect((await listRules(db)).map((r) => [r.id, r.position])).toEqual([
      [a.id, 1],
      [b.id, 2],
    ]);
    await expect(addRule(db, SYSTEM, { claim: 'dept', value: 'x', role: 'reporter' })).rejects.toThrow(IdentityError);
    await expect(addRule(db, SYSTEM, { claim: 'dept', value: 'x', role: 'leader', unitId: 'nowhere' })).rejects.toThrow(
      '没有单位「nowhere」',
    );
    await updateRule(db, SYSTEM, b.id, { claim: 'groups', value: '区领导', role: 'leader', position: 0 });
    expect((await listRules(db))[0]!.id).toBe(b.id);
    await deleteRule(db, SYSTEM, b.id);
    expect((await listRules(db)).map((r) => r.id)).toEqual([a.id]);
    await expect(deleteRule(db, SYSTEM, b.id)).rejects.toThrow(IdentityError);
    const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'identityRule').execute();
    expect(audit.map((x) => x.action)).toEqual(['identityRule.add', 'identityRule.add', 'identityRule.update', 'identityRule.delete']);
  });

  it('a new identity: mapped by the first matching rule (a list claim holding the value), or pending', async () => {
    const db = t.store.db;
    const mapped = await signInByIdentity(db, {
      issuer: ISSUER,
      subject: 'u-1',
      claims: { sub: 'u-1', name: '王五', preferred_username: 'wangwu', dept: ['秀洲区统计局', '秀洲区'] },
    });
    expect(mapped.created).toBe(true);
    expect(mapped.user).toMatchObject({ username: 'wangwu', displayName: '王五', role: 'reporter', unitId: 'tjj', active: true });
    const pending = await signInByIdentity(db, { issuer: ISSUER, subject: 'u-2', claims: { sub: 'u-2', name: '赵六', dept: '别的单位' } });
    expect(pending.user).toMatchObject({ role: 'public', unitId: null, displayName: '赵六' });
    expect(pending.user.username).toMatch(/^oidc-[0-9a-f]{12}$/);
    // No password works for an account made by a sign-in.
    expect(await authenticate(db, pending.user.username, '!oidc')).toBeUndefined();
    // The same identity again: the same account, the claims of this sign-in kept for the administrator.
    const again = await signInByIdentity(db, { issuer: ISSUER, subject: 'u-1', claims: { sub: 'u-1', name: '王五', dept: '已调离' } });
    expect(again).toMatchObject({ created: false, user: { id: mapped.user.id, role: 'reporter', unitId: 'tjj' } });
    const link = (await listLinks(db)).find((l) => l.subject === 'u-1')!;
    expect(link).toMatchObject({ issuer: ISSUER, username: 'wangwu', claims: { dept: '已调离' } });
    expect(link.lastLoginAt).toBeTruthy();
  });

  it('the same subject at another issuer is another person; a clashing username is numbered', async () => {
    const db = t.store.db;
    await addUser(db, SYSTEM, { username: 'qianqi', password: 'local-password', role: 'leader' });
    const other = await signInByIdentity(db, {
      issuer: 'https://other.example',
      subject: 'u-1',
      claims: { sub: 'u-1', preferred_username: 'qianqi' },
    });
    expect(other.created).toBe(true);
    expect(other.user.username).toBe('qianqi-2');
    expect(other.user.role).toBe('public');
  });

  it('an administrator links an identity to an existing account; a link is unique per issuer and subject', async () => {
    const db = t.store.db;
    const chief = await addUser(db, SYSTEM, { username: 'chief', password: 'local-password', role: 'leader' });
    await linkIdentity(db, SYSTEM, { issuer: ISSUER, subject: 'u-9', userId: chief.id });
    await expect(linkIdentity(db, SYSTEM, { issuer: ISSUER, subject: 'u-9', userId: chief.id })).rejects.toThrow('已关联');
    const s = await signInByIdentity(db, { issuer: ISSUER, subject: 'u-9', claims: { sub: 'u-9' } });
    expect(s).toMatchObject({ created: false, user: { username: 'chief', role: 'leader' } });
    // The local password of a linked account still works.
    expect(await authenticate(db, 'chief', 'local-password')).toMatchObject({ username: 'chief' });
  });
});
