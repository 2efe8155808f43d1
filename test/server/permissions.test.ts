import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Action } from '../../src/server/permissions.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, type Client, type TestApi } from './harness.js';

/**
 * The expected rule of every permission for every role, written out independently of the table:
 * A = allowed, D = denied, U = allowed on the user's own unit's indicators only.
 * Order: admin, reporter, leader, public.
 */
const EXPECTED: Record<Action, string> = {
  'plan.read': 'AAAA',
  'evaluation.read': 'AAAA',
  'value.readApproved': 'AAAA',
  'value.readAll': 'AUAD',
  'value.submit': 'AUDD',
  'value.review': 'ADDD',
  'value.unlock': 'ADDD',
  'value.revise': 'ADDD',
  'value.import': 'AUDD',
  'export.read': 'AAAA',
  'audit.read': 'ADAD',
  'user.manage': 'ADDD',
  'identity.manage': 'ADDD',
  'unit.read': 'AAAA',
  'assignment.read': 'AAAD',
  'assignment.manage': 'ADDD',
  'calendar.read': 'AAAD',
  'calendar.manage': 'ADDD',
  'overdue.read': 'AUAD',
  'annualTarget.set': 'ADDD',
  'verdict.set': 'ADDD',
  'job.read': 'AAAD',
  'project.read': 'AAAA',
  'project.manage': 'ADDD',
  'project.report': 'AUDD',
  'project.review': 'ADDD',
  'warning.read': 'AUAD',
  'supervision.read': 'AUAD',
  'supervision.issue': 'ADDD',
  'supervision.reply': 'DUDD',
  'supervision.review': 'ADDD',
  'assessment.read': 'AUAD',
  'notification.read': 'AUDD',
  'notification.manage': 'ADDD',
  'planDraft.manage': 'ADDD',
  'planLink.manage': 'ADDD',
  'assignedTarget.set': 'ADDD',
  'rollup.readPending': 'ADAD',
  'value.returnFromAbove': 'ADDD',
  'import.allUnits': 'ADDD',
  'calendar.overview': 'ADAD',
};
const ROLES = ['admin', 'reporter', 'leader', 'public'] as const;

describe('permission table', () => {
  it('lists exactly the permissions expected here', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const [action, rules] of Object.entries(EXPECTED) as [Action, string][]) {
    describe(action, () => {
      ROLES.forEach((role, i) => {
        const rule = rules[i];
        it(`${role}: ${rule === 'A' ? 'allowed' : rule === 'D' ? 'denied' : 'own unit only'}`, () => {
          const own = { role, unitId: 'sthj' };
          if (rule === 'A') {
            expect(can(own, action, ['tjj'])).toBe(true);
            expect(can({ role, unitId: null }, action)).toBe(true);
          } else if (rule === 'D') {
            expect(can(own, action, ['sthj'])).toBe(false);
            expect(can(own, action)).toBe(false);
          } else {
            expect(can(own, action, ['sthj', 'tjj'])).toBe(true);
            expect(can(own, action, ['tjj'])).toBe(false);
            expect(can(own, action, [])).toBe(false);
            expect(can({ role, unitId: null }, action, ['sthj'])).toBe(false);
          }
        });
      });
    });
  }
});

