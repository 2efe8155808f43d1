import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/harness.js';
import { makeApi, PASSWORD, type TestApi } from './harness.js';

describe.each(DIALECTS)('API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  it('is healthy and documents itself', async () => {
    expect((await api.anonymous.request('GET', '/api/v1/health')).json()).toMatchObject({ status: 'ok', store: dialect });
    const doc = (await api.anonymous.request('GET', '/api/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: object }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/plans/{plan}/evaluation']?.get?.responses).toHaveProperty('200');
    expect(doc.paths['/api/v1/plans/{plan}/values']?.post?.requestBody).toBeDefined();
    const page = await api.anonymous.request('GET', '/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('signs in with a session cookie, answers 401 alike for a wrong password and an unknown user', async () => {
    const ok = await api.anonymous.request('POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD });
    const cookie = ok.cookies.find((c) => c.name === 'pw_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const wrong = await api.anonymous.request('POST', '/api/v1/auth/login', { username: 'admin', password: 'nope-nope' });
    const unknown = await api.anonymous.request('POST', '/api/v1/auth/login', { username: 'ghost', password: 'nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const secure = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(secure.statusCode).toBe(200);
  });

  it('limits failed logins', async () => {
    let last = 0;
    for (let i = 0; i < 7; i++)
      last = (await api.anonymous.request('POST', '/api/v1/auth/login', { username: 'leader', password: 'wrong-pass' })).statusCode;
    expect(last).toBe(429);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const login = await api.anonymous.request('POST', '/api/v1/auth/login', { username: 'env', password: PASSWORD });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/plans/xiuzhou-14th/values',
      headers: { cookie },
      payload: { indicatorId: '18', year: 2023, value: 27 },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'csrf' } });
  });

  it('validates input with messages a person can act on', async () => {
    const res = await api.reporter.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
      indicatorId: '17',
      year: 'last year',
      value: 90,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('year') } });
    const range = await api.reporter.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
      indicatorId: '17',
      year: 2022,
      value: 130,
      submit: true,
    });
    expect(range.statusCode).toBe(422);
    expect(range.json().error.message).toContain('0—100');
    expect((await api.anonymous.request('GET', '/api/v1/plans/nowhere/evaluation')).json()).toMatchObject({
      error: { code: 'notFound', message: '没有找到规划「nowhere」' },
    });
  });

  it('runs submit → return → resubmit → approve → lock → audited unlock, and the evaluation follows', async () => {
    const base = '/api/v1/plans/xiuzhou-14th';
    const before = (await api.anonymous.request('GET', `${base}/evaluation?year=2023`)).json() as {
      results: { indicatorId: string; status: string }[];
    };
    expect(before.results.find((r) => r.indicatorId === '17')!.status).toBe('dataMissing');

    const sub = (
      await api.reporter.request('POST', `${base}/values`, {
        indicatorId: '17',
        year: 2023,
        value: 89.5,
        source: { title: '环境质量公报' },
        submit: true,
      })
    ).json() as { id: string; status: string };
    expect(sub.status).toBe('submitted');
    expect((await api.admin.request('GET', `${base}/review-queue`)).json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: sub.id })]),
    );
    expect((await api.admin.request('POST', `/api/v1/values/${sub.id}/return`, {})).statusCode).toBe(400);
    const ret = (await api.admin.request('POST', `/api/v1/values/${sub.id}/return`, { reason: '请核对监测口径' })).json();
    expect(ret).toMatchObject({ status: 'returned', returnReason: '请核对监测口径' });
    const inbox = (await api.reporter.request('GET', `${base}/inbox`)).json() as { returned: { id: string }[]; indicators: string[] };
    expect(inbox.indicators.sort()).toEqual(['17', '18']);
    expect(inbox.returned.map((v) => v.id)).toEqual([sub.id]);
    const resub = (
      await api.reporter.request('POST', `${base}/values`, { indicatorId: '17', year: 2023, value: 89.8, submit: true })
    ).json();
    expect(resub).toMatchObject({ id: sub.id, status: 'submitted', value: 89.8 });
    const ok = (await api.admin.request('POST', `/api/v1/values/${sub.id}/approve`, {})).json();
    expect(ok).toMatchObject({ status: 'approved', locked: true });

    const after = (await api.anonymous.request('GET', `${base}/evaluation?year=2023`)).json() as {
      results: { indicatorId: string; status: string; figures: { completion: number } }[];
    };
    const r17 = after.results.find((r) => r.indicatorId === '17')!;
    expect(r17.status).toBe('lagging');
    expect(r17.figures.completion).toBeCloseTo((89.8 - 87.2) / (93 - 87.2), 6);
    // Binding and lagging: it leads the warnings.
    expect((after as unknown as { warnings: number }).warnings).toBeGreaterThanOrEqual(1);

    expect(
      (await api.reporter.request('POST', `${base}/values`, { indicatorId: '17', year: 2023, value: 95, submit: true })).statusCode,
    ).toBe(409);
    expect((await api.admin.request('POST', `/api/v1/values/${sub.id}/unlock`, { reason: '监测站数据更正' })).json()).toMatchObject({
      status: 'draft',
      locked: false,
    });
    const audit = (await api.leader.request('GET', '/api/v1/audit?plan=xiuzhou-14th&indicator=17')).json() as {
      action: string;
      username: string;
      reason: string | null;
    }[];
    expect(audit.map((a) => a.action).slice(0, 5)).toEqual([
      'value.unlock',
      'value.approve',
      'value.submit',
      'value.return',
      'value.submit',
    ]);
    expect(audit[0]).toMatchObject({ username: 'admin', reason: '监测站数据更正' });
    const detail = (await api.admin.request('GET', `${base}/indicators/17`)).json() as { audit: unknown[]; sections: { id: string }[] };
    expect(detail.audit.length).toBeGreaterThanOrEqual(5);
    expect(detail.sections.map((s) => s.id)).toContain('8.1');
  });

  it('asks for an explanation of an outlier before it can be submitted', async () => {
    const base = '/api/v1/plans/xiuzhou-14th';
    for (const [year, value] of [
      [2021, 27.6],
      [2022, 27.2],
      [2023, 26.9],
    ] as const) {
      const v = (await api.reporter.request('POST', `${base}/values`, { indicatorId: '18', year, value, submit: true })).json() as {
        id: string;
      };
      await api.admin.request('POST', `/api/v1/values/${v.id}/approve`, {});
    }
    const check = (await api.reporter.request('POST', `${base}/values/check`, { indicatorId: '18', year: 2024, value: 12 })).json() as {
      issues: { code: string }[];
    };
    expect(check.issues.map((i) => i.code)).toEqual(['outlier']);
    const refused = await api.reporter.request('POST', `${base}/values`, { indicatorId: '18', year: 2024, value: 12, submit: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('explanationRequired');
    const draft = await api.reporter.request('POST', `${base}/values`, { indicatorId: '18', year: 2024, value: 12 });
    expect(draft.json()).toMatchObject({ status: 'draft' });
    const explained = await api.reporter.request('POST', `${base}/values`, {
      indicatorId: '18',
      year: 2024,
      value: 12,
      explanation: '新增监测站点，口径变化',
      submit: true,
    });
    expect(explained.json()).toMatchObject({ status: 'submitted', explanation: '新增监测站点，口径变化' });
  });

  it('judges a year against the yearly plan set by an admin', async () => {
    const res = await api.admin.request('PUT', '/api/v1/plans/xiuzhou-14th/annual-targets/1/2022', { target: '增长7.5%左右' });
    expect(res.statusCode).toBe(200);
    const bad = await api.admin.request('PUT', '/api/v1/plans/xiuzhou-14th/annual-targets/1/2023', { target: '争取更好' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('「争取更好」');
    const ev = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/evaluation?year=2022')).json() as {
      results: { indicatorId: string; annual?: { verdict: string; actual: number } }[];
    };
    expect(ev.results[0]!.annual).toMatchObject({ verdict: 'notCompleted', actual: 4.3 });
  });

  it('manages users and prints a generated password once', async () => {
    const res = (await api.admin.request('POST', '/api/v1/users', { username: 'town1', role: 'reporter', unitId: 'wangdian' })).json() as {
      user: { id: string };
      generatedPassword: string;
    };
    expect(res.generatedPassword.length).toBeGreaterThanOrEqual(12);
    const town = await api.login('town1', res.generatedPassword);
    expect((await town.request('GET', '/api/v1/auth/session')).json()).toMatchObject({ user: { username: 'town1', unitId: 'wangdian' } });
    await api.admin.request('PATCH', `/api/v1/users/${res.user.id}`, { active: false });
    expect((await town.request('GET', '/api/v1/auth/session')).json()).toMatchObject({ user: null });
  });
});
