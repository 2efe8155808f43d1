/**
 * The cockpit is serialised once per plan, year and data version and served to every visitor from
 * that copy: an approved value and a newly added plan must still show on the very next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plans/load.js';
import { addPlan } from '../../src/store/plans.js';
import { SYSTEM } from '../../src/store/util.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, type TestApi } from './harness.js';

interface Cockpit {
  plans: { id: string }[];
  indicators: { indicatorId: string; status?: string; latestObservations: { value: number }[] }[];
}

describe.each(DIALECTS)('cockpit freshness on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  const cockpit = async (): Promise<Cockpit> =>
    (await api.anonymous.request('GET', '/api/v1/cockpit?plan=xiuzhou-14th&year=2023')).json() as Cockpit;

  it('shows an approved value on the next request, and the same bytes until then', async () => {
    const first = await api.anonymous.request('GET', '/api/v1/cockpit?plan=xiuzhou-14th&year=2023');
    const again = await api.anonymous.request('GET', '/api/v1/cockpit?plan=xiuzhou-14th&year=2023');
    expect(again.body).toBe(first.body);
    expect(first.headers['content-type']).toContain('application/json');
    const before = (first.json() as Cockpit).indicators.find((i) => i.indicatorId === '17')!;
    expect(before.status).toBe('dataMissing');

    const v = (
      await api.reporter.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
        indicatorId: '17',
        year: 2023,
        value: 91.2,
        source: { title: '环境质量公报' },
        submit: true,
      })
    ).json() as { id: string };
    // Submitted is not approved: the public cockpit does not move.
    expect((await cockpit()).indicators.find((i) => i.indicatorId === '17')!.status).toBe('dataMissing');
    expect((await api.admin.request('POST', `/api/v1/values/${v.id}/approve`, {})).statusCode).toBe(200);
    const after = (await cockpit()).indicators.find((i) => i.indicatorId === '17')!;
    expect(after.status).not.toBe('dataMissing');
    expect(after.latestObservations.map((o) => o.value)).toEqual([91.2]);
  });

  it('lists a plan added to the store on the next request', async () => {
    expect((await cockpit()).plans.map((p) => p.id)).not.toContain('copy-of-13th');
    const p = loadPlan('xiuzhou-13th');
    await addPlan(api.t.store.db, { ...p, meta: { ...p.meta, id: 'copy-of-13th' }, observations: [] }, SYSTEM);
    expect((await cockpit()).plans.map((x) => x.id)).toContain('copy-of-13th');
  });
});
