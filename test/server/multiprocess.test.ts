import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/store/accounts.js';
import { setAssignments } from '../../src/store/planning.js';
import { getPlan } from '../../src/store/plans.js';
import { SYSTEM } from '../../src/store/util.js';
import { makeStore, TEST_PG_URL, type TestStore } from '../store/harness.js';
import { spawnServe } from './serve-process.js';

/** Two `planwatch serve` processes on one PostgreSQL: nothing a request needs lives in a process. */
describe('several planwatch serve processes on one PostgreSQL', () => {
  let t: TestStore;
  const procs: ChildProcess[] = [];
  const urls: string[] = [];

  const serve = (): Promise<string> =>
    spawnServe({ DATABASE_URL: TEST_PG_URL, PLANWATCH_PG_SCHEMA: t.options.pgSchema!, PLANWATCH_NOTIFY: 'off' }, procs);

  beforeAll(async () => {
    t = await makeStore('postgres');
    await addUser(t.store.db, SYSTEM, { username: 'admin', password: 'admin-pass-1', role: 'admin' });
    await addUser(t.store.db, SYSTEM, { username: 'env', password: 'env-pass-1', role: 'reporter', unitId: 'sthj' });
    await setAssignments(t.store.db, SYSTEM, (await getPlan(t.store.db, 'xiuzhou-14th'))!, 'indicator', '17', [
      { unitId: 'sthj', role: 'lead' },
    ]);
    urls.push(await serve(), await serve());
  }, 60_000);

  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await t.cleanup();
  });

  async function login(base: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  it('a session from one process works on the other, and every process sees every change', async () => {
    const [a, b] = urls as [string, string];
    expect(a).not.toBe(b);
    const env = await login(a, 'env', 'env-pass-1');
    const session = (await (await fetch(`${b}/api/v1/auth/session`, { headers: { cookie: env.cookie } })).json()) as {
      user: { username: string } | null;
    };
    expect(session.user?.username).toBe('env');

    // Warm the evaluation cache of process B before the change.
    const before = (await (await fetch(`${b}/api/v1/plans/xiuzhou-14th/evaluation?year=2023`)).json()) as {
      results: { indicatorId: string; status: string }[];
    };
    expect(before.results.find((r) => r.indicatorId === '17')!.status).toBe('dataMissing');

    const sub = await fetch(`${b}/api/v1/plans/xiuzhou-14th/values`, {
      method: 'POST',
      headers: { cookie: env.cookie, 'x-csrf-token': env.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ indicatorId: '17', year: 2023, value: 94, submit: true }),
    });
    expect(sub.status).toBe(200);
    const { id } = (await sub.json()) as { id: string };
    const admin = await login(b, 'admin', 'admin-pass-1');
    const ok = await fetch(`${a}/api/v1/values/${id}/approve`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(ok.status).toBe(200);

    const after = (await (await fetch(`${b}/api/v1/plans/xiuzhou-14th/evaluation?year=2023`)).json()) as {
      results: { indicatorId: string; status: string }[];
    };
    expect(after.results.find((r) => r.indicatorId === '17')!.status).toBe('achieved');
  });
});
