import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCity } from '../../src/core/demo-hierarchy.js';
import { addDemoHierarchy } from '../../src/store/demo.js';
import { markDemoWorkspace } from '../../src/store/demo-guard.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, type TestApi } from './harness.js';

describe.each(DIALECTS)('hierarchy API on %s', (dialect) => {
  let api: TestApi;
  const city = demoCity(5);
  beforeAll(async () => {
    api = await makeApi(dialect);
    await api.t.store.db.transaction().execute(async (trx) => {
      // The synthetic city lives only in demo workspaces: this test store is made one.
      await markDemoWorkspace(trx);
      await addDemoHierarchy(trx, city);
    });
  });
  afterAll(async () => api.cleanup());

  it('reads plan relations and indicator links; only admins link', async () => {
    const res = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/relations');
    expect(res.statusCode).toBe(200);
    const rel = res.json();
    expect(rel.predecessor.id).toBe('xiuzhou-13th');
    expect(rel.links.filter((l: { relation: string }) => l.relation === 'predecessor')).toHaveLength(13);
    expect((await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-13th/relations')).json().successor.id).toBe('xiuzhou-14th');
    const body = { indicator: '3.2', note: '户籍人口城镇化率' };
    expect((await api.reporter.request('PUT', '/api/v1/plans/xiuzhou-14th/indicators/4/links/predecessor', body)).statusCode).toBe(403);
    const ok = await api.admin.request('PUT', '/api/v1/plans/xiuzhou-14th/indicators/4/links/predecessor', { indicator: '3.1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ otherPlanId: 'xiuzhou-13th', otherIndicatorId: '3.1', setBy: 'admin' });
    const bad = await api.admin.request('PUT', '/api/v1/plans/demo-city/relations/parent', { plan: 'demo-city-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('上级规划应为更高层级');
    expect((await api.leader.request('PUT', '/api/v1/plans/xiuzhou-14th/relations/parent', { plan: 'demo-city' })).statusCode).toBe(403);
  });

  it('records an assigned target with its source and evaluates the row on it', async () => {
    const body = { target: '[14.5]', source: { title: '嘉兴市下达秀洲区“十四五”能耗强度降低目标', url: 'https://example.org/a' } };
    expect((await api.reporter.request('PUT', '/api/v1/plans/xiuzhou-14th/assigned-targets/14', body)).statusCode).toBe(403);
    const refused = await api.admin.request('PUT', '/api/v1/plans/xiuzhou-14th/assigned-targets/17', body);
    expect(refused.statusCode).toBe(400);
    const res = await api.admin.request('PUT', '/api/v1/plans/xiuzhou-14th/assigned-targets/14', body);
    expect(res.statusCode).toBe(200);
    const list = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/assigned-targets')).json();
    expect(list).toMatchObject([{ indicatorId: '14', year: null, target: '[14.5]', setBy: 'admin' }]);
    const e = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/evaluation?year=2022')).json();
    const r = e.results.find((x: { indicatorId: string }) => x.indicatorId === '14');
    expect(r.targetWritten).toBe('[14.5]');
    expect(r.statusLabel).not.toBe('以上级考核为准');
    expect(r.assigned).toEqual([{ year: null, target: '[14.5]', base: null, source: body.source, setBy: 'admin' }]);
    const detail = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/indicators/14')).json();
    expect(detail.result.assigned[0].source.title).toBe(body.source.title);
  });

  it('evaluates the 14th plan at the end of the period from the API, with its final report', async () => {
    const e = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/evaluation?final=true')).json();
    expect(e).toMatchObject({ mode: 'final', year: 2025 });
    const energy = e.results.find((x: { indicatorId: string }) => x.indicatorId === '14');
    expect(energy).toMatchObject({ targetWritten: '[14.5]', assigned: [{ target: '[14.5]' }] });
    expect(energy.verdictLabel).not.toBe('以上级考核为准');
    const res = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/reports/final.docx');
    expect(res.statusCode).toBe(200);
    const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
    expect(text).toContain('期末');
    expect(text).toContain('单位地区生产总值能源消耗降低');
    // Judged on the assignment: no longer parked as 「以上级考核为准」 (no 2021—2025 values yet, so data missing).
    expect(text).toContain('1．单位地区生产总值能源消耗降低。截至2025年无可用的逐年数据');
    expect(text).toContain('以上级考核为准3项：单位地区生产总值二氧化碳排放降低、万元地区生产总值用水量降低、粮食综合生产能力');
  });

  it('serves the roll-up: the public sees approved values, admins the approval state; the Excel matrix reads back', async () => {
    const pub = (await api.anonymous.request('GET', '/api/v1/plans/demo-city/children/evaluation')).json();
    expect(pub).toMatchObject({ parentId: 'demo-city', demo: true, withPending: false, year: 2024 });
    expect(pub.rows).toHaveLength(7);
    expect(
      pub.rows.every((r: { cells: Record<string, { latest: unknown }> }) => Object.values(r.cells).every((c) => c.latest === null)),
    ).toBe(true);
    const adm = (await api.admin.request('GET', '/api/v1/plans/demo-city/children/evaluation')).json();
    expect(adm.withPending).toBe(true);
    expect(adm.rows[0].cells['1'].latest).toMatchObject({ status: 'approved' });
    const gdp = adm.columns.find((c: { indicatorId: string }) => c.indicatorId === '1');
    expect(gdp.sumRefused).toContain('口径不一致');
    const xlsx = await api.anonymous.request('GET', '/api/v1/plans/demo-city/children/evaluation.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('下级规划汇总')!;
    expect(String(ws.getCell(1, 1).value)).toContain('示例数据');
    expect(ws.rowCount).toBe(3 + 7 + 1);
    expect(String(ws.getRow(ws.rowCount).getCell(1).value)).toBe('各下级合计（非上级官方数据）');
    const revenueCol = 2 + adm.columns.findIndex((c: { indicatorId: string }) => c.indicatorId === '2') * 2 + 1;
    const revenue = adm.columns.find((c: { indicatorId: string }) => c.indicatorId === '2');
    expect(String(ws.getRow(ws.rowCount).getCell(revenueCol).value)).toBe(`${revenue.sum.value}（2024）`);
    expect(wb.getWorksheet('来源与口径')!.rowCount).toBeGreaterThan(7 * 8);
  });

  it('lets the higher level return a child’s value with a reason', async () => {
    const last = city.values.get('demo-city-3')!.find((o) => o.indicatorId === '3' && o.year === 2024)!.value;
    const saved = await api.admin.request('POST', '/api/v1/plans/demo-city-3/values', {
      indicatorId: '3',
      year: 2025,
      value: Math.round((last + 0.8) * 100) / 100,
      source: { title: '丙县统计局' },
      submit: true,
    });
    expect(saved.statusCode).toBe(200);
    const id = saved.json().id;
    expect(
      (await api.reporter.request('POST', `/api/v1/plans/demo-city/children/values/${id}/return`, { reason: '核对' })).statusCode,
    ).toBe(403);
    const res = await api.admin.request('POST', `/api/v1/plans/demo-city/children/values/${id}/return`, { reason: '请按市统计口径核对' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', returnReason: '上级退回：请按市统计口径核对' });
    const adm = (await api.admin.request('GET', '/api/v1/plans/demo-city/children/evaluation')).json();
    const row = adm.rows.find((r: { planId: string }) => r.planId === 'demo-city-3');
    expect(row.cells['3'].latest).toMatchObject({ id, status: 'returned' });
  });

  it('proposes successor bases from the predecessor’s final year and joins an indicator across periods', async () => {
    const b = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/succession/bases')).json();
    expect(b.predecessorId).toBe('xiuzhou-13th');
    const of = (id: string) => b.bases.find((x: { indicatorId: string }) => x.indicatorId === id);
    expect(of('1')).toMatchObject({ printedBase: 503.2, proposed: { value: 503.2, year: 2020 }, note: '与本期表中基期值一致' });
    expect(of('28').proposed).toBeNull();
    expect(of('28').note).toContain('口径不同');
    expect(of('6').note).toContain('上一期名为「研究与试验发展经费支出占地区生产总值比重」');
    const s = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/indicators/1/periods')).json();
    expect(s.periods.map((p: { planId: string }) => p.planId)).toEqual(['xiuzhou-13th', 'xiuzhou-14th']);
    expect(s.points.map((p: { year: number; value: number }) => [p.year, p.value])).toEqual([
      [2015, 296.4],
      [2020, 503.2],
      [2021, 572.95],
      [2022, 622.31],
    ]);
    // The published 2021 figure is on the management 口径, the 2022 one on the 小口径: two breaks.
    expect(s.breaks.map((b: { year: number }) => b.year)).toEqual([2021, 2022]);
    expect(s.breaks[1].reason).toBe('口径由「管理口径（秀洲区剔除嘉北街道、塘汇街道）」变为「小口径」');
    const forward = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-13th/indicators/16/periods')).json();
    expect(forward.periods.map((p: { planId: string }) => p.planId)).toEqual(['xiuzhou-13th', 'xiuzhou-14th']);
    expect(forward.breaks[0]).toMatchObject({ year: 2020, reason: expect.stringContaining('口径不同') });
  });
});
