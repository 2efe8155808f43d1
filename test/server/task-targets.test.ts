import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlan } from '../../src/store/plans.js';
import { setAssignments } from '../../src/store/planning.js';
import { SYSTEM } from '../../src/store/util.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, multipart, type TestApi } from './harness.js';

const base = '/api/v1/plans/xiuzhou-14th';

interface EvalBody {
  counts: Record<string, number>;
  results: { indicatorId: string; status: string; category: string; explanation: string; figures: Record<string, unknown> }[];
}

describe.each(DIALECTS)('task targets on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
    const plan = (await getPlan(api.t.store.db, 'xiuzhou-14th'))!;
    // The charging piles of 7.4 go to the environment bureau's reporter for this test.
    await setAssignments(api.t.store.db, SYSTEM, plan, 'task', 'tt-ev-chargers', [{ unitId: 'sthj', role: 'lead' }]);
  });
  afterAll(() => api.cleanup());

  it('are judged apart from the main indicators, every one with a status, data missing until reported', async () => {
    const ev = (await api.anonymous.request('GET', `${base}/task-targets/evaluation?year=2023`)).json() as EvalBody;
    const plan = (await api.anonymous.request('GET', `${base}/task-targets`)).json() as { id: string }[];
    expect(ev.results.map((r) => r.indicatorId)).toEqual(plan.map((t) => t.id));
    expect(ev.results.every((r) => r.category === '任务目标')).toBe(true);
    expect(ev.counts.dataMissing).toBe(plan.length);
    const main = (await api.anonymous.request('GET', `${base}/evaluation?year=2023`)).json() as EvalBody;
    const indicators = (await api.anonymous.request('GET', `${base}/indicators`)).json() as unknown[];
    expect(main.results).toHaveLength(indicators.length);
    expect(main.results.some((r) => r.indicatorId.startsWith('tt-'))).toBe(false);
  });

  it('a reporter reports progress on an assigned task target; another unit may not; approved, it is judged against the time share', async () => {
    const chargers = (year: number, value: number) => ({
      indicatorId: 'tt-ev-chargers',
      year,
      value,
      source: { title: '区发改局充电设施台账' },
      submit: true,
    });
    expect((await api.otherReporter.request('POST', `${base}/values`, chargers(2021, 300))).statusCode).toBe(403);
    const ids: string[] = [];
    for (const [year, value] of [
      [2021, 300],
      [2022, 320],
      [2023, 330],
    ] as const) {
      const res = await api.reporter.request('POST', `${base}/values`, chargers(year, value));
      expect(res.statusCode).toBe(200);
      ids.push((res.json() as { id: string }).id);
    }
    const inbox = (await api.reporter.request('GET', `${base}/inbox`)).json() as { indicators: string[]; submitted: unknown[] };
    expect(inbox.indicators).toContain('tt-ev-chargers');
    expect(inbox.submitted).toHaveLength(3);
    for (const id of ids) expect((await api.admin.request('POST', `/api/v1/values/${id}/approve`, {})).statusCode).toBe(200);

    const ev = (await api.anonymous.request('GET', `${base}/task-targets/evaluation?year=2023`)).json() as EvalBody;
    const r = ev.results.find((x) => x.indicatorId === 'tt-ev-chargers')!;
    // 950 of 1847 built in three of five years: completion 51.4 % against a time share of 60 %.
    expect(r.figures.cumulativeSum).toBe(950);
    expect(r.figures.completion).toBeCloseTo(950 / 1847, 6);
    expect(r.figures.timeShare).toBeCloseTo(0.6, 6);
    expect(r.status).toBe('slightlyBehind');
    expect(r.explanation).toContain('累计950个');
    expect(ev.counts.slightlyBehind).toBe(1);

    // The indicator page's route serves a task target too: result, values, audit and its section.
    const detail = (await api.admin.request('GET', `${base}/indicators/tt-ev-chargers?year=2023`)).json() as {
      result: { status: string };
      values: unknown[];
      sections: { id: string }[];
      audit: unknown[];
    };
    expect(detail.result.status).toBe('slightlyBehind');
    expect(detail.values).toHaveLength(3);
    expect(detail.sections.map((s) => s.id)).toEqual(['7.4']);
    expect(detail.audit.length).toBeGreaterThanOrEqual(6);
  });

  it('imports task-target values from a spreadsheet by name, and refuses an unknown name with suggestions', async () => {
    const csv = '指标,年份,数值\n打造数字农业基地,2021,8\n打造数字农业基地,2022,11\n';
    const upload = (name: string, text: string) => {
      const { payload, headers } = multipart(name, Buffer.from(text));
      return api.admin.request('POST', `${base}/imports`, payload, headers);
    };
    const res = await upload('bases.csv', csv);
    expect(res.statusCode).toBe(200);
    const ev = (await api.anonymous.request('GET', `${base}/task-targets/evaluation?year=2022`)).json() as EvalBody;
    const r = ev.results.find((x) => x.indicatorId === 'tt-digital-agri-bases')!;
    expect(r.figures.cumulativeSum).toBe(19);
    const bad = await upload('bad.csv', '指标,年份,数值\n打造数字农业园区,2021,8\n');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('打造数字农业基地');
  });
});
