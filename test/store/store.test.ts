import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit.js';
import {
  addUser,
  authenticate,
  createSession,
  deleteSession,
  hashPassword,
  reserveLoginAttempt,
  sessionUser,
  LOGIN_LIMIT,
} from '../../src/store/accounts.js';
import { evaluateStored } from '../../src/store/evaluation.js';
import { openStore } from '../../src/store/index.js';
import {
  addCalendarEntry,
  indicatorsOfUnit,
  overdue,
  setAnnualTarget,
  setAssignments,
  setOfficialVerdict,
  withdrawOfficialVerdict,
} from '../../src/store/planning.js';
import { getPlan, listPlans } from '../../src/store/plans.js';
import { isWriteConflict, SYSTEM, type Actor } from '../../src/store/util.js';
import { approvedObservations, listValues, reviseValue, saveValue, transition, ValueError } from '../../src/store/values.js';
import { DIALECTS, makeStore, type TestStore } from './harness.js';

describe.each(DIALECTS)('store on %s', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeStore(dialect);
  });
  afterAll(async () => t.cleanup());

  it('is seeded with the shipped plans and their published values, once', async () => {
    const plans = await listPlans(t.store.db);
    expect(plans.map((p) => p.id)).toEqual(['xiuzhou-14th', 'national-14th', 'xiuzhou-13th']);
    expect(plans[0]!.isDefault).toBe(true);
    const plan = (await getPlan(t.store.db, 'xiuzhou-14th'))!;
    expect(plan.indicators).toHaveLength(38);
    expect(plan.settings.scheduleDelta).toBe(0.1);
    const obs = await approvedObservations(t.store.db, 'xiuzhou-14th');
    expect(obs).toHaveLength(5);
    expect(obs.find((o) => o.kind === 'level' && o.indicatorId === '1')).toMatchObject({ value: 622.31, scope: '小口径' });
    // A second process opening the same store does not seed again.
    const again = await openStore(t.options);
    expect(await approvedObservations(again.db, 'xiuzhou-14th')).toHaveLength(5);
    await again.close();
  });

  it('evaluates from approved values, official verdicts and the yearly plan', async () => {
    const r = (await evaluateStored(t.store.db, 'xiuzhou-13th', { final: true }))!;
    const fai = r.evaluation.results.find((x) => x.indicatorId === '4')!;
    expect(fai.verdictLabel).toBe('未完成');
    expect(fai.shownLabel).toBe('完成');
    const y = (await evaluateStored(t.store.db, 'xiuzhou-14th', { year: 2022 }))!;
    expect(y.evaluation.results[0]!.annual?.verdictLabel).toBe('未完成');
    expect(y.latestYear).toBe(2022);
  });

  it('keeps accounts with hashed passwords and sessions in the store', async () => {
    const u = await addUser(t.store.db, SYSTEM, { username: 'admin1', password: 'correct horse', role: 'admin' });
    expect(await authenticate(t.store.db, 'admin1', 'correct horse')).toMatchObject({ id: u.id, role: 'admin' });
    expect(await authenticate(t.store.db, 'admin1', 'wrong password')).toBeUndefined();
    expect(await authenticate(t.store.db, 'nobody', 'whatever1')).toBeUndefined();
    const row = await t.store.db.selectFrom('users').select('password_hash').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('correct horse');
    const s = await createSession(t.store.db, u.id);
    expect((await sessionUser(t.store.db, s.token))?.user.username).toBe('admin1');
    await deleteSession(t.store.db, s.token);
    expect(await sessionUser(t.store.db, s.token)).toBeUndefined();
    await expect(addUser(t.store.db, SYSTEM, { username: 'rep', password: 'longenough', role: 'reporter' })).rejects.toThrow(
      '填报员必须指定所属单位',
    );
  });

  it('limits failed logins per key in the store', async () => {
    const key = `admin1|127.0.0.1|${dialect}`;
    for (let i = 0; i < LOGIN_LIMIT.failures; i++) expect(await reserveLoginAttempt(t.store.db, key)).toBe(true);
    expect(await reserveLoginAttempt(t.store.db, key)).toBe(false);
  });

  it('hashes with scrypt N=2^17 and still verifies (and upgrades) a hash of the former cost', async () => {
    const u = await addUser(t.store.db, SYSTEM, { username: 'oldhash', password: 'old password', role: 'leader' });
    const current = await t.store.db.selectFrom('users').select('password_hash').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(current.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    // A hash of the former parameters (N=2^14), as stores written before hold.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const old = `scrypt$16384$8$1$${salt.toString('base64')}$${scryptSync('old password', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
    await t.store.db.updateTable('users').set({ password_hash: old }).where('id', '=', u.id).execute();
    expect(await authenticate(t.store.db, 'oldhash', 'wrong password')).toBeUndefined();
    expect(await authenticate(t.store.db, 'oldhash', 'old password')).toMatchObject({ id: u.id });
    const upgraded = await t.store.db.selectFrom('users').select('password_hash').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(upgraded.password_hash).toMatch(/^scrypt\$131072\$/);
    expect(await authenticate(t.store.db, 'oldhash', 'old password')).toMatchObject({ id: u.id });
    expect(await hashPassword('x-password')).not.toBe(await hashPassword('x-password'));
  });

  it('runs the full submit → return → resubmit → approve → lock → audited unlock cycle', async () => {
    const db = t.store.db;
    const plan = (await getPlan(db, 'xiuzhou-14th'))!;
    const reporterUser = await addUser(db, SYSTEM, { username: 'sthj1', password: 'password1', role: 'reporter', unitId: 'sthj' });
    const reporter: Actor = { id: reporterUser.id, username: 'sthj1', role: 'reporter', unitId: 'sthj' };
    const admin: Actor = { id: null, username: 'admin1', role: 'admin', unitId: null };
    await setAssignments(db, admin, plan, 'indicator', '17', [{ unitId: 'sthj', role: 'lead' }]);
    expect(await indicatorsOfUnit(db, 'xiuzhou-14th', 'sthj')).toEqual(['17']);

    const submitted = await saveValue(
      db,
      reporter,
      plan,
      { indicatorId: '17', year: 2023, value: 90.1, source: { title: '区生态环境分局年报' } },
      'submit',
    );
    expect(submitted.status).toBe('submitted');
    const returned = await transition(db, admin, submitted.id, 'return', '请附监测站点数据');
    expect(returned).toMatchObject({ status: 'returned', returnReason: '请附监测站点数据' });
    await expect(transition(db, admin, submitted.id, 'return')).rejects.toThrow();
    const resubmitted = await saveValue(db, reporter, plan, { indicatorId: '17', year: 2023, value: 90.4, note: '附站点数据' }, 'submit');
    expect(resubmitted).toMatchObject({ id: submitted.id, status: 'submitted', value: 90.4, returnReason: null });
    const approved = await transition(db, admin, submitted.id, 'approve');
    expect(approved).toMatchObject({ status: 'approved', locked: true, reviewedBy: 'admin1' });
    await expect(saveValue(db, reporter, plan, { indicatorId: '17', year: 2023, value: 95 }, 'submit')).rejects.toThrow('锁定');
    await expect(transition(db, admin, submitted.id, 'unlock')).rejects.toThrow('必须填写原因');
    const unlocked = await transition(db, admin, submitted.id, 'unlock', '站点数据更正');
    expect(unlocked).toMatchObject({ status: 'draft', locked: false });
    const history = await listAudit(db, { planId: 'xiuzhou-14th', indicatorId: '17' });
    expect(history.map((h) => h.action).reverse()).toEqual([
      'assignment.set',
      'value.submit',
      'value.return',
      'value.submit',
      'value.approve',
      'value.unlock',
    ]);
    const unlock = history[0]!;
    expect(unlock).toMatchObject({
      username: 'admin1',
      reason: '站点数据更正',
      before: expect.objectContaining({ status: 'approved', locked: true }),
      after: expect.objectContaining({ status: 'draft' }),
    });
    const resubmit = history[2]!;
    expect(resubmit).toMatchObject({
      action: 'value.submit',
      before: expect.objectContaining({ value: 90.1, status: 'returned' }),
      after: expect.objectContaining({ value: 90.4 }),
    });
    expect((await listAudit(db, { userId: reporterUser.id })).length).toBe(2);
  });

  it('refuses out-of-range values and asks for an explanation of an outlier', async () => {
    const db = t.store.db;
    const plan = (await getPlan(db, 'xiuzhou-14th'))!;
    const admin: Actor = { id: null, username: 'admin1', role: 'admin', unitId: null };
    await expect(saveValue(db, admin, plan, { indicatorId: '13', year: 2021, value: 120 }, 'submit')).rejects.toThrow('0—100');
    for (const [year, value] of [
      [2021, 11.6],
      [2022, 11.8],
      [2023, 12.0],
    ] as const) {
      const v = await saveValue(db, admin, plan, { indicatorId: '7', year, value }, 'submit');
      await transition(db, admin, v.id, 'approve');
    }
    const err = await saveValue(db, admin, plan, { indicatorId: '7', year: 2024, value: 19 }, 'submit').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValueError);
    expect((err as ValueError).code).toBe('explanationRequired');
    const ok = await saveValue(db, admin, plan, { indicatorId: '7', year: 2024, value: 19, explanation: '口径扩大至全区人才库' }, 'submit');
    expect(ok.flags[0]?.code).toBe('outlier');
    expect(ok.explanation).toBe('口径扩大至全区人才库');
  });

  it('records a statistical revision as a revision, with the old value kept in the audit log', async () => {
    const db = t.store.db;
    const gdp = (await listValues(db, 'xiuzhou-14th', { indicatorId: '3', year: 2022 })).find((v) => v.kind === 'level');
    const revised = await reviseValue(db, SYSTEM, gdp!.id, { value: 24.9, scope: '调整后口径' }, '财政决算数');
    expect(revised).toMatchObject({ value: 24.9, revision: 1, status: 'approved', locked: true, scope: '调整后口径' });
    const [entry] = await listAudit(db, { entityId: gdp!.id });
    expect(entry).toMatchObject({
      action: 'value.revise',
      reason: '财政决算数',
      before: expect.objectContaining({ value: 24.7 }),
      after: expect.objectContaining({ value: 24.9 }),
    });
  });

  it('keeps the yearly plan, official verdicts and an overdue list', async () => {
    const db = t.store.db;
    const plan = (await getPlan(db, 'xiuzhou-14th'))!;
    await setAnnualTarget(db, SYSTEM, plan, { indicatorId: '1', year: 2023, target: '增长6.5%左右' });
    await expect(setAnnualTarget(db, SYSTEM, plan, { indicatorId: '1', year: 2023, target: '大幅增长' })).rejects.toThrow('无法解析');
    const computed = (await evaluateStored(db, 'xiuzhou-14th', { final: true }))!.evaluation.results.find((x) => x.indicatorId === '14')!;
    await setOfficialVerdict(db, SYSTEM, plan, '14', { verdict: '完成', reason: '市考核结果' });
    const r = (await evaluateStored(db, 'xiuzhou-14th', { final: true }))!;
    expect(r.evaluation.results.find((x) => x.indicatorId === '14')!.shownLabel).toBe('完成');
    // Withdrawn with a reason: the computed verdict shows again, and a second withdrawal finds nothing.
    await withdrawOfficialVerdict(db, SYSTEM, plan, '14', '录入有误');
    const after = (await evaluateStored(db, 'xiuzhou-14th', { final: true }))!.evaluation.results.find((x) => x.indicatorId === '14')!;
    expect(after.officialVerdict).toBeUndefined();
    expect(after.shownLabel).toBe(computed.shownLabel);
    await expect(withdrawOfficialVerdict(db, SYSTEM, plan, '14', '再次撤销')).rejects.toThrow('没有正式结论');
    await setOfficialVerdict(db, SYSTEM, plan, '14', { verdict: '完成', reason: '市考核结果' });
    await setAssignments(db, SYSTEM, plan, 'indicator', '21', [{ unitId: 'xzsp', role: 'lead' }]);
    await addCalendarEntry(db, SYSTEM, plan, { year: 2023, title: '2023年度数据报送', dueDate: '2024-02-28' });
    const late = await overdue(db, 'xiuzhou-14th', '2024-03-01');
    expect(late).toEqual(
      expect.arrayContaining([expect.objectContaining({ indicatorId: '21', unitId: 'xzsp', year: 2023, state: 'missing' })]),
    );
    // Indicator 17's 2023 value was unlocked back to a draft above: it is due again.
    expect(late.find((l) => l.indicatorId === '17')).toMatchObject({ state: 'draft' });
    expect(await overdue(db, 'xiuzhou-14th', '2024-02-01')).toEqual([]);
  });

  it('tells a write that lost a race (a key taken meanwhile) from a fault', async () => {
    const db = t.store.db;
    const taken = await db
      .insertInto('meta')
      .values({ key: 'data_version', value: '0' })
      .execute()
      .catch((e: unknown) => e);
    expect(isWriteConflict(taken)).toBe(true);
    const fault = await db
      .insertInto('meta')
      .values({ key: 'a-new-key', value: null as unknown as string })
      .execute()
      .catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(Error);
    expect(isWriteConflict(fault)).toBe(false);
  });
});
