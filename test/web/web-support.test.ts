/** The web app's own read endpoints: the cockpit summary and an indicator's level series. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/index.js';

let dir: string;
let store: Store;
let app: FastifyInstance;

const get = async (url: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
};

describe('web support routes', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'planwatch-websupport-'));
    store = await openStore({ dataDir: dir });
    app = await buildApp({ store });
  });

  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the cockpit of the default plan agrees with the evaluation', async () => {
    const c = await get('/api/v1/cockpit?year=2022');
    const e = await get('/api/v1/plans/xiuzhou-14th/evaluation?year=2022');
    expect(c.status).toBe(200);
    const body = c.body as {
      plan: { id: string; categories: string[] };
      plans: { id: string; isDefault: boolean }[];
      counts: Record<string, number>;
      warnings: number;
      years: number[];
      byCategory: { category: string; total: number; counts: Record<string, number> }[];
      indicators: { indicatorId: string; status?: string; latestObservations: { source?: { title: string } }[] }[];
      headline: { key: string; indicatorId: string; base: number | null; target: number | null; series: { method: string }[] }[];
      zones: { name: string; units: { name: string; kind: string }[] }[];
    };
    expect(body.plan.id).toBe('xiuzhou-14th');
    expect(body.plans.find((p) => p.isDefault)?.id).toBe('xiuzhou-14th');
    expect(body.counts).toEqual(e.body.counts);
    expect(body.warnings).toBe(e.body.warnings);
    expect(body.years).toEqual([2021, 2022, 2023, 2024, 2025]);
    // Categories add up to the whole plan, in the plan's order.
    expect(body.byCategory.map((x) => x.category)).toEqual(body.plan.categories);
    expect(body.byCategory.reduce((n, x) => n + x.total, 0)).toBe(body.indicators.length);
    const summed: Record<string, number> = {};
    for (const x of body.byCategory) for (const [k, n] of Object.entries(x.counts)) summed[k] = (summed[k] ?? 0) + n;
    expect(summed).toEqual(body.counts);
    // Headline figures: GDP, R&D share, air quality, PM2.5 — base and target even without data.
    expect(body.headline.map((h) => h.key)).toEqual(['gdp', 'rd', 'air', 'pm25']);
    const gdp = body.headline[0]!;
    expect(gdp.indicatorId).toBe('1');
    // 2021 is estimated from the growth rate; the published 2021 figure (572.95) is on 管理口径, another scope than the base's.
    expect(gdp.series.map((p) => p.method)).toEqual(['base', 'chained', 'chained']);
    const air = body.headline[2]!;
    expect(air.base).toBe(87.2);
    expect(air.target).toBe(93);
    // Published values carry their source.
    expect(body.indicators.find((i) => i.indicatorId === '1')!.latestObservations.every((o) => o.source?.title)).toBe(true);
    // The task targets of the plan text, counted apart from the indicators, as their own evaluation counts them.
    const tasks = (await get('/api/v1/plans/xiuzhou-14th/task-targets/evaluation?year=2022')).body as {
      counts: Record<string, number>;
      results: unknown[];
    };
    const tt = (c.body as { taskTargets: { total: number; counts: Record<string, number>; noData: number } }).taskTargets;
    expect(tt.total).toBe(tasks.results.length);
    expect(tt.counts).toEqual(tasks.counts);
    expect(tt.noData).toBe(tasks.counts.dataMissing ?? 0);
    // The three zones with their towns and streets.
    expect(body.zones.map((z) => z.name)).toEqual(['秀水新区', '国家高新区', '空港新区']);
    expect(body.zones[2]!.units.map((u) => u.name)).toEqual(['洪合镇', '王店镇']);
  });

  it('heads the GDP card with the published figure on its scope, and says what progress is measured on', async () => {
    const c = (await get('/api/v1/cockpit?year=2022')).body as {
      plan: { period: string };
      indicatorCount: { main: number; measured: number };
      headline: {
        key: string;
        latest: { year: number; value: number; method: string } | null;
        published: { year: number; value: number; scope?: string; source?: { text?: string } } | null;
      }[];
      indicators: { indicatorId: string; published: { source?: { text?: string }; note?: string } | null }[];
    };
    expect(c.plan.period).toBe('2021—2025');
    expect(c.indicatorCount).toEqual({ main: 37, measured: 38 });
    const gdp = c.headline.find((h) => h.key === 'gdp')!;
    expect(gdp.published).toMatchObject({ year: 2022, value: 622.31, scope: '小口径' });
    expect(gdp.latest).toMatchObject({ year: 2022, method: 'chained' });
    expect(gdp.latest!.value).not.toBe(622.31);
    // A reprint is cited as one, its caveat beside it.
    const revenue = c.indicators.find((i) => i.indicatorId === '3')!.published!;
    expect(revenue.source!.text).toContain('（转载，原文：嘉兴市秀洲区人民政府《2023年秀洲区政府工作报告》');
    expect(revenue.note).toContain('转载页非政府网站');
  });

  it('the cockpit of another plan, and of a plan that does not exist', async () => {
    const c = await get('/api/v1/cockpit?plan=xiuzhou-13th&final=true');
    expect(c.status).toBe(200);
    expect(c.body.mode).toBe('final');
    expect((c.body.counts as Record<string, number>).completed).toBeGreaterThan(0);
    const missing = await get('/api/v1/cockpit?plan=nope');
    expect(missing.status).toBe(404);
    expect((missing.body.error as { message: string }).message).toContain('nope');
  });

  it('an indicator’s series: base, chained levels, growth, values on another scope', async () => {
    const s = await get('/api/v1/plans/xiuzhou-14th/indicators/1/series?year=2022');
    expect(s.status).toBe(200);
    const body = s.body as {
      base: number;
      target: number;
      levels: { year: number; method: string; explanation?: string }[];
      growth: { year: number; value: number }[];
      incomparable: { scope?: string }[];
    };
    expect(body.base).toBe(503.2);
    expect(body.target).toBe(700);
    expect(body.levels[0]).toMatchObject({ year: 2020, method: 'base' });
    expect(body.levels.at(-1)).toMatchObject({ year: 2022, method: 'chained' });
    expect(body.growth).toEqual([
      { year: 2021, value: 8.5 },
      { year: 2022, value: 4.3 },
    ]);
    expect(body.incomparable.map((o) => o.scope)).toEqual(['管理口径（秀洲区剔除嘉北街道、塘汇街道）', '小口径']);
    expect((await get('/api/v1/plans/xiuzhou-14th/indicators/999/series')).status).toBe(404);
  });
});