describe.each(DIALECTS)('permissions through the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  const submit = (c: Client, indicatorId: string, value: number) =>
    c.request('POST', '/api/v1/plans/xiuzhou-14th/values', { indicatorId, year: 2023, value, submit: true });

  it('a reporter can never write another unit’s indicator, even by crafting a request', async () => {
    expect((await submit(api.reporter, '17', 90)).statusCode).toBe(200);
    const crafted = await submit(api.reporter, '1', 650);
    expect(crafted.statusCode).toBe(403);
    expect(crafted.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    expect((await submit(api.reporter, '2', 7)).statusCode).toBe(403);
    const [other] = (await api.admin.request('GET', '/api/v1/plans/xiuzhou-14th/values?indicator=17&year=2023')).json() as { id: string }[];
    expect((await api.otherReporter.request('POST', `/api/v1/values/${other!.id}/submit`, {})).statusCode).toBe(403);
    expect((await api.reporter.request('POST', `/api/v1/values/${other!.id}/approve`, {})).statusCode).toBe(403);
    const values = (await api.admin.request('GET', '/api/v1/plans/xiuzhou-14th/values?indicator=1&year=2023')).json() as unknown[];
    expect(values).toEqual([]);
  });

  it('anonymous visitors read approved values only and cannot write', async () => {
    const pub = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/values')).json() as { status: string }[];
    expect(pub.length).toBeGreaterThan(0);
    expect(pub.every((v) => v.status === 'approved')).toBe(true);
    expect((await submit(api.anonymous, '17', 90)).statusCode).toBe(401);
    expect((await api.anonymous.request('GET', '/api/v1/audit')).statusCode).toBe(401);
    expect((await api.anonymous.request('GET', '/api/v1/users')).statusCode).toBe(401);
  });

  it('leaders read everything and change nothing', async () => {
    const all = (await api.leader.request('GET', '/api/v1/plans/xiuzhou-14th/values')).json() as { status: string }[];
    expect(all.some((v) => v.status === 'submitted')).toBe(true);
    expect((await api.leader.request('GET', '/api/v1/audit')).statusCode).toBe(200);
    expect((await submit(api.leader, '17', 91)).statusCode).toBe(403);
    expect((await api.leader.request('PUT', '/api/v1/plans/xiuzhou-14th/annual-targets/1/2023', { target: '增长6%' })).statusCode).toBe(
      403,
    );
  });

  it('a reporter sees the unapproved values of its own unit only', async () => {
    const seen = (await api.otherReporter.request('GET', '/api/v1/plans/xiuzhou-14th/values')).json() as {
      indicatorId: string;
      status: string;
    }[];
    expect(seen.filter((v) => v.status !== 'approved')).toEqual([]);
    const own = (await api.reporter.request('GET', '/api/v1/plans/xiuzhou-14th/values?indicator=17')).json() as { status: string }[];
    expect(own.map((v) => v.status)).toContain('submitted');
  });

  it('sends each user’s abilities from the table: overall in the session, per indicator in its detail', async () => {
    const session = async (c: Client) =>
      ((await c.request('GET', '/api/v1/auth/session')).json() as { abilities: Record<Action, boolean> }).abilities;
    const detail = async (c: Client, id: string) =>
      ((await c.request('GET', `/api/v1/plans/xiuzhou-14th/indicators/${id}`)).json() as { abilities: Record<Action, boolean> }).abilities;
    const clients = { admin: api.admin, reporter: api.reporter, leader: api.leader, public: api.anonymous };
    for (const [role, c] of Object.entries(clients) as [(typeof ROLES)[number], Client][]) {
      const mine = await session(c);
      expect(Object.keys(mine).sort()).toEqual(Object.keys(PERMISSIONS).sort());
      for (const action of Object.keys(PERMISSIONS) as Action[])
        expect(mine[action], `${role} ${action}`).toBe(EXPECTED[action][ROLES.indexOf(role)] !== 'D');
    }
    // The reporter's own indicator (17) and another unit's (1): the 'ownUnit' rules answer per object.
    expect((await detail(api.reporter, '17'))['value.submit']).toBe(true);
    expect((await detail(api.reporter, '1'))['value.submit']).toBe(false);
    expect((await detail(api.reporter, '1'))['value.review']).toBe(false);
    expect((await detail(api.admin, '1'))['value.review']).toBe(true);
    expect((await detail(api.anonymous, '17'))['value.submit']).toBe(false);
  });

  it('only admins manage users, assignments, calendars, targets and verdicts', async () => {
    for (const c of [api.reporter, api.leader]) {
      expect((await c.request('POST', '/api/v1/users', { username: 'x1', role: 'leader' })).statusCode).toBe(403);
      expect(
        (await c.request('PUT', '/api/v1/plans/xiuzhou-14th/assignments/indicator/2', { units: [{ unitId: 'tjj', role: 'lead' }] }))
          .statusCode,
      ).toBe(403);
      expect(
        (await c.request('POST', '/api/v1/plans/xiuzhou-14th/calendar', { year: 2023, title: 't', dueDate: '2024-02-28' })).statusCode,
      ).toBe(403);
      expect((await c.request('PUT', '/api/v1/plans/xiuzhou-14th/official-verdicts/14', { verdict: '完成' })).statusCode).toBe(403);
    }
    expect(
      (await api.admin.request('PUT', '/api/v1/plans/xiuzhou-14th/official-verdicts/14', { verdict: '完成', reason: '市考核' })).statusCode,
    ).toBe(204);
  });
});
