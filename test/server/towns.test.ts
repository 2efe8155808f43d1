/**
 * A town reports its own figure, never the district's: values carry the org unit they are for, the
 * district's figure is the lead unit's or the sum of every assigned town's where the indicator adds
 * up, and the towns × indicators view shows each town's figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/store/accounts.js';
import { getPlan } from '../../src/store/plans.js';
import { setAssignments } from '../../src/store/planning.js';
import { SYSTEM } from '../../src/store/util.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, PASSWORD, type Client, type TestApi } from './harness.js';

const BASE = '/api/v1/plans/xiuzhou-14th';

interface Result {
  indicatorId: string;
  status?: string;
  figures: { latest?: { value: number; year: number } };
  observations: { year: number; value: number; source?: { title: string; quote?: string }; note?: string }[];
}

describe.each(DIALECTS)('town figures on %s', (dialect) => {
  let api: TestApi;
  let wangdian: Client;
  let honghe: Client;
  const result = async (id: string, year: number): Promise<Result> =>
    ((await api.anonymous.request('GET', `${BASE}/evaluation?year=${year}`)).json() as { results: Result[] }).results.find(
      (r) => r.indicatorId === id,
    )!;
  const approve = async (id: string) => expect((await api.admin.request('POST', `/api/v1/values/${id}/approve`, {})).statusCode).toBe(200);

  beforeAll(async () => {
    api = await makeApi(dialect);
    const db = api.t.store.db;
    await addUser(db, SYSTEM, { username: 'wangdian', password: PASSWORD, role: 'reporter', unitId: 'wangdian' });
    await addUser(db, SYSTEM, { username: 'honghe', password: PASSWORD, role: 'reporter', unitId: 'honghe' });
    const plan = (await getPlan(db, 'xiuzhou-14th'))!;
    // 托位数 per thousand people: a town's figure is never the district's. 人才资源总量: the towns' figures add up.
    await setAssignments(db, SYSTEM, plan, 'indicator', '24', [{ unitId: 'wangdian', role: 'town' }]);
    await setAssignments(db, SYSTEM, plan, 'indicator', '7', [
      { unitId: 'wangdian', role: 'town' },
      { unitId: 'honghe', role: 'town' },
    ]);
    wangdian = await api.login('wangdian', PASSWORD);
    honghe = await api.login('honghe', PASSWORD);
  });
  afterAll(async () => api.cleanup());

  it('keeps a town’s 3.9 托位 as the town’s own figure: the district is not judged on it', async () => {
    const before = await result('24', 2024);
    const res = await wangdian.request('POST', `${BASE}/values`, { indicatorId: '24', year: 2024, value: 3.9, submit: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ forUnitId: 'wangdian', value: 3.9 });
    await approve(res.json().id);
    const after = await result('24', 2024);
    expect(after.observations.some((o) => o.value === 3.9)).toBe(false);
    expect(after.figures.latest?.value).toBe(before.figures.latest?.value);
    expect(after.status).toBe(before.status);
  });

  it('refuses a town entering the district’s figure or another unit’s', async () => {
    for (const forUnitId of ['honghe', 'xiuzhou']) {
      const res = await wangdian.request('POST', `${BASE}/values`, { indicatorId: '24', year: 2023, value: 3.1, forUnitId });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain('只能填报本单位的数值');
    }
  });

  it('computes the district figure from the towns where it adds up, once every assigned town has reported, labelled as a sum', async () => {
    const a = await wangdian.request('POST', `${BASE}/values`, { indicatorId: '7', year: 2023, value: 1.2, submit: true });
    await approve(a.json().id);
    // One town of two: no sum, a partial sum would understate.
    expect((await result('7', 2023)).observations.filter((o) => o.year === 2023)).toEqual([]);
    const b = await honghe.request('POST', `${BASE}/values`, { indicatorId: '7', year: 2023, value: 0.8, submit: true });
    await approve(b.json().id);
    const sum = (await result('7', 2023)).observations.find((o) => o.year === 2023)!;
    expect(sum.value).toBe(2);
    expect(sum.source!.title).toBe('各镇（街道）报送数合计（2个镇街）');
    expect(sum.source!.quote).toBe('王店镇1.2万人、洪合镇0.8万人');
    expect(sum.note).toContain('非统计部门公布数');
    // The lead unit's own figure wins over the sum.
    const lead = await api.admin.request('POST', `${BASE}/values`, { indicatorId: '7', year: 2023, value: 12.6, submit: true });
    await approve(lead.json().id);
    expect((await result('7', 2023)).observations.filter((o) => o.year === 2023).map((o) => o.value)).toEqual([12.6]);
  });

  it('shows the towns × indicators view with each town’s figures and their state', async () => {
    await wangdian.request('POST', `${BASE}/values`, { indicatorId: '7', year: 2024, value: 1.3 });
    const m = (await api.admin.request('GET', `${BASE}/towns?year=2024`)).json() as {
      towns: { id: string; name: string }[];
      indicators: { indicatorId: string; addsUp: boolean; assignedTowns: string[] }[];
      cells: { indicatorId: string; unitId: string; year: number; value: number; status: string }[];
    };
    expect(m.towns.map((t) => t.name)).toContain('王店镇');
    expect(m.indicators.find((i) => i.indicatorId === '7')).toMatchObject({ addsUp: true, assignedTowns: ['honghe', 'wangdian'] });
    expect(m.indicators.find((i) => i.indicatorId === '24')).toMatchObject({ addsUp: false });
    expect(m.cells).toContainEqual({ indicatorId: '24', unitId: 'wangdian', year: 2024, kind: 'level', value: 3.9, status: 'approved' });
    expect(m.cells).toContainEqual({ indicatorId: '7', unitId: 'wangdian', year: 2024, kind: 'level', value: 1.3, status: 'draft' });
    const pub = (await api.anonymous.request('GET', `${BASE}/towns?year=2024`)).json() as { cells: { status: string }[] };
    expect(pub.cells.every((c) => c.status === 'approved')).toBe(true);
  });
});
